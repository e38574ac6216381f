import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { parseCccdQr } from '../../common/domain/cccd';
import type { DossierDetail, DossierSummary } from '../../common/domain/dossier';
import { intakeDraftSchema, parseNationalTime, type IntakeDraft } from '../../common/domain/intake';
import { DURATION_LABEL, type Procedure } from '../../common/domain/procedure';
import type { ReceiptModel, TurnBackModel } from '../../common/domain/receipt';
import { foldVietnamese } from '../../common/domain/text';
import { toVietnamRfc3339, vietnamDate } from '../../common/domain/time';
import { AppFailure } from '../../common/ipc/result';
import { loadWorkCalendar } from '../calendar/calendar-repo';
import { requireProcedure } from '../catalog/catalog-repo';
import { ContentStore, writeFileAtomic, type StoredFile } from '../files/content-store';
import { inProcessRenderer, type PdfRenderer } from '../documents/pdf-renderer';
import { indexDossier, searchDossiers } from '../search/dossier-search';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { allocateCode } from './code-allocator';
import { dossierDetail, dossiersOfApplicant, dossiersOfDay, summariesByIds } from './dossier-repo';

export interface IntakeDeps {
  readonly store: SqliteStore;
  readonly files: ContentStore;
  readonly receiptsDir: string;
  readonly fontsDir: string;
  /** Defaults to rendering in this thread; the app passes the worker-thread renderer. */
  readonly pdf?: PdfRenderer;
  readonly now?: () => Date;
}

export interface ReceiveOptions {
  readonly officerId?: string | null;
  readonly actor: string;
  readonly allowBackdate?: boolean;
  /** Skip the PDF (bulk migration, benchmarks); `receipt pdf` renders it later on demand. */
  readonly skipReceipt?: boolean;
  /**
   * Return as soon as the dossier is committed and render the receipt afterwards: the counter
   * screen answers at once, and printing waits for the PDF if it is not ready yet.
   */
  readonly receiptInBackground?: boolean;
}

export interface ReceiveResult {
  readonly id: number;
  readonly code: string;
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly receiptPath: string | null;
}

const CLOCK_SKEW_MS = 60_000;

/** Everything the intake screen and `motcua intake` do, over one transaction per dossier. */
export class IntakeService {
  readonly #d: IntakeDeps;
  readonly #pendingReceipts = new Map<string, Promise<string>>();
  readonly #pdf: PdfRenderer;
  constructor(deps: IntakeDeps) {
    this.#d = deps;
    this.#pdf = deps.pdf ?? inProcessRenderer(deps.fontsDir);
  }

  #now(): Date {
    return (this.#d.now ?? (() => new Date()))();
  }

