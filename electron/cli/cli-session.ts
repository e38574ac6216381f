import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Actor } from '../common/domain/actor';
import { cliCommandAccess, cliFirstRun } from '../common/ipc/access';
import { failure } from '../common/ipc/result';
import type { CoreServices } from '../node/core/core-services';
import { say } from './cli-locale';
import type { CliIo } from './motcua';

const SETUP_ACTOR: Actor = { officerId: 'cli-setup', fullName: 'Thiết lập ban đầu', roles: ['admin'], counterId: null };

/** "dossier void" for `motcua dossier void …`: the key of the CLI access table. */
export function commandPath(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x?.parent; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

/** Only a terminal gets a prompt; scripts must pass MOTCUA_OFFICER / MOTCUA_PASSWORD. */
async function prompt(io: CliIo): Promise<{ user: string; password: string } | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const ask = (q: string, hidden: boolean) =>
    new Promise<string>((resolve) => {
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
      // The password is never echoed: the prompt is written once, keystrokes are not.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => (hidden && s !== q ? undefined : write(s));
      rl.question(q, (a) => resolve(a));
    });
  try {
    const user = (await ask(say('Tên đăng nhập: ', 'Username: '), false)).trim();
    const password = await ask(say('Mật khẩu: ', 'Password: '), true);
    io.err('');
    return user && password ? { user, password } : null;
  } finally {
    rl.close();
  }
}

/**
 * Signs in for one command, by the same access table and role rule as the app's channels, and
 * through the same session as the app: online against the province when it answers (a
 * deactivated or re-passworded officer is refused), offline against the local verifier otherwise.
 * Public commands need nobody. A PC where no officer exists yet has nothing to protect: IT may
 * connect it to the province (`api set`; the province's admin then signs in online) or, without
 * a provincial API, create the very first local admin (`officer add`).
 */
export async function signInFor(path: string, dbPath: string, openCore: () => Promise<CoreServices>, io: CliIo): Promise<Actor | null> {
  const access = cliCommandAccess(path);
  if (access === null) throw failure('forbidden', 'auth.noRule', { command: path });
  if (access === 'public') return null;
  // A data directory with no database yet has nothing to protect: IT may create and migrate it.
  if (path === 'db migrate' && !existsSync(dbPath)) return SETUP_ACTOR;
  const core = await openCore();
  const { countOfficers } = await import('../node/officers/officer-repo');
  const fresh = (await core.store.exec('cli.officers', (db) => countOfficers(db))) === 0;
  const province = Boolean(await core.settings.apiUrl());
  if (fresh && (cliFirstRun(path) || (path === 'officer add' && !province))) return SETUP_ACTOR;
  const given = process.env.MOTCUA_OFFICER && process.env.MOTCUA_PASSWORD ? { user: process.env.MOTCUA_OFFICER, password: process.env.MOTCUA_PASSWORD } : await prompt(io);
  if (!given) throw failure('forbidden', fresh && province ? 'auth.firstAdminOnline' : 'auth.cliSignIn', { command: path });
  const officer = await core.session.login(given.user, given.password);
  core.authorize({ command: path }, officer.roles);
  return core.actorOf({ officerId: officer.officerId, fullName: officer.fullName, roles: [...officer.roles] });
}
