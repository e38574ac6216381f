import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/common/ipc/result';
import { resourcesDir } from '../../electron/node/config/resources';
import { signFile } from '../../electron/node/signing/signing-service';
import { verifyPdf } from '../../electron/node/signing/verify';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { makePki, PIN, SOFTHSM_MODULE } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';
import { budget, fuzzSeed, reportTally, type FuzzTally } from './fuzz-budget';
import { plainInputs } from './pdf-corpus';

/**
 * The signer (the same signFile every entry point uses, with a SoftHSM2 token) given valid PDFs
 * damaged the ways files arrive damaged: flipped bytes, cut short, garbage inserted, a range lost
 * or doubled. Each either signs — and the output verifies as a whole-document signature — or is
 * refused with a typed Vietnamese error; never an internal error, parser English, or any output
 * file (whole or partial) for a refused input.
 */
const RUNS = budget('FUZZ_PDF_RUNS', 20);
/** What pdf-lib and Node say in English; none of it may reach an officer. */
const ENGLISH = /\b(Expected|instance of|Failed to|undefined|Cannot|TypeError|RangeError|Unexpected|is not|PDFDocument|ignoreEncryption|offset|Invalid|Error:)\b/;

type Mutation = { kind: 'flip'; at: number[]; xor: number[] } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array } | { kind: 'drop'; at: number; len: number } | { kind: 'double'; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), xor: fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 8, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.constantFrom(...['%%EOF\n', 'startxref\n0\n', 'trailer << /Size 1 >>', '/Encrypt 9 0 R', 'endobj', 'xref\n0 1\n'].map((s) => new Uint8Array(Buffer.from(s, 'latin1'))))) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('double' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
);

function apply(src: Buffer, m: Mutation): Buffer {
  const n = src.length;
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(src);
      m.at.forEach((a, i) => (out[a % n] = out[a % n]! ^ m.xor[i]!));
      return out;
    }
    case 'truncate':
      return src.subarray(0, m.at % n);
    case 'insert':
      return Buffer.concat([src.subarray(0, m.at % n), m.bytes, src.subarray(m.at % n)]);
    case 'drop':
      return Buffer.concat([src.subarray(0, m.at % n), src.subarray(Math.min(n, (m.at % n) + m.len))]);
    case 'double':
      return Buffer.concat([src.subarray(0, (m.at % n) + m.len), src.subarray(m.at % n)]);
  }
}

describe('fuzz: the PDF signer with damaged PDFs', () => {
  const t = tempDir('motcua-fuzz-pdf-');
  let token: Pkcs11Token;
  let sources: Buffer[];
  beforeAll(async () => {
    makePki(t.dir);
    token = new Pkcs11Token(SOFTHSM_MODULE);
    const inputs = await plainInputs(t.dir);
    sources = [inputs.pdflibClassic, inputs.pdflib, inputs.ghostscript, inputs.receipt].map((p) => readFileSync(p));
  }, 180_000);
  afterAll(() => t.cleanup());

  it(`${RUNS} mutated PDFs: signed and verifying, or refused in Vietnamese with no output file`, { timeout: Math.max(180_000, RUNS * 3_000) }, async () => {
    const tally: FuzzTally = { property: 'pdf-signer', tried: 0, refused: 0, accepted: 0, failures: 0 };
    const fail = (why: string): never => {
      tally.failures++;
      throw new Error(why);
    };
    try {
      await fc.assert(
        fc.asyncProperty(fc.nat(3), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, ms) => {
          const n = tally.tried++;
          const bytes = ms.reduce(apply, sources[which]!);
          const input = join(t.dir, `in-${n}.pdf`);
          const output = join(t.dir, 'out', `out-${n}.pdf`);
          writeFileSync(input, bytes);
          const r = await signFile({ token, tokenId: 'RSA', certId: '01', pin: PIN, input, output, fontsDir: join(resourcesDir(), 'fonts'), now: new Date() }).then(
            () => null,
            (e: unknown) => e,
          );
          const leftovers = existsSync(join(t.dir, 'out')) ? readdirSync(join(t.dir, 'out')).filter((f) => f.endsWith('.tmp')) : [];
          if (leftovers.length) fail(`partial output left: ${leftovers.join(', ')}`);
          if (r === null) {
            tally.accepted++;
            const last = (await verifyPdf(readFileSync(output))).at(-1);
            if (!last || last.integrity !== 'valid' || !last.coversWholeDocument) fail(`signed ${JSON.stringify(ms)} but the output does not verify`);
            return;
          }
          tally.refused++;
          if (!(r instanceof AppFailure)) return fail(`untyped refusal: ${String(r)}`);
          if (r.code === 'internal') fail(`internal error: ${r.message}`);
          if (!/[^\p{ASCII}]/u.test(r.message) || ENGLISH.test(r.message)) fail(`not worded for an officer: ${r.message}`);
          if (existsSync(output)) fail('a refused input left an output file');
        }),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    } finally {
      reportTally(tally);
    }
    expect(tally.failures).toBe(0);
    expect(tally.tried).toBe(RUNS);
  });
});
