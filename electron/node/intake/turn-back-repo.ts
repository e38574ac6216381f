import type Database from 'better-sqlite3';

// Owner of turn_backs: Mẫu 02 / 03 handed to a citizen instead of receiving a dossier.

export interface NewTurnBack {
  readonly form: '02' | '03';
  readonly maTthc: string;
  readonly tenTthc: string;
  readonly unitCode: string;
  readonly counterId: string;
  readonly officerId: string;
  readonly applicantName: string;
  readonly idNumber: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly reasons: readonly string[];
  /** Mẫu 02's "Lý do" line. */
  readonly reason?: string | null;
  readonly at: string;
}

/** Mẫu 02 / 03 given to a citizen: no dossier, no code; kept for the day's report. */
export function insertTurnBack(db: Database.Database, t: NewTurnBack): number {
  return Number(
    db
      .prepare(
        'INSERT INTO turn_backs (form, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, chu_ho_so, so_giay_to, dia_chi, so_dien_thoai, reasons, at, ly_do) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(t.form, t.maTthc, t.tenTthc, t.unitCode, t.counterId, t.officerId, t.applicantName, t.idNumber, t.address, t.phone, JSON.stringify(t.reasons), t.at, t.reason ?? null).lastInsertRowid,
  );
}

export function setTurnBackPdf(db: Database.Database, id: number, path: string): void {
  db.prepare('UPDATE turn_backs SET pdf_path = ? WHERE id = ?').run(path, id);
}
