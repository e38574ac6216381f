/**
 * `motcua`: the command line over the same services as the app (IT staff, data migration, tests).
 * Every command: `--help`, `--json` where it reports data, exit 0 on success, and on failure a
 * non-zero exit with one Vietnamese line on stderr (and a "Chi tiết: …" line when the failure has details).
 *
 * Building the program loads only commander and the command tables. Whatever a command needs
 * beyond that (the core, zod schemas, the database, devices, PDF, tokens, sync) is `import()`ed
 * when that command runs — esbuild defers those modules in the bundle — so `motcua --help` and
 * `motcua cccd parse` start about as fast as node itself.
 */
import { type Command, CommanderError } from 'commander';
import { AppFailure, errorText, failure as keyedFailure, toAppError } from '../common/ipc/result';
import { dataLayout, resolveDataDir } from '../node/config/paths';
import type { SqliteStore } from '../node/store/sqlite-store';
import { registerFormCommands } from './form-commands';
import { registerIntakeCommands } from './intake-commands';
import { registerDeviceCommands } from './device-commands';
import { registerSyncCommands } from './sync-commands';
import { registerSigningCommands } from './signing-commands';
import { registerReportCommands } from './report-commands';
import { registerSetupCommands } from './setup-commands';
import { registerAddressCommands } from './address-commands';
import { registerDbKeyCommands } from './db-key-commands';
import { APP_VERSION } from '../common/version';
import type { Actor } from '../common/domain/actor';
import type { CoreServices } from '../node/core/core-services';
import { cliLocale, helpFlagText, jsonFlagText, say } from './cli-locale';
import { WordedCommand } from './cli-usage';
import { failureLines } from './failure-lines';

type CliCore = typeof import('./cli-core');

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What every command group gets from the program: output, the data directory, and the store opened and closed around a command. */
export interface CliContext {
  readonly io: CliIo;
  readonly dataDir: () => string;
  readonly printJson: (v: unknown) => void;
  /** The one core over the data directory, opened on first use and closed when the command ends. */
  core(): CoreServices;
  /** The officer signed in for this command (checked before the command ran, against the CLI access table). */
  actor(): Actor;
  withStore<T>(fn: (store: SqliteStore, dataDir: string) => Promise<T>): Promise<T>;
}

const stdio: CliIo = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };

function printJson(io: CliIo, value: unknown) {
  io.out(JSON.stringify(value, null, 2));
}

const closers: Array<() => Promise<void>> = [];

/**
 * Commands that never open the store through the core: parsing a QR, doctor (which reads the file
 * itself) and restoring the key. The rest load the core module and unlock the database before
 * their action, so `ctx.core()` can stay synchronous.
 */
const WITHOUT_STORE = new Set(['cccd parse', 'doctor', 'db key-import']);

