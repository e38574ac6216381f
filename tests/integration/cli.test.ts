import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../electron/common/domain/doctor';
import { cliAdmin, motcua } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';
import { tempDir } from '../helpers/tmp';

describe('motcua CLI (built bin, real data dir)', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());
  const fresh = () => {
    const t = tempDir();
    cleanup = t.cleanup;
    return t.dir;
  };

  it('doctor --json prints real values on a fresh data dir', () => {
    const dir = fresh();
    const r = motcua(['doctor', '--json', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const report = doctorReportSchema.parse(JSON.parse(r.stdout));
    expect(report.dataDir).toBe(dir);
    expect(report.dbPath).toBe(join(dir, 'motcua.sqlite3'));
    expect(report.dbVersion).toBe(report.appSchemaVersion);
    expect(report.integrity).toBe('ok');
    expect(report.freeDiskBytes).toBeGreaterThan(0);
    expect(report.clock.vietnamTime).toMatch(/\+07:00$/);
    expect(report.unit).toBeNull();
    expect(report.checks.find((c) => c.id === 'unit')?.status).toBe('unconfigured');
  });

  it('honours MOTCUA_DATA_DIR, and --data-dir wins over it', () => {
    const dir = fresh();
    const viaEnv = JSON.parse(motcua(['doctor', '--json'], { MOTCUA_DATA_DIR: dir }).stdout);
    expect(viaEnv.dataDir).toBe(dir);
    const other = join(dir, 'other');
    const viaArg = JSON.parse(motcua(['--data-dir', other, 'doctor', '--json'], { MOTCUA_DATA_DIR: dir }).stdout);
    expect(viaArg.dataDir).toBe(other);
  });

  it('unit set stores the counter identity; doctor and unit show report it', () => {
    const dir = fresh();
    const admin = cliAdmin(dir);
    const set = motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', '--offline-block', '9001-9200', '--data-dir', dir, '--json'], admin);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } });
    const show = JSON.parse(motcua(['unit', 'show', '--json', '--data-dir', dir], admin).stdout);
    expect(show.counterId).toBe('Q01');
    const doc = JSON.parse(motcua(['doctor', '--json', '--data-dir', dir]).stdout);
    expect(doc.unit).toEqual({ unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01' });
  });

  it.each([
    [['unit', 'set', '--code', 'bad code', '--name', 'X', '--counter', 'Q01'], /Mã đơn vị/],
    [['unit', 'set', '--code', 'H40.22', '--name', 'X', '--counter', 'Q01', '--offline-block', '200-100'], /Khối số ngoại tuyến/],
  ])('rejects %j with one Vietnamese line and a non-zero exit', (args, message) => {
    const dir = fresh();
    const admin = cliAdmin(dir);
    const r = motcua([...args, '--data-dir', dir], admin);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(JSON.parse(motcua(['unit', 'show', '--json', '--data-dir', dir], admin).stdout)).toBeNull();
  });

  it('a refusal reads in Vietnamese, and in English with MOTCUA_LANG=en', () => {
    const dir = fresh();
    const vi = motcua(['unit', 'show', '--data-dir', dir]);
    expect(vi.code).toBe(1);
    expect(vi.stderr.trim()).toBe('Lỗi: Lệnh "unit show" cần đăng nhập: đặt MOTCUA_OFFICER và MOTCUA_PASSWORD (hoặc chạy trong cửa sổ dòng lệnh để nhập).');
    const en = motcua(['unit', 'show', '--data-dir', dir], { MOTCUA_LANG: 'en' });
    expect(en.stderr.trim()).toBe('Error: Command "unit show" needs sign-in: set MOTCUA_OFFICER and MOTCUA_PASSWORD (or run it in a terminal to be asked).');
  });

  it('usage errors exit 2; --help exits 0 everywhere', () => {
    expect(motcua(['unit', 'set', '--code', 'X']).code).toBe(2);
    expect(motcua(['no-such-command']).code).toBe(2);
    for (const args of [['--help'], ['doctor', '--help'], ['db', '--help'], ['db', 'migrate', '--help'], ['unit', 'set', '--help'], ['devices', 'list', '--help']]) {
      const r = motcua(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: motcua/);
    }
  });

  it('db migrate upgrades, then reports it is current; a newer database is refused untouched', async () => {
    const dir = fresh();
    const first = motcua(['db', 'migrate', '--json', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ from: 0 });
    // The database now exists: migrating it again is an admin's job.
    expect(motcua(['db', 'migrate', '--data-dir', dir]).stderr).toMatch(/cần đăng nhập/);
    const again = motcua(['db', 'migrate', '--data-dir', dir], cliAdmin(dir));
    expect(again.stdout).toMatch(/đã ở phiên bản mới nhất/);
    const db = await openDataDb(dir);
    db.pragma('user_version = 500');
    db.close();
    const refused = motcua(['doctor', '--data-dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mới hơn ứng dụng/);
  });

  it('devices list --json lists serial ports with normalised ids', () => {
    const dir = fresh();
    const r = motcua(['devices', 'list', '--json', '--data-dir', dir], cliAdmin(dir));
    expect(r.code).toBe(0);
    const ports = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(ports)).toBe(true);
    for (const p of ports) {
      expect(typeof p.path).toBe('string');
      if (p.vendorId !== null) expect(p.vendorId).toMatch(/^[0-9a-f]{4}$/);
    }
  });

  it('devices list --json works without udevadm (containers, minimal installs)', () => {
    // An empty PATH: serialport's `udevadm info -e` cannot start, as on a machine without udev.
    const noTools = fresh();
    const r = motcua(['devices', 'list', '--json', '--data-dir', noTools], { ...cliAdmin(noTools), PATH: noTools });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ports = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(ports)).toBe(true);
    for (const p of ports) {
      expect(Object.keys(p).sort()).toEqual(['manufacturer', 'path', 'productId', 'serialNumber', 'vendorId']);
      expect(p.path).toMatch(/^\/dev\/tty/);
      if (p.vendorId !== null) expect(p.vendorId).toMatch(/^[0-9a-f]{4}$/);
    }
  });
});
