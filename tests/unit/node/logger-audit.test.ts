import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/node/db/migrations/index.generated';
import { migrate } from '../../../electron/node/db/migration';
import { randomBytes } from 'node:crypto';
import { appendAudit, bindAuditKey, verifyAudit } from '../../../electron/node/store/audit';
import { createLogger } from '../../../electron/node/log/logger';

describe('logger', () => {
  it('never writes PINs, passwords or citizen data, whatever the caller passes', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
    log.info('login', { pin: '1234', password: 'pw', SoDinhDanh: '001090123456', ChuHoSo: 'Nguyễn Văn A', channel: 'app.info' });
    const out = lines.join('\n');
    for (const secret of ['1234', 'pw"', '001090123456', 'Nguyễn']) expect(out).not.toContain(secret);
    expect(out).toContain('app.info');
  });

  it('filters by level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', sink: (l) => lines.push(l) });
    log.info('x');
    log.warn('y');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['y']);
  });
});

describe('audit hash chain', () => {
  const key = randomBytes(32);
  const fresh = () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    bindAuditKey(db, key);
    for (let i = 0; i < 5; i++) appendAudit(db, { actor: 'cli', action: `a${i}`, subject: `S${i}` }, `2026-11-21T08:0${i}:00+07:00`);
    return db;
  };

  it('verifies an untouched chain', () => {
    expect(verifyAudit(fresh(), { key })).toMatchObject({ ok: true, entries: 5, firstBadId: null, problem: null });
    // Without the key the keyed rows cannot be checked, and say so rather than pass.
    expect(verifyAudit(fresh(), { key: null })).toMatchObject({ ok: false, problem: 'keyMissing' });
    expect(verifyAudit(fresh(), { key: randomBytes(32) })).toMatchObject({ ok: false, problem: 'edited', firstBadId: 1 });
  });

  it('detects an edited, a deleted and a reordered row', () => {
    const edit = fresh();
    edit.exec('DROP TRIGGER audit_log_no_update');
    edit.prepare("UPDATE audit_log SET subject = 'X' WHERE id = 3").run();
    expect(verifyAudit(edit, { key })).toMatchObject({ ok: false, firstBadId: 3 });

    const del = fresh();
    del.exec('DROP TRIGGER audit_log_no_delete');
    del.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(verifyAudit(del, { key })).toMatchObject({ ok: false, firstBadId: 3 });

    const swap = fresh();
    swap.exec('DROP TRIGGER audit_log_no_update');
    swap.exec("UPDATE audit_log SET id = 100 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 100;");
    expect(verifyAudit(swap, { key }).ok).toBe(false);
  });
});
