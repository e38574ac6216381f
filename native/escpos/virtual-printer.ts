import { createCanvas } from '@napi-rs/canvas';
import bwipjs from 'bwip-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { SerialPort } from 'serialport';
import { EscPosDecoder, type EscPosOp } from '../../electron/common/escpos/decoder';
import type { PrinterConfig, PrinterPort } from '../../electron/common/hardware/printer';

export interface VirtualState {
  paperOut: boolean;
  coverOpen: boolean;
  offline: boolean;
  /** Never answer status requests, like many USB-serial clones. */
  silent: boolean;
}

/**
 * Máy in ảo: an ESC/POS printer in software for development, training and tests. It decodes
 * what it receives, answers DLE EOT from its state (paper out, cover open…), keeps each cut
 * receipt as a document and renders it to PNG — raster bands as sent, barcodes re-encoded from
 * the data the printer received, so decoding the PNG checks the bytes on the wire.
 */
export class VirtualPrinter {
  readonly state: VirtualState = { paperOut: false, coverOpen: false, offline: false, silent: false };
  readonly documents: EscPosOp[][] = [];
  readonly received: Uint8Array[] = [];
  #current: EscPosOp[] = [];
  readonly #decoder = new EscPosDecoder();
  readonly #onDocument = new Set<(doc: EscPosOp[], index: number) => void>();

  constructor(readonly widthDots: number = 576) {}

  onDocument(cb: (doc: EscPosOp[], index: number) => void): () => void {
    this.#onDocument.add(cb);
    return () => this.#onDocument.delete(cb);
  }

  /** Feeds received bytes; returns the status replies to send back. */
  receive(chunk: Uint8Array): number[] {
    this.received.push(chunk);
    const replies: number[] = [];
    for (const op of this.#decoder.push(chunk)) {
      if (op.t === 'status') {
        if (!this.state.silent) replies.push(this.statusByte(op.n));
        continue;
      }
      // A printer that is out of paper, open or offline prints nothing.
      if (this.state.paperOut || this.state.coverOpen || this.state.offline) continue;
      if (op.t === 'cut') {
        const doc = this.#current;
        this.#current = [];
        this.documents.push(doc);
        for (const cb of this.#onDocument) cb(doc, this.documents.length - 1);
      } else this.#current.push(op);
    }
    return replies;
  }

  statusByte(n: number): number {
    const s = this.state;
    const base = 0x12;
    if (n === 1) return base | (s.offline || s.paperOut || s.coverOpen ? 0x08 : 0);
    if (n === 2) return base | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
    if (n === 4) return base | (s.paperOut ? 0x60 : 0);
    return base;
  }

  /** Renders one printed document to a PNG the width of the paper. */
  async renderPng(doc: EscPosOp[]): Promise<Buffer> {
    const W = this.widthDots;
    const parts: Array<{ w: number; h: number; px: (x: number, y: number) => boolean; align: string }> = [];
    let align = 'left';
    let bold = false;
    for (const op of doc) {
      if (op.t === 'align') align = op.align;
      else if (op.t === 'bold') bold = op.on;
      else if (op.t === 'feed') parts.push({ w: W, h: op.lines * 24, px: () => false, align });
      else if (op.t === 'raster') {
        const { width, height, data } = op.bitmap;
        const bpr = width / 8;
        parts.push({ w: width, h: height, px: (x, y) => ((data[y * bpr + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1, align });
      } else if (op.t === 'text') {
        for (const line of op.text.split('\n').filter((l, i, a) => l || i < a.length - 1)) {
          const c = createCanvas(W, 30);
          const g = c.getContext('2d');
          g.fillStyle = '#fff';
          g.fillRect(0, 0, W, 30);
          g.fillStyle = '#000';
          g.font = `${bold ? 'bold ' : ''}22px monospace`;
          const tw = g.measureText(line).width;
          g.fillText(line, align === 'center' ? (W - tw) / 2 : align === 'right' ? W - tw : 0, 22);
          const px = g.getImageData(0, 0, W, 30).data;
          parts.push({ w: W, h: 30, px: (x, y) => px[(y * W + x) * 4]! < 128, align: 'left' });
        }
      } else if (op.t === 'code128' || op.t === 'qr') {
        const png = PNG.sync.read(
          await bwipjs.toBuffer(op.t === 'qr' ? { bcid: 'qrcode', text: op.data, scale: 5 } : { bcid: 'code128', text: op.data, scale: 2, height: 10 }),
        );
        // bwip-js draws on a transparent background: a dot is black only where it is opaque and dark.
        parts.push({ w: png.width, h: png.height, px: (x, y) => png.data[(y * png.width + x) * 4 + 3]! > 127 && png.data[(y * png.width + x) * 4]! < 128, align });
      }
    }
    const H = Math.max(1, parts.reduce((n, p) => n + p.h, 0)) + 16;
    const out = new PNG({ width: W, height: H });
    out.data.fill(255);
    let y0 = 8;
    for (const p of parts) {
      const x0 = p.align === 'center' ? Math.floor((W - p.w) / 2) : p.align === 'right' ? W - p.w : 0;
      for (let y = 0; y < p.h; y++) {
        for (let x = 0; x < Math.min(p.w, W); x++) {
          if (!p.px(x, y)) continue;
          const i = ((y0 + y) * W + x0 + x) * 4;
          out.data[i] = out.data[i + 1] = out.data[i + 2] = 0;
        }
      }
      y0 += p.h;
    }
    return PNG.sync.write(out);
  }
}

/** The virtual printer behind a PrinterPort, in-process (the "Máy in ảo" choice in settings). */
export async function openVirtualPrinter(cfg: PrinterConfig, shared?: VirtualPrinter): Promise<PrinterPort> {
  const printer = shared ?? new VirtualPrinter(cfg.width === 58 ? 384 : 576);
  mkdirSync(cfg.path, { recursive: true });
  const off = printer.onDocument((doc, i) => {
    void printer.renderPng(doc).then((png) => writeFile(join(cfg.path, `ban-in-${Date.now()}-${i + 1}.png`), png));
  });
  let replies: number[] = [];
  return {
    write: async (bytes) => {
      replies.push(...printer.receive(bytes));
    },
    query: async (request) => {
      replies = [];
      replies.push(...printer.receive(request));
      return replies.shift() ?? null;
    },
    close: async () => {
      off();
    },
  };
}

/**
 * The virtual printer on a real serial line: socat makes a pty pair, the printer listens on one
 * end and the app is given the other (`appPath`). For integration tests and training PCs.
 */
export async function startPtyVirtualPrinter(dir: string, widthDots = 576): Promise<{ appPath: string; printer: VirtualPrinter; stop(): Promise<void> }> {
  const appPath = join(dir, 'printer-app');
  const devPath = join(dir, 'printer-dev');
  // ignoreeof: a real printer stays on the line when the app closes its port between jobs.
  const socat: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,ignoreeof,link=${appPath}`, `pty,raw,echo=0,link=${devPath}`], { stdio: 'ignore' });
  const t0 = Date.now();
  while (!(existsSync(appPath) && existsSync(devPath))) {
    if (Date.now() - t0 > 5000) throw new Error('socat did not create the printer pty pair');
    await new Promise((r) => setTimeout(r, 20));
  }
  const printer = new VirtualPrinter(widthDots);
  const port = new SerialPort({ path: devPath, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('data', (d: Buffer) => {
    const replies = printer.receive(new Uint8Array(d));
    if (replies.length) port.write(Buffer.from(replies));
  });
  return {
    appPath,
    printer,
    stop: async () => {
      await new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r()));
      socat.kill('SIGTERM');
    },
  };
}
