import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundAuditKey, verifyAudit } from '../../electron/node/store/audit';
import { searchProcedures, importCatalog, getProcedure } from '../../electron/node/catalog/catalog-repo';
import { addLease, remainingCodes } from '../../electron/node/intake/code-repo';
import { AppFailure } from '../../electron/common/ipc/result';
import { CCCD, intakeFixture, OFFICER, UNIT } from '../helpers/intake';

type F = Awaited<ReturnType<typeof intakeFixture>>;
const MONDAY_10 = () => new Date('2026-11-23T10:00:00+07:00');
const base = { MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] };
const receive = (f: F, draft: unknown = base) => f.receive(draft);
const count = (f: F, table: string) => f.store.exec('count', (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);

describe('catalog', () => {
  let f: F;
  beforeEach(async () => (f = await intakeFixture()));
  afterEach(() => f.close());

  it('seeds the sample catalog (≥30 procedures, marked sample) and finds them without diacritics or by code', async () => {
    const n = await count(f, 'procedures');
    expect(n).toBeGreaterThanOrEqual(30);
    const hits = await f.store.exec('s', (db) => searchProcedures(db, 'dang ky khai sinh'));
    expect(hits[0]!.tenTthc).toBe('Đăng ký khai sinh');
    expect(hits[0]!.isSample).toBe(true);
    expect((await f.store.exec('s', (db) => searchProcedures(db, 'chứng thực bản sao')))[0]!.maTthc).toBe('2.000815');
    expect((await f.store.exec('s', (db) => searchProcedures(db, '1.0011')))[0]!.maTthc).toBe('1.001193');
    expect((await f.store.exec('s', (db) => searchProcedures(db, 'dat dai'))).length).toBeGreaterThanOrEqual(3);
    expect(await f.store.exec('s', (db) => searchProcedures(db, 'không có thủ tục này %_'))).toEqual([]);
  });

  it('an import replaces the same procedure whole and reports invalid items without writing them', async () => {
    const r = await f.store.exec('i', (db) =>
      importCatalog(
        db,
        [
          {
            MaTTHC: '1.001193',
            TenTTHC: 'Đăng ký khai sinh (mới)',
            ThoiHanGiaiQuyet: { SoLuong: '2', DonViTinh: 'NgayLamViec' },
            ThanhPhanHoSo: [{ MaThanhPhanHoSo: 'A', TenThanhPhan: 'Tờ khai', BatBuoc: '1', SoBanChinh: '1', SoBanSao: '0' }],
            LePhi: [],
            unknownField: 'ignored',
          },
          { MaTTHC: 'X', TenTTHC: 'thiếu thời hạn' },
          { MaTTHC: 'Y', TenTTHC: 'đơn vị lạ', ThoiHanGiaiQuyet: { SoLuong: '1', DonViTinh: 'Tuan' } },
        ],
        { sample: false, at: '2026-11-21T08:00:00+07:00' },
      ),
    );
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => x.MaTTHC)).toEqual(['X', 'Y']);
    const p = await f.store.exec('g', (db) => getProcedure(db, '1.001193'));
    expect(p).toMatchObject({ tenTthc: 'Đăng ký khai sinh (mới)', duration: { value: 2, unit: 'NgayLamViec' }, isSample: false });
    expect(p!.documents.map((d) => d.code)).toEqual(['A']);
    expect(p!.fees).toEqual([]);
    expect(await f.store.exec('g', (db) => getProcedure(db, 'X'))).toBeNull();
  });
});

describe('dossier codes', () => {
  let f: F;
  beforeEach(async () => (f = await intakeFixture({ now: MONDAY_10 })));
  afterEach(() => f.close());

  it('uses today\'s leases first, then the offline block, never the same number twice', async () => {
    await f.store.exec('lease', (db) => addLease(db, { unitCode: UNIT.unitCode, day: '2026-11-23', leaseId: 'L1', from: 101, to: 102, at: 'x' }));
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await receive(f)).code);
    expect(codes).toEqual([
      '000.00.01.H22-261123-0101',
      '000.00.01.H22-261123-0102',
      '000.00.01.H22-261123-9001',
      '000.00.01.H22-261123-9002',
    ]);
    expect(await f.store.exec('r', (db) => remainingCodes(db, UNIT.unitCode, UNIT.counterId, '2026-11-23'))).toEqual({ lease: 0, offline: 198 });
  });

  it('a lease for another day is not used, and a voided dossier keeps its number', async () => {
    await f.store.exec('lease', (db) => addLease(db, { unitCode: UNIT.unitCode, day: '2026-11-22', leaseId: 'old', from: 1, to: 50, at: 'x' }));
    const a = await receive(f);
    expect(a.code.endsWith('-9001')).toBe(true);
    await f.store.exec('void', (db) => db.prepare("UPDATE dossiers SET voided_at = 'x', void_reason = 'nhầm' WHERE id = ?").run(a.id));
    expect((await receive(f)).code.endsWith('-9002')).toBe(true);
  });

  it('exhausting lease and block is a clear error and leaves nothing half-saved', async () => {
    await f.store.setUnitIdentity({ ...UNIT, offlineBlock: { from: 5, to: 6 } }, 'test');
    await receive(f);
    await receive(f);
    const before = await Promise.all(['dossiers', 'outbox', 'audit_log', 'dossier_documents', 'used_codes'].map((t) => count(f, t)));
    const err = await receive(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppFailure);
    expect((err as AppFailure).code).toBe('exhausted');
    expect((err as Error).message).toMatch(/hết khối số/i);
    const after = await Promise.all(['dossiers', 'outbox', 'audit_log', 'dossier_documents', 'used_codes'].map((t) => count(f, t)));
    expect(after).toEqual(before);
  });

  it('no offline block and no lease: a clear error', async () => {
    await f.store.setUnitIdentity({ ...UNIT, offlineBlock: null }, 'test');
    await expect(receive(f)).rejects.toThrow(/khối số ngoại tuyến/);
  });
});

