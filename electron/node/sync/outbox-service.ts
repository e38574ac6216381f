import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { listQueue, markInformed, rejectedInbox, type InboxEntry, type QueueEntry } from './outbox-repo';

/** The officer's view of the outbox: the queue, the province's rejections, and "citizen informed". */
export class OutboxService {
  constructor(private readonly d: { store: SqliteStore; now: () => Date }) {}

  queue(): Promise<QueueEntry[]> {
    return this.d.store.exec('outbox.queue', (db) => listQueue(db));
  }

  rejected(): Promise<InboxEntry[]> {
    return this.d.store.exec('outbox.rejected', (db) => rejectedInbox(db));
  }

  informed(actor: Actor, code: string, note: string | null | undefined): Promise<{ recorded: true }> {
    const at = toVietnamRfc3339(this.d.now());
    return this.d.store.exec('outbox.informed', (db) =>
      db.transaction(() => {
        markInformed(db, code, at);
        // The note may name the citizen: the audit records that one was written, not its text.
        appendAudit(db, { actor: actor.officerId, action: 'sync.citizenInformed', subject: code, details: { note: note ? true : false } }, at);
        return { recorded: true as const };
      })(),
    );
  }
}
