import { ERROR_MESSAGES, type ErrorParam, type KeyedText } from './error-messages';
import { NET_TEXT_KEYS } from './error-messages-net';

/**
 * The key of a network or pull reason kept as its Vietnamese text only: an outbox row written
 * before rows kept their key, or a reason from code that made none. Readers
 * match it against the Vietnamese templates of the `net.*` and `pull.*` keys, parameters included
 * ("lịch 2026: hết thời gian chờ" → pull.calendar {year: 2026, reason: net.timeout}). Text that
 * matches none (a server's own message) comes back null and is shown as it is.
 */
export function wordingOfText(text: string): KeyedText | null {
  for (const t of TEMPLATES) {
    const m = t.pattern.exec(text);
    if (!m) continue;
    if (!t.names.length) return { key: t.key };
    const params: Record<string, ErrorParam> = {};
    for (const [i, name] of t.names.entries()) {
      const v = m[i + 1]!;
      params[name] = name === 'reason' ? (wordingOfText(v) ?? v) : v;
    }
    // "X: Y" is any text's shape: it is an item's reason only when Y is a known reason.
    if (t.key === 'net.itemReason' && typeof params.reason === 'string') continue;
    return { key: t.key, params };
  }
  return null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The most literal template first: "danh mục: bỏ qua {count} thủ tục…" before "danh mục: {reason}". */
const TEMPLATES = NET_TEXT_KEYS.map((key) => {
  const vi: string = ERROR_MESSAGES[key].vi;
  const names = [...vi.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const literal = vi.split(/\{\w+\}/);
  return { key, names, literalLength: literal.join('').length, pattern: new RegExp(`^${literal.map(escape).join('(.+?)')}$`, 's') };
}).sort((a, b) => b.literalLength - a.literalLength);
