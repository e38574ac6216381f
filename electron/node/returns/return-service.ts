import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import type { Notice } from '../../common/ipc/notice';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { DossierDetail } from '../../common/domain/dossier';
import { parseDossierCode } from '../../common/domain/dossier-code';
import type { SignatureToken } from '../../common/hardware/token';
import { toNationalTime } from '../../common/domain/intake';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { AppFailure, failure } from '../../common/ipc/result';
import type { ContentStore } from '../files/content-store';
import type { DocumentVault } from '../files/document-vault';
import { attachmentSha, collectFeesAtReturn, insertResultDocument, markReturned, requireDossierId, resultDocuments, type ResultDocument } from '../intake/dossier-repo';
import type { IntakeService } from '../intake/intake-service';
import { deliveryOf, markPosted, type Delivery } from '../intake/delivery-repo';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { enqueueEvent } from '../sync/outbox-repo';

export type ResultFile = ResultDocument;

export interface ReturnView {
  readonly dossier: DossierDetail;
  readonly results: readonly ResultFile[];
  readonly returnable: boolean;
  /** Why it cannot be handed over (Vietnamese); `reasonKey` words it in the officer's language. */
  readonly reason: string | null;
  readonly reasonKey: KeyedText | null;
  /** Mẫu 01 line 6: at the counter, or by post to this address (then `postOut`, not `handOver`). */
  readonly delivery: Delivery;
}

/**
 * Trả kết quả: a citizen brings the receipt; the officer scans its code, signs the result
 * documents that need the officer's signature, records who collected them and hands them over.
 * The hand-over (status 10) is queued for the provincial system with the signed files.
 */
export class ReturnService {
  constructor(
    private readonly d: { store: SqliteStore; files: ContentStore; intake: IntakeService; docs: DocumentVault; workDir: string; fontsDir: string; now?: () => Date },
  ) {}

