import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVietnamRfc3339, vietnamDate } from '../../electron/common/domain/time';
import { importCatalog, getProcedure } from '../../electron/node/catalog/catalog-repo';
import { applyRemoteStatus } from '../../electron/node/intake/dossier-repo';
import { dailyReport } from '../../electron/node/reports/report-repo';
import { ReturnService } from '../../electron/node/returns/return-service';
import { CCCD, intakeFixture } from '../helpers/intake';

const PROC = {
  MaTTHC: 'T.FEE',
  TenTTHC: 'Cấp bản sao trích lục',
  ThoiHanGiaiQuyet: { SoLuong: 1, DonViTinh: 'NgayLamViec' },
  ThanhPhanHoSo: [{ MaThanhPhanHoSo: 'TP1', TenThanhPhan: 'Tờ khai', BatBuoc: '1' }],
  LePhi: [
    { MaPhiLePhi: 'LP1', TenPhiLePhi: 'Lệ phí', Gia: '10000' }, // no ThoiDiemThu: at intake
    { MaPhiLePhi: 'LP2', TenPhiLePhi: 'Phí cấp bản sao', Gia: '25000', ThoiDiemThu: 'TraKetQua' },
  ],
};

describe('fees are counted when collected: at intake, or at the hand-over per the catalog (issue #14)', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let code: string;
  const today = () => vietnamDate(new Date());
  const fees = () => f.store.exec('t', (db) => dailyReport(db, today(), { now: toVietnamRfc3339(new Date()) }).totals.feesCollected);

  beforeAll(async () => {
    f = await intakeFixture();
    const imported = await f.store.exec('t', (db) =>
      importCatalog(db, [PROC, { ...PROC, MaTTHC: 'T.BAD', LePhi: [{ MaPhiLePhi: 'X', TenPhiLePhi: 'x', Gia: '1', ThoiDiemThu: 'Sau' }] }], { sample: false, at: toVietnamRfc3339(new Date()) }),
    );
    expect(imported.imported).toBe(1);
    expect(imported.rejected[0]!.reason).toMatch(/ThoiDiemThu\) phải là TiepNhan hoặc TraKetQua/);
    code = (await f.receive({ MaTTHC: 'T.FEE', cccd: CCCD, TaiLieuNop: ['TP1'], DanhSachLePhi: ['LP1', 'LP2'] })).code;
  }, 120_000);
  afterAll(async () => {
    await f?.close();
  });

  it('the catalog keeps when each fee is collected', async () => {
    const p = await f.store.exec('t', (db) => getProcedure(db, 'T.FEE'));
    expect(p!.fees.map((x) => [x.code, x.timing])).toEqual([
      ['LP1', 'TiepNhan'],
      ['LP2', 'TraKetQua'],
    ]);
  });

  it('at intake only the intake fee counts; the hand-over collects the other, recorded with the officer', async () => {
    expect(await fees()).toBe(10000); // the old count (every fee at intake) said 35000
    await f.store.exec('t', (db) => applyRemoteStatus(db, code, { status: '9', version: 2, at: toVietnamRfc3339(new Date()) }));
    const returns = new ReturnService({ store: f.store, files: f.files, intake: f.intake, docs: f.core.docs, workDir: join(f.dir, 'work'), fontsDir: join(__dirname, '..', '..', 'resources', 'fonts') });
    await returns.handOver(code, { receivedBy: 'Nguyễn Văn Đức', idChecked: true, actor: 'cb01' });
    expect(await fees()).toBe(35000);
    const audit = await f.store.exec('t', (db) => db.prepare("SELECT actor, details FROM audit_log WHERE action = 'returns.handOver'").get() as { actor: string; details: string });
    expect(audit.actor).toBe('cb01');
    expect(JSON.parse(audit.details)).toMatchObject({ feesVnd: 25000 });
    // A second hand-over is refused, so nothing is collected twice.
    await expect(returns.handOver(code, { receivedBy: 'x', idChecked: true, actor: 'cb01' })).rejects.toThrow(/đã trả kết quả/);
    expect(await fees()).toBe(35000);
  });
});
