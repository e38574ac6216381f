import type Database from 'better-sqlite3';
import { formatDossierCode } from '../../common/domain/dossier-code';
import { failure } from '../../common/ipc/result';

export interface AllocatedCode {
  readonly code: string;
  readonly seq: number;
  readonly source: 'lease' | 'offline';
}

/**
 * Takes the next number this counter owns for `day` (contract §3.1): first from today's leases,
 * then from the counter's offline block. Must run inside the transaction that saves the dossier,
 * so a number is consumed exactly when a dossier is — and `used_codes` makes reuse impossible.
 */
export function allocateCode(db: Database.Database, unitCode: string, counterId: string, day: string): AllocatedCode {
  const lease = db
    .prepare(
      `SELECT id, next_seq FROM code_ranges
       WHERE unit_code = ? AND kind = 'lease' AND day = ? AND next_seq <= seq_to ORDER BY seq_from LIMIT 1`,
    )
    .get(unitCode, day) as { id: number; next_seq: number } | undefined;
  let seq: number;
  let source: AllocatedCode['source'];
  if (lease) {
    seq = lease.next_seq;
    source = 'lease';
    db.prepare('UPDATE code_ranges SET next_seq = next_seq + 1 WHERE id = ?').run(lease.id);
  } else {
    const block = db
      .prepare('SELECT offline_block_from AS f, offline_block_to AS t FROM counters WHERE unit_code = ? AND counter_id = ?')
      .get(unitCode, counterId) as { f: number | null; t: number | null } | undefined;
    if (!block || block.f === null || block.t === null) {
      throw failure('exhausted', 'intake.noNumbers');
    }
    const max = (
      db.prepare('SELECT MAX(seq) AS m FROM used_codes WHERE unit_code = ? AND day = ? AND seq BETWEEN ? AND ?').get(unitCode, day, block.f, block.t) as {
        m: number | null;
      }
    ).m;
    seq = max === null ? block.f : max + 1;
    if (seq > block.t) {
      throw failure('exhausted', 'intake.blockUsedUp', { from: block.f, to: block.t, day });
    }
    source = 'offline';
  }
  if (seq > 9999) throw failure('exhausted', 'intake.seqExhausted');
  const code = formatDossierCode(unitCode, day, seq);
  db.prepare('INSERT INTO used_codes (unit_code, day, seq, ma_ho_so) VALUES (?, ?, ?, ?)').run(unitCode, day, seq, code);
  return { code, seq, source };
}

/** Records a lease from `POST /units/{unitCode}/code-leases` (the sync issue calls this). */
export function addLease(db: Database.Database, l: { unitCode: string; day: string; leaseId: string; from: number; to: number; at: string }): void {
  db.prepare(
    `INSERT INTO code_ranges (unit_code, day, kind, lease_id, seq_from, seq_to, next_seq, created_at) VALUES (?, ?, 'lease', ?, ?, ?, ?, ?)`,
  ).run(l.unitCode, l.day, l.leaseId, l.from, l.to, l.from, l.at);
}

/** Numbers still available to this counter today: unused lease numbers and the rest of the block. */
export function remainingCodes(db: Database.Database, unitCode: string, counterId: string, day: string): { lease: number; offline: number } {
  const lease = (
    db.prepare("SELECT COALESCE(SUM(seq_to - next_seq + 1), 0) AS n FROM code_ranges WHERE unit_code = ? AND kind = 'lease' AND day = ?").get(unitCode, day) as {
      n: number;
    }
  ).n;
  const block = db.prepare('SELECT offline_block_from AS f, offline_block_to AS t FROM counters WHERE unit_code = ? AND counter_id = ?').get(unitCode, counterId) as
    | { f: number | null; t: number | null }
    | undefined;
  if (!block || block.f === null || block.t === null) return { lease, offline: 0 };
  const max = (db.prepare('SELECT MAX(seq) AS m FROM used_codes WHERE unit_code = ? AND day = ? AND seq BETWEEN ? AND ?').get(unitCode, day, block.f, block.t) as { m: number | null }).m;
  return { lease, offline: block.t - (max ?? block.f - 1) };
}
