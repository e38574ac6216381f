import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { changeSchema, type Change } from '../../common/domain/sync-wire';
import { normalizeTime } from '../../common/domain/kpi';
import { toVietnamRfc3339, vietnamDate } from '../../common/domain/time';
import { importCalendarYear } from '../calendar/calendar-repo';
import { importCatalog } from '../catalog/catalog-repo';
import type { ContentStore } from '../files/content-store';
import { addLease, remainingCodes } from '../intake/code-allocator';
import type { Logger } from '../log/logger';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { EngineLock } from './engine-lock';
import { buildHoSo } from './hoso';
import type { ApiOutcome, ProvincialApi } from './provincial-api';

interface OutboxRow {
  id: number;
  dossier_id: number | null;
  ma_ho_so: string;
  seq: number;
  kind: 'upload' | 'dossier_put' | 'event';
  idempotency_key: string;
  payload: string;
  state: 'pending' | 'in_flight' | 'unknown' | 'done' | 'rejected' | 'waiting';
  attempts: number;
}

export interface SyncOptions {
  readonly concurrency?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Keep at least this many leased numbers for today. */
  readonly minLeased?: number;
  readonly leaseSize?: number;
  readonly random?: () => number;
  readonly now?: () => Date;
}

export interface SyncReport {
  readonly sent: number;
  readonly rejected: number;
  readonly waiting: number;
  readonly remaining: number;
  readonly changesApplied: number;
  readonly errors: readonly string[];
}

export class SyncLockedError extends Error {
  constructor() {
    super('Một tiến trình khác (ứng dụng hoặc dòng lệnh) đang đồng bộ thư mục dữ liệu này.');
  }
}

/**
 * The offline-first sync engine: one ordered queue per dossier in the outbox (uploads, then the
 * dossier, then its events), bounded concurrency across dossiers, exponential backoff with
 * jitter that honours Retry-After, and unknown outcomes resolved by reading before any retry.
 * Every state change is written before the next step, so a crash resumes where it stopped.
 */
export class SyncEngine {
  readonly #lock: EngineLock;
  readonly #o: Required<SyncOptions>;
  #running = false;

