import { existsSync } from 'node:fs';
import { bilingual, errorBilingual, type Bilingual, type DoctorCheck } from '../../common/domain/doctor';
import { moduleErrorText } from '../../common/hardware/token-module-wording';
import { pickDetected } from '../../common/hardware/token-modules';
import { AppFailure } from '../../common/ipc/result';
import type { SecretVault } from '../secrets/secret-vault';
import { detectTokenModules, envRegistryDirs, probeModule, type DetectOptions } from '../signing/token-module-detect';
import { loadTrustAnchors } from '../signing/trust-store';
import type { SqliteStore } from '../store/sqlite-store';
import type { KeyedText } from '../../common/ipc/error-messages';
import { outcomeWording, retryUnanswered } from '../sync/api-types';
import { ProvincialApi } from '../sync/provincial-api';
import { resolveApiConfig } from '../sync/sync-config';
import { countOf } from '../../common/domain/english-plural';

/** More than this between this PC and the province, and receipt times and signatures stop agreeing with the server's. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

type Row = Omit<DoctorCheck, 'en'> & { readonly enDetail: string };
const row = (r: Row, enLabel: string): DoctorCheck => ({ id: r.id, label: r.label, status: r.status, detail: r.detail, en: { label: enLabel, detail: r.enDetail } });

/**
 * The token row of doctor and the start-of-day check: the configured module, or the one detection
 * would pick, and whether it loads (probed in a child process, so a bad library is a row, not a crash).
 */
export async function tokenModuleCheck(configured: string | null, o: Omit<DetectOptions, 'configured'> = {}): Promise<DoctorCheck> {
  const label = 'Thiết bị ký số (token)';
  const en = 'Signing token (PKCS#11)';
  if (configured) {
    const c = existsSync(configured) ? await (o.probe ?? probeModule)(configured) : null;
    if (!c) return row({ id: 'token', label, status: 'fail', detail: `không có tệp ${configured} (chọn lại trong Cài đặt → Thiết bị ký số)`, enDetail: `${configured} does not exist (choose again in Settings › Signing token)` }, en);
    if (!c.loads) return row({ id: 'token', label, status: 'fail', detail: `không nạp được ${configured}: ${moduleErrorText(c, 'vi')}`, enDetail: `${configured} does not load: ${moduleErrorText(c, 'en')}` }, en);
    return row({ id: 'token', label, status: 'ok', detail: `${configured}: nạp được, ${c.tokens ?? 0} token đang cắm`, enDetail: `${configured}: loads, ${countOf(c.tokens ?? 0, 'token')} plugged in` }, en);
  }
  const picked = pickDetected(await detectTokenModules({ extraRegistryDirs: envRegistryDirs(), ...o }));
  if (!picked) return row({ id: 'token', label, status: 'unconfigured', detail: 'chưa cấu hình và không tìm thấy thư viện PKCS#11 nào nạp được', enDetail: 'not configured, and no PKCS#11 module that loads was found' }, en);
  return row({ id: 'token', label, status: 'ok', detail: `tự tìm thấy ${picked.path} (nạp được, ${picked.tokens ?? 0} token đang cắm)`, enDetail: `detected ${picked.path} (loads, ${countOf(picked.tokens ?? 0, 'token')} plugged in)` }, en);
}

/** The trust folder signatures are checked against: readable, with at least one certificate. */
export async function trustDirCheck(dir: string | null): Promise<DoctorCheck> {
  const label = 'Thư mục chứng thư gốc tin cậy';
  const en = 'Trusted root certificates folder';
  if (!dir) return row({ id: 'trust', label, status: 'unconfigured', detail: 'chưa cấu hình (chỉ kiểm tra hiệu lực và mục đích sử dụng của chứng thư)', enDetail: 'not configured (only validity and key usage are checked)' }, en);
  try {
    const anchors = (await loadTrustAnchors(dir)) ?? [];
    return row({ id: 'trust', label, status: 'ok', detail: `${dir}: đọc được ${anchors.length} chứng thư gốc`, enDetail: `${dir}: ${countOf(anchors.length, 'root certificate')} read` }, en);
  } catch (e) {
    const empty = e instanceof AppFailure && e.key === 'trust.dirEmpty';
    return row({ id: 'trust', label, status: 'fail', detail: (e as Error).message, enDetail: empty ? `${dir} holds no certificate (.pem, .crt, .cer, .der)` : `${dir} cannot be read` }, en);
  }
}

/** The server's clock from the Date header of one plain request, against this PC's, at the request's midpoint. */
async function serverClock(baseUrl: string, now: () => Date): Promise<{ skewMs: number } | { reason: Bilingual }> {
  const t0 = now().getTime();
  try {
    const res = await fetch(baseUrl, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(5000) });
    await res.body?.cancel();
    const t1 = now().getTime();
    const date = Date.parse(res.headers.get('date') ?? '');
    if (!Number.isFinite(date)) return { reason: bilingual({ key: 'setup.noServerTime' }) };
    // The header has whole seconds: half a second either way is not a skew.
    return { skewMs: Math.round((t0 + t1) / 2 - date - 500) };
  } catch (e) {
    // fetch names the refusal (ECONNREFUSED, ENOTFOUND…) only in its cause, worded here with the host it named.
    return { reason: (e as Error).name === 'TimeoutError' ? bilingual({ key: 'net.timeout' }) : errorBilingual(e) };
  }
}

