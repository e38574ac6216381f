import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

// `motcua sync --once` runs the sync service's own "sync now" (SyncService.syncOnce); with no
// provincial server anywhere, the command line's refusal names the three ways to give one, in the
// officer's language.
describe('motcua sync --once without a provincial server', () => {
  const t = tempDir('motcua-sync-none-');
  const dataDir = join(t.dir, 'MotCuaDesk');
  // Never a developer's real keyring, nor an API address from the shell that runs the tests.
  const env = cliAdmin(dataDir, { MOTCUA_SECRET_STORE: 'key-file', MOTCUA_API_URL: '' });
  afterAll(() => t.cleanup());

  it('is refused in Vietnamese, and in English with MOTCUA_LANG=en, naming motcua api set, MOTCUA_API_URL and --api', () => {
    const vi = motcua(['sync', '--once', '--data-dir', dataDir], env);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toContain('Chưa cấu hình máy chủ tỉnh: motcua api set …, hoặc đặt MOTCUA_API_URL, hoặc dùng --api.');
    const en = motcua(['sync', '--once', '--data-dir', dataDir], { ...env, MOTCUA_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('No provincial server is configured: motcua api set …, or set MOTCUA_API_URL, or use --api.');
  });
});