  constructor(
    private readonly d: { store: SqliteStore; api: ProvincialApi; files: ContentStore; log: Logger; onChange?: () => void; onProgress?: (p: { code: string; fileName: string; sent: number; total: number }) => void },
    opts: SyncOptions = {},
  ) {
    this.#o = {
      concurrency: 4,
      baseBackoffMs: 1000,
      maxBackoffMs: 5 * 60_000,
      minLeased: 20,
      leaseSize: 50,
      random: Math.random,
      now: () => new Date(),
      ...opts,
    };
    this.#lock = new EngineLock(this.#db());
  }

  #db(): Database.Database {
    // The engine works in short synchronous units on the store's connection.
    let db!: Database.Database;
    void this.d.store.exec('sync.db', (x) => (db = x));
    return db;
  }

  #at(): string {
    return toVietnamRfc3339(this.#o.now());
  }

  #exec<T>(op: string, fn: (db: Database.Database) => T): Promise<T> {
    return this.d.store.exec(`sync.${op}`, fn);
  }

  /** Exponential backoff with full jitter; Retry-After wins when the server gives one. */
  backoff(attempts: number, retryAfterMs: number | null): number {
    if (retryAfterMs !== null) return retryAfterMs;
    const cap = Math.min(this.#o.maxBackoffMs, this.#o.baseBackoffMs * 2 ** Math.min(attempts, 20));
    return Math.floor(this.#o.random() * cap);
  }

  acquire(): boolean {
    return this.#lock.tryAcquire();
  }

  release(): void {
    this.#lock.release();
  }

  /**
   * Runs until the outbox is empty or holds only waiting/rejected items, or until `deadline`.
   * Pulls (unit, catalog, calendar, leases, changes) run first and last.
   */
  async runOnce(opts: { deadlineMs?: number; pulls?: boolean; waitForBackoff?: boolean } = {}): Promise<SyncReport> {
    if (this.#running) throw new Error('sync already running');
    if (!this.#lock.tryAcquire()) throw new SyncLockedError();
    this.#running = true;
    this.#lock.startHeartbeat();
    const errors: string[] = [];
    let sent = 0;
    let changesApplied = 0;
    const deadline = Date.now() + (opts.deadlineMs ?? 10 * 60_000);
    try {
      if (opts.pulls !== false) changesApplied += await this.pull(errors);
      // Items left in flight by a crash are unknown outcomes: resolved before anything is resent.
      await this.#exec('recover', (db) => db.prepare("UPDATE outbox SET state = 'unknown' WHERE state = 'in_flight'").run());
      for (;;) {
        if (Date.now() > deadline) break;
        if (!this.#lock.heartbeat()) {
          errors.push('mất khóa đồng bộ');
          break;
        }
        const batch = await this.#readyHeads(this.#o.concurrency * 4);
        if (!batch.length) {
          const next = await this.#nextAttemptDelay();
          if (next === null || !(opts.waitForBackoff ?? true) || Date.now() + next > deadline) break;
          await sleep(Math.max(10, next));
          continue;
        }
        const results = await mapLimit(batch, this.#o.concurrency, (item) => this.#process(item).catch((e: unknown) => ({ done: false, error: (e as Error).message })));
        for (const r of results) {
          if (r.done) sent++;
          if (r.error) errors.push(r.error);
        }
        this.d.onChange?.();
      }
      if (opts.pulls !== false) changesApplied += await this.pullChanges(errors);
      const counts = await this.counts();
      if (counts.remaining === 0) await this.#exec('lastSuccess', (db) => setSetting(db, 'sync.lastSuccessAt', this.#at()));
      return { sent, rejected: counts.rejected, waiting: counts.waiting, remaining: counts.remaining, changesApplied, errors: [...new Set(errors)].slice(0, 20) };
    } finally {
      this.#running = false;
      this.#lock.release();
    }
  }

  counts(): Promise<{ remaining: number; rejected: number; waiting: number; done: number }> {
    return this.#exec('counts', (db) => {
      const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>;
      const by = new Map(rows.map((r) => [r.state, r.n]));
      return {
        remaining: (by.get('pending') ?? 0) + (by.get('in_flight') ?? 0) + (by.get('unknown') ?? 0),
        rejected: by.get('rejected') ?? 0,
        waiting: by.get('waiting') ?? 0,
        done: by.get('done') ?? 0,
      };
    });
  }

  /** The first unfinished item of each dossier whose turn has come; a rejected item blocks its dossier. */
  #readyHeads(limit: number): Promise<OutboxRow[]> {
    const now = this.#at();
    return this.#exec('readyHeads', (db) =>
      db
        .prepare(
          `SELECT o.* FROM outbox o
           JOIN (SELECT ma_ho_so, MIN(seq) AS seq FROM outbox WHERE state NOT IN ('done') GROUP BY ma_ho_so) h
             ON h.ma_ho_so = o.ma_ho_so AND h.seq = o.seq
           WHERE o.state IN ('pending', 'unknown', 'in_flight') AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
           ORDER BY o.id LIMIT ?`,
        )
        .all(now, limit) as OutboxRow[],
    );
  }

  #nextAttemptDelay(): Promise<number | null> {
    return this.#exec('nextAttempt', (db) => {
      const r = db
        .prepare(
          `SELECT MIN(o.next_attempt_at) AS t FROM outbox o
           JOIN (SELECT ma_ho_so, MIN(seq) AS seq FROM outbox WHERE state NOT IN ('done') GROUP BY ma_ho_so) h ON h.ma_ho_so = o.ma_ho_so AND h.seq = o.seq
           WHERE o.state IN ('pending', 'unknown', 'in_flight')`,
        )
        .get() as { t: string | null };
      return r.t === null ? null : Math.max(0, Date.parse(r.t) - this.#o.now().getTime());
    });
  }

  async #mark(item: OutboxRow, state: OutboxRow['state'], o: { error?: string | null; delayMs?: number; attempt?: boolean; payload?: string } = {}): Promise<void> {
    const at = this.#at();
    const next = o.delayMs !== undefined ? toVietnamRfc3339(new Date(this.#o.now().getTime() + o.delayMs)) : null;
    await this.#exec('mark', (db) =>
      db.transaction(() => {
        db.prepare(
          `UPDATE outbox SET state = ?, attempts = attempts + ?, next_attempt_at = ?, last_error = ?, updated_at = ?${o.payload !== undefined ? ', payload = ?' : ''} WHERE id = ?`,
        ).run(state, o.attempt ? 1 : 0, next, o.error ?? null, at, ...(o.payload !== undefined ? [o.payload] : []), item.id);
        if (state === 'done' || state === 'rejected') {
          appendAudit(db, { actor: 'sync', action: state === 'done' ? `sync.${item.kind}.done` : `sync.${item.kind}.rejected`, subject: item.ma_ho_so, details: o.error ? { error: o.error } : null }, at);
        }
        if (item.dossier_id) {
          const open = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE dossier_id = ? AND state NOT IN ('done')").get(item.dossier_id) as { n: number }).n;
          const rejected = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE dossier_id = ? AND state = 'rejected'").get(item.dossier_id) as { n: number }).n;
          db.prepare('UPDATE dossiers SET sync_state = ?, updated_at = ? WHERE id = ?').run(rejected ? 'rejected' : open ? (state === 'in_flight' ? 'sending' : 'pending') : 'synced', at, item.dossier_id);
        }
      })(),
    );
  }

  /** Applies an outcome that is not success: retry later, unknown (resolve first), or reject. */
  async #setback(item: OutboxRow, r: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>): Promise<{ done: false; error: string }> {
    if (r.kind === 'rejected') {
      const error = JSON.stringify({ status: r.status, error: r.error, message: r.message, details: r.details });
      await this.#mark(item, 'rejected', { error, attempt: true });
      return { done: false, error: `${item.ma_ho_so}: ${r.message}` };
    }
    if (r.kind === 'fatal') {
      // Not retried in a loop: parked for a long backoff and surfaced.
      await this.#mark(item, 'pending', { error: r.message, attempt: true, delayMs: this.#o.maxBackoffMs });
      return { done: false, error: `${item.ma_ho_so}: ${r.message}` };
    }
    const state = r.kind === 'unknown' ? 'unknown' : item.state === 'unknown' ? 'unknown' : 'pending';
    await this.#mark(item, state, { error: r.reason, attempt: true, delayMs: this.backoff(item.attempts, r.kind === 'retry' ? r.afterMs : null) });
    return { done: false, error: `${item.ma_ho_so}: ${r.reason}` };
  }

  async #process(item: OutboxRow): Promise<{ done: boolean; error?: string }> {
    if (item.kind === 'upload') return this.#upload(item);
    if (item.kind === 'dossier_put') return this.#putDossier(item);
    return this.#event(item);
  }

  async #upload(item: OutboxRow): Promise<{ done: boolean; error?: string }> {
    const { attachmentId } = JSON.parse(item.payload) as { attachmentId: number };
    const att = await this.#exec('att', (db) =>
      db.prepare('SELECT id, sha256, file_name, content_type, size_bytes, upload_url, uploaded_at FROM attachments WHERE id = ?').get(attachmentId) as
        | { id: number; sha256: string; file_name: string; content_type: string; size_bytes: number; upload_url: string | null; uploaded_at: string | null }
        | undefined,
    );
    if (!att) return this.#setback(item, { kind: 'rejected', status: 0, error: 'missing_attachment', message: 'Tệp đính kèm không còn trong máy.', details: [] });
    if (att.uploaded_at && att.upload_url) {
      await this.#mark(item, 'done');
      return { done: true };
    }
    const path = this.d.files.pathOf(att.sha256);
    const size = await stat(path).then((s) => s.size).catch(() => -1);
    if (size !== att.size_bytes || !(await this.d.files.verify(att.sha256))) {
      return this.#setback(item, { kind: 'rejected', status: 0, error: 'corrupt_attachment', message: `Tệp ${att.file_name} trong máy đã hỏng hoặc bị xóa.`, details: [] });
    }
    await this.#mark(item, 'in_flight');
    const r = await this.d.api.upload({
      path,
      size,
      uploadUrl: att.upload_url,
      metadata: { filename: att.file_name, contentType: att.content_type, MaHoSo: item.ma_ho_so, sha256: att.sha256 },
      onUrl: (url) => this.#exec('uploadUrl', (db) => db.prepare('UPDATE attachments SET upload_url = ? WHERE id = ?').run(url, att.id)).then(() => undefined),
      onProgress: (sent, total) => this.d.onProgress?.({ code: item.ma_ho_so, fileName: att.file_name, sent, total }),
    });
    if (r.kind === 'ok') {
      await this.#exec('uploaded', (db) => db.prepare('UPDATE attachments SET upload_url = ?, uploaded_at = ? WHERE id = ?').run(r.value, this.#at(), att.id));
      await this.#mark(item, 'done');
      return { done: true };
    }
    if (r.kind === 'rejected' && r.error === 'upload_gone') {
      // The server dropped the partial upload: start a new one next time.
      await this.#exec('uploadGone', (db) => db.prepare('UPDATE attachments SET upload_url = NULL WHERE id = ?').run(att.id));
      return this.#setback(item, { kind: 'retry', afterMs: 0, reason: r.message });
    }
    return this.#setback(item, r);
  }

  async #putDossier(item: OutboxRow): Promise<{ done: boolean; error?: string }> {
    const payload = JSON.parse(item.payload) as { version: number | null; body?: string; ifMatch?: number | null };
    if (item.state === 'unknown' || item.state === 'in_flight') {
      // Contract §3.3: read before retrying a write whose outcome is unknown.
      const read = await this.d.api.getDossier(item.ma_ho_so);
      if (read.kind !== 'ok') return this.#setback(item, read.kind === 'rejected' ? { kind: 'retry', afterMs: null, reason: read.message } : read);
      if (read.value && read.value.idempotencyKey === item.idempotency_key) return this.#putDone(item, read.value.version);
      if (read.value && !payload.ifMatch) {
        return this.#setback(item, { kind: 'rejected', status: 409, error: 'conflict', message: 'Mã hồ sơ đã có trên máy chủ tỉnh cho một hồ sơ khác.', details: [] });
      }
    }
    // The body is built once and kept, so every retry sends the same bytes with the same key.
    const body = payload.body ?? (await this.#exec('hoso', (db) => JSON.stringify(buildHoSo(db, item.dossier_id!))));
    const withBody = JSON.stringify({ ...payload, body });
    await this.#mark(item, 'in_flight', { payload: withBody });
    const r = await this.d.api.putDossier(item.ma_ho_so, body, { key: item.idempotency_key, ifMatch: payload.ifMatch ?? null });
    if (r.kind === 'ok') return this.#putDone({ ...item, payload: withBody }, r.value!.version);
    return this.#setback({ ...item, payload: withBody, state: 'in_flight' }, r);
  }

  async #putDone(item: OutboxRow, version: number): Promise<{ done: boolean }> {
    await this.#exec('putDone', (db) => db.prepare('UPDATE dossiers SET server_version = MAX(COALESCE(server_version, 0), ?) WHERE id = ?').run(version, item.dossier_id));
    await this.#mark(item, 'done');
    return { done: true };
  }

  async #event(item: OutboxRow): Promise<{ done: boolean; error?: string }> {
    // Files the event refers to ({"$attachment": id}) are replaced by their upload URLs once, and
    // the resolved body is kept: the same key always goes with the same bytes.
    let body = item.payload;
    if (body.includes('"$attachment"')) {
      const resolved = await this.#exec('eventBody', (db) =>
        JSON.stringify(JSON.parse(body) as unknown, (_k, v: unknown) => {
          if (v && typeof v === 'object' && '$attachment' in (v as object)) {
            const row = db.prepare('SELECT upload_url FROM attachments WHERE id = ?').get((v as { $attachment: number }).$attachment) as { upload_url: string | null } | undefined;
            return row?.upload_url ?? '';
          }
          return v;
        }),
      );
      body = resolved;
      await this.#mark(item, item.state, { payload: body });
    }
    // Events are idempotent on the server by key: an unknown outcome is simply resent.
    await this.#mark(item, 'in_flight');
    const r = await this.d.api.postEvent(item.ma_ho_so, body, item.idempotency_key);
    if (r.kind === 'ok') {
      await this.#mark(item, 'done');
      return { done: true };
    }
    if (r.kind === 'rejected' && r.status === 404) return this.#setback({ ...item, state: 'in_flight' }, { kind: 'retry', afterMs: null, reason: 'hồ sơ chưa có trên máy chủ' });
    return this.#setback({ ...item, state: 'in_flight' }, r);
  }

  // ---- pulls -------------------------------------------------------------------------------

  /** Unit, catalog, calendar, code leases and the changes feed; each failure is reported, never fatal. */
  async pull(errors: string[] = []): Promise<number> {
    const unit = await this.#exec('unit', (db) => db.prepare('SELECT unit_code, counter_id FROM counters WHERE is_this_pc = 1').get() as { unit_code: string; counter_id: string } | undefined);
    if (!unit) {
      errors.push('chưa cấu hình đơn vị');
      return 0;
    }
    await this.#pullUnit(unit, errors);
    await this.#pullCatalog(errors);
    await this.#pullCalendar(errors);
    await this.#topUpLeases(unit, errors);
    return this.pullChanges(errors);
  }

  async #pullUnit(unit: { unit_code: string; counter_id: string }, errors: string[]): Promise<void> {
    const r = await this.d.api.getUnit(unit.unit_code);
    if (r.kind !== 'ok' || !r.value) {
      if (r.kind !== 'ok') errors.push(`đơn vị: ${'reason' in r ? r.reason : r.message}`);
      return;
    }
    const u = r.value;
    const mine = u.counters.find((c) => c.counterId === unit.counter_id);
    await this.#exec('applyUnit', (db) =>
      db.transaction(() => {
        db.prepare('UPDATE units SET name = ?, address = ?, work_hours = ?, updated_at = ? WHERE unit_code = ?').run(
          u.tenDonVi,
          u.diaChi ?? null,
          u.gioLamViec ? JSON.stringify(u.gioLamViec.map((p) => ({ from: p.from, to: p.to }))) : null,
          this.#at(),
          unit.unit_code,
        );
        if (mine?.offlineBlock) {
          db.prepare('UPDATE counters SET offline_block_from = ?, offline_block_to = ? WHERE unit_code = ? AND counter_id = ?').run(mine.offlineBlock.from, mine.offlineBlock.to, unit.unit_code, unit.counter_id);
        }
      })(),
    );
  }

  async #pullCatalog(errors: string[]): Promise<void> {
    let cursor: string | null = null;
    const items: unknown[] = [];
    for (let page = 0; page < 1000; page++) {
      const r = await this.d.api.procedures(cursor, null);
      if (r.kind !== 'ok' || !r.value) {
        if (r.kind !== 'ok') errors.push(`danh mục: ${'reason' in r ? r.reason : r.message}`);
        return;
      }
      items.push(...r.value.items);
      if (!r.value.hasMore || !r.value.cursor || r.value.cursor === cursor) break;
      cursor = r.value.cursor;
    }
    const report = await this.#exec('catalog', (db) => importCatalog(db, items, { sample: false, at: this.#at() }));
    if (report.rejected.length) errors.push(`danh mục: bỏ qua ${report.rejected.length} thủ tục sai định dạng`);
    // Sample procedures the province does not have are retired once a real catalog arrives.
    if (report.imported) await this.#exec('retireSamples', (db) => db.prepare('UPDATE procedures SET active = 0 WHERE is_sample = 1').run());
  }

  async #pullCalendar(errors: string[]): Promise<void> {
    const year = Number(vietnamDate(this.#o.now()).slice(0, 4));
    for (const y of [year, year + 1]) {
      const r = await this.d.api.getJson(`/catalog/calendar?year=${y}`);
      if (r.kind !== 'ok') {
        errors.push(`lịch ${y}: ${'reason' in r ? r.reason : r.message}`);
        continue;
      }
      if (!r.value) continue;
      try {
        await this.#exec('calendar', (db) => importCalendarYear(db, r.value));
      } catch (e) {
        errors.push(`lịch ${y}: ${(e as Error).message}`);
      }
    }
  }

  async #topUpLeases(unit: { unit_code: string; counter_id: string }, errors: string[]): Promise<void> {
    const day = vietnamDate(this.#o.now());
    const left = await this.#exec('leasesLeft', (db) => remainingCodes(db, unit.unit_code, unit.counter_id, day).lease);
    if (left >= this.#o.minLeased) return;
    const r = await this.d.api.leaseCodes(unit.unit_code, { date: day, counterId: unit.counter_id, size: this.#o.leaseSize });
    if (r.kind !== 'ok' || !r.value) {
      if (r.kind !== 'ok') errors.push(`thuê số: ${'reason' in r ? r.reason : r.message}`);
      return;
    }
    const l = r.value;
    if (l.date !== day || l.to < l.from || l.to > 9999) {
      errors.push('thuê số: máy chủ trả dải số không hợp lệ');
      return;
    }
    await this.#exec('lease', (db) => addLease(db, { unitCode: unit.unit_code, day, leaseId: l.leaseId, from: l.from, to: l.to, at: this.#at() }));
  }

  /** The changes feed with a persisted cursor; stale and duplicated changes are ignored by version. */
  async pullChanges(errors: string[] = []): Promise<number> {
    const unit = await this.#exec('unit', (db) => db.prepare('SELECT unit_code FROM counters WHERE is_this_pc = 1').get() as { unit_code: string } | undefined);
    if (!unit) return 0;
    let applied = 0;
    for (let page = 0; page < 10_000; page++) {
      const cursor = await this.#exec('cursor', (db) => getSetting(db, 'sync.changesCursor'));
      const r = await this.d.api.changes(unit.unit_code, cursor);
      if (r.kind !== 'ok' || !r.value) {
        if (r.kind !== 'ok') errors.push(`thay đổi: ${'reason' in r ? r.reason : r.message}`);
        break;
      }
      const valid: Change[] = [];
      for (const c of r.value.changes) {
        const p = changeSchema.safeParse(c);
        if (p.success) valid.push(p.data);
        else errors.push('thay đổi: bỏ qua một mục sai định dạng');
      }
      const results: Array<{ code: string; docs: NonNullable<Change['DanhSachGiayToKetQua']> }> = [];
      applied += await this.#exec('applyChanges', (db) =>
        db.transaction(() => {
          let n = 0;
          for (const c of [...valid].sort((a, b) => a.version - b.version)) {
            if (this.#applyChange(db, c)) {
              n++;
              if (c.TrangThaiHoSo === '9' && c.DanhSachGiayToKetQua?.length) results.push({ code: c.MaHoSo, docs: c.DanhSachGiayToKetQua });
            }
          }
          setSetting(db, 'sync.changesCursor', r.value!.cursor);
          return n;
        })(),
      );
      for (const res of results) await this.#downloadResults(res.code, res.docs, errors);
      await this.#exec('feedFresh', (db) => setSetting(db, 'sync.changesFetchedAt', this.#at()));
      if (!r.value.hasMore || r.value.cursor === cursor) break;
    }
    return applied;
  }

  #applyChange(db: Database.Database, c: Change): boolean {
    // Every version is kept once (duplicates ignored): supplement rounds count in the KPI rules.
    db.prepare('INSERT OR IGNORE INTO remote_status_history (ma_ho_so, version, status, changed_at) VALUES (?, ?, ?, ?)').run(c.MaHoSo, c.version, c.TrangThaiHoSo, normalizeTime(c.changedAt));
    const prev = db.prepare('SELECT version FROM remote_dossiers WHERE ma_ho_so = ?').get(c.MaHoSo) as { version: number } | undefined;
    if (prev && prev.version >= c.version) return false; // stale or duplicate
    db.prepare(
      `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, officer_id, ma_tthc, ten_tthc, channel, received_at, due_at, finished_at, returned_at, fees_vnd, changed_at, payload)
       VALUES (@code, @version, @status, @counter, @officer, @proc, @procName, @channel, @received, @due, @finished, @returned, @fees, @changed, @payload)
       ON CONFLICT(ma_ho_so) DO UPDATE SET version = excluded.version, status = excluded.status,
         counter_id = COALESCE(excluded.counter_id, counter_id), officer_id = COALESCE(excluded.officer_id, officer_id),
         ma_tthc = COALESCE(excluded.ma_tthc, ma_tthc), ten_tthc = COALESCE(excluded.ten_tthc, ten_tthc), channel = COALESCE(excluded.channel, channel),
         received_at = COALESCE(excluded.received_at, received_at), due_at = COALESCE(excluded.due_at, due_at),
         finished_at = COALESCE(excluded.finished_at, finished_at), returned_at = COALESCE(excluded.returned_at, returned_at),
         fees_vnd = COALESCE(excluded.fees_vnd, fees_vnd), changed_at = excluded.changed_at, payload = excluded.payload`,
    ).run({
      code: c.MaHoSo,
      version: c.version,
      status: c.TrangThaiHoSo,
      counter: c.MaQuay ?? null,
      officer: c.NguoiTiepNhan ?? null,
      proc: c.MaTTHC ?? null,
      procName: c.TenTTHC ?? null,
      channel: c.KenhThucHien ?? null,
      received: c.NgayTiepNhan ?? null,
      due: c.NgayHenTra ?? null,
      finished: c.NgayKetThucXuLy ?? null,
      returned: c.NgayTra ?? null,
      fees: c.TongLePhi != null && /^\d+$/.test(c.TongLePhi) ? Number(c.TongLePhi) : null,
      changed: normalizeTime(c.changedAt),
      payload: JSON.stringify(c),
    });
    const local = db.prepare('SELECT id, trang_thai FROM dossiers WHERE ma_ho_so = ?').get(c.MaHoSo) as { id: number; trang_thai: string } | undefined;
    if (local) {
      db.prepare('UPDATE dossiers SET trang_thai = ?, server_version = MAX(COALESCE(server_version, 0), ?), updated_at = ? WHERE id = ?').run(c.TrangThaiHoSo, c.version, this.#at(), local.id);
      if (local.trang_thai !== c.TrangThaiHoSo) appendAudit(db, { actor: 'sync', action: 'sync.status', subject: c.MaHoSo, details: { from: local.trang_thai, to: c.TrangThaiHoSo } }, this.#at());
    }
    return true;
  }

  /** Result files of a dossier that is ready (status 9): downloaded, checked, kept with the dossier. */
  async #downloadResults(code: string, docs: NonNullable<Change['DanhSachGiayToKetQua']>, errors: string[]): Promise<void> {
    const dossierId = await this.#exec('resDossier', (db) => (db.prepare('SELECT id FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number } | undefined)?.id);
    if (!dossierId) return; // another counter's dossier: the unit view is enough
    for (const doc of docs) {
      const have = await this.#exec('resHave', (db) => db.prepare('SELECT 1 FROM attachments WHERE dossier_id = ? AND remote_url = ?').get(dossierId, doc.DuongDanTepTinKetQua));
      if (have) continue;
      const r = await this.d.api.download(doc.DuongDanTepTinKetQua);
      if (r.kind !== 'ok' || !r.value) {
        errors.push(`${code}: tải kết quả thất bại (${'reason' in r ? r.reason : 'message' in r ? r.message : ''})`);
        continue;
      }
      const isPdf = r.value.subarray(0, 5).toString('latin1') === '%PDF-';
      if (!isPdf) {
        errors.push(`${code}: tệp kết quả không phải PDF, bỏ qua`);
        continue;
      }
      const stored = await this.d.files.putBuffer(r.value, `${doc.TenGiayTo ?? 'ket-qua'}.pdf`, 'application/pdf');
      await this.#exec('resStore', (db) =>
        db.prepare(
          "INSERT INTO attachments (dossier_id, kind, file_name, content_type, sha256, size_bytes, created_at, remote_url, result_code) VALUES (?, 'result', ?, 'application/pdf', ?, ?, ?, ?, ?)",
        ).run(dossierId, stored.fileName, stored.sha256, stored.sizeBytes, this.#at(), doc.DuongDanTepTinKetQua, doc.MaGiayToKetQua ?? null),
      );
    }
  }

  /**
   * After the officer corrected a rejected dossier: read the server's version and send the
   * dossier again as a replacement (If-Match), under a new Idempotency-Key.
   */
  async resend(code: string): Promise<void> {
    const read = await this.d.api.getDossier(code);
    if (read.kind !== 'ok') throw new Error('reason' in read ? read.reason : read.message);
    const version = read.value?.version ?? null;
    await this.#exec('resend', (db) =>
      db.transaction(() => {
        const item = db.prepare("SELECT id FROM outbox WHERE ma_ho_so = ? AND state = 'rejected' ORDER BY seq LIMIT 1").get(code) as { id: number } | undefined;
        if (!item) throw new Error(`Hồ sơ ${code} không có mục bị trả lại.`);
        db.prepare("UPDATE outbox SET state = 'pending', idempotency_key = ?, payload = ?, next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?").run(
          randomUUID(),
          JSON.stringify({ version, ifMatch: version }),
          this.#at(),
          item.id,
        );
        db.prepare("UPDATE dossiers SET sync_state = 'pending' WHERE ma_ho_so = ?").run(code);
        appendAudit(db, { actor: 'officer', action: 'sync.resend', subject: code, details: { ifMatch: version } }, this.#at());
      })(),
    );
  }

  /** Queues a counter event (3 refused, 5 supplement, 7 withdrawn, 10 returned) after the dossier's other items. */
  static queueEvent(db: Database.Database, code: string, event: Record<string, unknown>, at: string): string {
    const d = db.prepare('SELECT id FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number } | undefined;
    const seq = ((db.prepare('SELECT MAX(seq) AS s FROM outbox WHERE ma_ho_so = ?').get(code) as { s: number | null }).s ?? 0) + 1;
    const key = randomUUID();
    db.prepare('INSERT INTO outbox (dossier_id, ma_ho_so, seq, kind, idempotency_key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      d?.id ?? null,
      code,
      seq,
      'event',
      key,
      JSON.stringify(event),
      at,
      at,
    );
    return key;
  }
}

function getSetting(db: Database.Database, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}
function setSetting(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k]!);
      }
    }),
  );
  return out;
}
