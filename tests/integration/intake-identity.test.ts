import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeDraftSchema } from '../../electron/common/domain/intake';
import { contract } from '../../electron/common/ipc/contract';
import { AppFailure } from '../../electron/common/ipc/result';
import { intakeHandlers } from '../../electron/node/ipc/handlers/intake';
import { buildHoSo } from '../../electron/node/sync/hoso';
import { CCCD, intakeFixture, OFFICER } from '../helpers/intake';

type F = Awaited<ReturnType<typeof intakeFixture>>;
const NOW = new Date('2026-11-30T10:00:00+07:00');
const docs = { MaTTHC: '1.001193', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] };
/** Issued at 20 (01/01/2010): under Luật Căn cước 2023 Điều 21 the card had to be renewed at 25, on 01/01/2015. */
const EXPIRED_CCCD = '001090123456||Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|01012010';
const count = (f: F, table: string) => f.store.exec('count', (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
const hoso = (f: F, id: number) => f.store.exec('hoso', (db) => buildHoSo(db, id) as { SoGiayToChuHoSo: string; DinhDanhCHS: unknown[] });

describe("the applicant's ID at intake: refused, warned, sent", () => {
  let f: F;
  beforeEach(async () => (f = await intakeFixture({ now: () => NOW })));
  afterEach(() => f.close());

  it('refuses a CMND as the ID of a citizen, in Vietnamese with the law, and writes nothing', async () => {
    const err = (await f.receive({ ...docs, ChuHoSo: 'Lê Văn Ba', SoGiayToChuHoSo: '012345678' }).catch((e: unknown) => e)) as AppFailure;
    expect(err).toBeInstanceOf(AppFailure);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/Chứng minh nhân dân.*Luật Căn cước 2023, Điều 46/);
    expect(await count(f, 'dossiers')).toBe(0);
    expect(await count(f, 'used_codes')).toBe(0);
  });

  it('receives a card whose ID digits disagree with its birth data, with a warning (the audit keeps the count, not the ID)', async () => {
    const r = await f.receive({ ...docs, ChuHoSo: 'Lê Văn Ba', SoGiayToChuHoSo: '001090123456', NgaySinhChuHoSo: '19910101', GioiTinhChuHoSo: 'Nam' });
    expect(r.warnings).toEqual([expect.stringMatching(/năm sinh 1990, khác năm sinh 1991/)]);
    expect((await f.intake.detail(r.code))!.birthDate).toBe('1991-01-01');
    const details = await f.store.exec('a', (db) => (db.prepare("SELECT details FROM audit_log WHERE action = 'dossier.receive'").get() as { details: string }).details);
    expect(JSON.parse(details)).toMatchObject({ warnings: 1 });
    expect(details).not.toMatch(/001090123456|1991/);
  });

  it('warns on an expired card scanned from its QR; a valid card gives no warning', async () => {
    const expired = await f.receive({ ...docs, cccd: EXPIRED_CCCD });
    expect(expired.warnings).toEqual([expect.stringMatching(/01\/01\/2015.*hết hạn/)]);
    expect((await f.receive({ ...docs, cccd: CCCD })).warnings).toEqual([]);
  });

  it("the counter screen's channel returns the warnings (contract intake.receive output)", async () => {
    const env = { core: f.core, shell: { openExternal: async () => undefined, pickFiles: async () => [], openPdf: async () => true }, appVersion: 'test', host: 'chromium-host' as const };
    const ctx = { sender: { url: 'https://desk.motcua.invalid/', isMainFrame: true }, officer: { officerId: OFFICER.officerId, fullName: OFFICER.fullName, roles: OFFICER.roles } };
    const draft = intakeDraftSchema.parse({ ...docs, ChuHoSo: 'Nguyễn Văn Đức', SoGiayToChuHoSo: '001090123456', NgaySinhChuHoSo: '19900101', GioiTinhChuHoSo: 'Nam', NgayCapGiayTo: '2010-01-01' });
    const out = contract['intake.receive'].output.parse(await intakeHandlers(env)['intake.receive']({ draft, attachments: [], override: null }, ctx));
    expect(out.warnings).toEqual([expect.stringMatching(/hết hạn/)]);
    await f.intake.receiptPath(OFFICER, out.code); // let the background receipt finish before the store closes
  });

  it('sends DinhDanhCHS 1 for the personal ID and no identity for an organisation', async () => {
    const citizen = await f.receive({ ...docs, cccd: CCCD });
    expect((await hoso(f, citizen.id)).DinhDanhCHS).toEqual([{ LoaiDinhDanh: '1', SoDinhDanh: '001090123456' }]);
    const org = await f.receive({ MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', SoGiayToChuHoSo: '0101234567', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'] });
    expect(await hoso(f, org.id)).toMatchObject({ SoGiayToChuHoSo: '0101234567', DinhDanhCHS: [] });
  });

  it('sends a CMND as LoaiDinhDanh 2 only on a dossier received while it was valid (before 01/01/2025)', async () => {
    const old = await f.receive({ ...docs, ChuHoSo: 'Lê Văn Ba', SoGiayToChuHoSo: '012345678', NgayTiepNhan: '20241230090000' }, { allowBackdate: true });
    expect((await hoso(f, old.id)).DinhDanhCHS).toEqual([{ LoaiDinhDanh: '2', SoDinhDanh: '012345678' }]);
    // A 2026 dossier saved with a CMND before intake refused it: the number stays as written, and no identity is claimed.
    const late = await f.receive({ ...docs, ChuHoSo: 'Lê Văn Ba', SoGiayToChuHoSo: '001090123456' });
    await f.store.exec('legacy', (db) => db.prepare("UPDATE dossiers SET so_giay_to = '012345678' WHERE id = ?").run(late.id));
    expect(await hoso(f, late.id)).toMatchObject({ SoGiayToChuHoSo: '012345678', DinhDanhCHS: [] });
  });
});
