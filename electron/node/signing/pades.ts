import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  beginText,
  endText,
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
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
} from 'pdf-lib';
import { AppFailure } from '../../common/ipc/result';
import { buildCades, type ExternalSigner } from './cms';

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

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** Refuses what cannot be signed safely, with the reason in Vietnamese. */
function assertSignable(bytes: Uint8Array): { startxref: number; xrefStream: boolean } {
  if (latin1(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) throw new AppFailure('invalid_input', 'Tệp không phải PDF.');
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 2048)));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new AppFailure('invalid_input', 'Tệp PDF bị hỏng hoặc không đầy đủ (thiếu startxref/%%EOF ở cuối tệp).');
  const startxref = Number(m[1]);
  if (startxref <= 0 || startxref >= bytes.length) throw new AppFailure('invalid_input', 'Tệp PDF bị hỏng (startxref trỏ ra ngoài tệp).');
  const at = latin1(bytes.subarray(startxref, startxref + 64));
  if (at.startsWith('xref')) return { startxref, xrefStream: false };
  if (/^\d+\s+\d+\s+obj/.test(at)) return { startxref, xrefStream: true };
  throw new AppFailure('invalid_input', 'Tệp PDF bị hỏng (bảng xref không ở vị trí startxref chỉ tới).');
}

/**
 * /Size of the file's last cross-reference section. pdf-lib drops object streams and xref
 * streams after parsing, so its largest object number can be below numbers still in use: new
 * objects must start at /Size or they would replace, say, the object stream holding the catalog.
 */
function xrefSize(bytes: Uint8Array, startxref: number, xrefStream: boolean): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dictAt = xrefStream ? startxref : buf.indexOf('trailer', startxref, 'latin1');
  if (dictAt < 0) throw new AppFailure('invalid_input', 'Tệp PDF bị hỏng (thiếu trailer sau bảng xref).');
  const m = /\/Size\s+(\d+)/.exec(buf.subarray(dictAt, dictAt + 4096).toString('latin1'));
  if (!m) throw new AppFailure('invalid_input', 'Tệp PDF bị hỏng (trailer không có /Size).');
  return Number(m[1]);
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
  const { startxref, xrefStream } = assertSignable(input);
  let reserve = o.reserveBytes ?? signer.chain.reduce((n, c) => n + c.length, 0) + 3072 + (o.timestamp ? 8192 : 0);
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await attemptSign(input, signer, o, { startxref, xrefStream, reserve });
    if (r.ok) return r.increment;
    reserve = Math.max(reserve * 2, r.needed + 1024);
  }
  throw new AppFailure('internal', 'Không đủ chỗ cho chữ ký trong tệp sau nhiều lần thử.');
}

