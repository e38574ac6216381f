import { statfs } from 'node:fs/promises';
import { bilingual, checkRow, errorBilingual, type DoctorCheck } from '../../common/domain/doctor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { AppFailure } from '../../common/ipc/result';
import type { PrinterService } from '../printing/printer-service';
import type { SqliteStore } from '../store/sqlite-store';
import { verdictCheck, type AuditService } from '../audit/audit-service';
import { CANNOT_READ, DISK_LABEL, freeGiB, NOT_CONFIGURED, PRINTER_LABEL } from './check-words';
import { readCalendar } from './doctor';
import type { ScanService } from './scan-service';
import { tokenModuleCheck, trustDirCheck } from './setup-checks';

/** Kiểm tra đầu ngày: every device and condition the counter needs, on one screen. */
export async function startOfDay(d: {
  store: SqliteStore;
  printer: PrinterService;
  scans: ScanService;
  audit: AuditService;
  dataDir: string;
  now: () => Date;
  /** The rows that ask the provincial server (unit match, clock); absent: not asked. */
  province?: () => Promise<DoctorCheck[]>;
}): Promise<DoctorCheck[]> {
  const rows: DoctorCheck[] = [];
  // The audit log first: a log cut or edited overnight is the one finding that is not about today's devices.
  const verdict = await d.audit.verify();
  rows.push(verdictCheck(verdict));
  // A chain that verified is anchored, so a cut made later today reaches back no further than this morning.
  if (verdict.ok) await d.audit.anchor('start-of-day');
  try {
    const { problemKey } = await d.printer.status();
    rows.push(checkRow('printer', problemKey ? 'fail' : 'ok', PRINTER_LABEL, problemKey ? bilingual(problemKey) : { vi: 'sẵn sàng', en: 'ready' }));
  } catch (e) {
    const unconfigured = e instanceof AppFailure && e.key === 'printer.notConfigured';
    rows.push(checkRow('printer', unconfigured ? 'unconfigured' : 'fail', PRINTER_LABEL, unconfigured ? NOT_CONFIGURED : errorBilingual(e)));
  }
  const sc = d.scans.state;
  const why = sc.detailKey && bilingual(sc.detailKey);
  rows.push(
    checkRow(
      'scanner',
      sc.state === 'connected' ? 'ok' : sc.state === 'unconfigured' ? 'unconfigured' : 'fail',
      { vi: 'Máy quét mã', en: 'Code scanner' },
      sc.state === 'connected' ? { vi: 'đã kết nối', en: 'connected' } : sc.state === 'unconfigured' ? NOT_CONFIGURED : { vi: `mất kết nối${why ? ` (${why.vi})` : ''}`, en: `disconnected${why ? ` (${why.en})` : ''}` },
    ),
  );
  rows.push(await tokenModuleCheck(await d.store.getSetting('devices.tokenModule')));
  rows.push(await trustDirCheck(process.env.MOTCUA_TRUST_DIR ?? (await d.store.getSetting('signing.trustDir'))));
  try {
    const s = await statfs(d.dataDir);
    const free = s.bavail * s.bsize;
    rows.push(checkRow('disk', free < 1024 ** 3 ? 'fail' : free < 5 * 1024 ** 3 ? 'warn' : 'ok', DISK_LABEL, freeGiB(free)));
  } catch {
    rows.push(checkRow('disk', 'warn', DISK_LABEL, CANNOT_READ));
  }
  const now = d.now();
  const offset = -now.getTimezoneOffset();
  rows.push(
    checkRow('clock', now.getUTCFullYear() < 2025 ? 'fail' : offset === 420 ? 'ok' : 'warn', { vi: 'Đồng hồ', en: 'Clock' }, {
      vi: `${toVietnamRfc3339(now)}${offset === 420 ? '' : ' — múi giờ của máy không phải UTC+7'}`,
      en: `${toVietnamRfc3339(now)}${offset === 420 ? '' : " — the PC's time zone is not UTC+7"}`,
    }),
  );
  // The unit and counter at the province, and the clock against the server's.
  if (d.province) rows.push(...(await d.province()));
  // Holidays decide every due date printed today: a missing or provisional year is flagged before the first dossier.
  rows.push(await readCalendar(d.store, now));
  const c = await d.store.outboxCounts();
  const api = process.env.MOTCUA_API_URL ?? (await d.store.getSetting('sync.apiUrl'));
  rows.push(
    checkRow('sync', !api ? 'unconfigured' : c.rejected > 0 ? 'warn' : 'ok', { vi: 'Hồ sơ chờ đồng bộ', en: 'Dossiers waiting to sync' }, {
      vi: `${c.pending} hồ sơ chờ gửi, ${c.rejected} bị trả lại${api ? '' : ' — chưa cấu hình máy chủ tỉnh'}`,
      en: `${c.pending} waiting to be sent, ${c.rejected} rejected${api ? '' : ' — no provincial server configured'}`,
    }),
  );
  return rows;
}
