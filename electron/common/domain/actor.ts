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
