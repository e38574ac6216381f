import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { tempDir } from '../helpers/tmp';

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const ADDRESS = 'Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang';

describe('issue #14 over IPC: channel 3, postal return, today\'s units (real dispatcher)', () => {
  const t = tempDir('motcua-postal-ipc-');
  let app: AppServices;
  const call = async (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  beforeAll(async () => {
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    app = await testAppServices(dataDir);
    await app.seed();
    const setup = await call('auth.setup', { unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } }, admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-quan-tri' } });
    expect(setup).toMatchObject({ ok: true });
    expect(await call('auth.login', { username: 'quantri', password: 'mat-khau-quan-tri' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await app?.close();
    t.cleanup();
  });

  const draft = (extra: Record<string, unknown>) => ({
    draft: { MaTTHC: '1.001193', ChuHoSo: 'Nguyễn Văn Đức', SoGiayToChuHoSo: '001090123456', DiaChiChuHoSo: ADDRESS, TaiLieuNop: ['TP1', 'TP2', 'TP3'], ...extra },
    attachments: [],
  });

  it('names today\'s province for an address written before the 2025 reorganisation', async () => {
    expect(await call('address.currentUnits', { address: ADDRESS })).toEqual({ ok: true, value: { text: 'nay thuộc tỉnh Tuyên Quang', source: expect.stringContaining('Nghị quyết 202/2025/QH15') } });
    expect(await call('address.currentUnits', { address: 'Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội' })).toMatchObject({ ok: true, value: { text: null } });
  });

  it('receives a dossier by post with a postal return; the return screen sees it and cannot post it before its result', async () => {
    const bad = await call('intake.receive', draft({ KenhThucHien: '2' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(bad)).toContain('qua bưu chính công ích');
    const r = (await call('intake.receive', draft({ KenhThucHien: '3', HinhThuc: '1', DiaChiNhanKetQua: null }))) as { ok: boolean; value: { code: string } };
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const code = r.value.code;
    const view = await call('returns.open', { code });
    expect(view).toMatchObject({ ok: true, value: { returnable: false, delivery: { method: '1', postalAddress: ADDRESS, postedAt: null, trackingNo: null } } });
    expect(await call('returns.postOut', { code, trackingNo: 'EB123456789VN' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/chưa có kết quả/) } });
    const row = await app.store.exec('t', (db) => db.prepare('SELECT kenh_thuc_hien AS k FROM dossiers WHERE ma_ho_so = ?').get(code));
    expect(row).toEqual({ k: '3' });
  });
});
