import type { Actor } from '../../../common/domain/actor';
import type { AppInfo, Channel } from '../../../common/ipc/contract';
import { failure } from '../../../common/ipc/result';
import type { CoreServices } from '../../core/core-services';
import type { HandlerContext, Handlers } from '../dispatcher';

/** What only the host can do: Electron's shell and dialogs, or the Chromium host's stand-ins. */
export interface HostShell {
  openExternal(url: string): Promise<void>;
  /** The OS file dialog for scans (PDF/JPG/PNG); returns chosen paths, [] when cancelled. */
  pickFiles(): Promise<string[]>;
  /**
   * Opens a PDF the user exported to a folder of their own (clear there by intent: the report
   * export) in the OS viewer; false when it could not be opened. Never given a kept document:
   * those are sealed and print from memory through `printKept`.
   */
  openPdf(path: string): Promise<boolean>;
  /**
   * Told of each kept document offered to the print view, by its sealed path (the Chromium host's
   * record for its tests, which may also hold the print as a slow first render would).
   */
  printing?(keptPath: string): Promise<void>;
  /** The OS folder dialog; the chosen folder, null when cancelled (or no dialog in this host: the IPC tests). */
  pickFolder?(): Promise<string | null>;
  /** Opens a folder in the OS file manager (handlers pass only the configured signed-files folder). */
  openPath?(path: string): Promise<boolean>;
}

export interface HandlerEnv {
  readonly core: CoreServices;
  readonly shell: HostShell;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
}

export type AreaHandlers<C extends Channel> = Pick<Handlers, C>;

/**
 * Offers a document the app keeps (sealed at rest) to the renderer's print view: a token for
 * `print.document`, which unseals it in memory. Nothing clear is written for a print, and the OS
 * viewer (which needs a file) is not involved.
 */
export async function printKept(env: HandlerEnv, keptPath: string): Promise<{ document: { token: string; name: string } }> {
  await env.shell.printing?.(keptPath);
  return { document: env.core.printOffers.offer(keptPath) };
}

/** The signed-in officer as the actor of a call; the dispatcher has already refused anonymous calls to non-public channels. */
export async function actorOf(env: HandlerEnv, ctx: HandlerContext): Promise<Actor> {
  if (!ctx.officer) throw failure('forbidden', 'auth.signInRequired');
  return env.core.actorOf({ officerId: ctx.officer.officerId, fullName: ctx.officer.fullName, roles: [...ctx.officer.roles] });
}
