import type { Actor } from '../../common/domain/actor';
import { failure } from '../../common/ipc/result';
import type { SettingsService } from '../settings/settings-service';

/**
 * How long a counter may sit without activity before main closes the session. Both the renderer's
 * timer and main's own check read it from here, so a bad value can never mean "never lock".
 */
export const IDLE_DEFAULT_MINUTES = 15;
/** A lock later than half a working day is no lock; a minute is the shortest that makes sense. */
export const IDLE_MIN_MINUTES = 1;
export const IDLE_MAX_MINUTES = 240;

const inRange = (n: number) => Number.isInteger(n) && n >= IDLE_MIN_MINUTES && n <= IDLE_MAX_MINUTES;

/**
 * The stored setting as minutes. Only whole minutes in range count; anything else (text, 0,
 * "1e9", "Infinity", a fraction — left by an older version or edited by hand) is the default,
 * because reading it as "no lock" would silently turn the protection off.
 */
export function parseIdleMinutes(raw: string | null): number {
  const text = raw?.trim() ?? '';
  if (!/^\d{1,4}$/.test(text)) return IDLE_DEFAULT_MINUTES;
  const n = Number(text);
  return inRange(n) ? n : IDLE_DEFAULT_MINUTES;
}

/** Sets the idle minutes through the settings service (audited); invalid values are refused, never stored. */
export async function setIdleMinutes(settings: Pick<SettingsService, 'set'>, value: number | string, actor: Actor): Promise<number> {
  const n = typeof value === 'number' ? value : /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!inRange(n)) {
    throw failure('invalid_input', 'auth.idleRange', { min: IDLE_MIN_MINUTES, max: IDLE_MAX_MINUTES });
  }
  await settings.set('auth.idleMinutes', String(n), actor);
  return n;
}
