import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  beginText,
  endText,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  setFontAndSize,
  showText,
  moveText,
  rectangle,
  stroke,
  setStrokingColor,
  setLineWidth,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { AppFailure, failure } from '../../common/ipc/result';
import { buildCades, type ExternalSigner } from './cms';
import { lastXref, type LastXref } from './pdf-xref';

export interface VisibleSignature {
  /** 1-based page number; negative counts from the end (-1 = last page). */
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Lines in the box (signer, title, organisation, time with zone — NĐ 30/2020). */
  readonly lines: readonly string[];
}

export interface PadesOptions {
  readonly signingTime: Date;
  readonly reason?: string;
  readonly location?: string;
  readonly signerName?: string;
  readonly visible?: VisibleSignature;
  readonly fontsDir?: string;
  /** RFC 3161: returns a TimeStampToken (DER) over the signature value, for PAdES B-T. */
  readonly timestamp?: (signature: Uint8Array) => Promise<Uint8Array>;
  /** Extra room for the CMS, in bytes; grown and retried when too small. */
  readonly reserveBytes?: number;
}

function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `D:${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+07'00'`;
}

function serialize(obj: PDFObject): Buffer {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return Buffer.from(buf);
}

const PLACEHOLDER_RANGE = [0, 1111111111, 2222222222, 3333333333];

/**
 * PAdES baseline B-B (B-T with a timestamp) as an incremental update: every byte of the input
 * stays as it is, the signature dictionary, widget, appearance and the updated page and form are
 * appended with a new cross-reference section — a table or a stream, like the file's own.
 * Earlier signatures stay valid. The signature space is sized from the chain and retried larger.
 */
export async function signPdfIncrement(input: Uint8Array, signer: ExternalSigner, o: PadesOptions): Promise<Uint8Array> {
  const xref = lastXref(input);
  let reserve = o.reserveBytes ?? signer.chain.reduce((n, c) => n + c.length, 0) + 3072 + (o.timestamp ? 8192 : 0);
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await attemptSign(input, signer, o, xref, reserve);
    if (r.ok) return r.increment;
    reserve = Math.max(reserve * 2, r.needed + 1024);
  }
  throw failure('internal', 'pdf.noRoom');
}

/** The objects the update changes, read and type-checked before anything is built. */
interface Targets {
  readonly page: PDFPage;
  /** The page's /Annots when it is an object of its own (else it lives in the page dictionary). */
  readonly annots: { readonly ref: PDFRef; readonly arr: PDFArray } | { readonly ref: null; readonly arr: PDFArray | null };
  readonly form: { readonly ref: PDFRef | null; readonly dict: PDFDict | null };
  readonly fields: { readonly ref: PDFRef | null; readonly arr: PDFArray | null };
  readonly fieldName: string;
}

/**
 * pdf-lib throws English (and plain TypeErrors) at a malformed page tree or form; an officer
 * gets one Vietnamese sentence instead, and a parser's text never reaches the screen.
 */
function readTargets(doc: PDFDocument, v: VisibleSignature | undefined): Targets {
  const ctx = doc.context;
  const broken = () => failure('invalid_input', 'pdf.unreadable');
  const resolve = (raw: PDFObject | undefined) => {
    const obj = raw instanceof PDFRef ? ctx.lookup(raw) : raw;
    return obj === PDFNull ? undefined : obj; // null is the same as absent (ISO 32000-1, 7.3.9)
  };
  const deref = <T extends PDFObject>(raw: PDFObject | undefined, is: (o: PDFObject) => o is T): { ref: PDFRef | null; obj: T | null } => {
    const obj = resolve(raw);
    if (obj !== undefined && !is(obj)) throw broken();
    return { ref: raw instanceof PDFRef ? raw : null, obj: obj ?? null };
  };
  const isArray = (o: PDFObject): o is PDFArray => o instanceof PDFArray;
  const isDict = (o: PDFObject): o is PDFDict => o instanceof PDFDict;
  const nameOf = (f: PDFObject) => {
    const d = resolve(f);
    const t = d instanceof PDFDict ? d.lookup(PDFName.of('T')) : undefined;
    return t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : undefined;
  };
  try {
    const pages = doc.getPages();
    if (!pages.length) throw failure('invalid_input', 'pdf.noPages');
    // A negative page counts from the end (-1: the last page, where Vietnamese documents are signed).
    const pageIndex = v ? (v.page < 0 ? pages.length + v.page : v.page - 1) : 0;
    if (v && (v.page === 0 || pageIndex < 0 || pageIndex >= pages.length)) throw failure('invalid_input', 'pdf.noSuchPage', { page: v.page, pages: pages.length });
    const page = pages[pageIndex]!;
    const annots = deref(page.node.get(PDFName.of('Annots')), isArray);
    const form = deref(doc.catalog.get(PDFName.of('AcroForm')), isDict);
    const fields = deref(form.obj?.get(PDFName.of('Fields')), isArray);
    // Existing fields keep their names; ours takes the first free SignatureN, because two fields
    // with one name are one field to a viewer and an earlier signature would be shadowed.
    const taken = new Set((fields.obj?.asArray() ?? []).map(nameOf));
    let n = (fields.obj?.size() ?? 0) + 1;
    while (taken.has(`Signature${n}`)) n++;
    return {
      page,
      annots: annots.ref && annots.obj ? { ref: annots.ref, arr: annots.obj } : { ref: null, arr: annots.obj },
      form: { ref: form.ref, dict: form.obj },
      fields: { ref: fields.ref, arr: fields.obj },
      fieldName: `Signature${n}`,
    };
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw broken();
  }
}

