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
   * Opens the OS print dialog for a PDF; false when the officer cancelled. Handlers print kept
   * documents through `printKept` (a viewer copy): the kept files are sealed.
   */
  printPdf(path: string): Promise<boolean>;
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

/** Prints a document the app keeps (sealed at rest) through a plain viewer copy: never the kept path itself. */
export async function printKept(env: HandlerEnv, keptPath: string): Promise<boolean> {
  return env.shell.printPdf(await env.core.docs.viewerCopy(keptPath));
}

/** The signed-in officer as the actor of a call; the dispatcher has already refused anonymous calls to non-public channels. */
export async function actorOf(env: HandlerEnv, ctx: HandlerContext): Promise<Actor> {
  if (!ctx.officer) throw failure('forbidden', 'auth.signInRequired');
  return env.core.actorOf({ officerId: ctx.officer.officerId, fullName: ctx.officer.fullName, roles: [...ctx.officer.roles] });
}