describe('receiving a dossier', () => {
  let f: F;
  beforeEach(async () => (f = await intakeFixture({ now: MONDAY_10 })));
  afterEach(() => f.close());

  it('writes dossier, documents, fees, search row, outbox (with a fresh Idempotency-Key) and audit in one go', async () => {
    const r = await receive(f, { ...base, SoDienThoai: '0912 345 678', Email: 'duc@example.vn' });
    expect(r).toMatchObject({ receivedAt: '2026-11-23T10:00:00+07:00', dueAt: '2026-11-24T10:00:00+07:00' });
    const d = (await f.intake.detail(r.code))!;
    expect(d).toMatchObject({ applicantName: 'Nguyễn Văn Đức', idNumber: '001090123456', birthDate: '1990-01-01', sex: 'Nam', phone: '0912345678', status: '2' });
    expect(d.documents.map((x) => x.code)).toEqual(['TP1', 'TP2', 'TP3']);
    expect(d.fees).toEqual([{ code: 'LP1', name: 'Lệ phí đăng ký khai sinh', amountVnd: 0 }]);
    const outbox = await f.store.exec('o', (db) => db.prepare('SELECT kind, idempotency_key, seq FROM outbox').all() as Array<{ kind: string; idempotency_key: string; seq: number }>);
    expect(outbox).toEqual([{ kind: 'dossier_put', idempotency_key: d.idempotencyKey, seq: 1 }]);
    expect(d.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await f.store.exec('a', (db) => db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'dossier.receive'").all() as Array<Record<string, string>>);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe(r.code);
    expect(audit[0]!.details).not.toMatch(/Nguyễn|001090123456/); // citizens only by dossier code
    expect(await f.store.exec('v', (db) => verifyAudit(db, { key: boundAuditKey(db) }).ok)).toBe(true);
  });

  it('finds dossiers by unaccented name, đ folded to d, prefixes, ID number, phone and code', async () => {
    const a = await receive(f, { ...base, SoDienThoai: '0912345678' });
    await receive(f, {
      MaTTHC: '2.000815',
      ChuHoSo: 'Trần Thị Bình',
      SoGiayToChuHoSo: '079304001234',
      TaiLieuNop: ['TP1', 'TP2'],
      SoDienThoai: '0987654321',
    });
    const find = async (q: string) => (await f.intake.search(q)).map((h) => h.applicantName);
    expect(await find('nguyen van duc')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('Đức')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('duc')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('ngu')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('tran thi binh')).toEqual(['Trần Thị Bình']);
    expect(await find('079304')).toEqual(['Trần Thị Bình']);
    expect(await find('0987 654 321')).toEqual(['Trần Thị Bình']);
    expect(await find(a.code)).toEqual(['Nguyễn Văn Đức']);
    expect(await find(a.code.slice(-11))).toEqual(['Nguyễn Văn Đức']);
    expect(await find('"; DROP TABLE dossiers; --')).toEqual([]);
    expect(await find('')).toEqual([]);
  });

  it('refuses a dossier missing a required document and points to Mẫu 02; nothing is written', async () => {
    const err = (await receive(f, { ...base, TaiLieuNop: ['TP1'] }).catch((e: unknown) => e)) as AppFailure;
    expect(err).toBeInstanceOf(AppFailure);
    expect(err.message).toMatch(/Giấy chứng sinh/);
    expect(err.message).toMatch(/Mẫu 02/);
    expect(await count(f, 'dossiers')).toBe(0);
    expect(await count(f, 'used_codes')).toBe(0);
  });

  it.each([
    [{ MaTTHC: 'nope', cccd: CCCD }, /Không có thủ tục/],
    [{ ...base, cccd: '001090123456|x' }, /căn cước/],
    [{ ...base, cccd: undefined, ChuHoSo: 'A' }, /số định danh/],
    [{ ...base, cccd: undefined, ChuHoSo: 'A', SoGiayToChuHoSo: '123' }, /12 chữ số/],
    [{ ...base, SoDienThoai: '12345' }, /Số điện thoại/],
    [{ ...base, Email: 'not-an-email' }, /Email/],
    [{ ...base, TaiLieuNop: ['TP1', 'TP2', 'TP3', 'ZZ'] }, /ZZ không thuộc/],
    [{ ...base, DanhSachLePhi: ['NOPE'] }, /Khoản phí NOPE/],
    [{ ...base, NgaySinhChuHoSo: '19903101', cccd: undefined, ChuHoSo: 'A', SoGiayToChuHoSo: '001090123456' }, /Ngày sinh/],
    [{ ...base, NgayTiepNhan: '20261123090000' }, /quá khứ/],
    [{ ...base, NgayTiepNhan: '20991123090000' }, /tương lai/],
    [{ ...base, attachments: ['/no/such/file.pdf'] }, /Không đọc được/],
    ['not an object', /không hợp lệ/],
  ])('refuses %j with a Vietnamese reason', async (draft, reason) => {
    await expect(receive(f, draft)).rejects.toThrow(reason);
    expect(await count(f, 'dossiers')).toBe(0);
  });

  it('organisations (LoaiDoiTuong 2–4) are entered by hand without a personal ID', async () => {
    const r = await receive(f, { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'] });
    expect((await f.intake.detail(r.code))!.applicantType).toBe('2');
  });

  it('accepts a past receipt time only with allowBackdate, and audits it', async () => {
    const r = await f.receive({ ...base, NgayTiepNhan: '20261120163000' }, { allowBackdate: true });
    expect(r.code).toContain('-261120-');
    expect(r.receivedAt).toBe('2026-11-20T16:30:00+07:00');
    expect(r.dueAt).toBe('2026-11-23T16:30:00+07:00');
    const details = await f.store.exec('a', (db) => (db.prepare("SELECT details FROM audit_log WHERE action = 'dossier.receive'").get() as { details: string }).details);
    expect(JSON.parse(details).backdatedTo).toBe('2026-11-20T16:30:00+07:00');
  });

  it('stores attachments content-addressed and queues their uploads before the dossier', async () => {
    const pdf = join(f.dir, 'scan.pdf');
    writeFileSync(pdf, '%PDF-1.4\n% scan\n');
    const png = join(f.dir, 'anh.png');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]));
    const r = await receive(f, { ...base, attachments: [pdf, { path: png, MaThanhPhanHoSo: 'TP2' }, pdf] });
    const d = (await f.intake.detail(r.code))!;
    expect(d.attachments.map((a) => [a.fileName, a.contentType, a.documentCode])).toEqual([
      ['scan.pdf', 'application/pdf', null],
      ['anh.png', 'image/png', 'TP2'],
      ['scan.pdf', 'application/pdf', null],
    ]);
    expect(await f.files.verify(d.attachments[0]!.sha256)).toBe(true);
    const kinds = await f.store.exec('o', (db) => (db.prepare('SELECT kind FROM outbox ORDER BY seq').all() as Array<{ kind: string }>).map((x) => x.kind));
    expect(kinds).toEqual(['upload', 'upload', 'upload', 'dossier_put']);
    const fake = join(f.dir, 'fake.pdf');
    writeFileSync(fake, 'MZ not a pdf');
    await expect(receive(f, { ...base, attachments: [fake] })).rejects.toThrow(/không phải PDF, JPG hoặc PNG/);
    const renamed = join(f.dir, 'renamed.jpg');
    writeFileSync(renamed, '%PDF-1.4\n');
    await expect(receive(f, { ...base, attachments: [renamed] })).rejects.toThrow(/đuôi .jpg/);
  });

  it('shows a returning citizen\'s earlier dossiers with their phone and email', async () => {
    await receive(f, { ...base, SoDienThoai: '0912345678', Email: 'duc@example.vn' });
    const h = await f.intake.applicant('001090123456');
    expect(h.dossiers).toHaveLength(1);
    expect(h.phone).toBe('0912345678');
    expect(h.email).toBe('duc@example.vn');
  });

  it('turn-backs (Mẫu 02/03) record nothing as accepted and use no dossier code', async () => {
    const t = await f.intake.turnBack(OFFICER, { form: '02', MaTTHC: '1.001193', ChuHoSo: 'Nguyễn Văn Đức', reasons: ['Bổ sung Giấy chứng sinh bản sao'] });
    expect(t.pdfPath).toMatch(/mau-02-/);
    expect(await count(f, 'dossiers')).toBe(0);
    expect(await count(f, 'used_codes')).toBe(0);
    expect(await count(f, 'outbox')).toBe(0);
    await expect(f.intake.turnBack(OFFICER, { form: '03', MaTTHC: '1.001193', ChuHoSo: 'A', reasons: ['  '] })).rejects.toThrow(/lý do/);
  });
});
