import { statfs } from 'node:fs/promises';
import type { DoctorCheck } from '../../common/domain/doctor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import type { PrinterService } from '../printing/printer-service';
import type { SqliteStore } from '../store/sqlite-store';
import { verdictCheck, type AuditService } from '../audit/audit-service';
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
    const { problem } = await d.printer.status();
    rows.push({ id: 'printer', label: 'Máy in biên nhận', status: problem ? 'fail' : 'ok', detail: problem ?? 'sẵn sàng' });
  } catch (e) {
    const msg = (e as Error).message;
    rows.push({ id: 'printer', label: 'Máy in biên nhận', status: /Chưa cấu hình/.test(msg) ? 'unconfigured' : 'fail', detail: /Chưa cấu hình/.test(msg) ? 'chưa cấu hình' : msg });
  }
  const sc = d.scans.state;
  rows.push({
    id: 'scanner',
    label: 'Máy quét mã',
    status: sc.state === 'connected' ? 'ok' : sc.state === 'unconfigured' ? 'unconfigured' : 'fail',
    detail: sc.state === 'connected' ? 'đã kết nối' : sc.state === 'unconfigured' ? 'chưa cấu hình' : `mất kết nối${sc.detail ? ` (${sc.detail})` : ''}`,
  });
  rows.push(await tokenModuleCheck(await d.store.getSetting('devices.tokenModule')));
  rows.push(await trustDirCheck(process.env.MOTCUA_TRUST_DIR ?? (await d.store.getSetting('signing.trustDir'))));
  try {
    const s = await statfs(d.dataDir);
    const free = s.bavail * s.bsize;
    rows.push({ id: 'disk', label: 'Dung lượng đĩa', status: free < 1024 ** 3 ? 'fail' : free < 5 * 1024 ** 3 ? 'warn' : 'ok', detail: `còn trống ${(free / 1024 ** 3).toFixed(1)} GiB` });
  } catch {
    rows.push({ id: 'disk', label: 'Dung lượng đĩa', status: 'warn', detail: 'không đọc được' });
  }
  const now = d.now();
  const offset = -now.getTimezoneOffset();
  rows.push({
    id: 'clock',
    label: 'Đồng hồ',
    status: now.getUTCFullYear() < 2025 ? 'fail' : offset === 420 ? 'ok' : 'warn',
    detail: `${toVietnamRfc3339(now)}${offset === 420 ? '' : ' — múi giờ của máy không phải UTC+7'}`,
  });
  // The unit and counter at the province, and the clock against the server's.
  if (d.province) rows.push(...(await d.province()));
  // Holidays decide every due date printed today: a missing or provisional year is flagged before the first dossier.
  rows.push(await readCalendar(d.store, now));
  const c = await d.store.outboxCounts();
  const api = process.env.MOTCUA_API_URL ?? (await d.store.getSetting('sync.apiUrl'));
  rows.push({
    id: 'sync',
    label: 'Hồ sơ chờ đồng bộ',
    status: !api ? 'unconfigured' : c.rejected > 0 ? 'warn' : 'ok',
    detail: `${c.pending} hồ sơ chờ gửi, ${c.rejected} bị trả lại${api ? '' : ' — chưa cấu hình máy chủ tỉnh'}`,
  });
  return rows;
}
