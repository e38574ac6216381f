import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/common/domain/actor';
import { doctorReportSchema, type DoctorCheck } from '../../electron/common/domain/doctor';
import { openCoreServices, type CoreServices } from '../../electron/node/core/core-services';
import { silentLogger } from '../../electron/node/log/logger';
import { tokenModuleCheck, trustDirCheck } from '../../electron/node/services/setup-checks';
import { cliAdmin, motcuaAsync } from '../helpers/cli';
import { SOFTHSM_MODULE } from '../helpers/softhsm';
import { CLIENT, referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const SETUP: Actor = { officerId: 'cli-setup', fullName: 'Thiết lập ban đầu', roles: ['admin'], counterId: null };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null };
const byId = (rows: readonly DoctorCheck[]) => Object.fromEntries(rows.map((c) => [c.id, c]));

describe('doctor and start-of-day rows: unit at the province, clock against the server, token module, trust folder', { timeout: 180_000 }, () => {
  const t = tempDir('motcua-setup-checks-');
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let skewMs = 0;
  let core: CoreServices;
  beforeAll(async () => {
    server = await referenceServer(t.dir);
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    core = await openCoreServices(dataDir, { log: silentLogger, pdf: 'in-process', now: () => new Date(Date.now() + skewMs) });
  });
  afterAll(async () => {
    await core?.close();
    await server?.close();
    t.cleanup();
  });

  it('without a provincial API both rows say so, in Vietnamese and English', async () => {
    const rows = byId(await core.provinceChecks());
    expect(rows['unit-province']).toMatchObject({ status: 'unconfigured', detail: 'chưa cấu hình máy chủ tỉnh', en: { label: 'Unit at the provincial server', detail: 'no provincial server configured' } });
    expect(rows['clock-server']).toMatchObject({ status: 'unconfigured', label: 'Đồng hồ so với máy chủ tỉnh' });
  });

  it('the configured unit and counter exist at GET /units; an unknown counter or unit fails with what to do', async () => {
    await core.apiSetup.configure(SETUP, { apiUrl: server.url, ...CLIENT });
    expect(byId(await core.provinceChecks())['unit-province']).toMatchObject({ status: 'unconfigured', detail: expect.stringContaining('chưa cấu hình đơn vị') });
    await core.store.setUnitIdentity(UNIT, 'qt01');
    const ok = byId(await core.provinceChecks());
    expect(ok['unit-province']).toMatchObject({ status: 'ok', detail: '000.00.01.H22 — UBND xã Tân Phú, quầy Q01: khớp với máy chủ tỉnh' });
    expect(ok['clock-server']).toMatchObject({ status: 'ok', detail: 'khớp với máy chủ tỉnh (lệch dưới 2 phút)' });
    await core.store.setUnitIdentity({ ...UNIT, counterId: 'Q99' }, 'qt01');
    expect(byId(await core.provinceChecks())['unit-province']).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^máy chủ tỉnh không có quầy Q99 của đơn vị 000\.00\.01\.H22 \(có: Q01/) });
    await core.store.setUnitIdentity({ ...UNIT, unitCode: '000.00.99.H22' }, 'qt01');
    expect(byId(await core.provinceChecks())['unit-province']).toMatchObject({ status: 'fail', detail: 'máy chủ tỉnh không có đơn vị 000.00.99.H22: kiểm tra mã đơn vị (motcua unit pull)' });
    await core.store.setUnitIdentity(UNIT, 'qt01');
  });

  it('a clock more than 2 minutes off the server\'s Date header is a warning that says which way', async () => {
    skewMs = 5 * 60_000;
    try {
      const fast = byId(await core.provinceChecks())['clock-server']!;
      expect(fast.status).toBe('warn');
      expect(fast.detail).toMatch(/^đồng hồ máy nhanh (29\d|30\d) giây so với máy chủ tỉnh \(quá 2 phút\): chỉnh giờ của máy$/);
      expect(fast.en?.detail).toMatch(/ahead of the provincial server/);
      skewMs = -3 * 60_000;
      expect(byId(await core.provinceChecks())['clock-server']).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^đồng hồ máy chậm 1[78]\d giây/) });
      skewMs = 60_000;
      expect(byId(await core.provinceChecks())['clock-server']!.status).toBe('ok');
    } finally {
      skewMs = 0;
    }
  });

  it('the province gone: both rows warn that they could not be checked, never throw', async () => {
    // A port that was free a moment ago: nothing listens, so the connection is refused (not a port fetch bars).
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await core.apiSetup.configure(SETUP, { apiUrl: `http://127.0.0.1:${closed}/api`, ...CLIENT });
    const rows = byId(await core.provinceChecks());
    expect(rows['unit-province']!.status).toBe('warn');
    expect(rows['unit-province']!.detail).toMatch(/^chưa kiểm tra được/);
    expect(rows['clock-server']!.status).toBe('warn');
    // The refusal is worded from its errno code, naming the address, in each language (not Node's English).
    expect(rows['clock-server']).toMatchObject({ detail: `chưa so được: 127.0.0.1:${closed} từ chối kết nối`, en: { detail: `not compared: 127.0.0.1:${closed} refused the connection` } });
    await core.apiSetup.configure(SETUP, { apiUrl: server.url, ...CLIENT });
  });

  it('token row: a configured module is probed (missing file, not a library, loads); the trust folder is read', async () => {
    expect(await tokenModuleCheck('/nonexistent/libvnpt-pkcs11.so')).toMatchObject({ status: 'fail', detail: expect.stringContaining('không có tệp /nonexistent/libvnpt-pkcs11.so') });
    const junk = join(t.dir, 'libjunk.so');
    writeFileSync(junk, 'not a library');
    expect(await tokenModuleCheck(junk)).toMatchObject({ status: 'fail', detail: expect.stringContaining(`không nạp được ${junk}`) });
    expect(await tokenModuleCheck(SOFTHSM_MODULE)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/libsofthsm2\.so: nạp được, \d+ token đang cắm$/), en: { label: 'Signing token (PKCS#11)' } });
    // Nothing configured and nothing that loads: unconfigured, said plainly.
    expect(await tokenModuleCheck(null, { registryDirs: [], platform: 'darwin', exists: () => false })).toMatchObject({ status: 'unconfigured' });

    expect(await trustDirCheck(null)).toMatchObject({ status: 'unconfigured' });
    expect(await trustDirCheck(join(t.dir, 'no-such'))).toMatchObject({ status: 'fail', detail: expect.stringContaining('Không đọc được thư mục') });
    const empty = join(t.dir, 'trust-empty');
    mkdirSync(empty);
    expect(await trustDirCheck(empty)).toMatchObject({ status: 'fail', en: { detail: expect.stringContaining('holds no certificate') } });
  });

  it('start-of-day and the core\'s doctor lines carry the new rows', async () => {
    const { startOfDay } = await import('../../electron/node/services/start-of-day');
    const rows = byId(await startOfDay({ store: core.store, printer: core.printer, scans: core.scans, audit: core.audit, dataDir: core.dataDir, now: core.now, province: () => core.provinceChecks() }));
    expect(rows['unit-province']!.status).toBe('ok');
    expect(rows['clock-server']!.status).toBe('ok');
    expect(rows.token).toBeDefined();
    expect(rows.trust).toMatchObject({ status: 'unconfigured' });
    expect(byId(await core.doctorChecks())['unit-province']!.status).toBe('ok');
  });
});

