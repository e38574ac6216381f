import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';

const at = '2026-11-21T08:00:00+07:00';

describe('migration 0011_fee_collection (fees counted when collected)', () => {
  it('fees stored before it were collected at intake, by the receiving officer; the catalog defaults to intake', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 8);
    db.exec(`
      INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('2.000815', 'Chứng thực bản sao', 1, 'NgayLamViec', '${at}');
      INSERT INTO procedure_fees VALUES ('2.000815', 'LP1', 'Lệ phí chứng thực', 2000, '1', 0);
      INSERT INTO dossiers (id, ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, created_at, updated_at)
        VALUES (1, 'U-261121-0001', '2.000815', 'Chứng thực bản sao', 'U', 'Q01', 'cb01', '1', 'Nguyễn Văn A', '${at}', '2', '${at}', '${at}');
      INSERT INTO dossier_fees VALUES (1, 'LP1', 'Lệ phí chứng thực', 2000, 0);
    `);
    migrate(db, migrations, 11);
    expect(db.prepare('SELECT thoi_diem_thu, collected_at, collected_by FROM dossier_fees').get()).toEqual({ thoi_diem_thu: 'TiepNhan', collected_at: at, collected_by: 'cb01' });
    expect(db.prepare('SELECT thoi_diem_thu FROM procedure_fees').get()).toEqual({ thoi_diem_thu: 'TiepNhan' });
    expect(() => db.prepare("UPDATE procedure_fees SET thoi_diem_thu = 'Sau'").run()).toThrow(/CHECK/);
  });
});