  #now(): Date {
    return (this.d.now ?? (() => new Date()))();
  }

  async open(codeOrScan: string): Promise<ReturnView> {
    const code = codeOrScan.trim();
    if (!parseDossierCode(code)) throw failure('invalid_input', 'returns.badCode', { code });
    const dossier = await this.d.intake.detail(code);
    if (!dossier) throw failure('not_found', 'returns.notHere', { code });
    const { results, delivery } = await this.d.store.exec('returns.results', (db) => ({ results: resultDocuments(db, dossier.id), delivery: deliveryOf(db, dossier.id) }));
    const reasonKey: KeyedText | null =
      dossier.status === '10' ? { key: 'returns.alreadyReturned' } : dossier.status !== '9' ? { key: 'returns.noResultYet', params: { status: dossier.status } } : null;
    const reason = reasonKey && formatError(reasonKey.key, reasonKey.params, 'vi');
    return { dossier, results, returnable: reason === null, reason, reasonKey, delivery };
  }

  /** A result document produced elsewhere (USB, e-mail), imported by the officer. */
  async importResult(code: string, path: string, actor: string): Promise<number> {
    const stored = await this.d.files.importFile(path);
    if (stored.contentType !== 'application/pdf') throw failure('invalid_input', 'returns.notPdf');
    return this.d.store.exec('returns.import', (db) =>
      db.transaction(() => {
        const dossierId = requireDossierId(db, code);
        const at = toVietnamRfc3339(this.#now());
        const id = insertResultDocument(db, { dossierId, kind: 'result', fileName: stored.fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes, at });
        // A file name can name the citizen: the audit row keeps the attachment id and size, the name stays in attachments.
        appendAudit(db, { actor, action: 'returns.importResult', subject: code, details: { attachment: id, bytes: stored.sizeBytes } }, at);
        return id;
      })(),
    );
  }

  /** Signs the chosen result files with the officer's token: one PIN for the batch where the key allows it. */
  async sign(
    code: string,
    o: { token: SignatureToken; tokenId: string; certId?: string | null; pin: string | null; confirmFinalTry?: boolean; attachmentIds: readonly number[]; actor: string; trustAnchors?: readonly Uint8Array[] },
  ): Promise<{ signed: number[]; warning: Notice | null }> {
    const view = await this.open(code);
    const signed: number[] = [];
    let warning: Notice | null = null;
    for (const id of o.attachmentIds) {
      const file = view.results.find((r) => r.id === id && r.kind === 'result');
      if (!file) throw failure('not_found', 'returns.resultNotFound', { id, code });
      const sha = await this.d.store.exec('returns.sha', (db) => attachmentSha(db, id));
      // Signed in memory: the stored result is unsealed into memory and checked against its hash, and
      // the signed copy is sealed straight from the signer's pieces; no clear byte reaches the disk.
      // It opens (on the unseal thread) while the signer loads and reads the token's certificates.
      const input = this.d.files.readVerified(sha).then((b) => b ?? Promise.reject(failure('conflict', 'returns.resultUnreadable', { id })));
      input.catch(() => undefined);
      // The signer (pkijs, pdf-lib) loads with the first signature, not with the app.
      const { signPdf } = await import('../signing/signing-service');
      const r = await signPdf(input, {
        token: o.token,
        tokenId: o.tokenId,
        certId: o.certId ?? null,
        pin: o.pin,
        ...(o.confirmFinalTry ? { confirmFinalTry: true } : {}),
        reason: `Ký kết quả giải quyết hồ sơ ${code}`,
        ...(o.trustAnchors ? { trustAnchors: o.trustAnchors } : {}),
        fontsDir: this.d.fontsDir,
        now: this.#now(),
      });
      const stored = await this.d.files.putPieces(r.pieces, file.fileName, 'application/pdf');
      warning = r.warning ?? warning;
      const at = toVietnamRfc3339(this.#now());
      const newId = await this.d.store.exec('returns.signed', (db) =>
        db.transaction(() => {
          const nid = insertResultDocument(db, {
            dossierId: requireDossierId(db, code),
            kind: 'signed_result',
            // Named as Ký số names its copies (…-da-ky.pdf): a file name the app makes carries no wording of one language.
            fileName: file.fileName.replace(/\.pdf$/i, '') + '-da-ky.pdf',
            sha256: stored.sha256,
            sizeBytes: stored.sizeBytes,
            at,
            resultCode: file.resultCode,
          });
          appendAudit(db, { actor: o.actor, action: 'returns.sign', subject: code, details: { attachment: id, signer: r.signer.subject } }, at);
          return nid;
        })(),
      );
      signed.push(newId);
    }
    return { signed, warning };
  }

  /**
   * Records the hand-over: status 10 and NgayTra locally, audited, and queued for the province
   * after the signed files' uploads. Returns the hand-over slip PDF.
   */
  async handOver(code: string, o: { receivedBy: string; idChecked: boolean; note?: string | null; actor: string; officerName?: string | null }): Promise<{ slipPath: string }> {
    const view = await this.open(code);
    if (!view.returnable) throw notReturnable(view);
    if (!o.receivedBy.trim()) throw failure('invalid_input', 'returns.noReceiver');
    if (!o.idChecked) throw failure('invalid_input', 'returns.idNotChecked');
    const now = this.#now();
    const at = toVietnamRfc3339(now);
    const files = view.results.filter((r) => r.kind === 'signed_result').length ? view.results.filter((r) => r.kind === 'signed_result') : view.results;
    await this.d.store.exec('returns.handOver', (db) =>
      db.transaction(() => {
        const dossierId = requireDossierId(db, code);
        markReturned(db, dossierId, at);
        const feesVnd = collectFeesAtReturn(db, dossierId, at, o.actor);
        queueReturned(db, { code, dossierId, files, at, actor: o.actor, how: 'Trả kết quả', info: `Người nhận: ${o.receivedBy.trim()}; đã kiểm tra giấy tờ tùy thân${o.note ? `; ${o.note}` : ''}` });
        appendAudit(db, { actor: o.actor, action: 'returns.handOver', subject: code, details: { files: files.length, idChecked: true, feesVnd } }, at);
      })(),
    );
    const slip = await this.#slip(view.dossier, { ...o, at, files: files.map((f) => f.fileName) });
    return { slipPath: slip };
  }

  /**
   * A result the applicant asked to receive by post (Mẫu 01 line 6) is handed to the post office:
   * the item's tracking number is kept and the province gets the same status 10 as a counter
   * hand-over (contract §3.4), dated when the post took it. The address is not sent: the province
   * holds the dossier's, and the post carries it.
   */
  async postOut(code: string, o: { trackingNo: string; actor: string }): Promise<{ postedAt: string }> {
    const view = await this.open(code);
    if (!view.returnable) throw notReturnable(view);
    if (view.delivery.method !== '1') throw failure('conflict', 'returns.notPostal', { code });
    const trackingNo = o.trackingNo.trim().toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]{3,39}$/.test(trackingNo)) throw failure('invalid_input', 'returns.badTrackingNo', { trackingNo: o.trackingNo.trim() });
    const at = toVietnamRfc3339(this.#now());
    const files = view.results.filter((r) => r.kind === 'signed_result').length ? view.results.filter((r) => r.kind === 'signed_result') : view.results;
    await this.d.store.exec('returns.postOut', (db) =>
      db.transaction(() => {
        const dossierId = requireDossierId(db, code);
        if (!markPosted(db, dossierId, { at, trackingNo, officerId: o.actor })) throw failure('conflict', 'returns.alreadyPosted', { code });
        markReturned(db, dossierId, at);
        queueReturned(db, { code, dossierId, files, at, actor: o.actor, how: 'Trả kết quả qua dịch vụ bưu chính công ích', info: `Chuyển bưu chính; số hiệu bưu gửi: ${trackingNo}` });
        appendAudit(db, { actor: o.actor, action: 'returns.postOut', subject: code, details: { files: files.length } }, at);
      })(),
    );
    return { postedAt: at };
  }

  async #slip(d: DossierDetail, o: { receivedBy: string; at: string; files: string[]; officerName?: string | null }): Promise<string> {
    const { A5, Flow, newDocument } = await import('../pdf/pdf-flow');
    const { doc, fonts } = await newDocument(this.d.fontsDir, `Phiếu bàn giao kết quả ${d.code}`);
    const f = new Flow(doc, fonts, A5, { top: 28, right: 28, bottom: 28, left: 28 });
    f.text('PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ', { size: 12, font: 'bold', align: 'center', gapAfter: 6 });
    f.text(`Mã hồ sơ: ${d.code}`, { size: 10, font: 'bold' });
    f.text(`Thủ tục: ${d.procedureName}`, { size: 10 });
    f.text(`Người nộp hồ sơ: ${d.applicantName}`, { size: 10 });
    f.text(`Người nhận kết quả: ${o.receivedBy}`, { size: 10 });
    f.text(`Thời điểm trả: ${o.at.slice(11, 16)} ngày ${o.at.slice(8, 10)}/${o.at.slice(5, 7)}/${o.at.slice(0, 4)}`, { size: 10, gapAfter: 4 });
    f.text('Kết quả đã bàn giao:', { size: 10, font: 'bold' });
    o.files.forEach((name, i) => f.text(`${i + 1}. ${name}`, { size: 10, indent: 12 }));
    if (!o.files.length) f.text('(kết quả bản giấy)', { size: 10, indent: 12 });
    f.space(10);
    f.columns(
      (l) => {
        l.text('NGƯỜI NHẬN KẾT QUẢ', { size: 9, font: 'bold', align: 'center' });
        l.text('(Ký và ghi rõ họ tên)', { size: 8, font: 'italic', align: 'center' });
      },
      (r) => {
        r.text('NGƯỜI TRẢ KẾT QUẢ', { size: 9, font: 'bold', align: 'center' });
        r.text('(Ký và ghi rõ họ tên)', { size: 8, font: 'italic', align: 'center', gapAfter: 30 });
        if (o.officerName) r.text(o.officerName, { size: 9, font: 'bold', align: 'center' });
      },
      0.5,
    );
    const path = join(this.d.workDir, `ban-giao-${d.code.replace(/[^0-9A-Za-z.-]/g, '_')}.pdf`);
    // Kept sealed: it names the applicant and who collected the result.
    await this.d.docs.write(path, await doc.save({ useObjectStreams: false }));
    return path;
  }
}