describe('motcua doctor prints the rows; MOTCUA_LANG=en words them in English', { timeout: 180_000 }, () => {
  const t = tempDir('motcua-doctor-rows-');
  const dataDir = join(t.dir, 'MotCuaDesk');
  const dd = ['--data-dir', dataDir];
  let server: Awaited<ReturnType<typeof referenceServer>>;
  beforeAll(async () => {
    server = await referenceServer(t.dir);
  });
  afterAll(async () => {
    await server?.close();
    t.cleanup();
  });

  it('unit match, clock, token module and trust folder rows in doctor --json and in both languages', async () => {
    const base = { MOTCUA_SECRET_STORE: 'key-file', CS: CLIENT.clientSecret };
    const admin = cliAdmin(dataDir, base);
    const set = await motcuaAsync(['api', 'set', '--url', server.url, '--client-id', CLIENT.clientId, '--client-secret-env', 'CS', ...dd], admin);
    expect(set.code, set.stderr).toBe(0);
    const unit = await motcuaAsync(['unit', 'set', '--code', UNIT.unitCode, '--name', UNIT.unitName, '--counter', 'Q07', ...dd], admin);
    expect(unit.code, unit.stderr).toBe(0);
    const r = await motcuaAsync(['doctor', '--json', ...dd], base);
    expect(r.code, r.stderr).toBe(0);
    const rows = byId(doctorReportSchema.parse(JSON.parse(r.stdout)).checks);
    expect(rows['unit-province']).toMatchObject({ status: 'fail', detail: expect.stringContaining('không có quầy Q07') });
    expect(rows['clock-server']!.status).toBe('ok');
    expect(rows.token).toBeDefined();
    expect(rows.trust!.status).toBe('unconfigured');
    const vi = await motcuaAsync(['doctor', ...dd], base);
    expect(vi.stdout).toMatch(/\[FAIL {8}\] Đơn vị trên máy chủ tỉnh: máy chủ tỉnh không có quầy Q07/);
    expect(vi.stdout).toMatch(/\[OK {10}\] Đồng hồ so với máy chủ tỉnh: khớp với máy chủ tỉnh/);
    const en = await motcuaAsync(['doctor', ...dd], { ...base, MOTCUA_LANG: 'en' });
    expect(en.stdout).toMatch(/\[FAIL {8}\] Unit at the provincial server: the provincial server has no counter Q07 in unit 000\.00\.01\.H22/);
    expect(en.stdout).toMatch(/\[OK {10}\] Clock against the provincial server: agrees with the provincial server/);
    expect(en.stdout).toMatch(/Trusted root certificates folder: not configured/);
  });
});