async function attemptSign(input: Uint8Array, signer: ExternalSigner, o: PadesOptions, xref: LastXref, reserve: number): Promise<{ ok: true; increment: Uint8Array } | { ok: false; needed: number }> {
  let doc: PDFDocument;
  try {
    // ignoreEncryption: encryption is decided from the trailer (lastXref) and trailerInfo below,
    // never from pdf-lib's EncryptedPDFError, which `instanceof` does not recognise.
    doc = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true, ignoreEncryption: true });
  } catch {
    throw failure('invalid_input', 'pdf.unreadable');
  }
  const ctx = doc.context;
  if (ctx.trailerInfo.Encrypt) throw failure('invalid_input', 'pdf.encrypted');
  // pdf-lib drops object streams and xref streams after parsing, so its largest object number can
  // be below numbers still in use: new objects start at /Size or they would replace, say, the
  // object stream holding the catalog.
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, xref.size - 1);
  const firstNew = ctx.largestObjectNumber + 1;
  const v = o.visible;
  const target = readTargets(doc, v);
  const page = target.page;
  const modified = new Map<number, PDFObject>();

  // Signature dictionary with fixed-width placeholders patched after layout.
  const sigDict = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: PLACEHOLDER_RANGE,
    Contents: PDFHexString.of('0'.repeat(reserve * 2)),
    M: PDFString.of(pdfDate(o.signingTime)),
  });
  if (o.signerName) sigDict.set(PDFName.of('Name'), PDFHexString.fromText(o.signerName));
  if (o.reason) sigDict.set(PDFName.of('Reason'), PDFHexString.fromText(o.reason));
  if (o.location) sigDict.set(PDFName.of('Location'), PDFHexString.fromText(o.location));
  const sigRef = ctx.register(sigDict);

  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(target.fieldName),
    V: sigRef,
    P: page.ref,
    F: 132, // Print + Locked
    Rect: v ? [v.x, v.y, v.x + v.width, v.y + v.height] : [0, 0, 0, 0],
  });
  if (v) widget.set(PDFName.of('AP'), ctx.obj({ N: await appearance(doc, v, o.fontsDir) }));
  const widgetRef = ctx.register(widget);

  // The page's annotation list, wherever it lives.
  if (target.annots.ref) {
    target.annots.arr.push(widgetRef);
    modified.set(target.annots.ref.objectNumber, target.annots.arr);
  } else {
    const arr = target.annots.arr ?? ctx.obj([]);
    arr.push(widgetRef);
    page.node.set(PDFName.of('Annots'), arr);
    modified.set(page.ref.objectNumber, page.node);
  }
  // The form: /Fields gets the widget, /SigFlags 3 (signatures exist, append only).
  const rootRef = ctx.trailerInfo.Root as PDFRef;
  const form = target.form.dict ?? ctx.obj({});
  if (target.fields.ref && target.fields.arr) {
    target.fields.arr.push(widgetRef);
    modified.set(target.fields.ref.objectNumber, target.fields.arr);
  } else {
    const arr = target.fields.arr ?? ctx.obj([]);
    arr.push(widgetRef);
    form.set(PDFName.of('Fields'), arr);
  }
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (target.form.ref && target.form.dict) {
    modified.set(target.form.ref.objectNumber, form);
  } else {
    // An inline (or missing) form lives in the catalog: the catalog itself is rewritten.
    doc.catalog.set(PDFName.of('AcroForm'), form);
    modified.set(rootRef.objectNumber, doc.catalog);
  }

  // Everything created in this update (signature, widget, appearance, fonts) plus what changed.
  const written = new Map<number, PDFObject>(modified);
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) if (ref.objectNumber >= firstNew) written.set(ref.objectNumber, obj);

  const parts: Buffer[] = [];
  let pos = input.length;
  const push = (b: Buffer) => {
    parts.push(b);
    pos += b.length;
  };
  if (input[input.length - 1] !== 0x0a) push(Buffer.from('\n'));
  const offsets = new Map<number, number>();
  for (const num of [...written.keys()].sort((a, b) => a - b)) {
    offsets.set(num, pos);
    push(Buffer.from(`${num} 0 obj\n`));
    push(serialize(written.get(num)!));
    push(Buffer.from('\nendobj\n'));
  }
  const xrefAt = pos;
  const tInfo = ctx.trailerInfo;
  const idPart = tInfo.ID ? serialize(tInfo.ID).toString('latin1') : null;
  const infoPart = tInfo.Info ? serialize(tInfo.Info).toString('latin1') : null;
  if (!xref.stream) {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let table = 'xref\n';
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      table += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) table += `${String(offsets.get(nums[k]!)!).padStart(10, '0')} 00000 n\r\n`;
      i = j + 1;
    }
    const size = Math.max(ctx.largestObjectNumber + 1, nums[nums.length - 1]! + 1);
    table += `trailer\n<< /Size ${size} /Root ${rootRef.objectNumber} ${rootRef.generationNumber} R${infoPart ? ` /Info ${infoPart}` : ''}${idPart ? ` /ID ${idPart}` : ''} /Prev ${xref.at} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    push(Buffer.from(table, 'latin1'));
  } else {
    // A cross-reference stream for a file that uses them: poppler ignores a table appended to one.
    const xrefNum = Math.max(ctx.largestObjectNumber, ...offsets.keys()) + 1;
    offsets.set(xrefNum, xrefAt);
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const index: number[] = [];
    const rows: Buffer[] = [];
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      index.push(nums[i]!, j - i + 1);
      for (let k = i; k <= j; k++) {
        const row = Buffer.alloc(7);
        row[0] = 1;
        row.writeUInt32BE(offsets.get(nums[k]!)!, 1);
        row.writeUInt16BE(0, 5);
        rows.push(row);
      }
      i = j + 1;
    }
    const data = Buffer.concat(rows);
    const dict = `<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 2] /Index [${index.join(' ')}] /Root ${rootRef.objectNumber} ${rootRef.generationNumber} R${infoPart ? ` /Info ${infoPart}` : ''}${idPart ? ` /ID ${idPart}` : ''} /Prev ${xref.at} /Length ${data.length} >>`;
    push(Buffer.from(`${xrefNum} 0 obj\n${dict}\nstream\n`, 'latin1'));
    push(data);
    push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  }

  // Only the appended part is built in memory: the original bytes are hashed where they are and
  // written out as they are, so a 100 MB scan costs one copy of itself, not four.
  const L = input.length;
  const tail = Buffer.concat(parts);
  // Locate our placeholders inside the appended part only (offsets are file positions).
  const sigStart = offsets.get(sigRef.objectNumber)! - L;
  const sigText = tail.subarray(sigStart, sigStart + 200 + reserve * 2 + 400).toString('latin1');
  const rangeText = `[ ${PLACEHOLDER_RANGE.join(' ')} ]`;
  const rangeAt = sigStart + sigText.indexOf(rangeText);
  const contentsAt = sigStart + sigText.indexOf(`<${'0'.repeat(reserve * 2)}>`);
  if (rangeAt < sigStart || contentsAt < sigStart) throw failure('internal', 'pdf.sigPlace');
  const a = L + contentsAt;
  const b = a + reserve * 2 + 2;
  const c = L + tail.length - b;
  const range = `[0 ${a} ${b} ${c}]`.padEnd(rangeText.length, ' ');
  tail.write(range, rangeAt, 'latin1');
  const digest = createHash('sha256').update(input).update(tail.subarray(0, contentsAt)).update(tail.subarray(b - L)).digest();
  const cms = await buildCades(new Uint8Array(digest), signer, o.timestamp ? { timestamp: o.timestamp } : {});
  if (cms.length > reserve) return { ok: false, needed: cms.length };
  tail.write(Buffer.from(cms).toString('hex').padEnd(reserve * 2, '0'), contentsAt + 1, 'latin1');
  return { ok: true, increment: tail };
}

async function appearance(doc: PDFDocument, v: VisibleSignature, fontsDir = join(__dirname, 'fonts')) {
  doc.registerFontkit(fontkit);
  const bytes = await readFile(join(fontsDir, 'NotoSans-Regular.ttf')).catch(() => {
    throw failure('internal', 'pdf.fontMissing');
  });
  const font = await doc.embedFont(bytes, { subset: true });
  const size = Math.max(6, Math.min(10, (v.height - 8) / Math.max(1, v.lines.length) / 1.3));
  const ops = [pushGraphicsState(), setStrokingColor(rgb(0.7, 0.1, 0.1)), setLineWidth(1), rectangle(0.5, 0.5, v.width - 1, v.height - 1), stroke(), setFillingColor(rgb(0, 0, 0.55)), beginText(), setFontAndSize('F1', size), moveText(4, v.height - 4 - size)];
  v.lines.forEach((line, i) => {
    if (i) ops.push(moveText(0, -size * 1.3));
    ops.push(showText(font.encodeText(line)));
  });
  ops.push(endText(), popGraphicsState());
  const stream = doc.context.formXObject(ops, { BBox: [0, 0, v.width, v.height], Resources: { Font: { F1: font.ref } } });
  await font.embed();
  return doc.context.register(stream);
}
