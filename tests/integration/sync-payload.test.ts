import { describe, expect, it } from 'vitest';
import { CCCD, intakeFixture, OFFICER } from '../helpers/intake';
import { engineFor, referenceServer } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

const sent = (server: S, code: string) => JSON.parse((server.db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string }).body) as Record<string, unknown>;
const count = (f: F) => f.store.exec('n', (db) => (db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n);

describe('issue #14: the payload the province gets, intake channel 3 and postal return', () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  it("carries the catalog's fee type and the optional national fields; channel and return method as recorded", async () => {
    // 1.004884 (chứng thực bản sao) charges LP1 with LoaiPhiLePhi "2" in the catalog.
    const counter = (await f.receive({ MaTTHC: '1.004884', ChuHoSo: 'Lê Thị Hoa', SoGiayToChuHoSo: '001090000777', TaiLieuNop: ['TP1', 'TP2'], DanhSachLePhi: ['LP1'] })).code;
    const posted = (
      await f.receive({
        MaTTHC: '1.001193',
        cccd: CCCD,
        KenhThucHien: '3',
        HinhThuc: '1',
        TaiLieuNop: ['TP1', 'TP2', 'TP3'],
        DanhSachLePhi: ['LP1'],
      })
    ).code;
    expect(await engineFor(f, server.url).runOnce({ pulls: false })).toMatchObject({ remaining: 0, rejected: 0 });
    const a = sent(server, counter);
    expect(a.DanhSachLePhi).toEqual([{ TenPhiLePhi: expect.any(String), MaPhiLePhi: 'LP1', HinhThucThu: '1', Gia: '8000', LoaiPhiLePhi: '2' }]);
    expect(a).toMatchObject({ KenhThucHien: '1', HinhThuc: '0', DuocThanhToanTrucTuyen: '0', DonViXuLy: 'UBND cấp xã' });
    // Its code list is unconfirmed (domain doc §2.2): not guessed.
    expect(a).not.toHaveProperty('NoiNopHoSo');
    const b = sent(server, posted);
    expect(b).toMatchObject({ KenhThucHien: '3', HinhThuc: '1', DuocThanhToanTrucTuyen: '0', DonViXuLy: 'UBND cấp xã' });
    expect((b.DanhSachLePhi as Array<Record<string, string>>)[0]!.LoaiPhiLePhi).toBe('1');
    // The postal address defaults to the card's address, as read.
    const row = await f.store.exec('d', (db) =>
      db.prepare('SELECT hinh_thuc, dia_chi_nhan FROM dossier_delivery JOIN dossiers ON dossiers.id = dossier_id WHERE ma_ho_so = ?').get(posted),
    );
    expect(row).toEqual({ hinh_thuc: '1', dia_chi_nhan: 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh' });
  });

  it('refuses an online channel, an unknown return method or a postal return with no address, in Vietnamese, saving nothing', async () => {
    const base = { MaTTHC: '1.001193', ChuHoSo: 'Lê Thị Hoa', SoGiayToChuHoSo: '001090000777', TaiLieuNop: ['TP1', 'TP2', 'TP3'] };
    await expect(f.receive({ ...base, KenhThucHien: '2' })).rejects.toThrow(/KenhThucHien.*"1" \(trực tiếp\) hoặc "3" \(qua bưu chính công ích\)/);
    await expect(f.receive({ ...base, HinhThuc: '2' })).rejects.toThrow(/Hình thức nhận kết quả/);
    await expect(f.receive({ ...base, HinhThuc: '1' })).rejects.toThrow(/Chưa có địa chỉ nhận kết quả qua bưu chính/);
    expect(await count(f)).toBe(0);
    const ok = await f.receive({ ...base, HinhThuc: '1', DiaChiNhanKetQua: 'Số 3 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh' });
    expect(ok.code).toMatch(/-\d{4}$/);
  });

  it('a postal return is handed to the post with its tracking number; the province gets status 10', async () => {
    const counterCode = (await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'] })).code;
    const code = (await f.receive({ MaTTHC: '1.001193', cccd: CCCD, HinhThuc: '1', DiaChiNhanKetQua: 'Số 3 Lê Lợi, TP. Huế', TaiLieuNop: ['TP1', 'TP2', 'TP3'] })).code;
    await engineFor(f, server.url).runOnce();
    const returns = f.core.returns;
    await expect(returns.postOut(code, { trackingNo: 'EB123456789VN', actor: OFFICER.officerId })).rejects.toThrow(/chưa có kết quả/);
    server.advance(code, '9');
    server.advance(counterCode, '9');
    await engineFor(f, server.url).runOnce();
    const view = await returns.open(code);
    expect(view.delivery).toMatchObject({ method: '1', postalAddress: 'Số 3 Lê Lợi, TP. Huế', postedAt: null });
    await expect(returns.postOut(counterCode, { trackingNo: 'EB123456789VN', actor: OFFICER.officerId })).rejects.toThrow(/đăng ký nhận kết quả tại quầy/);
    await expect(returns.postOut(code, { trackingNo: 'x?', actor: OFFICER.officerId })).rejects.toThrow(/Số hiệu bưu gửi "x\?" không hợp lệ/);
    const { postedAt } = await returns.postOut(code, { trackingNo: ' eb123456789vn ', actor: OFFICER.officerId });
    const after = await returns.open(code);
    expect(after.returnable).toBe(false);
    expect(after.delivery).toMatchObject({ postedAt, trackingNo: 'EB123456789VN', postedBy: OFFICER.officerId });
    await expect(returns.postOut(code, { trackingNo: 'EB123456789VN', actor: OFFICER.officerId })).rejects.toThrow(/đã trả kết quả/);
    expect(await engineFor(f, server.url).runOnce({ pulls: false })).toMatchObject({ remaining: 0, rejected: 0 });
    const ev = server.db.prepare('SELECT body FROM events WHERE code = ?').all(code) as Array<{ body: string }>;
    expect(ev.map((e) => JSON.parse(e.body) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ TrangThai: '10', NoiDungXuLy: 'Trả kết quả qua dịch vụ bưu chính công ích', ThongTinTra: 'Chuyển bưu chính; số hiệu bưu gửi: EB123456789VN' }),
    ]);
    expect(server.db.prepare('SELECT status FROM dossiers WHERE code = ?').get(code)).toEqual({ status: '10' });
  });
});
