import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPersonalId, looksLikeCccd, parseCccdQr, parseDdMmYyyy, type CccdData } from '../../electron/common/domain/cccd';
import { budget, fuzzSeed, reportTally, type FuzzTally } from './fuzz-budget';

/**
 * The CCCD QR parser takes whatever a scanner types into the form: it never throws, and either
 * refuses with a Vietnamese reason or returns a value that keeps every invariant and reads back
 * the same from its own serialisation.
 */
const RUNS = budget('FUZZ_CCCD_RUNS', 2_000);

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const NAME_CHARS = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ '];
const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
const ddmmyyyy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${d.getUTCFullYear()}`;

/** Payloads shaped like a card's, mostly valid: the accepting branch gets exercised as much as the refusals. */
const cardLike = fc
  .record({
    province: fc.integer({ min: 0, max: 120 }),
    rest: digits(9),
    oldId: fc.oneof(fc.constant(''), digits(9), digits(8)),
    name: fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 40 }),
    dob: date,
    issued: date,
    sex: fc.constantFrom('Nam', 'Nữ', 'nam', 'NỮ', 'Nu', 'Khác', ''),
    address: fc.string({ maxLength: 80 }),
    extra: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
    six: fc.boolean(),
  })
  .map((c) => {
    const id = `${String(c.province).padStart(3, '0')}${c.rest}`;
    const head = c.six ? [id] : [id, c.oldId];
    return [...head, c.name, ddmmyyyy(c.dob), c.sex, c.address, ddmmyyyy(c.issued), ...c.extra].join('|');
  });

/** Scanner faults: characters dropped, doubled, replaced or inserted (wrong keyboard layout, noise). */
const mutated = fc
  .tuple(cardLike, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 4 }))
  .map(([s, edits]) => {
    let out = s;
    for (const [at, kind, text] of edits) {
      const i = out.length ? at % out.length : 0;
      if (kind === 0) out = out.slice(0, i) + out.slice(i + 1);
      else if (kind === 1) out = out.slice(0, i) + text + out.slice(i);
      else if (kind === 2) out = out.slice(0, i) + text + out.slice(i + text.length);
      else out = out.slice(0, i) + out.slice(i, i + 1) + out.slice(i);
    }
    return out;
  });

const payload = fc.oneof(
  { weight: 3, arbitrary: cardLike },
  { weight: 3, arbitrary: mutated },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 990, maxLength: 1100 }) },
);

const serialise = (v: CccdData) => [v.SoDinhDanh, v.SoCMND ?? '', v.HoTen, v.NgaySinh.split('-').reverse().join(''), v.GioiTinh, v.NoiThuongTru, v.NgayCap.split('-').reverse().join(''), ...v.extra].join('|');

/** Every rule an accepted value keeps; returns the rule it broke, or null. */
function brokenInvariant(v: CccdData): string | null {
  if (!/^\d{12}$/.test(v.SoDinhDanh) || checkPersonalId(v.SoDinhDanh) !== null) return 'SoDinhDanh';
  if (v.SoCMND !== null && !/^\d{9}$/.test(v.SoCMND)) return 'SoCMND';
  if (!v.HoTen || !/^[\p{L}\p{M} '.-]+$/u.test(v.HoTen) || v.HoTen !== v.HoTen.normalize('NFC').trim()) return 'HoTen';
  for (const d of [v.NgaySinh, v.NgayCap]) if (parseDdMmYyyy(d.split('-').reverse().join('')) !== d) return 'date';
  if (v.NgayCap < v.NgaySinh) return 'NgayCap < NgaySinh';
  if (v.GioiTinh !== 'Nam' && v.GioiTinh !== 'Nữ') return 'GioiTinh';
  if ([v.NoiThuongTru, ...v.extra].some((x) => x.includes('|'))) return 'separator kept in a field';
  const again = parseCccdQr(serialise(v));
  if (!again.ok) return `round trip refused: ${again.error}`;
  if (JSON.stringify(again.value) !== JSON.stringify(v)) return 'round trip changed the value';
  return null;
}

describe('fuzz: CCCD QR parser', () => {
  it(`never throws; ${RUNS} payloads are refused in Vietnamese or accepted with every invariant and a round trip`, { timeout: Math.max(60_000, RUNS * 2) }, () => {
    const tally: FuzzTally = { property: 'cccd', tried: 0, refused: 0, accepted: 0, failures: 0 };
    try {
      fc.assert(
        fc.property(payload, (s) => {
          tally.tried++;
          let r: ReturnType<typeof parseCccdQr>;
          try {
            r = parseCccdQr(s);
            looksLikeCccd(s);
          } catch (e) {
            tally.failures++;
            throw new Error(`threw on ${JSON.stringify(s)}: ${(e as Error).message}`);
          }
          if (r.ok) {
            tally.accepted++;
            const broken = brokenInvariant(r.value);
            if (broken) {
              tally.failures++;
              throw new Error(`accepted ${JSON.stringify(s)} but broke ${broken}`);
            }
          } else {
            tally.refused++;
            // A reason an officer can read: Vietnamese, and no leftovers of a program's internals.
            if (!/[^\p{ASCII}]/u.test(r.error) || /undefined|NaN|\[object|TypeError|RangeError/.test(r.error)) {
              tally.failures++;
              throw new Error(`refusal not worded for an officer: ${r.error}`);
            }
          }
        }),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    } finally {
      reportTally(tally);
    }
    expect(tally.failures).toBe(0);
    // Both branches were really exercised, not only the refusals.
    expect(tally.accepted).toBeGreaterThan(RUNS / 50);
    expect(tally.refused).toBeGreaterThan(RUNS / 10);
  });
});