async function attemptSign(
  input: Uint8Array,
  signer: ExternalSigner,
  o: PadesOptions,
  x: { startxref: number; xrefStream: boolean; reserve: number },
): Promise<{ ok: true; increment: Uint8Array } | { ok: false; needed: number }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    if (e instanceof EncryptedPDFError) throw new AppFailure('invalid_input', 'Tệp PDF đã được mã hóa (có mật khẩu): không ký được.');
    throw new AppFailure('invalid_input', `Tệp PDF bị hỏng, không đọc được: ${(e as Error).message}`);
  }
  const ctx = doc.context;
  if (ctx.trailerInfo.Encrypt) throw new AppFailure('invalid_input', 'Tệp PDF đã được mã hóa (có mật khẩu): không ký được.');
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, xrefSize(input, x.startxref, x.xrefStream) - 1);
  const firstNew = ctx.largestObjectNumber + 1;
  const pages = doc.getPages();
  if (!pages.length) throw new AppFailure('invalid_input', 'Tệp PDF không có trang nào.');
  const v = o.visible;
  // A negative page counts from the end (-1: the last page, where Vietnamese documents are signed).
  const pageIndex = v ? (v.page < 0 ? pages.length + v.page : v.page - 1) : 0;
  if (v && (v.page === 0 || pageIndex < 0 || pageIndex >= pages.length)) throw new AppFailure('invalid_input', `Trang ${v.page} không có trong tệp (tệp có ${pages.length} trang).`);
  const page = pages[pageIndex]!;
  const modified = new Map<number, PDFObject>();

  // Signature dictionary with fixed-width placeholders patched after layout.
  const sigDict = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: PLACEHOLDER_RANGE,
    Contents: PDFHexString.of('0'.repeat(x.reserve * 2)),
    M: PDFString.of(pdfDate(o.signingTime)),
  });
  if (o.signerName) sigDict.set(PDFName.of('Name'), PDFHexString.fromText(o.signerName));
  if (o.reason) sigDict.set(PDFName.of('Reason'), PDFHexString.fromText(o.reason));
  if (o.location) sigDict.set(PDFName.of('Location'), PDFHexString.fromText(o.location));
  const sigRef = ctx.register(sigDict);

  // Existing signature fields keep their names; ours gets the next free one.
  const acroRaw = doc.catalog.get(PDFName.of('AcroForm'));
  const acro = acroRaw instanceof PDFRef ? (ctx.lookup(acroRaw) as PDFDict) : (acroRaw as PDFDict | undefined);
  const fieldsRaw = acro?.get(PDFName.of('Fields'));
  const fields = fieldsRaw instanceof PDFRef ? (ctx.lookup(fieldsRaw) as PDFArray) : (fieldsRaw as PDFArray | undefined);
  const fieldName = `Signature${(fields?.size() ?? 0) + 1}`;

  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(fieldName),
    V: sigRef,
    P: page.ref,
    F: 132, // Print + Locked
    Rect: v ? [v.x, v.y, v.x + v.width, v.y + v.height] : [0, 0, 0, 0],
  });
  if (v) widget.set(PDFName.of('AP'), ctx.obj({ N: await appearance(doc, v, o.fontsDir) }));
  const widgetRef = ctx.register(widget);

  // The page's annotation list, wherever it lives.
  const annotsRaw = page.node.get(PDFName.of('Annots'));
  if (annotsRaw instanceof PDFRef) {
    const arr = ctx.lookup(annotsRaw) as PDFArray;
    arr.push(widgetRef);
    modified.set(annotsRaw.objectNumber, arr);
  } else {
    const arr = (annotsRaw as PDFArray | undefined) ?? ctx.obj([]);
    arr.push(widgetRef);
    page.node.set(PDFName.of('Annots'), arr);
    modified.set(page.ref.objectNumber, page.node);
  }
  // The form: /Fields gets the widget, /SigFlags 3 (signatures exist, append only).
  const rootRef = ctx.trailerInfo.Root as PDFRef;
  const formIsOwnObject = acroRaw instanceof PDFRef && acro !== undefined && acro !== null;
  const form = acro ?? ctx.obj({});
  if (fieldsRaw instanceof PDFRef && fields) {
    fields.push(widgetRef);
    modified.set(fieldsRaw.objectNumber, fields);
  } else {
    const arr = fields ?? ctx.obj([]);
    arr.push(widgetRef);
    form.set(PDFName.of('Fields'), arr);
  }
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (formIsOwnObject) {
    modified.set((acroRaw as PDFRef).objectNumber, form);
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
  if (!x.xrefStream) {
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
    table += `trailer\n<< /Size ${size} /Root ${rootRef.objectNumber} ${rootRef.generationNumber} R${infoPart ? ` /Info ${infoPart}` : ''}${idPart ? ` /ID ${idPart}` : ''} /Prev ${x.startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
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
    const dict = `<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 2] /Index [${index.join(' ')}] /Root ${rootRef.objectNumber} ${rootRef.generationNumber} R${infoPart ? ` /Info ${infoPart}` : ''}${idPart ? ` /ID ${idPart}` : ''} /Prev ${x.startxref} /Length ${data.length} >>`;
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
  const sigText = tail.subarray(sigStart, sigStart + 200 + x.reserve * 2 + 400).toString('latin1');
  const rangeText = `[ ${PLACEHOLDER_RANGE.join(' ')} ]`;
  const rangeAt = sigStart + sigText.indexOf(rangeText);
  const contentsAt = sigStart + sigText.indexOf(`<${'0'.repeat(x.reserve * 2)}>`);
  if (rangeAt < sigStart || contentsAt < sigStart) throw new AppFailure('internal', 'Không định vị được chỗ đặt chữ ký.');
  const a = L + contentsAt;
  const b = a + x.reserve * 2 + 2;
  const c = L + tail.length - b;
  const range = `[0 ${a} ${b} ${c}]`.padEnd(rangeText.length, ' ');
  tail.write(range, rangeAt, 'latin1');
  const digest = createHash('sha256').update(input).update(tail.subarray(0, contentsAt)).update(tail.subarray(b - L)).digest();
  const cms = await buildCades(new Uint8Array(digest), signer, o.timestamp ? { timestamp: o.timestamp } : {});
  if (cms.length > x.reserve) return { ok: false, needed: cms.length };
  tail.write(Buffer.from(cms).toString('hex').padEnd(x.reserve * 2, '0'), contentsAt + 1, 'latin1');
  return { ok: true, increment: tail };
}

async function appearance(doc: PDFDocument, v: VisibleSignature, fontsDir = join(__dirname, 'fonts')) {
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(join(fontsDir, 'NotoSans-Regular.ttf')), { subset: true });
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
