import type { AppInfo, Locale } from '../../common/ipc/contract';
import { DURATION_LABEL } from '../../common/domain/procedure';
import { toVietnamRfc3339, vietnamDate } from '../../common/domain/time';
import { AppFailure } from '../../common/ipc/result';
import { isSafeExternalUrl } from '../../common/security/external-url';
import { loadWorkCalendar } from '../calendar/calendar-repo';
import { requireProcedure, searchProcedures } from '../catalog/catalog-repo';
import type { AttachmentInbox } from '../files/attachment-inbox';
import type { IntakeService } from '../intake/intake-service';
import type { ConnectivityMonitor } from '../services/connectivity';
import { runDoctor } from '../services/doctor';
import { SCANNER_SETTING, type ScanService } from '../services/scan-service';
import type { SqliteStore } from '../store/sqlite-store';
import type { Handlers } from './dispatcher';
import type { EventHub } from '../events/event-hub';
import { PRINTER_SETTING, type PrinterService } from '../printing/printer-service';
import type { SerialPortLister } from '../../common/hardware/serial';
import { startOfDay } from '../services/start-of-day';
import type { SessionService } from '../auth/session';
import { addOfficer, listOfficers } from '../officers/officer-repo';
import { dailyReport } from '../reports/daily-report';
import { voidDossier } from '../intake/void-dossier';
import { reportCsv, reportXlsx } from '../reports/report-export';
import type { PdfRenderer } from '../documents/pdf-renderer';
import { writeFileAtomic } from '../files/content-store';
import { signDocuments } from '../signing/sign-documents';
import { signFile } from '../signing/signing-service';
import { loadTrustAnchors } from '../signing/trust-store';
import { verifyPdf } from '../signing/verify';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { SyncService } from '../sync/sync-service';
import { staleness } from '../sync/staleness';
import type { ReturnService } from '../returns/return-service';
import type { SignatureToken } from '../../common/hardware/token';
import { TOKEN_MODULE_CANDIDATES } from '../../common/hardware/token-modules';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { appendAudit } from '../store/audit';

/** What only the host can do: Electron's shell and dialogs, or the Chromium host's stand-ins. */
export interface HostShell {
  openExternal(url: string): Promise<void>;
  /** The OS file dialog for scans (PDF/JPG/PNG); returns chosen paths, [] when cancelled. */
  pickFiles(): Promise<string[]>;
  /** Opens the OS print dialog for a PDF; false when the officer cancelled. */
  printPdf(path: string): Promise<boolean>;
}

export interface HandlerDeps {
  readonly store: SqliteStore;
  readonly monitor: ConnectivityMonitor;
  readonly intake: IntakeService;
  readonly inbox: AttachmentInbox;
  readonly scans: ScanService;
  readonly printer: PrinterService;
  readonly sync: SyncService;
  readonly returns: ReturnService;
  readonly tokenFactory: (modulePath: string) => SignatureToken;
  readonly session: SessionService;
  readonly fontsDir: string;
  readonly pdf: PdfRenderer;
  readonly serialPorts: SerialPortLister;
  readonly hub: EventHub;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
  readonly shell: HostShell;
  readonly now?: () => Date;
}


