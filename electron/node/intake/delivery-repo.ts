import type Database from 'better-sqlite3';

/** How a dossier's result goes back (table `dossier_delivery`, migration 0012); no row = at the counter. */
export interface Delivery {
  /** DVCQG HinhThuc: '0' at the counter, '1' by post. */
  readonly method: '0' | '1';
  readonly postalAddress: string | null;
  readonly postedAt: string | null;
  readonly trackingNo: string | null;
  readonly postedBy: string | null;
}

const AT_COUNTER: Delivery = { method: '0', postalAddress: null, postedAt: null, trackingNo: null, postedBy: null };

/** Inside the intake transaction, beside the dossier's rows. */
export function insertDelivery(db: Database.Database, dossierId: number, method: '0' | '1', postalAddress: string | null): void {
  db.prepare('INSERT INTO dossier_delivery (dossier_id, hinh_thuc, dia_chi_nhan) VALUES (?, ?, ?)').run(dossierId, method, method === '1' ? postalAddress : null);
}

export function deliveryOf(db: Database.Database, dossierId: number): Delivery {
  const r = db.prepare('SELECT hinh_thuc, dia_chi_nhan, posted_at, tracking_no, posted_by FROM dossier_delivery WHERE dossier_id = ?').get(dossierId) as
    | { hinh_thuc: '0' | '1'; dia_chi_nhan: string | null; posted_at: string | null; tracking_no: string | null; posted_by: string | null }
    | undefined;
  return r ? { method: r.hinh_thuc, postalAddress: r.dia_chi_nhan, postedAt: r.posted_at, trackingNo: r.tracking_no, postedBy: r.posted_by } : AT_COUNTER;
}

/** The result went to the post office; only once, and only for a postal return. */
export function markPosted(db: Database.Database, dossierId: number, o: { at: string; trackingNo: string; officerId: string }): boolean {
  return (
    db
      .prepare("UPDATE dossier_delivery SET posted_at = ?, tracking_no = ?, posted_by = ? WHERE dossier_id = ? AND hinh_thuc = '1' AND posted_at IS NULL")
      .run(o.at, o.trackingNo, o.officerId, dossierId).changes === 1
  );
}