export function buildProgram(io: CliIo = stdio): Command {
  const program = new WordedCommand('motcua')
    .description(say('Một Cửa Desk — dòng lệnh cho quầy tiếp nhận và trả kết quả', 'Một Cửa Desk — the command line for the intake and results counter'))
    .version(APP_VERSION, '-v, --version', say('in phiên bản', 'print the version'))
    .helpOption('-h, --help', helpFlagText())
    .addHelpCommand(false)
    .option('--data-dir <dir>', say('thư mục dữ liệu (mặc định: MOTCUA_DATA_DIR hoặc thư mục của hệ điều hành)', "data folder (default: MOTCUA_DATA_DIR or the operating system's folder for app data)"))
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .showHelpAfterError(false);

  const dataDir = () => resolveDataDir(program.opts<{ dataDir?: string }>().dataDir);
  let core: CoreServices | null = null;
  let actor: Actor | null = null;
  let cliCore: CliCore | null = null;
  const loadCliCore = async (): Promise<CliCore> => (cliCore ??= await import('./cli-core'));
  let dbKey: string | null = null;
  const openCore = (): CoreServices => {
    // The core module and the database key are made ready before the command runs (the hook below).
    if (!cliCore || !dbKey) throw new Error('the core was opened before its module and the database key were ready');
    return (core ??= cliCore.createCoreServices(dataDir(), cliCore.cliAdapters(dataDir()), dbKey));
  };
  const withStore = async <T>(fn: (store: SqliteStore, dir: string) => Promise<T>): Promise<T> => fn(openCore().store, dataDir());
  // Every command passes here before it runs: one access table decides, so no command can forget to ask.
  program.hook('preAction', async (_program, command) => {
    const { commandPath, signInFor } = await import('./cli-session');
    const path = commandPath(command);
    if (!WITHOUT_STORE.has(path)) {
      const c = await loadCliCore();
      dbKey = await c.unlockDataDir(dataDir(), c.cliAdapters(dataDir()).secretStores ?? []);
    }
    actor = await signInFor(path, dataLayout(dataDir()).dbPath, async () => openCore(), io);
  });
  closers.push(async () => {
    await core?.close();
    core = null;
  });

  program
    .command('doctor')
    .description(say('kiểm tra thư mục dữ liệu, cơ sở dữ liệu, đĩa, đồng hồ, thiết bị, máy chủ tỉnh và nơi giữ khóa bí mật', 'check the data folder, database, disk, clock, devices, provincial server and where the secret is kept'))
    .option('--json', jsonFlagText())
    .action(async (opts: { json?: boolean }) => {
      // Not through the core: that would migrate and switch the journal mode, and a damaged
      // database would stop doctor before it could report anything. doctor only reads.
      const dir = dataDir();
      const { diagnose } = await import('../node/services/doctor');
      const c = await loadCliCore();
      const stores = c.cliAdapters(dir).secretStores ?? [];
      const { report, dbFailure } = await diagnose({
        dbPath: dataLayout(dir).dbPath,
        dataDir: dir,
        appVersion: APP_VERSION,
        key: () => c.doctorDbKey(dir, stores),
        extraChecks: async (store) => [await c.auditDoctorCheck(store, dir, stores), ...(await c.doctorChecksReadOnly(store, dir, stores))],
      });
      if (opts.json) printJson(io, report);
      else {
        io.out(`Một Cửa Desk ${report.appVersion}`);
        io.out(say(`Thư mục dữ liệu: ${report.dataDir}`, `Data folder: ${report.dataDir}`));
        // Every row carries its English wording: printed under MOTCUA_LANG=en.
        const en = cliLocale() === 'en';
        for (const c of report.checks) io.out(`[${c.status.toUpperCase().padEnd(12)}] ${en && c.en ? c.en.label : c.label}: ${en && c.en ? c.en.detail : c.detail}`);
      }
      // The whole report is printed first; a database the app cannot use still fails the command, for scripts.
      if (dbFailure) throw dbFailure;
    });

  const db = program.command('db').description(say('cơ sở dữ liệu cục bộ', 'the local database')).helpOption('-h, --help', helpFlagText());
  db.command('migrate')
    .description(say('áp dụng các bản nâng cấp cấu trúc cơ sở dữ liệu còn thiếu', 'apply the database schema upgrades not yet applied'))
    .option('--json', jsonFlagText())
    .action(async (opts: { json?: boolean }) => {
      const { openDatabase } = await import('../node/db/open');
      const { db: conn, migration } = openDatabase(dataLayout(dataDir()).dbPath, { migrate: true, key: dbKey });
      conn.close();
      if (opts.json) return printJson(io, migration);
      io.out(
        migration && migration.applied.length
          ? say(`Đã nâng cấp cơ sở dữ liệu từ phiên bản ${migration.from} lên ${migration.to}.`, `Database upgraded from version ${migration.from} to ${migration.to}.`)
          : say(`Cơ sở dữ liệu đã ở phiên bản mới nhất (${migration?.to ?? '?'}).`, `The database is already at the latest version (${migration?.to ?? '?'}).`),
      );
    });

  const unit = program.command('unit').description(say('đơn vị và quầy của máy này', "this PC's unit and counter")).helpOption('-h, --help', helpFlagText());
  unit
    .command('set')
    .description(say('đặt đơn vị, quầy và khối số ngoại tuyến khi chưa có máy chủ tỉnh', 'set the unit, the counter and the offline number block when there is no provincial server'))
    .requiredOption('--code <unitCode>', say('mã đơn vị, ví dụ 000.00.01.H22', 'unit code, e.g. 000.00.01.H22'))
    .requiredOption('--name <name>', say('tên đơn vị', "the unit's name"))
    .requiredOption('--counter <counterId>', say('mã quầy, ví dụ Q01', 'counter id, e.g. Q01'))
    .option('--offline-block <from-to>', say('khối số dùng khi mất mạng, ví dụ 9001-9200', 'numbers used while offline, e.g. 9001-9200'))
    .option('--desk-name <name>', say('tên bộ phận in trên phiếu, ví dụ "Bộ phận Một cửa xã Tân Phú"', 'desk name printed on the forms, e.g. "Bộ phận Một cửa xã Tân Phú"'))
    .option('--place <place>', say('địa danh ở dòng ngày tháng của phiếu, ví dụ "Tân Phú"', 'place name on the date line of the forms, e.g. "Tân Phú"'))
    .option('--phone <phone>', say('số điện thoại của bộ phận in trên phiếu', "the desk's phone number printed on the forms"))
    .option('--json', jsonFlagText())
    .action(async (opts: { code: string; name: string; counter: string; offlineBlock?: string; deskName?: string; place?: string; phone?: string; json?: boolean }) => {
      const { unitDeskSchema, unitIdentitySchema, parseOfflineBlock } = await import('../common/domain/unit');
      const { issuesFailure } = await import('../common/domain/zod-locale');
      let offlineBlock: { from: number; to: number } | null = null;
      if (opts.offlineBlock !== undefined) {
        offlineBlock = parseOfflineBlock(opts.offlineBlock);
        if (!offlineBlock) throw keyedFailure('invalid_input', 'cli.offlineBlock');
      }
      const parsed = unitIdentitySchema.safeParse({ unitCode: opts.code, unitName: opts.name, counterId: opts.counter, offlineBlock });
      if (!parsed.success) throw issuesFailure('invalid_input', parsed.error.issues);
      const deskInput = Object.fromEntries(Object.entries({ deskName: opts.deskName, place: opts.place, phone: opts.phone }).filter(([, v]) => v !== undefined));
      // Checked before anything is saved, so a bad phone number does not leave half a configuration.
      const desk = unitDeskSchema.partial().safeParse(deskInput);
      if (!desk.success) throw issuesFailure('invalid_input', desk.error.issues);
      const saved = await withStore((store) => store.setUnitIdentity(parsed.data, ctx.actor().officerId));
      // The desk is reported only when it was given, so the output of a plain `unit set` keeps its shape.
      const deskNow = Object.keys(desk.data).length ? await ctx.core().units.setDesk(ctx.actor(), desk.data) : null;
      if (opts.json) return printJson(io, deskNow ? { ...saved, desk: deskNow } : saved);
      io.out(say(`Đã lưu: ${saved.unitCode} — ${saved.unitName}, quầy ${saved.counterId}.`, `Saved: ${saved.unitCode} — ${saved.unitName}, counter ${saved.counterId}.`));
      if (deskNow) {
        io.out(
          say(
            `Bộ phận: ${deskNow.deskName ?? '(mặc định)'}; địa danh: ${deskNow.place ?? '(theo tên đơn vị)'}; điện thoại: ${deskNow.phone ?? '(không in)'}.`,
            `Desk: ${deskNow.deskName ?? '(default)'}; place: ${deskNow.place ?? "(from the unit's name)"}; phone: ${deskNow.phone ?? '(not printed)'}.`,
          ),
        );
      }
    });
  unit
    .command('show')
    .description(say('in đơn vị và quầy đang cấu hình', 'print the configured unit and counter'))
    .option('--json', jsonFlagText())
    .action(async (opts: { json?: boolean }) => {
      const u = await withStore((store) => store.getUnitIdentity());
      if (opts.json) return printJson(io, u);
      io.out(u ? say(`${u.unitCode} — ${u.unitName}, quầy ${u.counterId}`, `${u.unitCode} — ${u.unitName}, counter ${u.counterId}`) : say('Chưa cấu hình đơn vị (motcua unit set …).', 'No unit configured (motcua unit set …).'));
    });

  const devices = program.command('devices').description(say('thiết bị ngoại vi', 'peripheral devices')).helpOption('-h, --help', helpFlagText());
  devices
    .command('list')
    .description(say('liệt kê cổng nối tiếp (máy quét, máy in) với vid/pid/số sê-ri', 'list the serial ports (scanners, printers) with vid/pid/serial number'))
    .option('--json', jsonFlagText())
    .action(async (opts: { json?: boolean }) => {
      const { serialportLister } = await import('../../native/serial/serialport-lister');
      const ports = await serialportLister.list();
      if (opts.json) return printJson(io, ports);
      if (!ports.length) io.out(say('Không thấy cổng nối tiếp nào.', 'No serial port found.'));
      for (const p of ports) io.out(`${p.path}\t${p.vendorId ?? '-'}:${p.productId ?? '-'}\t${p.serialNumber ?? '-'}\t${p.manufacturer ?? ''}`);
    });

  const ctx: CliContext = {
    io,
    dataDir,
    printJson: (v) => printJson(io, v),
    core: openCore,
    actor: () => {
      if (!actor) throw keyedFailure('forbidden', 'cli.signInNeeded');
      return actor;
    },
    withStore,
  };
  registerIntakeCommands(program, ctx);
  registerFormCommands(program, ctx);
  registerDeviceCommands(program, ctx);
  registerSyncCommands(program, ctx);
  registerSigningCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerSetupCommands(program, ctx);
  registerDbKeyCommands(db, ctx);
  registerAddressCommands(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (e) {
    return await failure(e, io);
  } finally {
    for (const close of closers.splice(0)) await close().catch(() => undefined);
  }
}

async function failure(e: unknown, io: CliIo): Promise<number> {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2;
  }
  // MOTCUA_LANG=en words keyed failures in English; Vietnamese otherwise, as at the counter. A full
  // disk, a damaged database or a read-only folder met outside the store (a file write, a copy to
  // --out) is still said as what it is and what to do, never as "internal error".
  const locale = process.env.MOTCUA_LANG === 'en' ? 'en' : 'vi';
  const known = e instanceof AppFailure ? e : (await import('../node/db/db-errors')).storageFailure(e);
  // A known failure's details (a loader's own words, a field's reason) follow on a line of their own.
  const [message, details] = known ? failureLines(known, locale) : [`${errorText(toAppError(e), locale)} (${(e as Error)?.message ?? String(e)})`];
  io.err(`${locale === 'en' ? 'Error' : 'Lỗi'}: ${message}`);
  if (details) io.err(details);
  return 1;
}
