import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/common/ipc/result';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';
import {
  enqueueEvent,
  enqueueNewDossier,
  listQueue,
  markInformed,
  outboxCounts,
  readyHeads,
  rejectedInbox,
  requeueRejected,
  sentDossierCount,
  updateItem,
  type OutboxState,
} from '../../../electron/node/sync/outbox-repo';

const T0 = '2026-11-23T08:00:00+07:00';
const T1 = '2026-11-23T09:00:00+07:00';

describe('outbox repository', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, migrations);
    db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('P', 'Thủ tục', 1, 'Ngay', ?)").run(T0);
    const ins = db.prepare(
      `INSERT INTO dossiers (id, ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, created_at, updated_at)
       VALUES (?, ?, 'P', 'Thủ tục', 'U', 'Q01', '1', 'Công dân', ?, '2', ?, ?)`,
    );
    ['A', 'B', 'C', 'D', 'E'].forEach((code, i) => ins.run(i + 1, code, T0, T0, T0));
  });

  const items = (code: string) =>
    db.prepare('SELECT seq, kind, state, payload, idempotency_key AS key FROM outbox WHERE ma_ho_so = ? ORDER BY seq').all(code) as Array<{
      seq: number;
      kind: string;
      state: OutboxState;
      payload: string;
      key: string;
    }>;
  const setState = (code: string, seq: number, state: OutboxState, lastError: string | null = null) =>
    db.prepare('UPDATE outbox SET state = ?, last_error = ? WHERE ma_ho_so = ? AND seq = ?').run(state, lastError, code, seq);

  it('queues a new dossier as its uploads, then the dossier under its own key; events go after', () => {
    enqueueNewDossier(db, { dossierId: 1, code: 'A', idempotencyKey: 'key-a', attachmentIds: [11, 12], at: T0 });
    const key = enqueueEvent(db, { code: 'A', dossierId: 1, event: { TrangThai: '10' }, uploadsFirst: [13], at: T1 });
    expect(items('A').map((i) => [i.seq, i.kind, JSON.parse(i.payload)])).toEqual([
      [1, 'upload', { attachmentId: 11 }],
      [2, 'upload', { attachmentId: 12 }],
      [3, 'dossier_put', { version: null }],
      [4, 'upload', { attachmentId: 13 }],
      [5, 'event', { TrangThai: '10' }],
    ]);
    expect(items('A')[2]!.key).toBe('key-a');
    expect(items('A')[4]!.key).toBe(key);
    // Only the head of a queue is ever ready.
    expect(readyHeads(db, T1, 10).map((i) => [i.code, i.seq])).toEqual([['A', 1]]);
  });

  it('pending counts dossiers whose head the engine will still send; a rejected or waiting head counts there instead', () => {
    enqueueNewDossier(db, { dossierId: 1, code: 'A', idempotencyKey: 'a', attachmentIds: [1, 2, 3], at: T1 });
    enqueueNewDossier(db, { dossierId: 2, code: 'B', idempotencyKey: 'b', attachmentIds: [], at: T0 });
    setState('B', 1, 'unknown');
    enqueueNewDossier(db, { dossierId: 3, code: 'C', idempotencyKey: 'c', attachmentIds: [], at: T0 });
    setState('C', 1, 'rejected', JSON.stringify({ status: 422, error: 'validation', message: 'Thiếu tên', details: [{ field: 'ChuHoSo' }] }));
    enqueueEvent(db, { code: 'C', dossierId: 3, event: { TrangThai: '7' }, at: T0 });
    enqueueNewDossier(db, { dossierId: 4, code: 'D', idempotencyKey: 'd', attachmentIds: [], at: T0 });
    setState('D', 1, 'waiting');
    enqueueNewDossier(db, { dossierId: 5, code: 'E', idempotencyKey: 'e', attachmentIds: [7], at: T0 });
    setState('E', 1, 'done');
    setState('E', 2, 'done');
    // A: four items, one dossier; B: an unknown outcome is still the engine's to resolve.
    expect(outboxCounts(db)).toEqual({ pending: 2, rejected: 1, waiting: 1, oldestPendingAt: T0 });
    expect(sentDossierCount(db)).toBe(1);
    expect(listQueue(db).map((q) => `${q.code}${q.state}`)).toEqual(['Apending', 'Apending', 'Apending', 'Apending', 'Bunknown', 'Crejected', 'Cpending', 'Dwaiting']);
  });

  it('the inbox carries the server reasons; the citizen informed moves them to waiting', () => {
    enqueueNewDossier(db, { dossierId: 1, code: 'A', idempotencyKey: 'a', attachmentIds: [], at: T0 });
    setState('A', 1, 'rejected', JSON.stringify({ status: 422, error: 'validation', message: 'Thiếu tên', details: [{ field: 'ChuHoSo', message: 'bắt buộc' }] }));
    enqueueNewDossier(db, { dossierId: 2, code: 'B', idempotencyKey: 'b', attachmentIds: [], at: T0 });
    setState('B', 1, 'rejected', 'not json');
    expect(rejectedInbox(db)).toEqual([
      { code: 'A', kind: 'dossier_put', at: T0, status: 422, error: 'validation', message: 'Thiếu tên', messageKey: null, details: [{ field: 'ChuHoSo', message: 'bắt buộc' }] },
      { code: 'B', kind: 'dossier_put', at: T0, status: null, error: null, message: 'not json', messageKey: null, details: [] },
    ]);
    markInformed(db, 'A', T1);
    expect(rejectedInbox(db).map((i) => i.code)).toEqual(['B']);
    // A refusal this PC made itself keeps its key: the sync panel and the CLI word it in English.
    enqueueNewDossier(db, { dossierId: 3, code: 'C', idempotencyKey: 'c', attachmentIds: [], at: T0 });
    const wording = { key: 'sync.attachmentDamaged', params: { file: 'scan.pdf' } };
    setState('C', 1, 'rejected', JSON.stringify({ status: 0, error: 'corrupt_attachment', message: 'Tệp scan.pdf trong máy đã hỏng hoặc bị xóa.', details: [], wording }));
    expect(rejectedInbox(db).find((i) => i.code === 'C')).toMatchObject({ status: 0, message: 'Tệp scan.pdf trong máy đã hỏng hoặc bị xóa.', messageKey: wording });
    expect(outboxCounts(db)).toMatchObject({ rejected: 2, waiting: 1 });
    expect(() => markInformed(db, 'A', T1)).toThrow(AppFailure);
    expect(() => markInformed(db, 'A', T1)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('a resend goes under a new key; only a dossier PUT takes the new payload', () => {
    enqueueNewDossier(db, { dossierId: 1, code: 'A', idempotencyKey: 'a', attachmentIds: [5], at: T0 });
    setState('A', 1, 'rejected', '{}');
    requeueRejected(db, 'A', { dossierPayload: { version: 3, ifMatch: 3 }, at: T1 });
    expect(items('A')[0]).toMatchObject({ state: 'pending', payload: JSON.stringify({ attachmentId: 5 }) });
    updateItem(db, readyHeads(db, T1, 1)[0]!.id, { state: 'done', nextAttemptAt: null, error: null }, T1);
    setState('A', 2, 'waiting', '{}');
    requeueRejected(db, 'A', { dossierPayload: { version: 3, ifMatch: 3 }, at: T1 });
    expect(items('A')[1]).toMatchObject({ state: 'pending', payload: JSON.stringify({ version: 3, ifMatch: 3 }) });
    expect(items('A')[1]!.key).not.toBe('a');
    expect(() => requeueRejected(db, 'A', { dossierPayload: {}, at: T1 })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