/**
 * Status 10 to the province (contract §3.4), at the counter or by post. Signed files go up first;
 * the event refers to their upload URLs once they exist.
 */
function queueReturned(
  db: Database.Database,
  r: { code: string; dossierId: number; files: ReadonlyArray<{ id: number; kind: string; fileName: string; resultCode: string | null }>; at: string; actor: string; how: string; info: string },
): void {
  enqueueEvent(db, {
    code: r.code,
    dossierId: r.dossierId,
    uploadsFirst: r.files.filter((f) => f.kind === 'signed_result').map((f) => f.id),
    event: {
      TrangThai: '10',
      ThoiDiemXuLy: toNationalTime(r.at),
      NguoiXuLy: r.actor,
      NoiDungXuLy: r.how,
      NgayTra: toNationalTime(r.at),
      ThongTinTra: r.info,
      DanhSachGiayToKetQua: r.files.map((f) => ({ TenGiayTo: f.fileName, MaGiayToKetQua: f.resultCode ?? '', DuongDanTepTinKetQua: { $attachment: f.id } })),
    },
    at: r.at,
  });
}

/** Why a dossier cannot be handed over, as a keyed failure (its reason, or the plain refusal). */
function notReturnable(view: ReturnView): AppFailure {
  return view.reasonKey ? failure('conflict', view.reasonKey.key, view.reasonKey.params) : failure('conflict', 'returns.notReturnable');
}
