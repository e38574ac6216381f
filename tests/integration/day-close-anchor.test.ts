import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/common/domain/actor';
import { vietnamDate } from '../../electron/common/domain/time';
import { dayCloseAnchorOf } from '../../electron/node/reports/day-close-repo';
import { dayClosesReceived } from '../reference-server/day-closes';
import { intakeFixture } from '../helpers/intake';
import { dossiers, engineFor, referenceServer } from '../helpers/sync';
import { plainCopy } from '../helpers/documents';
import { tool } from '../helpers/tools';

const SUPERVISOR: Actor = { officerId: 'gs01', fullName: 'Lê Giám Sát', roles: ['supervisor'], counterId: 'Q01' };

/** A day close carries the audit anchor: in the close's row, in its report PDF, in the anchor file, and at the province. */
describe('day close anchors the audit log', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;

  beforeAll(async () => {
    f = await intakeFixture();
    server = await referenceServer(f.dir);
    await f.core.settings.set('sync.apiUrl', server.url, SUPERVISOR);
    await dossiers(f, 2, { attachmentSize: 0 });
  });
  afterAll(async () => {
    await server.close();
    await f.close();
  });

  it('records the head in the close, prints it, appends it to the anchor file and sends it to the province', async () => {
    const date = vietnamDate(f.core.now());
    const r = await f.core.reports.closeDay(SUPERVISOR, { date, notes: null, sign: null });
    const head = await f.core.audit.verify();
    expect(head.ok).toBe(true);
    // The anchor is the head just before the close's own audit row.
    expect(r.anchor).not.toBeNull();
    expect(r.anchor!.rows).toBe(head.rows - 1);
    const kept = JSON.parse((await f.store.exec('t', (db) => dayCloseAnchorOf(db, date)))!) as Record<string, unknown>;
    expect(kept).toEqual({ ...r.anchor });

    const lines = readFileSync(join(f.dir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ reason: 'day-close', rows: r.anchor!.rows, head: r.anchor!.head });

    const text = tool('pdftotext', ['-layout', plainCopy(await f.core.docs.read(r.pdfPath)), '-']).stdout;
    expect(text).toContain(`Mốc nhật ký kiểm toán: ${r.anchor!.rows} dòng`);
    expect(text.replace(/\s+/g, '')).toContain(r.anchor!.head);

    await engineFor(f, server.url).runOnce({ pulls: false });
    const received = dayClosesReceived(server.db);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      MaQuay: 'Q01',
      NgayChot: date.replaceAll('-', ''),
      NguoiChot: 'gs01',
      NhatKyKiemToan: { SoDong: r.anchor!.rows, IdCuoi: r.anchor!.lastId, MaBamCuoi: r.anchor!.head, KhoaTuDong: r.anchor!.keyedFrom },
    });
  });
});
