import type { Command } from 'commander';
import { failure } from '../common/ipc/result';
import type { OfficerView } from '../node/officers/officer-service';
import type { CliContext } from './motcua';
import { cliLocale, helpFlagText, jsonFlagText, noticeText, say } from './cli-locale';

/** A command group another module created (`unit`, `officer`): new subcommands join it instead of shadowing it. */
function group(program: Command, name: string): Command {
  const g = (program.commands as Command[]).find((c) => c.name() === name);
  if (!g) throw new Error(`command group ${name} is not registered`);
  return g;
}

/** A secret or password from the variable IT named: never on the command line (shell history, `ps`). */
function fromEnv(name: string, what: 'cli.what.secret' | 'cli.what.newPassword'): string {
  const v = process.env[name];
  if (!v) throw failure('invalid_input', 'cli.envMissing', { name, what: { key: what } });
  // Nothing this process starts later inherits it.
  delete process.env[name];
  return v;
}

const accountLine = (o: OfficerView) => `${o.officerId}\t${o.username}\t${o.fullName}\t${o.roles.join(',')}\t${o.active ? say('đang hoạt động', 'active') : say('đã ngừng', 'inactive')}`;

/** IT's setup of a counter: the provincial API (`api`), the unit from the province (`unit pull`), officer accounts. */
export function registerSetupCommands(program: Command, ctx: CliContext): void {
  const api = program.command('api').description(say('kết nối máy chủ hồ sơ của tỉnh', "the connection to the province's dossier server")).helpOption('-h, --help', helpFlagText());
  api
    .command('set')
    .description(say('lưu địa chỉ máy chủ tỉnh và thông tin thiết bị; khóa bí mật được niêm phong (kho khóa của hệ điều hành, hoặc tệp khóa)', "save the provincial server's address and this device's credentials; the secret is sealed (in the operating system's keyring, or the key file)"))
    .requiredOption('--url <url>', say('địa chỉ API, https (http chỉ cho máy chủ trên chính máy này)', 'API address, https (http only for a server on this same PC)'))
    .requiredOption('--client-id <id>', say('mã thiết bị (client_id) tỉnh cấp cho máy này', 'the device id (client_id) the province issued to this PC'))
    .requiredOption('--client-secret-env <VAR>', say('biến môi trường chứa khóa bí mật (client_secret)', 'environment variable holding the secret (client_secret)'))
    .option('--json', jsonFlagText())
    .action(async (o: { url: string; clientId: string; clientSecretEnv: string; json?: boolean }) => {
      const secret = fromEnv(o.clientSecretEnv, 'cli.what.secret');
      const core = ctx.core();
      const saved = await core.apiSetup.configure(ctx.actor(), { apiUrl: o.url, clientId: o.clientId, clientSecret: secret });
      if (o.json) return ctx.printJson(saved);
      ctx.io.out(say(`Đã lưu máy chủ tỉnh ${saved.apiUrl}, mã thiết bị ${saved.clientId}.`, `Provincial server ${saved.apiUrl} saved, device id ${saved.clientId}.`));
      ctx.io.out(say(`Khóa bí mật lưu trong ${noticeText(saved.where)}.`, `The secret is kept in ${noticeText(saved.where)}.`));
      if (saved.warning) ctx.io.out(`${say('Cảnh báo', 'Warning')}: ${noticeText(saved.warning)}`);
      const { countOfficers } = await import('../node/officers/officer-repo');
      const fresh = (await core.store.exec('cli.officers', (db) => countOfficers(db))) === 0;
      ctx.io.out(
        fresh
          ? say(
              'Tiếp theo: quản trị viên của tỉnh đăng nhập (MOTCUA_OFFICER, MOTCUA_PASSWORD) và chạy motcua api test, rồi motcua unit pull --counter <mã quầy>.',
              "Next: the province's administrator signs in (MOTCUA_OFFICER, MOTCUA_PASSWORD) and runs motcua api test, then motcua unit pull --counter <counter id>.",
            )
          : say(
              'Từ nay đăng nhập được kiểm tra trên máy chủ tỉnh khi kết nối được: tài khoản tỉnh không chấp nhận sẽ bị từ chối. Kiểm tra: motcua api test.',
              'From now on sign-in is checked at the provincial server whenever it answers: an account the province refuses is refused. Check: motcua api test.',
            ),
      );
    });
  api
    .command('show')
    .description(say('in cấu hình máy chủ tỉnh và nơi giữ khóa bí mật (không bao giờ in khóa)', 'print the provincial server settings and where the secret is kept (never the secret itself)'))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const s = await ctx.core().apiSetup.state();
      if (o.json) return ctx.printJson(s);
      ctx.io.out(say(`Máy chủ tỉnh: ${s.apiUrl ?? 'chưa cấu hình'}${s.fromEnv.apiUrl ? ' (từ MOTCUA_API_URL)' : ''}`, `Provincial server: ${s.apiUrl ?? 'not configured'}${s.fromEnv.apiUrl ? ' (from MOTCUA_API_URL)' : ''}`));
      ctx.io.out(say(`Mã thiết bị: ${s.clientId ?? 'chưa cấu hình'}${s.fromEnv.clientId ? ' (từ MOTCUA_CLIENT_ID)' : ''}`, `Device id: ${s.clientId ?? 'not configured'}${s.fromEnv.clientId ? ' (from MOTCUA_CLIENT_ID)' : ''}`));
      const where = noticeText(s.secret.where);
      ctx.io.out(
        say(
          `Khóa bí mật: ${s.fromEnv.clientSecret ? 'từ MOTCUA_CLIENT_SECRET' : s.secret.stored ? `lưu trong ${where}` : 'chưa lưu'}`,
          `Secret: ${s.fromEnv.clientSecret ? 'from MOTCUA_CLIENT_SECRET' : s.secret.stored ? `kept in ${where}` : 'not saved'}`,
        ),
      );
      if (s.secret.stored && s.secret.warning) ctx.io.out(`${say('Cảnh báo', 'Warning')}: ${noticeText(s.secret.warning)}`);
    });
  api
    .command('test')
    .description(say('kiểm tra kết nối tới máy chủ tỉnh (độ trễ) và thông tin thiết bị (xin phiên làm việc)', 'test the connection to the provincial server (latency) and the device credentials (by asking for a session)'))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const t = await ctx.core().apiSetup.test();
      if (o.json) ctx.printJson(t);
      else for (const line of cliLocale() === 'en' ? t.linesEn : t.lines) ctx.io.out(line);
      if (!t.ok) throw failure('conflict', t.reachable ? 'cli.apiRefused' : 'cli.apiUnreachable');
    });

  group(program, 'unit')
    .command('pull')
    .description(say('lấy tên đơn vị, giờ làm việc và khối số ngoại tuyến của quầy từ máy chủ tỉnh (và bộ phận một cửa nếu máy chủ có)', "fetch the unit's name, its working hours and the counter's offline number block from the provincial server (and the one-stop desk, when the server has it)"))
    .requiredOption('--counter <counterId>', say('mã quầy của máy này, ví dụ Q01', "this PC's counter id, e.g. Q01"))
    .option('--code <unitCode>', say('mã đơn vị (mặc định: đơn vị đã cấu hình, hoặc đơn vị của tài khoản vừa đăng nhập)', 'unit code (default: the configured unit, or the unit of the account just signed in)'))
    .option('--json', jsonFlagText())
    .action(async (o: { counter: string; code?: string; json?: boolean }) => {
      const core = ctx.core();
      const p = await core.units.pull(ctx.actor(), { counterId: o.counter, unitCode: o.code ?? null, fallbackUnitCode: core.session.officer?.unitCode ?? null });
      if (o.json) return ctx.printJson(p);
      const block = p.unit.offlineBlock ? `${p.unit.offlineBlock.from}–${p.unit.offlineBlock.to}` : say('không có', 'none');
      ctx.io.out(
        say(
          `Đã lấy từ máy chủ tỉnh: ${p.unit.unitCode} — ${p.unit.unitName}, quầy ${p.unit.counterId}, khối số ngoại tuyến ${block}.`,
          `From the provincial server: ${p.unit.unitCode} — ${p.unit.unitName}, counter ${p.unit.counterId}, offline block ${block}.`,
        ),
      );
      const hours = p.workHours?.map((h) => `${h.from}–${h.to}`).join(', ');
      ctx.io.out(say(`Giờ làm việc: ${hours ?? 'mặc định'}.`, `Working hours: ${hours ?? 'default'}.`));
      ctx.io.out(
        p.deskFromProvince
          ? say(
              `Bộ phận một cửa (từ tỉnh): ${p.desk.deskName ?? '—'}; địa danh: ${p.desk.place ?? '—'}; điện thoại: ${p.desk.phone ?? '—'}.`,
              `One-stop desk (from the province): ${p.desk.deskName ?? '—'}; place: ${p.desk.place ?? '—'}; phone: ${p.desk.phone ?? '—'}.`,
            )
          : say(
              'Máy chủ tỉnh không gửi thông tin bộ phận một cửa: giữ cấu hình trên máy (motcua unit set --desk-name … --place … --phone …).',
              "The provincial server sends no one-stop desk details: this PC's settings stay (motcua unit set --desk-name … --place … --phone …).",
            ),
      );
    });

  const officer = group(program, 'officer');
  officer
    .command('deactivate')
    .description(say('ngừng tài khoản cán bộ trên máy này ngay (cả đăng nhập ngoại tuyến)', "deactivate an officer's account on this PC at once (offline sign-in too)"))
    .argument('<officerId>', say('mã cán bộ', 'officer id'))
    .option('--json', jsonFlagText())
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await ctx.core().officers.deactivate(ctx.actor(), id);
      if (o.json) return ctx.printJson(r);
      ctx.io.out(accountLine(r));
    });
  officer
    .command('activate')
    .description(say('mở lại tài khoản đã ngừng trên máy này (cán bộ đăng nhập trực tuyến, hoặc đặt mật khẩu mới khi không có máy chủ tỉnh)', 'reactivate a deactivated account on this PC (the officer signs in online, or is given a new password when there is no provincial server)'))
    .argument('<officerId>', say('mã cán bộ', 'officer id'))
    .option('--json', jsonFlagText())
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await ctx.core().officers.activate(ctx.actor(), id);
      if (o.json) return ctx.printJson(r);
      ctx.io.out(accountLine(r));
    });
  officer
    .command('roles')
    .description(say('đổi vai trò của cán bộ trên máy này (không bỏ được vai trò quản trị của quản trị viên cuối cùng)', "change an officer's roles on this PC (the last admin cannot lose the admin role)"))
    .argument('<officerId>', say('mã cán bộ', 'officer id'))
    .requiredOption('--roles <list>', say('vai trò, cách nhau bằng dấu phẩy: officer, supervisor, admin', 'roles, comma-separated: officer, supervisor, admin'))
    .option('--json', jsonFlagText())
    .action(async (id: string, o: { roles: string; json?: boolean }) => {
      const r = await ctx.core().officers.setRoles(ctx.actor(), id, o.roles.split(','));
      if (o.json) return ctx.printJson(r);
      ctx.io.out(accountLine(r));
    });
  officer
    .command('reset-password')
    .description(say('đặt mật khẩu mới cho tài khoản trên máy này (khi không dùng máy chủ tỉnh); mật khẩu lấy từ biến môi trường', 'set a new password for an account on this PC (when no provincial server is used); the password comes from an environment variable'))
    .argument('<officerId>', say('mã cán bộ', 'officer id'))
    .requiredOption('--password-env <VAR>', say('biến môi trường chứa mật khẩu mới', 'environment variable holding the new password'))
    .option('--json', jsonFlagText())
    .action(async (id: string, o: { passwordEnv: string; json?: boolean }) => {
      const r = await ctx.core().officers.resetPassword(ctx.actor(), id, fromEnv(o.passwordEnv, 'cli.what.newPassword'));
      if (o.json) return ctx.printJson(r);
      ctx.io.out(say(`Đã đặt mật khẩu mới cho ${r.username}.`, `New password set for ${r.username}.`));
    });
}