const signed = (ms: number) => `${ms >= 0 ? 'nhanh' : 'chậm'} ${Math.round(Math.abs(ms) / 1000)} giây`;
const signedEn = (ms: number) => `${Math.round(Math.abs(ms) / 1000)} s ${ms >= 0 ? 'ahead' : 'behind'}`;

/**
 * The rows that need the province: the configured unit and counter exist at GET /units, and this
 * PC's clock agrees with the server's (Date header) within two minutes.
 */
export async function provinceChecks(d: { store: SqliteStore; secrets?: SecretVault; now?: () => Date }): Promise<DoctorCheck[]> {
  const now = d.now ?? (() => new Date());
  const unitLabel = 'Đơn vị trên máy chủ tỉnh';
  const unitEn = 'Unit at the provincial server';
  const clockLabel = 'Đồng hồ so với máy chủ tỉnh';
  const clockEn = 'Clock against the provincial server';
  // A secret that cannot be read is the secrets row's finding; here it only means the province cannot be asked.
  const cfg = await resolveApiConfig(d.store, {}, d.secrets).catch(() => null);
  if (!cfg) {
    const detail = 'chưa cấu hình máy chủ tỉnh';
    const enDetail = 'no provincial server configured';
    return [row({ id: 'unit-province', label: unitLabel, status: 'unconfigured', detail, enDetail }, unitEn), row({ id: 'clock-server', label: clockLabel, status: 'unconfigured', detail, enDetail }, clockEn)];
  }
  const clock = await serverClock(cfg.baseUrl, now);
  const clockRow =
    'reason' in clock
      ? row({ id: 'clock-server', label: clockLabel, status: 'warn', detail: `chưa so được: ${clock.reason.vi}`, enDetail: `not compared: ${clock.reason.en}` }, clockEn)
      : Math.abs(clock.skewMs) > MAX_CLOCK_SKEW_MS
        ? row({ id: 'clock-server', label: clockLabel, status: 'warn', detail: `đồng hồ máy ${signed(clock.skewMs)} so với máy chủ tỉnh (quá 2 phút): chỉnh giờ của máy`, enDetail: `this PC's clock is ${signedEn(clock.skewMs)} of the provincial server (more than 2 minutes): set the PC's time` }, clockEn)
        : row({ id: 'clock-server', label: clockLabel, status: 'ok', detail: `khớp với máy chủ tỉnh (lệch dưới 2 phút)`, enDetail: 'agrees with the provincial server (less than 2 minutes apart)' }, clockEn);
  const unit = await d.store.getUnitIdentity();
  if (!unit) return [row({ id: 'unit-province', label: unitLabel, status: 'unconfigured', detail: 'máy này chưa cấu hình đơn vị (motcua unit pull --counter <mã quầy>)', enDetail: 'no unit configured on this PC (motcua unit pull --counter <id>)' }, unitEn), clockRow];
  const r = await new ProvincialApi(cfg).getUnit(unit.unitCode).catch((e: unknown) => retryUnanswered(e, new URL(cfg.baseUrl).host));
  // The client keys its own reasons; a refusal in the server's own words is shown as it came.
  const unanswered = r.kind === 'ok' ? { vi: 'máy chủ tỉnh không trả thông tin đơn vị', en: 'the provincial server sent no unit' } : keyedOrAsIs(outcomeWording(r));
  const unitRow =
    r.kind === 'ok' && r.value
      ? r.value.counters.some((c) => c.counterId === unit.counterId)
        ? row({ id: 'unit-province', label: unitLabel, status: 'ok', detail: `${unit.unitCode} — ${r.value.tenDonVi}, quầy ${unit.counterId}: khớp với máy chủ tỉnh`, enDetail: `${unit.unitCode}, counter ${unit.counterId}: matches the provincial server` }, unitEn)
        : row({ id: 'unit-province', label: unitLabel, status: 'fail', detail: `máy chủ tỉnh không có quầy ${unit.counterId} của đơn vị ${unit.unitCode} (có: ${r.value.counters.map((c) => c.counterId).join(', ') || 'không quầy nào'})`, enDetail: `the provincial server has no counter ${unit.counterId} in unit ${unit.unitCode}` }, unitEn)
      : r.kind === 'rejected' && r.status === 404
        ? row({ id: 'unit-province', label: unitLabel, status: 'fail', detail: `máy chủ tỉnh không có đơn vị ${unit.unitCode}: kiểm tra mã đơn vị (motcua unit pull)`, enDetail: `the provincial server has no unit ${unit.unitCode}: check the unit code (motcua unit pull)` }, unitEn)
        : row({ id: 'unit-province', label: unitLabel, status: 'warn', detail: `chưa kiểm tra được: ${unanswered.vi}`, enDetail: `could not be checked: ${unanswered.en}` }, unitEn);
  return [unitRow, clockRow];
}

const keyedOrAsIs = (w: KeyedText | string): Bilingual => (typeof w === 'string' ? { vi: w, en: w } : bilingual(w));
