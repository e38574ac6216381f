import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuditAnchorPoint, AuditHead } from '../store/audit';

export type AnchorReason = 'day-close' | 'close' | 'start-of-day' | 'interval';

const lineSchema = z.object({
  at: z.string(),
  reason: z.enum(['day-close', 'close', 'start-of-day', 'interval']),
  rows: z.number().int().nonnegative(),
  lastId: z.number().int().nonnegative(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  keyedFrom: z.number().int().positive(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AnchorLine = z.infer<typeof lineSchema>;

/** The MAC binds every field of the line, so a line cannot be forged or altered without the audit key. */
function anchorMac(key: Buffer, a: Omit<AnchorLine, 'mac'>): string {
  const h = createHmac('sha256', key);
  for (const f of [a.at, a.reason, String(a.rows), String(a.lastId), a.head, String(a.keyedFrom)]) h.update(`${Buffer.byteLength(f)}:${f};`);
  return h.digest('hex');
}

export interface AnchorRead {
  readonly anchors: readonly AuditAnchorPoint[];
  /** Lines that do not parse or whose MAC is wrong (0 when the key is unknown: then they cannot be judged). */
  readonly invalid: number;
  readonly last: AnchorLine | null;
}

/**
 * The append-only anchor file beside the database (`<data dir>/audit-anchors.jsonl`): one JSON line per
 * anchor, written with O_APPEND and flushed before returning, so an anchor that was reported exists on disk.
 * Someone who can rewrite the database usually can rewrite this file too; what it adds is that the two must
 * be changed together and consistently, and every line carries a MAC under the audit key.
 */
export class AnchorFile {
  constructor(readonly path: string) {}

  append(key: Buffer, head: AuditHead, reason: AnchorReason, at: string): AnchorLine {
    const body = { at, reason, rows: head.rows, lastId: head.lastId, head: head.head, keyedFrom: head.keyedFrom };
    const line: AnchorLine = { ...body, mac: anchorMac(key, body) };
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, JSON.stringify(line) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return line;
  }

  /** Every anchor; with `key` null the MACs cannot be checked and every well-formed line is taken as it is. */
  read(key: Buffer | null): AnchorRead {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], invalid: 0, last: null };
      throw e;
    }
    const anchors: AuditAnchorPoint[] = [];
    let invalid = 0;
    let last: AnchorLine | null = null;
    const lines = text.split('\n');
    lines.forEach((raw, i) => {
      if (!raw.trim()) return;
      let json: unknown = null;
      try {
        json = JSON.parse(raw);
      } catch {
        // A torn last line (power cut during the write) is not tampering; any other bad line is.
        if (i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '')) return;
      }
      const p = lineSchema.safeParse(json);
      if (!p.success) {
        invalid++;
        return;
      }
      const { mac, ...body } = p.data;
      if (key && !timingSafeEqual(Buffer.from(anchorMac(key, body)), Buffer.from(mac))) {
        invalid++;
        return;
      }
      anchors.push({ at: body.at, rows: body.rows, lastId: body.lastId, head: body.head, keyedFrom: body.keyedFrom });
      last = p.data;
    });
    return { anchors, invalid, last };
  }
}