  /** Validates a draft and resolves the applicant (from the CCCD QR when given). */
  static validate(raw: unknown): IntakeDraft {
    const parsed = intakeDraftSchema.safeParse(raw);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppFailure('invalid_input', `Hồ sơ chưa hợp lệ: ${details.map((d) => d.message).join(' ')}`, details);
    }
    const d = parsed.data;
    if (!d.cccd) return d;
    const c = parseCccdQr(d.cccd);
    if (!c.ok) throw new AppFailure('invalid_input', `Mã QR căn cước không đọc được: ${c.error}`, [{ path: 'cccd', message: c.error }]);
    return {
      ...d,
      LoaiDoiTuong: '1',
      ChuHoSo: c.value.HoTen,
      SoGiayToChuHoSo: c.value.SoDinhDanh,
      NgaySinhChuHoSo: c.value.NgaySinh,
      GioiTinhChuHoSo: c.value.GioiTinh,
      DiaChiChuHoSo: d.DiaChiChuHoSo ?? c.value.NoiThuongTru,
      NgayCapGiayTo: c.value.NgayCap,
    };
  }

  #receivedAt(d: IntakeDraft, allowBackdate: boolean): { at: Date; backdated: boolean } {
    const now = this.#now();
    if (!d.NgayTiepNhan) return { at: now, backdated: false };
    const at = parseNationalTime(d.NgayTiepNhan);
    if (!at) throw new AppFailure('invalid_input', `NgayTiepNhan "${d.NgayTiepNhan}" không hợp lệ (yyyyMMddHHmmss hoặc RFC 3339).`);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppFailure('invalid_input', 'Thời gian tiếp nhận không được ở tương lai.');
    const backdated = at.getTime() < now.getTime() - CLOCK_SKEW_MS;
    if (backdated && !allowBackdate) {
      throw new AppFailure('forbidden', 'Thời gian tiếp nhận trong quá khứ chỉ dùng khi chuyển dữ liệu (--allow-backdate), và được ghi nhật ký.');
    }
    return { at, backdated };
  }

  async #importAttachments(d: IntakeDraft): Promise<Array<StoredFile & { documentCode: string | null }>> {
    const out: Array<StoredFile & { documentCode: string | null }> = [];
    for (const a of d.attachments) {
      const path = typeof a === 'string' ? a : a.path;
      const stored = await this.#d.files.importFile(path);
      out.push({ ...stored, documentCode: typeof a === 'string' ? null : (a.MaThanhPhanHoSo ?? null) });
    }
    return out;
  }

  /** Receives a dossier: code, due date, rows, search index, outbox and audit in one transaction; then the receipt. */
  async receive(raw: unknown, opts: ReceiveOptions): Promise<ReceiveResult> {
    const d = IntakeService.validate(raw);
    const { at, backdated } = this.#receivedAt(d, opts.allowBackdate ?? false);
    const attachments = await this.#importAttachments(d);
    const result = await this.#d.store.exec('intake.receive', (db) => db.transaction(() => this.#save(db, d, at, backdated, attachments, opts))());
    if (opts.skipReceipt) return { ...result, receiptPath: null };
    const rendering = this.writeReceipt(result.code, { reprint: false, officerId: opts.officerId ?? null });
    if (opts.receiptInBackground) {
      this.#pendingReceipts.set(result.code, rendering);
      // A failed render is not lost: the receipt is rendered again on the next print.
      rendering.catch(() => undefined).finally(() => this.#pendingReceipts.delete(result.code));
      return { ...result, receiptPath: null };
    }
    return { ...result, receiptPath: await rendering };
  }

  /** The dossier's receipt PDF, waiting for a background render or rendering it now. */
  async receiptPath(code: string): Promise<string> {
    const pending = this.#pendingReceipts.get(code);
    if (pending) {
      const p = await pending.catch(() => null);
      if (p) return p;
    }
    const d = await this.detail(code);
    if (!d) throw new AppFailure('not_found', `Không có hồ sơ mã ${code}.`);
    return d.receiptPath ?? this.writeReceipt(code, { reprint: false, officerId: null });
  }

  #save(
    db: Database.Database,
    d: IntakeDraft,
    at: Date,
    backdated: boolean,
    attachments: ReadonlyArray<StoredFile & { documentCode: string | null }>,
    opts: ReceiveOptions,
  ): Omit<ReceiveResult, 'receiptPath'> {
    const unit = db
      .prepare('SELECT c.unit_code, c.counter_id FROM counters c WHERE c.is_this_pc = 1')
      .get() as { unit_code: string; counter_id: string } | undefined;
    if (!unit) throw new AppFailure('conflict', 'Chưa cấu hình đơn vị và quầy cho máy này (Cài đặt, hoặc motcua unit set).');
    const proc = requireProcedure(db, d.MaTTHC);
    const docs = resolveDocuments(proc, d);
    const fees = resolveFees(proc, d);
    for (const a of attachments) {
      if (a.documentCode && !proc.documents.some((x) => x.code === a.documentCode)) {
        throw new AppFailure('invalid_input', `Tệp đính kèm ${a.fileName} gắn với thành phần ${a.documentCode} không có trong thủ tục.`);
      }
    }
    const receivedAt = toVietnamRfc3339(at);
    const dueAt = toVietnamRfc3339(loadWorkCalendar(db).dueDate(at, proc.duration.value, proc.duration.unit));
    const { code } = allocateCode(db, unit.unit_code, unit.counter_id, vietnamDate(at));
    const nowIso = toVietnamRfc3339(this.#now());
    const key = randomUUID();
    const id = Number(
      db
        .prepare(
          `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so,
             so_giay_to, ngay_sinh, gioi_tinh, dia_chi, so_dien_thoai, email, trich_yeu, so_bo, ngay_tiep_nhan, ngay_hen_tra, trang_thai,
             sync_state, created_at, updated_at, ngay_cap_giay_to, idempotency_key, name_folded)
           VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2', 'pending', ?, ?, ?, ?, ?)`,
        )
        .run(
          code,
          proc.maTthc,
          proc.tenTthc,
          unit.unit_code,
          unit.counter_id,
          opts.officerId ?? null,
          d.LoaiDoiTuong,
          d.ChuHoSo!,
          d.SoGiayToChuHoSo ?? null,
          d.NgaySinhChuHoSo ?? null,
          d.GioiTinhChuHoSo ?? null,
          d.DiaChiChuHoSo ?? null,
          d.SoDienThoai ?? null,
          d.Email ?? null,
          d.TrichYeuHoSo ?? proc.tenTthc,
          d.SoBo,
          receivedAt,
          dueAt,
          nowIso,
          nowIso,
          d.NgayCapGiayTo ?? null,
          key,
          foldVietnamese(d.ChuHoSo!),
        ).lastInsertRowid,
    );
    const insDoc = db.prepare('INSERT INTO dossier_documents (dossier_id, ma_thanh_phan, ten, originals, copies, position, provided) VALUES (?, ?, ?, ?, ?, ?, 1)');
    docs.forEach((x, i) => insDoc.run(id, x.code, x.name, x.originals, x.copies, i));
    const insFee = db.prepare('INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position) VALUES (?, ?, ?, ?, ?)');
    fees.forEach((f, i) => insFee.run(id, f.code, f.name, f.amountVnd, i));
    const insAtt = db.prepare(
      "INSERT INTO attachments (dossier_id, ma_thanh_phan, kind, file_name, content_type, sha256, size_bytes, created_at) VALUES (?, ?, 'scan', ?, ?, ?, ?, ?)",
    );
    const insOut = db.prepare(
      'INSERT INTO outbox (dossier_id, ma_ho_so, seq, kind, idempotency_key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let seq = 0;
    // Attachments go first: the dossier refers to their upload URLs (one ordered queue per dossier).
    for (const a of attachments) {
      const attId = Number(insAtt.run(id, a.documentCode, a.fileName, a.contentType, a.sha256, a.sizeBytes, nowIso).lastInsertRowid);
      insOut.run(id, code, ++seq, 'upload', randomUUID(), JSON.stringify({ attachmentId: attId }), nowIso, nowIso);
    }
    insOut.run(id, code, ++seq, 'dossier_put', key, JSON.stringify({ version: null }), nowIso, nowIso);
    indexDossier(db, { id, code, name: d.ChuHoSo!, idNumber: d.SoGiayToChuHoSo ?? null, phone: d.SoDienThoai ?? null });
    appendAudit(
      db,
      {
        actor: opts.actor,
        action: 'dossier.receive',
        subject: code,
        details: { procedure: proc.maTthc, attachments: attachments.length, ...(backdated ? { backdatedTo: receivedAt } : {}) },
      },
      nowIso,
    );
    return { id, code, receivedAt, dueAt };
  }

  async receiptModel(code: string, reprint: boolean, officerId: string | null): Promise<ReceiptModel> {
    return this.#d.store.exec('intake.receiptModel', (db) => {
      const d = dossierDetail(db, code);
      if (!d) throw new AppFailure('not_found', `Không có hồ sơ mã ${code}.`);
      const proc = db.prepare('SELECT duration_value, duration_unit FROM procedures WHERE ma_tthc = ?').get(d.procedureCode) as
        | { duration_value: number; duration_unit: keyof typeof DURATION_LABEL }
        | undefined;
      const unitInfo = unitPresentation(db);
      const officer = officerName(db, officerId ?? d.officerId);
      return {
        unitName: unitInfo.unitName,
        unitCode: unitInfo.unitCode,
        deskName: unitInfo.deskName,
        place: unitInfo.place,
        code: d.code,
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        applicant: { name: d.applicantName, idNumber: d.idNumber, address: d.address, phone: d.phone, email: d.email },
        procedure: {
          code: d.procedureCode,
          name: d.procedureName,
          durationText: proc ? `${formatAmount(proc.duration_value)} ${DURATION_LABEL[proc.duration_unit]}` : '…',
        },
        documents: d.documents.map((x) => ({ name: x.name, originals: x.originals, copies: x.copies })),
        sets: d.sets,
        fees: d.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
        totalFeesVnd: d.fees.reduce((s, f) => s + f.amountVnd, 0),
        officer,
        counterId: d.counterId,
        returnAt: `${unitInfo.deskName} — ${unitInfo.unitName}`,
        lookupHint: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công hoặc quét mã QR trên giấy này.',
        reprint,
      };
    });
  }

  /** Renders Mẫu 01 and keeps it with the dossier (atomic write); reprints are audited. */
  async writeReceipt(code: string, o: { reprint: boolean; officerId: string | null; reason?: string; actor?: string }): Promise<string> {
    const model = await this.receiptModel(code, o.reprint, o.officerId);
    const pdf = await this.#pdf.render({ kind: 'receipt', model });
    const path = join(this.#d.receiptsDir, `${safeFileName(code)}${o.reprint ? `-in-lai-${Date.now()}` : ''}.pdf`);
    await writeFileAtomic(path, pdf);
    const at = toVietnamRfc3339(this.#now());
    await this.#d.store.exec('intake.receiptRecorded', (db) =>
      db.transaction(() => {
        const id = (db.prepare('SELECT id FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number }).id;
        if (!o.reprint) db.prepare('UPDATE dossiers SET receipt_path = ? WHERE id = ?').run(path, id);
        db.prepare("INSERT INTO receipt_prints (dossier_id, form, medium, reprint, reason, officer_id, at) VALUES (?, '01', 'pdf', ?, ?, ?, ?)").run(
          id,
          o.reprint ? 1 : 0,
          o.reason ?? null,
          o.officerId,
          at,
        );
        if (o.reprint) appendAudit(db, { actor: o.actor ?? o.officerId ?? 'officer', action: 'receipt.reprint', subject: code, details: { reason: o.reason ?? null } }, at);
      })(),
    );
    return path;
  }

  /** Mẫu 02 / 03: a slip with the reasons; nothing is recorded as accepted and no dossier code is used. */
  async turnBack(
    raw: { form: '02' | '03'; MaTTHC: string; ChuHoSo: string; DiaChiChuHoSo?: string | null; SoDienThoai?: string | null; SoGiayToChuHoSo?: string | null; reasons: string[] },
    opts: { officerId?: string | null; actor: string },
  ): Promise<{ id: number; pdfPath: string }> {
    const reasons = raw.reasons.map((r) => r.trim()).filter(Boolean);
    if (!reasons.length) throw new AppFailure('invalid_input', 'Phải ghi ít nhất một lý do / nội dung cần bổ sung.');
    if (!raw.ChuHoSo?.trim()) throw new AppFailure('invalid_input', 'Chưa nhập tên người nộp hồ sơ.');
    const at = toVietnamRfc3339(this.#now());
    const { id, model } = await this.#d.store.exec('intake.turnBack', (db) =>
      db.transaction(() => {
        const unit = db.prepare('SELECT unit_code, counter_id FROM counters WHERE is_this_pc = 1').get() as { unit_code: string; counter_id: string } | undefined;
        if (!unit) throw new AppFailure('conflict', 'Chưa cấu hình đơn vị và quầy cho máy này.');
        const proc = requireProcedure(db, raw.MaTTHC);
        const id = Number(
          db
            .prepare(
              'INSERT INTO turn_backs (form, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, chu_ho_so, so_giay_to, dia_chi, so_dien_thoai, reasons, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            )
            .run(raw.form, proc.maTthc, proc.tenTthc, unit.unit_code, unit.counter_id, opts.officerId ?? null, raw.ChuHoSo.trim(), raw.SoGiayToChuHoSo ?? null, raw.DiaChiChuHoSo ?? null, raw.SoDienThoai ?? null, JSON.stringify(reasons), at)
            .lastInsertRowid,
        );
        appendAudit(db, { actor: opts.actor, action: raw.form === '02' ? 'intake.supplementRequested' : 'intake.refused', subject: `turn_back:${id}`, details: { procedure: proc.maTthc } }, at);
        const u = unitPresentation(db);
        const model: TurnBackModel = {
          form: raw.form,
          unitName: u.unitName,
          deskName: u.deskName,
          place: u.place,
          at,
          applicant: { name: raw.ChuHoSo.trim(), address: raw.DiaChiChuHoSo ?? null, phone: raw.SoDienThoai ?? null },
          procedure: { code: proc.maTthc, name: proc.tenTthc },
          reasons,
          officer: officerName(db, opts.officerId ?? null),
          contactPhone: (db.prepare("SELECT value FROM settings WHERE key = 'unit.phone'").get() as { value: string } | undefined)?.value ?? null,
        };
        return { id, model };
      })(),
    );
    const pdfPath = join(this.#d.receiptsDir, `mau-${raw.form}-${id}.pdf`);
    await writeFileAtomic(pdfPath, await this.#pdf.render({ kind: 'turnBack', model }));
    await this.#d.store.exec('intake.turnBackPdf', (db) => db.prepare('UPDATE turn_backs SET pdf_path = ? WHERE id = ?').run(pdfPath, id));
    return { id, pdfPath };
  }

  detail(code: string): Promise<DossierDetail | null> {
    return this.#d.store.exec('intake.detail', (db) => dossierDetail(db, code.trim()));
  }

  ofDay(day: string): Promise<DossierSummary[]> {
    return this.#d.store.exec('intake.ofDay', (db) => dossiersOfDay(db, day));
  }

  search(text: string, limit = 20): Promise<DossierSummary[]> {
    return this.#d.store.exec('intake.search', (db) => summariesByIds(db, searchDossiers(db, text, limit).map((h) => h.id)));
  }

  applicant(idNumber: string): Promise<{ dossiers: DossierSummary[]; phone: string | null; email: string | null }> {
    return this.#d.store.exec('intake.applicant', (db) => dossiersOfApplicant(db, idNumber));
  }
}

function resolveDocuments(proc: Procedure, d: IntakeDraft): Array<{ code: string; name: string; originals: number; copies: number }> {
  const picked = new Map<string, { originals?: number | undefined; copies?: number | undefined }>();
  for (const t of d.TaiLieuNop) {
    const code = typeof t === 'string' ? t : t.MaThanhPhanHoSo;
    if (!proc.documents.some((x) => x.code === code)) {
      throw new AppFailure('invalid_input', `Thành phần hồ sơ ${code} không thuộc thủ tục ${proc.maTthc}.`);
    }
    picked.set(code, typeof t === 'string' ? {} : { originals: t.SoBanChinh, copies: t.SoBanSao });
  }
  const missing = proc.documents.filter((x) => x.required && !picked.has(x.code));
  if (missing.length) {
    throw new AppFailure(
      'invalid_input',
      `Thiếu thành phần hồ sơ bắt buộc: ${missing.map((m) => m.name).join('; ')}. Nếu công dân chưa đủ giấy tờ, hãy lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).`,
    );
  }
  return proc.documents
    .filter((x) => picked.has(x.code))
    .map((x) => {
      const p = picked.get(x.code)!;
      return { code: x.code, name: x.name, originals: p.originals ?? x.originals, copies: p.copies ?? x.copies };
    });
}

function resolveFees(proc: Procedure, d: IntakeDraft): Array<{ code: string; name: string; amountVnd: number }> {
  const out: Array<{ code: string; name: string; amountVnd: number }> = [];
  for (const f of d.DanhSachLePhi) {
    const code = typeof f === 'string' ? f : f.MaPhiLePhi;
    const known = proc.fees.find((x) => x.code === code);
    if (!known) throw new AppFailure('invalid_input', `Khoản phí ${code} không thuộc thủ tục ${proc.maTthc}.`);
    let amount = known.amountVnd;
    if (typeof f !== 'string' && f.Gia !== undefined) {
      const n = Number(f.Gia);
      if (!Number.isFinite(n) || n < 0) throw new AppFailure('invalid_input', `Số tiền của khoản phí ${code} không hợp lệ.`);
      amount = Math.round(n);
    }
    if (out.some((x) => x.code === code)) continue;
    out.push({ code, name: known.name, amountVnd: amount });
  }
  return out;
}

const formatAmount = (n: number) => (Number.isInteger(n) ? String(n) : String(n).replace('.', ','));
const safeFileName = (code: string) => code.replace(/[^0-9A-Za-z.-]/g, '_');

function unitPresentation(db: Database.Database): { unitName: string; unitCode: string; deskName: string; place: string } {
  const u = db.prepare('SELECT u.unit_code, u.name FROM counters c JOIN units u ON u.unit_code = c.unit_code WHERE c.is_this_pc = 1').get() as
    | { unit_code: string; name: string }
    | undefined;
  const setting = (k: string) => (db.prepare('SELECT value FROM settings WHERE key = ?').get(k) as { value: string } | undefined)?.value;
  const unitName = u?.name ?? '…';
  return {
    unitName,
    unitCode: u?.unit_code ?? '',
    deskName: setting('unit.deskName') ?? 'Bộ phận Một cửa',
    place: setting('unit.place') ?? placeFromUnitName(unitName),
  };
}

/** "UBND xã Tân Phú" → "Tân Phú": the place name for the dated line when none is configured. */
export function placeFromUnitName(name: string): string {
  return (
    name
      .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Trung tâm Phục vụ hành chính công)\s+/i, '')
      .replace(/^(xã|phường|thị trấn|đặc khu|tỉnh|thành phố|TP\.?)\s+/i, '')
      .trim() || name
  );
}

function officerName(db: Database.Database, officerId: string | null): { id: string; name: string } | null {
  if (!officerId) return null;
  const r = db.prepare('SELECT full_name FROM officers WHERE officer_id = ?').get(officerId) as { full_name: string } | undefined;
  return { id: officerId, name: r?.full_name ?? officerId };
}
