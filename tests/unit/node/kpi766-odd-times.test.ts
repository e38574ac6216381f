import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifier766, classify766 } from '../../../electron/common/domain/kpi766';
import { openDatabase } from '../../../electron/node/db/open';
import { dailyReport } from '../../../electron/node/reports/report-repo';
import { tempDir } from '../../helpers/tmp';

// A time that does not parse (an import's or a hand repair's "2025-06-01 sáng") must leave a
// dossier unjudged (khongRoHan), not throw "Invalid time value" out of the supervisor's report.

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const ENDED = [
  { status: '2', at: '2025-06-01T08:00:00+07:00' },
  { status: '9', at: '2025-06-03T08:00:00+07:00' },
];
const PERIOD = { from: '2025-06-01', judgedAt: '2025-06-30T23:59:59+07:00' };

describe('766 with a due time that does not parse', () => {
  it('is khongRoHan, ended or in progress, in classify766 and classifier766 alike', () => {
    for (const due of ['2025-06-05 chiều', 'sai']) {
      expect(classify766(due, ENDED, PERIOD)).toBe('khongRoHan');
      expect(classifier766(due, ENDED)(PERIOD)).toBe('khongRoHan');
      expect(classify766(due, ENDED.slice(0, 1), PERIOD)).toBe('khongRoHan');
      expect(classifier766(due, ENDED.slice(0, 1))(PERIOD)).toBe('khongRoHan');
    }
  });
});

describe("a report over this PC's dossiers with odd times", () => {
  it('leaves them unjudged instead of failing', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const { db } = openDatabase(join(dir, 'k.sqlite3'), { key: null });
    try {
      db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('2.000001', 'Chứng thực bản sao', 2, 'NgayLamViec', 'x')").run();
      const local = db.prepare(
        `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, ngay_hen_tra, ngay_ket_thuc_xu_ly, ngay_tra, trang_thai, sync_state, created_at, updated_at, name_folded)
         VALUES (?, '2.000001', 'Chứng thực bản sao', 'U', 'Q01', '1', 'x', ?, ?, ?, NULL, ?, 'pending', 'x', ?, '')`,
      );
      // No due time and a receipt time that does not parse: the legal due time cannot be computed.
      local.run('000.00.00.H01-250601-0001', '2025-06-01 sáng', null, null, '2', '2025-06-01T08:00:00+07:00');
      // A due time that does not parse, ended in the period.
      local.run('000.00.00.H01-250601-0002', '2025-06-01T08:00:00+07:00', '2025-06-05 chiều', '2025-06-03T08:00:00+07:00', '9', '2025-06-03T08:00:00+07:00');
      for (const settled of ['never', 'always'] as const) {
        const r = dailyReport(db, '2025-06-01', { now: '2025-07-01T08:00:00+07:00', to: '2025-06-30', settled });
        // The first has no receipt time to place it in the period (not counted), the second no due time.
        expect(r.kpi766.khongRoHan, settled).toBe(1);
        expect(r.kpi766.truocHan + r.kpi766.dungHan + r.kpi766.treHan + r.kpi766.dangTrongHan + r.kpi766.dangQuaHan, settled).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});
