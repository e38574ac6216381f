import type { Command } from 'commander';
import { failure } from '../common/ipc/result';
import { dataLayout } from '../node/config/paths';
import type { CliContext } from './motcua';
import { say } from './cli-locale';

/** `motcua db key-export | key-import`: the paper copy of the database key, and the way back with it. */
export function registerDbKeyCommands(db: Command, ctx: CliContext): void {
  // The vault and the key code load only when these commands run (the CLI starts without them).
  const vault = async () => {
    const c = await import('./cli-core');
    return c.keyVault(ctx.dataDir(), c.cliAdapters(ctx.dataDir()).secretStores ?? []);
  };
  db.command('key-export')
    .description(say('in khóa mã hóa cơ sở dữ liệu để cất giữ trên giấy hoặc USB (chỉ quản trị viên; có ghi nhật ký)', 'print the database encryption key to keep on paper or a USB drive (admins only; written to the audit log)'))
    .action(async () => {
      const { exportBackupKey } = await import('../node/db/key-backup');
      const text = await exportBackupKey(await vault(), dataLayout(ctx.dataDir()).dbPath);
      await ctx.core().store.audit({ actor: ctx.actor().officerId, action: 'db.keyExport', subject: 'db.key' });
      ctx.io.out(text);
      ctx.io.err(say('Cất khóa này nơi an toàn (két, phong bì niêm phong): ai có nó và bản sao dữ liệu sẽ đọc được hồ sơ.', 'Keep this key somewhere safe (a safe, a sealed envelope): whoever holds it and a copy of the data can read the dossiers.'));
    });
  db.command('key-import')
    .description(say('khôi phục khóa mã hóa từ bản dự phòng (biến môi trường chứa khóa); chỉ nhận khóa mở được cơ sở dữ liệu', 'restore the encryption key from its backup (an environment variable holding the key); only a key that opens the database is accepted'))
    .requiredOption('--key-env <VAR>', say('biến môi trường chứa khóa MCK2-…', 'environment variable holding the MCK2-… key'))
    .action(async (o: { keyEnv: string }) => {
      const text = process.env[o.keyEnv];
      if (!text) throw failure('invalid_input', 'cli.envEmpty', { name: o.keyEnv });
      const { importBackupKey } = await import('../node/db/key-backup');
      await importBackupKey(await vault(), dataLayout(ctx.dataDir()).dbPath, text);
      ctx.io.out(say('Đã khôi phục khóa mã hóa: cơ sở dữ liệu mở lại được trên máy này.', 'The encryption key is restored: the database opens again on this PC.'));
    });
}
