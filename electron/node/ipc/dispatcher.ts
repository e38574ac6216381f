import type { z } from 'zod';
import { issueDetail } from '../../common/domain/zod-locale';
import { contract, type Channel, type Contract, type Output } from '../../common/ipc/contract';
import { failWith, ok, toAppError, AppFailure, type Result } from '../../common/ipc/result';
import { ROLE_NAMES } from '../core/authorize';
import { errorCode, type Logger } from '../log/logger';
import { DISPLAY_CHANNELS } from '../../common/ipc/display-contract';
import { CHANNEL_ACCESS, channelAllowed, FIRST_RUN_CHANNELS, type Role } from '../../common/ipc/access';

/** Who sent a message, as each host can tell it: Electron's senderFrame, or Playwright's binding source. */
export interface SenderInfo {
  readonly url: string | null | undefined;
  readonly isMainFrame: boolean;
  /** The window it came from: the officer's app window (default) or the citizen display. */
  readonly window?: 'app' | 'display';
}

export interface HandlerContext {
  readonly sender: SenderInfo;
  /** The officer signed in at this counter, when there is one (public channels may have none). */
  readonly officer: { readonly officerId: string; readonly fullName: string; readonly roles: readonly Role[] } | null;
}

export type Handlers = {
  readonly [C in Channel]: (input: z.output<Contract[C]['input']>, ctx: HandlerContext) => Promise<Output<C>>;
};

/**
 * Accepts only our exact origin and only the top frame (VS Code's validateEvent). `new URL`
 * compares whole origins, so `app://motcua.evil` or `https://desk.motcua.invalid.attacker` fail.
 */
export function isTrustedSender(sender: SenderInfo, allowedOrigin: string): boolean {
  if (!sender.isMainFrame || !sender.url) return false;
  try {
    const u = new URL(sender.url);
    if (u.username || u.password) return false;
    const origin = u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
    return origin === allowedOrigin;
  } catch {
    return false;
  }
}

/**
 * The session as the dispatcher needs it for the idle lock (SessionService): close it when idle
 * before a call, and hear of each successful call.
 */
export interface SessionGate {
  expireIfIdle(): Promise<{ expired: false } | { expired: true; minutes: number }>;
  touch(): void;
}

/** The typed refusal of a channel whose session main has just closed for inactivity. */
export const idleExpired = (minutes: number) => failWith('forbidden', 'auth.idleLocked', { minutes });

export interface Dispatcher {
  dispatch(sender: SenderInfo, channel: string, input: unknown): Promise<Result<unknown>>;
}

/**
 * The one wrapper every channel goes through, in Electron and in the Chromium host alike:
 * sender check, input schema, handler, output schema, errors as values, a log line without payloads.
 */
export function createDispatcher(
  handlers: Handlers,
  opts: {
    allowedOrigin: string;
    log: Logger;
    officer?: () => HandlerContext['officer'];
    session?: SessionGate;
    /** Whether this PC has no officer at all: opens the contract's `firstRun` rows without a sign-in. */
    noOfficerYet?: () => Promise<boolean>;
  },
): Dispatcher {
  return {
    async dispatch(sender, channel, input) {
      const t0 = Date.now();
      const done = (r: Result<unknown>) => {
        opts.log.info('ipc', { channel, ms: Date.now() - t0, result: r.ok ? 'ok' : r.error.code });
        return r;
      };
      if (!isTrustedSender(sender, opts.allowedOrigin)) {
        opts.log.warn('ipc refused: untrusted sender', { channel, origin: safeOrigin(sender.url), mainFrame: sender.isMainFrame });
        return done(failWith('bad_sender', 'ipc.badSender'));
      }
      if (!Object.hasOwn(contract, channel)) return done(failWith('unknown_channel', 'ipc.unknownChannel', { channel }));
      const c = channel as Channel;
      // The citizen display reaches its own rows and nothing else; the officer's window never reaches them.
      if ((sender.window === 'display') !== DISPLAY_CHANNELS.has(c)) {
        opts.log.warn('ipc refused: window', { channel, window: sender.window ?? 'app' });
        return done(failWith('forbidden', 'ipc.wrongWindow'));
      }
      // Idle first: an expired session is closed before any channel, public ones included, sees it.
      const idle = (await opts.session?.expireIfIdle()) ?? { expired: false };
      const officer = opts.officer?.() ?? null;
      const access = CHANNEL_ACCESS[c];
      // The officers table is read only for a first-run row called without a sign-in.
      const noOfficerYet = !officer && FIRST_RUN_CHANNELS.has(c) ? ((await opts.noOfficerYet?.()) ?? false) : false;
      if (!channelAllowed(c, officer?.roles ?? null, { noOfficerYet })) {
        opts.log.warn('ipc refused: role', { channel, role: access });
        if (idle.expired) return done(idleExpired(idle.minutes));
        return done(officer ? failWith('forbidden', 'auth.roleMissing', { role: access, roleName: ROLE_NAMES[access as Role] }) : failWith('forbidden', 'auth.signInRequired'));
      }
      const parsed = contract[c].input.safeParse(input);
      if (!parsed.success) {
        const details = parsed.error.issues.map(issueDetail);
        return done(failWith('invalid_input', 'ipc.invalidInput', undefined, details));
      }
      try {
        const handler = handlers[c] as (i: unknown, ctx: HandlerContext) => Promise<unknown>;
        const value = await handler(parsed.data, { sender, officer });
        const out = contract[c].output.safeParse(value);
        if (!out.success) {
          opts.log.error('ipc handler returned a value outside the contract', { channel });
          return done(failWith('invalid_output', 'ipc.invalidOutput'));
        }
        // Activity is a call that succeeded; refused or failed calls do not keep a session open.
        opts.session?.touch();
        return done(ok(out.data));
      } catch (e) {
        // The code only: an error's message can hold file names and citizens' data.
        if (!(e instanceof AppFailure)) opts.log.error('ipc handler threw', { channel, error: errorCode(e) });
        return done({ ok: false, error: toAppError(e) });
      }
    },
  };
}

function safeOrigin(url: string | null | undefined): string {
  try {
    return url ? new URL(url).origin : '(none)';
  } catch {
    return '(malformed)';
  }
}
