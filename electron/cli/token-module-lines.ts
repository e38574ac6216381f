import { pickDetected, type TokenModuleCandidate } from '../common/hardware/token-modules';

const SOURCE: Record<TokenModuleCandidate['source'], string> = { configured: 'đã cấu hình', 'p11-kit': 'p11-kit', registry: 'sổ đăng ký', known: 'đường dẫn quen thuộc' };

/** `motcua token modules` as a Vietnamese table: found modules first, with what each probe said. */
export function moduleLines(list: readonly TokenModuleCandidate[]): string[] {
  const verdict = (c: TokenModuleCandidate) =>
    !c.found ? 'không có tệp' : !c.loads ? `không nạp được${c.error ? ` (${c.error})` : ''}` : c.tokens === null ? 'nạp được' : `nạp được, ${c.tokens} token`;
  const rows = [...list].sort((a, b) => Number(b.found) - Number(a.found));
  const out = ['Trạng thái\tNguồn\tNhà cung cấp\tThư viện'];
  for (const c of rows) out.push(`${verdict(c)}\t${SOURCE[c.source]}\t${c.vendor ?? '—'}\t${c.path}`);
  const configured = list.find((c) => c.configured);
  const picked = pickDetected(list);
  out.push(
    configured
      ? `Đang dùng thư viện đã cấu hình: ${configured.path}.`
      : picked
        ? `Chưa cấu hình: ký số sẽ dùng ${picked.path} (chọn hẳn: Cài đặt → Thiết bị ký số → Dùng mô-đun này).`
        : 'Không tìm thấy thư viện PKCS#11 nào nạp được: cài trình điều khiển token của nhà cung cấp chứng thư số.',
  );
  return out;
}
