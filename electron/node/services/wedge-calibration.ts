import type { Actor } from '../../common/domain/actor';
import { calibratedGap } from '../../common/domain/wedge-timing';
import { failure } from '../../common/ipc/result';
import type { SettingsService } from '../settings/settings-service';

/**
 * Cài đặt → Thiết bị: the keyboard-wedge threshold of this PC, learnt from the gaps of one test
 * scan. The bounds and the margin are decided here (wedge-timing.ts), not by the window that
 * measured the gaps, so no caller can store a threshold that would take a person for a scanner.
 */
export async function calibrateWedge(settings: SettingsService, gapsMs: readonly number[], actor: Actor): Promise<{ gapMs: number; measuredMs: number }> {
  const c = calibratedGap(gapsMs);
  if (!c.ok) throw failure('invalid_input', c.reason.key, c.reason.params);
  await settings.set('devices.wedgeGapMs', String(c.gapMs), actor);
  return { gapMs: c.gapMs, measuredMs: c.measuredMs };
}

/** Back to the default threshold (a scanner replaced, or a calibration the officer does not trust). */
export async function resetWedge(settings: SettingsService, actor: Actor): Promise<{ gapMs: null }> {
  await settings.set('devices.wedgeGapMs', null, actor);
  return { gapMs: null };
}