/** The handler table: one function per contract channel, shared by Electron and the Chromium host. */
export function createHandlers(d: HandlerDeps): Handlers {
  const now = d.now ?? (() => new Date());
  const currentStaleness = async () => {
    const api = Boolean(process.env.MOTCUA_API_URL ?? (await d.store.getSetting('sync.apiUrl')));
    return d.store.exec('sync.staleness', (db) => staleness(db, now(), api));
  };
  let tokenCache: { path: string; token: SignatureToken } | null = null;
  const token = async (): Promise<SignatureToken> => {
    const configured = await d.store.getSetting('devices.tokenModule');
    const path = configured ?? (TOKEN_MODULE_CANDIDATES[process.platform as 'win32' | 'linux' | 'darwin'] ?? []).find((p) => existsSync(p));
    if (!path) throw new AppFailure('not_found', 'Chưa có thư viện PKCS#11 của token: cài trình điều khiển của nhà cung cấp hoặc chọn trong Cài đặt → Thiết bị.');
    if (tokenCache?.path !== path) tokenCache = { path, token: d.tokenFactory(path) };
    return tokenCache.token;
  };
  const actor = () => d.session.officer?.officerId ?? 'system';
  const trustAnchors = async () => loadTrustAnchors(process.env.MOTCUA_TRUST_DIR ?? (await d.store.getSetting('signing.trustDir')));
  const report = (date: string, counterId: string | null, to?: string | null) => {
    if (to && to < date) throw new AppFailure('invalid_input', 'Ngày kết thúc không được trước ngày bắt đầu.');
    return d.store.exec('report.daily', (db) => dailyReport(db, date, { counterId, now: toVietnamRfc3339(now()), ...(to ? { to } : {}) }));
  };
  const reportsDir = join(d.dataDir, 'reports');
  const locale = async (): Promise<Locale> => ((await d.store.getSetting('ui.locale')) === 'en' ? 'en' : 'vi');
  return {
    'app.info': async () => ({
      appName: 'Một Cửa Desk',
      version: d.appVersion,
      host: d.host,
      dataDir: d.dataDir,
      dbVersion: await d.store.schemaVersion(),
      locale: await locale(),
      unit: await d.store.getUnitIdentity(),
      officer: d.session.officer ? { officerId: d.session.officer.officerId, fullName: d.session.officer.fullName } : null,
    }),
    'auth.state': async () => ({
      officer: d.session.officer,
      needsSetup: await d.session.needsSetup(),
      idleMinutes: Number((await d.store.getSetting('auth.idleMinutes')) ?? 15),
      warnMinutes: Number((await d.store.getSetting('auth.warnMinutes')) ?? 2),
    }),
    'auth.login': ({ username, password }) => d.session.login(username, password),
    'auth.logout': async () => {
      await d.session.logout('logout');
      return { ok: true };
    },
    'auth.lock': async () => {
      await d.session.logout('idle');
      return { ok: true };
    },
    'auth.setup': async ({ unit, admin }) => {
      if (!(await d.session.needsSetup())) throw new AppFailure('forbidden', 'Đã có tài khoản cán bộ: thiết lập ban đầu không còn dùng được.');
      const o = await d.session.setupAdmin(admin);
      const saved = await d.store.setUnitIdentity(unit, o.officerId);
      d.hub.emit('unit.changed', saved);
      return o;
    },
    'officer.add': async (input) => {
      const o = await (await d.store.exec('officer.add', (db) => addOfficer(db, { ...input, title: null }, actor(), toVietnamRfc3339(now()))));
      return { officerId: o.officerId, fullName: o.fullName, roles: [...o.roles] };
    },
    'officer.list': () => d.store.exec('officer.list', (db) => listOfficers(db).map((o) => ({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles], username: o.username, active: o.active }))),
    'report.daily': async ({ date, to, counterId }) => {
      const r = await report(date, counterId, to);
      await d.store.audit({ actor: actor(), action: 'report.view', subject: date, details: { counterId } });
      return { ...r, totals: { ...r.totals }, log: r.log.map((x) => ({ ...x })) as Array<Record<string, unknown>>, byProcedure: [...r.byProcedure], byCounter: [...r.byCounter], byOfficer: [...r.byOfficer], byHour: [...r.byHour], review: [...r.review] };
    },
    'report.export': async ({ date, to, counterId, format }) => {
      const r = await report(date, counterId, to);
      const data = format === 'csv' ? Buffer.from(reportCsv(r)) : format === 'xlsx' ? await reportXlsx(r) : await d.pdf.render({ kind: 'report', model: r });
      const path = join(reportsDir, `bao-cao-${date}${r.dateTo !== date ? `_${r.dateTo}` : ''}${counterId ? `-${counterId}` : ''}.${format}`);
      await writeFileAtomic(path, data);
      await d.store.audit({ actor: actor(), action: 'report.export', subject: date, details: { format, counterId } });
      return { path, opened: format === 'pdf' ? await d.shell.printPdf(path) : true };
    },
    'day.close': async ({ date, notes, sign }) => {
      const r = await report(date, null);
      if (r.review.length && !notes?.trim()) {
        throw new AppFailure('invalid_input', `Ngày ${date} có ${r.review.length} việc cần xem xét (hủy phiếu, in lại, cho phép vượt): ghi nhận xét trước khi chốt ngày.`);
      }
      const pdf = await d.pdf.render({ kind: 'report', model: r });
      const plain = join(reportsDir, `bao-cao-${date}-chot.pdf`);
      await writeFileAtomic(plain, pdf);
      let finalPath = plain;
      let signed = false;
      if (sign) {
        const out = join(reportsDir, `bao-cao-${date}-chot-da-ky.pdf`);
        const anchors = await trustAnchors();
        await signFile({ token: await token(), tokenId: sign.tokenId, certId: sign.certId, pin: sign.pin, input: plain, output: out, reason: `Chốt ngày ${date}`, ...(anchors ? { trustAnchors: anchors } : {}), fontsDir: d.fontsDir, now: now() });
        finalPath = out;
        signed = true;
      }
      const closedAt = toVietnamRfc3339(now());
      // The hash of what was kept: the bytes in hand, or the signed copy written by signFile.
      const sha = createHash('sha256').update(signed ? await readFile(finalPath) : pdf).digest('hex');
      await d.store.exec('day.close', (db) =>
        db.transaction(() => {
          db.prepare(
            'INSERT INTO day_closes (day, closed_at, closed_by, notes, report_sha256, signed_pdf_path) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET closed_at = excluded.closed_at, closed_by = excluded.closed_by, notes = excluded.notes, report_sha256 = excluded.report_sha256, signed_pdf_path = excluded.signed_pdf_path',
          ).run(date, closedAt, actor(), notes ?? null, sha, finalPath);
          appendAudit(db, { actor: actor(), action: 'day.close', subject: date, details: { signed, sha256: sha, notes: notes ? true : false } }, closedAt);
        })(),
      );
      return { closedAt, pdfPath: finalPath, signed };
    },
    'app.setLocale': async ({ locale: l }) => {
      await d.store.setSetting('ui.locale', l, actor());
      return { locale: l };
    },
    'app.doctor': () => runDoctor({ store: d.store, dataDir: d.dataDir, appVersion: d.appVersion }),
    'unit.get': () => d.store.getUnitIdentity(),
    'unit.set': async (unit) => {
      const saved = await d.store.setUnitIdentity(unit, actor());
      d.hub.emit('unit.changed', saved);
      await d.monitor.check();
      return saved;
    },
    'sync.state': () => d.monitor.check(),
    'catalog.search': ({ query }) => d.store.exec('catalog.search', (db) => searchProcedures(db, query, 20)),
    'intake.previewDue': ({ maTthc }) =>
      d.store.exec('intake.previewDue', (db) => {
        const p = requireProcedure(db, maTthc);
        const at = now();
        return {
          receivedAt: toVietnamRfc3339(at),
          dueAt: toVietnamRfc3339(loadWorkCalendar(db).dueDate(at, p.duration.value, p.duration.unit)),
          durationText: `${p.duration.value} ${DURATION_LABEL[p.duration.unit]}`,
        };
      }),
    'intake.receive': async ({ draft, attachments, override }) => {
      if (draft.attachments.length) throw new AppFailure('forbidden', 'Tệp đính kèm phải được chọn qua hộp thoại hoặc thư mục máy quét.');
      const stale = await currentStaleness();
      if (stale.level === 'block') {
        if (!override) throw new AppFailure('forbidden', stale.message ?? 'Đồng bộ quá hạn.');
        await d.store.audit({ actor: actor(), action: 'sync.override', subject: 'intake', details: { reason: override.reason, hoursSinceSync: stale.hoursSinceSync, pending: stale.pending } });
      }
      const withFiles = { ...draft, attachments: attachments.map((a) => ({ path: d.inbox.pathOf(a.token), ...(a.MaThanhPhanHoSo ? { MaThanhPhanHoSo: a.MaThanhPhanHoSo } : {}) })) };
      const r = await d.intake.receive(withFiles, { actor: actor(), officerId: null, receiptInBackground: true });
      void d.monitor.check();
      void d.sync.trigger('intake');
      return { code: r.code, receivedAt: r.receivedAt, dueAt: r.dueAt, hasReceipt: false };
    },
    'intake.turnBack': (input) => d.intake.turnBack(input, { actor: actor(), officerId: null }).then((r) => ({ id: r.id })),
    'intake.applicant': ({ idNumber }) => d.intake.applicant(idNumber),
    'dossier.listDay': ({ date }) => d.intake.ofDay(date ?? vietnamDate(now())),
    'dossier.search': ({ text }) => d.intake.search(text, 30),
    'dossier.get': ({ code }) => d.intake.detail(code),
    'dossier.void': async ({ code, reason }) => {
      const r = await d.store.exec('dossier.void', (db) => voidDossier(db, { code, reason, actor: actor(), at: toVietnamRfc3339(now()) }));
      void d.sync.trigger('void');
      return r;
    },
    'receipt.print': async ({ code }) => {
      return { printed: await d.shell.printPdf(await d.intake.receiptPath(code)) };
    },
    'attachments.pick': async () => d.inbox.registerAll(await d.shell.pickFiles()),
    'attachments.scanFolder': async () => {
      const dir = await d.store.getSetting('intake.scanFolder');
      if (!dir) throw new AppFailure('not_found', 'Chưa cấu hình thư mục máy quét tài liệu (Cài đặt → Thiết bị).');
      return d.inbox.scanFolder(dir);
    },
    'attachments.preview': ({ token }) => d.inbox.preview(token),
    'devices.state': async () => ({ scanner: d.scans.state.state, detail: d.scans.state.detail }),
    'devices.setScanner': async ({ config }) => {
      if (config) await d.store.setSetting(SCANNER_SETTING, JSON.stringify(config), actor());
      else await d.store.exec('devices.clearScanner', (db) => db.prepare('DELETE FROM settings WHERE key = ?').run(SCANNER_SETTING));
      await d.scans.start();
      return { scanner: d.scans.state.state, detail: d.scans.state.detail };
    },
    'devices.list': () => d.serialPorts.list(),
    'devices.config': async () => {
      const [scanner, printer, scanFolder] = await Promise.all([d.store.getSetting(SCANNER_SETTING), d.store.getSetting(PRINTER_SETTING), d.store.getSetting('intake.scanFolder')]);
      return { scanner: scanner ? JSON.parse(scanner) : null, printer: printer ? JSON.parse(printer) : null, scanFolder };
    },
    'devices.setPrinter': async ({ config }) => {
      if (config) await d.store.setSetting(PRINTER_SETTING, JSON.stringify(config), actor());
      else await d.store.exec('devices.clearPrinter', (db) => db.prepare('DELETE FROM settings WHERE key = ?').run(PRINTER_SETTING));
      await d.printer.close();
      return { saved: true };
    },
    'devices.setScanFolder': async ({ path }) => {
      if (path) await d.store.setSetting('intake.scanFolder', path, actor());
      else await d.store.exec('devices.clearScanFolder', (db) => db.prepare("DELETE FROM settings WHERE key = 'intake.scanFolder'").run());
      return { saved: true };
    },
    'devices.startOfDay': () => startOfDay({ store: d.store, printer: d.printer, scans: d.scans, dataDir: d.dataDir, now }),
    'printer.test': () => d.printer.printTest(),
    'printer.receipt': ({ code, reason }) => d.printer.printReceipt(code, { actor: actor(), reason }),
    'printer.jobs': () => d.printer.jobs(),
    'printer.retry': async ({ jobId }) => {
      await d.printer.retry(jobId, { actor: actor() });
      return { printed: true };
    },
    'sync.now': async () => {
      const r = await d.sync.trigger('manual');
      return r
        ? { ran: true, sent: r.sent, remaining: r.remaining, rejected: r.rejected, message: r.errors[0] ?? null }
        : { ran: false, sent: 0, remaining: 0, rejected: 0, message: d.sync.lastError ?? 'Chưa cấu hình máy chủ tỉnh.' };
    },
    'sync.queue': () =>
      d.store.exec('sync.queue', (db) =>
        (
          db
            .prepare("SELECT ma_ho_so, kind, state, attempts, next_attempt_at, last_error FROM outbox WHERE state NOT IN ('done') ORDER BY id LIMIT 500")
            .all() as Array<{ ma_ho_so: string; kind: string; state: string; attempts: number; next_attempt_at: string | null; last_error: string | null }>
        ).map((r) => ({ code: r.ma_ho_so, kind: r.kind, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error })),
      ),
    'sync.inbox': () =>
      d.store.exec('sync.inbox', (db) =>
        (db.prepare("SELECT ma_ho_so, kind, last_error, updated_at FROM outbox WHERE state = 'rejected' ORDER BY updated_at").all() as Array<{ ma_ho_so: string; kind: string; last_error: string | null; updated_at: string }>).map(
          (r) => {
            const e = (r.last_error ? JSON.parse(r.last_error) : {}) as { status?: number; message?: string; details?: Array<{ field?: string; message?: string }> };
            return { code: r.ma_ho_so, kind: r.kind, at: r.updated_at, status: e.status ?? null, message: e.message ?? 'Bị trả lại', details: e.details ?? [] };
          },
        ),
      ),
    'sync.resend': async ({ code }) => {
      await d.sync.resend(code);
      return { queued: true };
    },
    'sync.informed': ({ code, note }) =>
      d.store.exec('sync.informed', (db) =>
        db.transaction(() => {
          const r = db.prepare("UPDATE outbox SET state = 'waiting', updated_at = ? WHERE ma_ho_so = ? AND state = 'rejected'").run(toVietnamRfc3339(now()), code);
          if (!r.changes) throw new AppFailure('not_found', `Hồ sơ ${code} không có mục bị trả lại.`);
          appendAudit(db, { actor: actor(), action: 'sync.citizenInformed', subject: code, details: { note } }, toVietnamRfc3339(now()));
          return { recorded: true };
        })(),
      ),
    'sync.staleness': () => currentStaleness(),
    'sync.configure': async ({ apiUrl, clientId }) => {
      if (apiUrl) await d.store.setSetting('sync.apiUrl', apiUrl, actor());
      if (clientId) await d.store.setSetting('sync.clientId', clientId, actor());
      void d.sync.trigger('configure');
      return { saved: true };
    },
    'returns.open': ({ code }) => d.returns.open(code).then((v) => ({ ...v, results: [...v.results] })),
    'returns.importResult': async ({ code, token: t }) => ({ id: await d.returns.importResult(code, d.inbox.pathOf(t), actor()) }),
    'returns.sign': async ({ code, tokenId, certId, pin, confirmFinalTry, attachmentIds }) => {
      const anchors = await trustAnchors();
      const r = await d.returns.sign(code, { token: await token(), tokenId, certId, pin, confirmFinalTry, attachmentIds, actor: actor(), ...(anchors ? { trustAnchors: anchors } : {}) });
      return { signed: r.signed, warning: r.warning };
    },
    'returns.handOver': async ({ code, receivedBy, idChecked, note }) => {
      const { slipPath } = await d.returns.handOver(code, { receivedBy, idChecked, note, actor: actor() });
      void d.sync.trigger('handOver');
      return { printed: await d.shell.printPdf(slipPath) };
    },
    'signing.signFiles': async ({ files, tokenId, certId, pin, confirmFinalTry, visible, reason }) => {
      const inputs = files.map((f) => d.inbox.pathOf(f));
      const r = await signDocuments({ token: await token(), tokenId, certId, pin, confirmFinalTry, inputs, outDir: join(d.dataDir, 'files', 'signed'), visible, reason, trustAnchors: await trustAnchors(), fontsDir: d.fontsDir, now: now() });
      // File names can carry a citizen's name: the audit keeps counts and the certificate only.
      await d.store.audit({ actor: actor(), action: 'signing.sign', subject: null, details: { files: r.signed.length, signer: r.signer } });
      return r;
    },
    'signing.verify': async ({ file }) => {
      const anchors = await trustAnchors();
      const reports = await verifyPdf(await readFile(d.inbox.pathOf(file)), anchors ? { trustAnchors: anchors } : {});
      return reports.map((x) => ({ field: x.field, signer: x.signer, claimedTime: x.claimedTime, integrity: x.integrity, coversWholeDocument: x.coversWholeDocument, trusted: x.trusted, timestamp: x.timestamp }));
    },
    'token.list': async () => {
      const t = await token();
      const out = [];
      for (const tk of await t.listTokens()) {
        const certs = await t.listCertificates(tk.serial || tk.label);
        out.push({
          label: tk.label,
          serial: tk.serial,
          manufacturer: tk.manufacturer,
          flags: { pinCountLow: tk.flags.pinCountLow, pinFinalTry: tk.flags.pinFinalTry, pinLocked: tk.flags.pinLocked, protectedAuthPath: tk.flags.protectedAuthPath },
          certificates: certs.map((c) => ({ id: c.id, subject: c.subject, issuer: c.issuer, notAfter: c.notAfter, keyUsage: [...c.keyUsage] })),
        });
      }
      return out;
    },
    'devices.setTokenModule': async ({ path }) => {
      if (path) await d.store.setSetting('devices.tokenModule', path, actor());
      else await d.store.exec('devices.clearToken', (db) => db.prepare("DELETE FROM settings WHERE key = 'devices.tokenModule'").run());
      tokenCache = null;
      return { saved: true };
    },
    'shell.openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url)) throw new AppFailure('forbidden', 'Địa chỉ này không được phép mở ngoài ứng dụng.');
      await d.shell.openExternal(url);
      return { opened: true };
    },
  };
}
