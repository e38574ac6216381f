import { failure } from '../../common/ipc/result';

/** What an incremental update needs to know about the file's last cross-reference section. */
export interface LastXref {
  /** Where the section really starts (the `xref` keyword or the stream object): the update's /Prev. */
  readonly at: number;
  readonly stream: boolean;
  /** The trailer's /Size: new objects start there. */
  readonly size: number;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** PDF white-space characters (ISO 32000-1, 7.2.2). */
const isWhiteSpace = (c: number) => c === 0x00 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;

/**
 * Reads the end of the file the way a conforming reader does and refuses, with the reason in
 * Vietnamese, what cannot be signed safely: not a PDF, no startxref, no cross-reference section
 * there, or encrypted. Encryption is decided here, from the trailer text, because pdf-lib cannot
 * tell us reliably: its error classes fail `instanceof` (an ES5 build), and it cannot even parse
 * a file whose object streams are encrypted.
 */
export function lastXref(bytes: Uint8Array): LastXref {
  if (latin1(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) throw failure('invalid_input', 'pdf.notPdf');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(bytes.subarray(Math.max(0, bytes.length - 2048))));
  if (!m) throw failure('invalid_input', 'pdf.truncated');
  const startxref = Number(m[1]);
  if (startxref <= 0 || startxref >= bytes.length) throw failure('invalid_input', 'pdf.startxrefOutside');
  // @signpdf/signpdf (and other tools) point startxref at the newline before `xref`. poppler, qpdf
  // and pdf-lib skip white space there, so the file opens everywhere; refusing it would leave such
  // a document unsignable. Only white space is skipped: anything else is still a broken file.
  let at = startxref;
  while (at < bytes.length && isWhiteSpace(bytes[at]!)) at++;
  const head = latin1(bytes.subarray(at, at + 64));
  const stream = !head.startsWith('xref');
  if (stream && !/^\d+\s+\d+\s+obj\b/.test(head)) throw failure('invalid_input', 'pdf.xrefMisplaced');
  const dict = trailerText(bytes, at, stream);
  // Each update's trailer repeats /Encrypt (ISO 32000-1, 7.5.6); pdf-lib's merged trailer is checked too, after parsing.
  if (/\/Encrypt\b/.test(dict)) throw failure('invalid_input', 'pdf.encrypted');
  const size = /\/Size\s+(\d+)/.exec(dict);
  if (!size) throw failure('invalid_input', 'pdf.noSize');
  return { at, stream, size: Number(size[1]) };
}

/** The trailer dictionary's text: after `trailer` for a table, the stream object's dictionary for an xref stream. */
function trailerText(bytes: Uint8Array, at: number, stream: boolean): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = stream ? at : buf.indexOf('trailer', at, 'latin1');
  if (from < 0) throw failure('invalid_input', 'pdf.noTrailer');
  // Up to where the dictionary ends ("stream" or "startxref"), so bytes of compressed data are never read as keys.
  const end = buf.indexOf(stream ? 'stream' : 'startxref', from, 'latin1');
  return buf.subarray(from, end < 0 ? Math.min(buf.length, from + 4096) : end).toString('latin1');
}
