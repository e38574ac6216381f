/**
 * UTF-8 read as Windows-1252 or Latin-1 — a scanner or its driver set to the wrong code page —
 * turns "Nguyễn" into "Nguyá»…n". Each character of such text stands for one byte, so the bytes
 * can be rebuilt and decoded again; genuine Vietnamese never survives that round trip (its
 * letters with two marks are not bytes, and a lone "à" is not valid UTF-8), which is what
 * tells the two apart.
 */

/** The characters Windows-1252 puts at 0x80–0x9F; Latin-1 leaves the C1 controls there, also accepted. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function byteOf(ch: string): number | null {
  const c = ch.codePointAt(0)!;
  if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
  if (c >= 0x80 && c <= 0x9f) return c;
  const i = CP1252_HIGH.indexOf(ch);
  return i >= 0 ? 0x80 + i : null;
}

/** Strict UTF-8: null on any malformed, overlong or surrogate sequence. */
function decodeUtf8(bytes: readonly number[]): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return null;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += n + 1;
  }
  return out;
}

/** A lead byte of a multi-byte UTF-8 sequence followed by a continuation byte, both shown as Windows-1252. */
const SIGNATURE = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

export type MojibakeCheck = { readonly kind: 'clean' } | { readonly kind: 'repaired'; readonly text: string } | { readonly kind: 'garbled' };

/**
 * `repaired` when the whole text is UTF-8 shown as Windows-1252/Latin-1 (the text as it was
 * meant), `garbled` when it bears the marks of that mix-up but cannot be rebuilt (partly
 * re-encoded, bytes lost), `clean` otherwise.
 */
export function checkMojibake(text: string): MojibakeCheck {
  if (![...text].some((ch) => ch.codePointAt(0)! > 0x7f)) return { kind: 'clean' };
  const bytes: number[] = [];
  for (const ch of text) {
    const b = byteOf(ch);
    if (b === null) return SIGNATURE.test(text) ? { kind: 'garbled' } : { kind: 'clean' };
    bytes.push(b);
  }
  const fixed = decodeUtf8(bytes);
  if (fixed !== null && fixed !== text) return { kind: 'repaired', text: fixed.normalize('NFC') };
  return SIGNATURE.test(text) ? { kind: 'garbled' } : { kind: 'clean' };
}
