import { pickDetected, type TokenModuleCandidate } from '../common/hardware/token-modules';
import { moduleErrorText } from '../common/hardware/token-module-wording';
import { cliLocale, say } from './cli-locale';
import { countOf } from '../common/domain/english-plural';

const SOURCE: Record<TokenModuleCandidate['source'], readonly [vi: string, en: string]> = {
  configured: ['đã cấu hình', 'configured'],
  'p11-kit': ['p11-kit', 'p11-kit'],
  registry: ['sổ đăng ký', 'registry'],
  known: ['đường dẫn quen thuộc', 'well-known path'],
};

/** `motcua token modules` as a table in MOTCUA_LANG's language: found modules first, with what each probe said. */
export function moduleLines(list: readonly TokenModuleCandidate[]): string[] {
  const verdict = (c: TokenModuleCandidate) =>
    !c.found
      ? say('không có tệp', 'no file')
      : !c.loads
        ? `${say('không nạp được', 'does not load')}${c.error ? ` (${moduleErrorText(c, cliLocale())})` : ''}`
        : c.tokens === null
          ? say('nạp được', 'loads')
          : say(`nạp được, ${c.tokens} token`, `loads, ${countOf(c.tokens, 'token')}`);
  const rows = [...list].sort((a, b) => Number(b.found) - Number(a.found));
  const out = [say('Trạng thái\tNguồn\tNhà cung cấp\tThư viện', 'Status\tSource\tVendor\tLibrary')];
  for (const c of rows) out.push(`${verdict(c)}\t${say(...SOURCE[c.source])}\t${c.vendor ?? '—'}\t${c.path}`);
  const configured = list.find((c) => c.configured);
  const picked = pickDetected(list);
  out.push(
    configured
      ? say(`Đang dùng thư viện đã cấu hình: ${configured.path}.`, `Using the configured library: ${configured.path}.`)
      : picked
        ? say(
            `Chưa cấu hình: ký số sẽ dùng ${picked.path} (chọn hẳn: Cài đặt → Thiết bị ký số → Dùng mô-đun này).`,
            `Not configured: signing will use ${picked.path} (to keep it: Settings → Signing token → Use this module).`,
          )
        : say(
            'Không tìm thấy thư viện PKCS#11 nào nạp được: cài trình điều khiển token của nhà cung cấp chứng thư số.',
            "No PKCS#11 library that loads was found: install the token driver of the certificate's supplier.",
          ),
  );
  return out;
}
