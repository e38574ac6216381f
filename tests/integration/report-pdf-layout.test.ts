import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../electron/node/config/resources';
import { A4_LANDSCAPE } from '../../electron/node/pdf/pdf-flow';
import { MAU07_WEIGHTS } from '../../electron/node/reports/report-cells';
import { reportPdf } from '../../electron/node/reports/report-pdf';
import { fitWidths } from '../../electron/node/reports/report-pdf-parts';
import type { DailyReport, LogRow } from '../../electron/node/reports/report-repo';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';

const NOTE = 'Công dân đề nghị nhận kết quả qua dịch vụ bưu chính công ích tại địa chỉ thường trú; đã gọi điện xác nhận hai lần MãThamChiếuRấtDàiKhôngCóKhoảngTrắng0123456789';

const row = (stt: number): LogRow => ({
  stt,
  code: `000.00.01.H22-261123-${String(stt).padStart(4, '0')}`,
  procedure: 'Đăng ký khai sinh có yếu tố nước ngoài',
  sets: 1,
  applicant: 'Nguyễn Thị Minh Khai',
  addressPhone: 'Thôn Đông, xã Tân Phú — 0912345678',
  agency: '',
  receivedAt: '2026-11-23T08:00:00+07:00',
  dueAt: '2026-11-24T08:00:00+07:00',
  transferredAt: null,
  resultReceivedAt: null,
  returnedAt: null,
  note: NOTE,
});

const model: DailyReport = {
  date: '2026-11-23',
  dateTo: '2026-11-23',
  counterId: null,
  unitCode: '000.00.01.H22',
  generatedAt: '2026-11-23T17:00:00+07:00',
  unitDataAsOf: null,
  totals: { received: 3, returned: 0, turnedBack: 0, supplementRequested: 0, refused: 0, onTime: 0, late: 0, pending: 3, overdue: 0, voided: 0, reprinted: 0, feesCollected: 0, unsynced: 0 },
  byChannel: { direct: 3, online: 0, post: 0 },
  byProcedure: [],
  byCounter: [],
  byOfficer: [],
  byHour: new Array<number>(24).fill(0),
  log: [row(1), row(2), row(3)],
  logTotal: 3,
  logOffset: 0,
  review: [],
  closed: null,
  changedAfterClose: 0,
  kpi766: { truocHan: 0, dungHan: 0, treHan: 0, dangTrongHan: 3, dangQuaHan: 0, khongRoHan: 0, tyLeDungHan: 100, judgedAt: '2026-11-23T17:00:00+07:00' },
  trend: [],
};

describe('the report PDF: every Mẫu 07 column fits the page (issue #16)', () => {
  const t = tempDir('motcua-report-layout-');
  afterAll(() => t.cleanup());

  it('the column widths add up to no more than the A4 landscape content width', () => {
    const content = A4_LANDSCAPE[0] - 60; // 30 pt margins on each side
    const widths = fitWidths(MAU07_WEIGHTS, content);
    expect(widths).toHaveLength(14);
    expect(widths.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(content);
    expect(Math.min(...widths)).toBeGreaterThan(20);
  });

  it('a long Ghi chú is wrapped inside its cell: no word of the log lies past the right margin', async () => {
    const file = join(t.dir, 'layout.pdf');
    writeFileSync(file, await reportPdf(model, join(resourcesDir(), 'fonts')));
    const bbox = tool('pdftotext', ['-bbox', file, '-']).stdout;
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ xMax: Number(m[2]), text: m[3]! }));
    expect(words.length).toBeGreaterThan(50);
    const past = words.filter((w) => w.xMax > A4_LANDSCAPE[0] - 30 + 0.5);
    expect(past).toEqual([]);
    // All of the note is there (wrapped, the long reference split across lines), three times.
    const text = tool('pdftotext', ['-raw', file, '-']).stdout.replace(/\s+/g, '');
    expect(text.split(NOTE.replace(/\s+/g, '')).length - 1).toBe(3);
    expect(text).toContain('Ghichú');
  });
});
