import type Database from 'better-sqlite3';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import { storedWording } from '../../common/ipc/notice';
import { failure } from '../../common/ipc/result';
import { attachmentForUpload, markPendingAgain, markUploaded, raiseServerVersion, setSyncState, setUploadUrl, uploadUrlOf } from '../intake/dossier-repo';
import { appendAudit } from '../store/audit';
import { buildHoSo } from './hoso';
import { dossierQueueState, markInFlightUnknown, nextAttemptAt, readyHeadOf, readyHeads, readyItemCount, requeueRejected, updateItem, type OutboxItem, type OutboxState } from './outbox-repo';
import type { ApiOutcome } from './provincial-api';
import { outcomeWording, retryFor } from './api-types';
import { runPool } from './head-pool';
import { syncError, thrownReason, type SyncContext, type SyncError } from './sync-context';

/**
 * A queue head as the sender holds it. `prepared`: put in flight, with its body, by the commit that
 * finished the item before it in this run, so it is no crash's leftover and needs no read-back.
 */
type Head = OutboxItem & { readonly prepared?: boolean };
/** `next`: the dossier's following head, read (and a dossier PUT prepared) in the commit of a success. */
type Outcome = { done: boolean; error?: SyncError; next?: Head | null };

/** Larger files are read from the sealed store as they go (decrypted a chunk at a time), not held in memory. */
const IN_MEMORY_MAX = 16 * 1024 * 1024;

/**
 * What the audit row may say about a refusal: the HTTP status and the error code. The server's message
 * and field details can quote the citizen's data back; they stay in the outbox item's last_error.
 */
function errorFacts(error: string): Record<string, unknown> {
  try {
    const e = JSON.parse(error) as { status?: unknown; error?: unknown; details?: unknown };
    return { status: typeof e.status === 'number' ? e.status : null, error: typeof e.error === 'string' ? e.error : null, details: Array.isArray(e.details) ? e.details.length : 0 };
  } catch {
    return { errorLength: error.length };
  }
}

/**
 * The outbox sender: one ordered queue per dossier (uploads, then the dossier, then its events),
 * bounded concurrency across dossiers, exponential backoff with jitter that honours Retry-After,
 * and unknown outcomes resolved by reading before any retry. Every state change is written before
 * the next step, so a crash resumes where it stopped.
 */
export class OutboxSender {
  constructor(private readonly c: SyncContext) {}

  /** Exponential backoff with full jitter; Retry-After wins when the server gives one. */
  backoff(attempts: number, retryAfterMs: number | null): number {
    if (retryAfterMs !== null) return retryAfterMs;
    const cap = Math.min(this.c.o.maxBackoffMs, this.c.o.baseBackoffMs * 2 ** Math.min(attempts, 20));
    return Math.floor(this.c.o.random() * cap);
  }

  /**
   * Sends until no queue head is ready (and, with `waitForBackoff`, none is backing off), until
   * `deadline` (ms since epoch), or until `stillOwner` says another process took the engine lock.
   */
  async drain(o: { deadline: number; waitForBackoff: boolean; stillOwner: () => Promise<boolean>; errors: SyncError[] }): Promise<number> {
    // Items left in flight by a crash are unknown outcomes: resolved before anything is resent.
    await this.c.exec('recover', (db) => markInFlightUnknown(db));
    let sent = 0;
    // Progress for the sync panel, only when someone listens: one count now, then each item as it goes.
    const step = this.c.d.onStep;
    const startedAt = this.c.at();
    let total = step ? await this.c.exec('readyCount', (db) => readyItemCount(db, startedAt)) : 0;
    let done = 0;
    const report = (current: string | null) => {
      // An item that became ready after the count (queued meanwhile, a Retry-After of 0) adds to it.
      total = Math.max(total, done + (current ? 1 : 0));
      if (step && total > 0) step({ done, total, current });
    };
    // The lock's heartbeat is a write of its own: asked at most once a second, not before every scan.
    let ownerCheckedAt = 0;
    await runPool<OutboxItem>({
      size: this.c.o.concurrency,
      deadline: o.deadline,
      waitForBackoff: o.waitForBackoff,
      go: async () => {
        if (Date.now() > o.deadline) return false;
        if (Date.now() - ownerCheckedAt < 1000) return true;
        ownerCheckedAt = Date.now();
        if (await o.stillOwner()) return true;
        o.errors.push(syncError('net.syncLockLost'));
        return false;
      },
      scan: (busy) => {
        const now = this.c.at();
        return this.c.exec('readyHeads', (db) => readyHeads(db, now, this.c.o.concurrency * 4 + busy.size));
      },
      nextDelay: () => this.#nextAttemptDelay(),
      run: async (head) => {
        report(head.code);
        for (const r of await this.#processQueue(head, o.deadline)) {
          done++;
          if (r.done) sent++;
          if (r.error) o.errors.push(r.error);
        }
        this.c.d.onChange?.();
      },
    });
    report(null);
    return sent;
  }

