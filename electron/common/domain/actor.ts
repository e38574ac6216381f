import type { Role } from '../ipc/roles';

/**
 * The signed-in officer on whose behalf a service call changes data or reads citizens' data.
 * Every entry point (app, Chromium host, CLI) builds one from its sign-in and passes it down;
 * services record `officerId` on every row and audit entry they write.
 */
export interface Actor {
  readonly officerId: string;
  readonly fullName: string;
  readonly roles: readonly Role[];
  /** This PC's counter when the actor acts at it (null before the unit is set up). */
  readonly counterId: string | null;
}

/** Background work no officer started (timers, sync pulls): audited as the system, never for citizen-facing changes. */
export const SYSTEM_ACTOR: Actor = { officerId: 'system', fullName: 'Hệ thống', roles: [], counterId: null };

/**
 * A first run with nobody to sign in (no officer exists on this PC): connecting it to the province.
 * Audited under this id; the service re-checks that the PC is still fresh before acting as it.
 */
export const FIRST_RUN_ACTOR: Actor = { officerId: 'first-run-setup', fullName: 'Thiết lập ban đầu', roles: ['admin'], counterId: null };
