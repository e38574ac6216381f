import { randomBytes } from 'node:crypto';
import type { AuditVerdict } from '../../common/domain/audit';
import { auditVerdictEn, auditVerdictVi } from '../../common/domain/audit';
import { checkRow, type DoctorCheck } from '../../common/domain/doctor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { keyedOf } from '../../common/ipc/notice';
import { failure } from '../../common/ipc/result';
import type { SecretVault } from '../secrets/secret-vault';
import { auditHead, tailFollows, verifyAudit, type AuditVerification } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { AnchorFile, type AnchorLine, type AnchorReason } from './anchor-file';

/**
 * The audit chain's HMAC key from the vault. `create`: made (random, 256 bits) when there is none yet —
 * the app and the CLI; doctor only reads. Read back after saving, so two processes racing to create it
 * both end up with the one the index kept.
 */
export async function loadAuditKey(vault: SecretVault, o: { create: boolean }): Promise<Buffer | null> {
  let hex = await vault.get('audit.hmacKey');
  if (!hex && o.create) {
    // Not in safeStorage: only the Electron app opens it, and the CLI must audit its changes under the same key.
    await vault.put('audit.hmacKey', randomBytes(32).toString('hex'), { avoid: ['safe-storage'] });
    hex = await vault.get('audit.hmacKey');
  }
  return hex ? Buffer.from(hex, 'hex') : null;
}

/** Like `loadAuditKey` with `create`, as a user-facing failure the store hands to any write that needs the key. */
export async function auditKeyOrFailure(vault: SecretVault): Promise<Buffer> {
  try {
    const key = await loadAuditKey(vault, { create: true });
    if (key?.length === 32) return key;
    throw new Error('bad key length');
  } catch {
    // The vault's own message speaks of the provincial secret; say where the audit key is instead.
    const where = await vault.location('audit.hmacKey').then((l) => keyedOf(l.where), () => '?');
    throw failure('conflict', 'audit.keyUnavailable', { where });
  }
}

export function toVerdict(v: AuditVerification, last: AnchorLine | null): AuditVerdict {
  return {
    ok: v.ok,
    problem: v.problem,
    entries: v.entries,
    firstBadId: v.firstBadId,
    rows: v.head.rows,
    head: v.head.head,
    anchorsChecked: v.anchorsChecked,
    lastAnchor: last ? { at: last.at, reason: last.reason, rows: last.rows, head: last.head } : null,
  };
}

/**
 * `audit verify` for every entry point (CLI, the Báo cáo screen, the start-of-day check, doctor) and the
 * anchors written outside the database. Anchors are written at every day close (with the close, its
 * report and the event sent to the province), when the app or a CLI command closes, after a start-of-day
 * check that passed, and every ten minutes while the app runs when rows were added: what can be cut off
 * the tail unnoticed is at most the last few minutes (or one CLI command), and an idle app writes nothing.
 * Time rather than a row count, because most rows are appended inside other services' transactions,
 * where a file write does not belong.
 */
export class AuditService {
  readonly anchors: AnchorFile;

  constructor(private readonly d: { store: SqliteStore; anchorPath: string; key: () => Promise<Buffer | null>; now: () => Date }) {
    this.anchors = new AnchorFile(d.anchorPath);
  }

  async #key(): Promise<Buffer | null> {
    return this.d.key().catch(() => null);
  }

  async verify(): Promise<AuditVerdict> {
    const key = await this.#key();
    const read = this.anchors.read(key);
    const v = await this.d.store.exec('audit.verify', (db) => verifyAudit(db, { key, anchors: read.anchors, anchorsInvalid: read.invalid > 0 }));
    return toVerdict(v, read.last);
  }

  /**
   * Anchors the current head. Skipped (the last anchor returned) when nothing was appended since,
   * except for a day close, which always records its own; null when the rows no longer follow the
   * last anchor (a tampered tail is never anchored: `verify` reports it) or there is no key.
   */
  async anchor(reason: AnchorReason): Promise<AnchorLine | null> {
    const key = await this.#key();
    if (!key) return null;
    const last = this.anchors.read(key).last;
    const r = await this.d.store.exec('audit.anchor', (db) => ({ head: auditHead(db), follows: last ? tailFollows(db, key, last) : true }));
    if (!r.follows) return null;
    if (reason !== 'day-close' && last && last.lastId === r.head.lastId && last.head === r.head.head && last.rows === r.head.rows) return last;
    return this.anchors.append(key, r.head, reason, toVietnamRfc3339(this.d.now()));
  }

  /** Anchors every `ms` while the process runs (the app and the Chromium host); the timer never keeps a process alive. */
  startInterval(ms = 10 * 60_000, onError: () => void = () => undefined): void {
    this.#timer ??= setInterval(() => void this.anchor('interval').catch(onError), ms);
    this.#timer.unref();
  }

  stopInterval(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #timer: NodeJS.Timeout | null = null;

  /** The doctor / start-of-day row: the verdict and the last anchor, in one line. */
  async check(): Promise<DoctorCheck> {
    return verdictCheck(await this.verify());
  }
}

export function verdictCheck(v: AuditVerdict): DoctorCheck {
  return checkRow('audit', v.ok ? 'ok' : v.problem === 'keyMissing' ? 'warn' : 'fail', { vi: 'Nhật ký kiểm toán', en: 'Audit log' }, { vi: auditVerdictVi(v), en: auditVerdictEn(v) });
}