  async #nextAttemptDelay(): Promise<number | null> {
    const t = await this.c.exec('nextAttempt', (db) => nextAttemptAt(db));
    return t === null ? null : Math.max(0, Date.parse(t) - this.c.o.now().getTime());
  }

  /**
   * `also`: the write the new state stands for (an uploaded file, the server's version), in the same commit.
   * `ack`: the record of an answer that was not a success (`#setback`). Lost in a power cut, it leaves the
   * item as it was before the send: pending (sent again under the same key) or in flight (read back first,
   * contract §3.3), so its commit does not wait for an fsync. A mark that announces a send never is one.
   */
  async #mark(item: OutboxItem, state: OutboxState, o: { error?: string | null; delayMs?: number; attempt?: boolean; payload?: string; also?: (db: Database.Database) => void; ack?: boolean } = {}): Promise<void> {
    await this.#write(item, state, o, o.ack ? 'ack' : 'none');
  }

  /**
   * Marks `item` done and, in the same commit, takes the dossier's next head (see `#prepareNext`).
   * `ack`: the server dedupes the request by its Idempotency-Key (contract §3.2: a replay answers
   * 200; §3.3: an unknown write is read back first; §3.4: an event replay answers 200), so losing
   * this mark in a power cut only asks or sends once more: its commit does not wait for an fsync
   * (a dossier then costs one fsync, not two). It prepares no next dossier PUT, whose in-flight
   * body must be on disk before it goes.
   */
  #done(item: OutboxItem, o: { error?: string; also?: (db: Database.Database) => void; ack?: boolean } = {}): Promise<Outcome> {
    return this.#write(item, 'done', o, o.ack ? 'ack' : 'prepare').then((next) => ({ done: true, next }));
  }

  /**
   * `next`: 'prepare' reads the dossier's next head and may prepare it (`#prepareNext`), 'ack' commits
   * without waiting for an fsync and, for a done item, only reads the next head; 'none' neither.
   */
  #write(
    item: OutboxItem,
    state: OutboxState,
    o: { error?: string | null; delayMs?: number; attempt?: boolean; payload?: string; also?: (db: Database.Database) => void },
    next: 'none' | 'prepare' | 'ack',
  ): Promise<Head | null> {
    const at = this.c.at();
    const retryAt = o.delayMs !== undefined ? toVietnamRfc3339(new Date(this.c.o.now().getTime() + o.delayMs)) : null;
    // Each write runs in a savepoint of its own (SyncContext.write): one that throws is undone alone.
    return this.c.write(
      'mark',
      (db) => {
        o.also?.(db);
        updateItem(db, item.id, { state, attempt: o.attempt ?? false, nextAttemptAt: retryAt, error: o.error ?? null, ...(o.payload !== undefined ? { payload: o.payload } : {}) }, at);
        if (state === 'done' || state === 'rejected') {
          appendAudit(db, { actor: 'sync', action: `sync.${item.kind}.${state}`, subject: item.code, details: o.error ? errorFacts(o.error) : null }, at);
        }
        const head: Head | null = state !== 'done' ? null : next === 'ack' ? readyHeadOf(db, item.code, at) : next === 'prepare' ? this.#prepareNext(db, item.code, at) : null;
        if (item.dossierId) {
          const q = dossierQueueState(db, item.dossierId, item.code);
          const sending = state === 'in_flight' || head?.prepared === true;
          const syncState = q === 'rejected' ? 'rejected' : q === 'open' ? (sending ? 'sending' : 'pending') : 'synced';
          setSyncState(db, item.dossierId, syncState, at);
        }
        return head;
      },
      { durable: next !== 'ack' },
    );
  }

  /**
   * The dossier's next ready head. A dossier PUT waiting behind an upload is put in flight with
   * its body here, in the commit that records the upload: the body then names the file's URL,
   * and a dossier costs one commit less (each commit is an fsync). A body that cannot be built is
   * left to `#putDossier` to report; the finished item's own changes stand.
   */
  #prepareNext(db: Database.Database, code: string, at: string): Head | null {
    const next = readyHeadOf(db, code, at);
    if (!next || next.kind !== 'dossier_put' || next.state !== 'pending') return next;
    try {
      return db.transaction((): Head => {
        const payload = JSON.parse(next.payload) as { body?: string };
        const withBody = JSON.stringify({ ...payload, body: payload.body ?? JSON.stringify(buildHoSo(db, next.dossierId!)) });
        updateItem(db, next.id, { state: 'in_flight', nextAttemptAt: null, error: null, payload: withBody }, at);
        return { ...next, state: 'in_flight', payload: withBody, prepared: true };
      })();
    } catch {
      return next;
    }
  }

  /** Applies an outcome that is not success: retry later, unknown (resolve first), or reject. */
  async #setback(item: OutboxItem, r: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>): Promise<Outcome> {
    if (r.kind === 'rejected') {
      const error = JSON.stringify({ status: r.status, error: r.error, message: r.message, details: r.details, ...(r.wording ? { wording: r.wording } : {}) });
      await this.#mark(item, 'rejected', { error, attempt: true, ack: true });
      return { done: false, error: itemError(item.code, r) };
    }
    // The row keeps the reason's key, so the queue words it in the officer's language; the
    // server's own words, which have none, are kept as they came.
    const stored = (text: string) => (r.wording ? storedWording(r.wording) : text);
    if (r.kind === 'fatal') {
      // Not retried in a loop: parked for a long backoff and surfaced.
      await this.#mark(item, 'pending', { error: stored(r.message), attempt: true, delayMs: this.c.o.maxBackoffMs, ack: true });
      return { done: false, error: itemError(item.code, r) };
    }
    const state = r.kind === 'unknown' ? 'unknown' : item.state === 'unknown' ? 'unknown' : 'pending';
    await this.#mark(item, state, { error: stored(r.reason), attempt: true, delayMs: this.backoff(item.attempts, r.kind === 'retry' ? r.afterMs : null), ack: true });
    return { done: false, error: itemError(item.code, r) };
  }

  /**
   * A queue head, then the items after it in the same dossier's queue while each succeeds: its
   * upload and its dossier go out back to back instead of waiting for the next scan of every queue.
   * Only this worker holds the dossier (a batch has one head per dossier), so its order is kept.
   */
  async #processQueue(head: OutboxItem, deadline: number): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (let item: Head | null = head; item; ) {
      const code: string = item.code;
      const r: Outcome = await this.#process(item).catch((e: unknown): Outcome => ({ done: false, error: syncError('net.itemReason', { code, reason: thrownReason(e) }) }));
      out.push(r);
      if (!r.done || Date.now() > deadline) break;
      const now = this.c.at();
      item = r.next !== undefined ? r.next : await this.c.exec('nextOfDossier', (db) => readyHeadOf(db, code, now));
    }
    return out;
  }

  #process(item: Head): Promise<Outcome> {
    if (item.kind === 'upload') return this.#upload(item);
    if (item.kind === 'dossier_put') return this.#putDossier(item);
    return this.#event(item);
  }

  async #upload(item: OutboxItem): Promise<Outcome> {
    const { attachmentId } = JSON.parse(item.payload) as { attachmentId: number };
    const att = await this.c.exec('att', (db) => attachmentForUpload(db, attachmentId));
    if (!att) return this.#setback(item, ownRejection('missing_attachment', { key: 'sync.attachmentGone' }));
    if (att.uploadedAt && att.uploadUrl) return this.#done(item);
    const { files, api } = this.c.d;
    const size = att.sizeBytes;
    const corrupt = () => this.#setback(item, ownRejection('corrupt_attachment', { key: 'sync.attachmentDamaged', params: { file: att.fileName } }));
    // A file that fits one PATCH goes from memory: one read and one decryption into one buffer, no
    // plain copy on disk, and no upload URL to keep (a crash before its single PATCH ends resumes at
    // offset 0 anyway). A stored file of another size than the row's is damaged, as one whose
    // content does not hash to its name.
    const small = size <= Math.min(api.chunkSize, IN_MEMORY_MAX);
    const data = small ? await files.readSmallVerified(att.sha256, size) : null;
    if (small && !data) return corrupt();
    // A larger file is decrypted chunk by chunk into the tus chunks, checked against its sha256 as
    // it goes (VerifiedReader): the chunk that would complete the upload is read, and so sent, only
    // when the whole file matches. Opening it checks that it is there, whole, and sealed with this key.
    const reader = small ? null : await files.openVerified(att.sha256).catch(() => null);
    if (!small && reader?.size !== size) {
      await reader?.close();
      return corrupt();
    }
    // A small file's upload is not marked in flight: a crash during it leaves the item pending and
    // the file is simply sent again as a new upload, which in-flight would not change.
    let r: ApiOutcome<string>;
    try {
      if (!small) await this.#mark(item, 'in_flight');
      r = await api.upload({
        ...(data ? { data } : { reader: reader! }),
        size,
        uploadUrl: att.uploadUrl,
        sha256: att.sha256,
        metadata: { filename: att.fileName, contentType: att.contentType, MaHoSo: item.code, sha256: att.sha256 },
        onUrl: small ? () => undefined : (url) => this.c.exec('uploadUrl', (db) => setUploadUrl(db, att.id, url)),
        onProgress: (sent, total) => this.c.d.onProgress?.({ code: item.code, fileName: att.fileName, sent, total }),
      });
    } finally {
      await reader?.close();
    }
    if (reader?.failure) {
      // The chunks already at the province came from content that is not this attachment's (maybe
      // another citizen's scan): the partial upload is dropped there, and never resumed here, so a
      // repaired file cannot complete it with a bad prefix.
      const partial = await this.c.exec('corruptUrl', (db) => uploadUrlOf(db, att.id));
      if (partial) await api.terminateUpload(partial);
      await this.c.exec('corruptUpload', (db) => setUploadUrl(db, att.id, null));
      return corrupt();
    }
    if (r.kind === 'ok') {
      const at = this.c.at();
      return this.#done(item, { also: (db) => markUploaded(db, att.id, r.value, at) });
    }
    if (r.kind === 'rejected' && r.error === 'upload_gone') {
      // The server dropped the partial upload: start a new one next time.
      await this.c.exec('uploadGone', (db) => setUploadUrl(db, att.id, null));
      return this.#setback(item, { kind: 'retry', afterMs: 0, reason: r.message, ...(r.wording ? { wording: r.wording } : {}) });
    }
    return this.#setback(item, r);
  }

  async #putDossier(item: Head): Promise<Outcome> {
    const { api } = this.c.d;
    const payload = JSON.parse(item.payload) as { version: number | null; body?: string; ifMatch?: number | null };
    if (!item.prepared && (item.state === 'unknown' || item.state === 'in_flight')) {
      // Contract §3.3: read before retrying a write whose outcome is unknown.
      const read = await api.getDossier(item.code);
      if (read.kind !== 'ok') return this.#setback(item, read.kind === 'rejected' ? { kind: 'retry', afterMs: null, reason: read.message, ...(read.wording ? { wording: read.wording } : {}) } : read);
      if (read.value && read.value.idempotencyKey === item.idempotencyKey) return this.#putDone(item, read.value.version);
      if (read.value && !payload.ifMatch) {
        return this.#setback(item, { ...ownRejection('conflict', { key: 'sync.codeTaken' }), status: 409 });
      }
    }
    // The body is built once and kept, so every retry sends the same bytes with the same key.
    const body = payload.body ?? (await this.c.exec('hoso', (db) => JSON.stringify(buildHoSo(db, item.dossierId!))));
    const withBody = item.prepared ? item.payload : JSON.stringify({ ...payload, body });
    if (!item.prepared) await this.#mark(item, 'in_flight', { payload: withBody });
    const r = await api.putDossier(item.code, body, { key: item.idempotencyKey, ifMatch: payload.ifMatch ?? null });
    if (r.kind === 'ok') return this.#putDone({ ...item, payload: withBody }, r.value!.version);
    return this.#setback({ ...item, payload: withBody, state: 'in_flight' }, r);
  }

  #putDone(item: OutboxItem, version: number): Promise<Outcome> {
    return this.#done(item, { also: (db) => raiseServerVersion(db, item.dossierId, version), ack: true });
  }

  /**
   * A day close and the audit anchor it recorded, to the unit's `POST /units/{unitCode}/day-closes`.
   * Contract v1 has no unit-level event, so this is an extension: a province that does not offer it
   * answers 404 and the item ends (kept as done with that status in the audit) rather than blocking
   * or retrying forever; the anchor is then still in the day close, its signed report and the anchor file.
   */
  async #dayClose(item: OutboxItem, d: { unitCode: string; body: Record<string, unknown> }, what: 'day-close' | 'rating' = 'day-close'): Promise<Outcome> {
    await this.#mark(item, 'in_flight');
    // A citizen's rating (docs/contract-extensions.md) goes the same way: 404 from a province without it ends the item.
    const post = what === 'rating' ? this.c.d.api.postRating.bind(this.c.d.api) : this.c.d.api.postDayClose.bind(this.c.d.api);
    const r = await post(d.unitCode, JSON.stringify(d.body), item.idempotencyKey);
    if (r.kind === 'ok') return this.#done(item);
    if (r.kind === 'rejected' && r.status === 404) return this.#done(item, { error: JSON.stringify({ status: 404, error: r.error, details: [] }) });
    return this.#setback({ ...item, state: 'in_flight' }, r);
  }

  async #event(item: OutboxItem): Promise<Outcome> {
    const ext = JSON.parse(item.payload) as { $dayClose?: { unitCode: string; body: Record<string, unknown> }; $rating?: { unitCode: string; body: Record<string, unknown> } };
    if (ext.$dayClose) return this.#dayClose(item, ext.$dayClose);
    if (ext.$rating) return this.#dayClose(item, ext.$rating, 'rating');
    // Files the event refers to ({"$attachment": id}) are replaced by their upload URLs once, and
    // the resolved body is kept: the same key always goes with the same bytes.
    let body = item.payload;
    if (body.includes('"$attachment"')) {
      body = await this.c.exec('eventBody', (db) =>
        JSON.stringify(JSON.parse(body) as unknown, (_k, v: unknown) => {
          if (v && typeof v === 'object' && '$attachment' in (v as object)) return uploadUrlOf(db, (v as { $attachment: number }).$attachment) ?? '';
          return v;
        }),
      );
      await this.#mark(item, item.state, { payload: body });
    }
    // Events are idempotent on the server by key: an unknown outcome is simply resent.
    await this.#mark(item, 'in_flight');
    const r = await this.c.d.api.postEvent(item.code, body, item.idempotencyKey);
    if (r.kind === 'ok') return this.#done(item, { ack: true });
    if (r.kind === 'rejected' && r.status === 404) return this.#setback({ ...item, state: 'in_flight' }, retryFor('net.notOnServerYet'));
    return this.#setback({ ...item, state: 'in_flight' }, r);
  }

  /**
   * After the officer corrected a rejected dossier: read the server's version and send the
   * dossier again as a replacement (If-Match), under a new Idempotency-Key.
   */
  async resend(code: string): Promise<void> {
    const read = await this.c.d.api.getDossier(code);
    if (read.kind !== 'ok') throw failure('device_error', 'sync.readFailed', { code, reason: outcomeWording(read) });
    const version = read.value?.version ?? null;
    const at = this.c.at();
    await this.c.exec('resend', (db) =>
      db.transaction(() => {
        requeueRejected(db, code, { dossierPayload: { version, ifMatch: version }, at });
        markPendingAgain(db, code);
        appendAudit(db, { actor: 'officer', action: 'sync.resend', subject: code, details: { ifMatch: version } }, at);
      })(),
    );
  }
}

/** "{code}: {reason}", the reason keyed when the client made it and in the server's own words when it sent some. */
function itemError(code: string, r: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>): SyncError {
  return syncError('net.itemReason', { code, reason: outcomeWording(r) });
}

/** A refusal made by this PC, not the server (status 0): keyed, so the inbox words it in the officer's language. */
function ownRejection(error: string, wording: KeyedText): Extract<ApiOutcome<never>, { kind: 'rejected' }> {
  return { kind: 'rejected', status: 0, error, message: formatError(wording.key, wording.params, 'vi'), details: [], wording };
}
