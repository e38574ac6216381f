import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../electron/common/domain/time';
import { AppFailure } from '../../electron/common/ipc/result';
import { ratingsReceived } from '../reference-server/ratings';
import { intakeFixture, OFFICER } from '../helpers/intake';
import { dossiers, engineFor, referenceServer } from '../helpers/sync';

/** The citizen display's ratings through the one core: the one-per-dossier rule, the audit, the report and the sync extension. */
describe('citizen ratings (display service over the core)', () => {
  let clock = new Date();
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let codes: string[];
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const stored = (code: string) => f.store.exec('t', (db) => db.prepare('SELECT rating, source FROM dossier_ratings WHERE ma_ho_so = ?').get(code));
  const refusal = async (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof AppFailure ? e.key : String(e)));

  beforeAll(async () => {
    f = await intakeFixture({ now: () => clock });
    server = await referenceServer(f.dir);
    codes = await dossiers(f, 3, { attachmentSize: 0 });
  });
  afterAll(async () => {
    await server.close();
    await f.close();
  });

  it('shows the draft with the ID number masked to its last 4 digits, and refuses a rating while no saved dossier is shown', async () => {
    const s = f.core.display.show({ applicantName: ' Nguyễn Văn A ', idNumber: '001090123456', procedure: 'Đăng ký khai sinh', documents: ['Tờ khai'], fees: [{ name: 'Lệ phí', amountVnd: 8000 }, { name: 'Bản sao', amountVnd: 3000 }], dueAt: null });
    expect(s).toMatchObject({ phase: 'draft', applicantName: 'Nguyễn Văn A', idMasked: '••••••••3456', feeTotalVnd: 11000 });
    expect(JSON.stringify(f.core.display.state)).not.toContain('001090123456');
    expect(await refusal(f.core.display.rate(OFFICER, 5, 'touch'))).toBe('display.nothingToRate');
  });

  it('one rating per dossier: a second within 2 minutes replaces it, a later one is refused and changes nothing', async () => {
    const s = await f.core.display.showSaved(codes[0]!);
    expect(s).toMatchObject({ phase: 'saved', code: codes[0], rating: null });
    expect(await f.core.display.rate(OFFICER, 2, 'touch')).toEqual({ code: codes[0], rating: 2, replaced: false });
    advance(60_000);
    expect(await f.core.display.rate(OFFICER, 4, 'touch')).toEqual({ code: codes[0], rating: 4, replaced: true });
    advance(2 * 60_000 + 1_000);
    expect(await refusal(f.core.display.rate(OFFICER, 1, 'touch'))).toBe('display.alreadyRated');
    expect(await stored(codes[0]!)).toEqual({ rating: 4, source: 'touch' });
    // Shown again later, the display says it is rated and offers no prompt.
    expect(await f.core.display.showSaved(codes[0]!)).toMatchObject({ rating: 4 });
  });

  it('an empty form keeps an unrated saved dossier on the display; a new draft replaces it', async () => {
    await f.core.display.showSaved(codes[1]!);
    expect(f.core.display.show(null)).toMatchObject({ phase: 'saved', code: codes[1] });
    f.core.display.show({ applicantName: 'B', idNumber: '', procedure: null, documents: [], fees: [], dueAt: null });
    expect(f.core.display.state.phase).toBe('draft');
    expect(await refusal(f.core.display.rate(OFFICER, 5, 'touch'))).toBe('display.nothingToRate');
  });

  it('audits each rating with the officer and the dossier code, never the citizen', async () => {
    const rows = await f.store.exec('t', (db) => db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'display.rating' ORDER BY id").all() as Array<{ actor: string; subject: string; details: string }>);
    expect(rows.map((r) => [r.actor, r.subject, JSON.parse(r.details)])).toEqual([
      [OFFICER.officerId, codes[0], { rating: 2, source: 'touch', replaced: false }],
      [OFFICER.officerId, codes[0], { rating: 4, source: 'touch', replaced: true }],
    ]);
  });

  it('is not sent to the province unless the extension is switched on; then it reaches the reference server', async () => {
    await f.core.settings.set('sync.apiUrl', server.url, OFFICER);
    await f.core.display.showSaved(codes[1]!);
    await f.core.display.rate(OFFICER, 5, 'keypad');
    await f.core.display.setConfig(OFFICER, { syncRatings: true });
    await f.core.display.showSaved(codes[2]!);
    await f.core.display.rate(OFFICER, 3, 'keypad');
    await engineFor(f, server.url).runOnce({ pulls: false });
    const received = ratingsReceived(server.db);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ MaHoSo: codes[2], MucDoHaiLong: 3, MaQuay: 'Q01' });
    expect(JSON.stringify(received[0])).not.toMatch(/Nguyễn|001090/);
  });

  it("counts the day's ratings in the report: 1–5 and the share satisfied (4–5)", async () => {
    const r = await f.core.reports.build(vietnamDate(clock), null);
    expect(r.satisfaction).toEqual({ counts: [0, 0, 1, 1, 1], total: 3, satisfied: 2, satisfiedPct: 66.7 });
    const other = await f.core.reports.build(vietnamDate(clock), 'Q02');
    expect(other.satisfaction).toMatchObject({ total: 0, satisfiedPct: null });
  });
});
