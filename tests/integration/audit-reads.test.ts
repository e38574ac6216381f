import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCCD, intakeFixture, OFFICER } from '../helpers/intake';

/** Reads of citizens' data are audited with who, when and how many — never what was looked for. */
describe('reads of citizens data in the audit log', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let code: string;
  const rows = (action: string) =>
    f.store.exec('t', (db) => db.prepare('SELECT actor, subject, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ actor: string; subject: string | null; details: string | null }>);

  beforeAll(async () => {
    f = await intakeFixture();
    code = (await f.receive({ MaTTHC: '1.001193', cccd: CCCD, SoDienThoai: '0912345678', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] })).code;
  });
  afterAll(async () => {
    await f.close();
  });

  it('search, opening a dossier and reusing an applicant: the officer and a count, not the query', async () => {
    expect(await f.intake.find(OFFICER, 'nguyen van duc')).toHaveLength(1);
    expect(await f.intake.find(OFFICER, '0912345678')).toHaveLength(1);
    expect(await f.intake.find(OFFICER, 'không ai tên này')).toHaveLength(0);
    expect((await f.intake.open(OFFICER, code))?.code).toBe(code);
    expect(await f.intake.open(OFFICER, 'Nguyễn Văn Đức')).toBeNull();
    expect((await f.intake.reuseApplicant(OFFICER, '001090123456')).dossiers).toHaveLength(1);

    expect(await rows('dossier.search')).toEqual([
      { actor: 'cb01', subject: null, details: JSON.stringify({ results: 1 }) },
      { actor: 'cb01', subject: null, details: JSON.stringify({ results: 1 }) },
      { actor: 'cb01', subject: null, details: JSON.stringify({ results: 0 }) },
    ]);
    // A code that matched is the subject; what was typed for one that did not is not kept.
    expect(await rows('dossier.open')).toEqual([
      { actor: 'cb01', subject: code, details: JSON.stringify({ found: true }) },
      { actor: 'cb01', subject: null, details: JSON.stringify({ found: false }) },
    ]);
    expect(await rows('applicant.reuse')).toEqual([{ actor: 'cb01', subject: null, details: JSON.stringify({ dossiers: 1 }) }]);
  });

  it('no audit row holds the citizen’s name, ID number or phone, and the chain verifies', async () => {
    const all = await f.store.exec('t', (db) => db.prepare("SELECT group_concat(coalesce(subject, '') || coalesce(details, ''), '|') FROM audit_log").pluck().get() as string);
    for (const secret of ['Nguyễn', 'nguyen', '001090123456', '0912345678', 'không ai']) expect(all).not.toContain(secret);
    expect(await f.core.audit.verify()).toMatchObject({ ok: true, problem: null });
  });
});
