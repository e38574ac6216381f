import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../electron/common/ipc/contract';
import { createDispatcher } from '../../electron/node/ipc/dispatcher';
import { createHandlers } from '../../electron/node/ipc/handlers/index';
import { createLogger, errorCode } from '../../electron/node/log/logger';
import { appFixture, GOOD_SENDER, type AppFixture } from './support';

const TRAVERSAL = '/../../../../tmp/pwn';

describe('report.export never writes outside the reports folder', () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
  });
  afterEach(() => f.close());

  it('the contract refuses a counter id that is not a counter id', async () => {
    for (const counterId of [TRAVERSAL, '..', 'Q01/../x', 'Q 01', 'Q01\\x', '']) {
      for (const channel of ['report.export', 'report.daily'] as const) {
        const input = { date: '2026-11-23', counterId, ...(channel === 'report.export' ? { format: 'csv' } : {}) };
        expect(contract[channel].input.safeParse(input).success, `${channel} ${counterId}`).toBe(false);
        expect(await f.call(channel, input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
    expect(contract['report.export'].input.safeParse({ date: '2026-11-23', counterId: 'Q01', format: 'csv' }).success).toBe(true);
    expect(contract['report.export'].input.safeParse({ date: '2026-11-23', counterId: null, format: 'csv' }).success).toBe(true);
  });

  it('the report service keeps a hostile counter id inside the exports folder (defence in depth)', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('pwn'));
    const actor = await f.services.actorOf({ officerId: 'admin-quantri', fullName: 'Nguyễn Quản Trị', roles: ['admin'] });
    const reportsDir = join(f.dir, 'Documents', 'Một Cửa Desk', 'Báo cáo');
    const path = await f.services.reports.export(actor, { date: '2026-11-23', counterId: TRAVERSAL, format: 'csv' });
    expect(dirname(resolve(path))).toBe(resolve(reportsDir));
    expect(relative(reportsDir, path)).not.toMatch(/\.\.|[/\\]/);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('pwn'))).toEqual(before);
  });
});

describe('logs carry error codes, never error messages (they hold file names and personal data)', () => {
  const leaky = () => {
    const e = new Error("ENOENT: no such file or directory, open '/home/canbo/Nguyễn Văn An 001090123456.pdf'") as Error & { code: string };
    e.code = 'ENOENT';
    return e;
  };

  it('the logger writes the code of an Error and drops message-like text, even when a caller passes it', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
    log.error('scan import failed', { error: leaky(), message: leaky().message, reason: 'Ông Nguyễn Văn An không mang CCCD', cause: { error: leaky().message }, channel: 'intake.receive', result: 'ENOENT' });
    const out = lines.join('\n');
    for (const secret of ['/home/canbo', 'Nguyễn', '001090123456', '.pdf']) expect(out).not.toContain(secret);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line.error).toBe('ENOENT');
    expect(line.channel).toBe('intake.receive');
    expect(line.result).toBe('ENOENT');
  });

  it('errorCode names the kind of error, never its text', () => {
    expect(errorCode(leaky())).toBe('ENOENT');
    expect(errorCode(new TypeError('x is undefined in /home/a/b.ts'))).toBe('TypeError');
    expect(errorCode(Object.assign(new Error('Tệp /a/b.pdf không đọc được'), { code: 'Nguyễn Văn An' }))).toBe('Error');
    expect(errorCode('chuỗi /home/x')).toBe('unknown');
    expect(errorCode(null)).toBe('unknown');
  });

  it('a handler that throws leaves a log line with the channel and the code only', async () => {
    const lines: string[] = [];
    const f = await appFixture();
    try {
      const shell = { openExternal: async () => undefined, pickFiles: async () => [], openPdf: async () => true };
      const d = createDispatcher(
        {
          ...createHandlers({ core: f.services, shell, appVersion: '1', host: 'electron' }, { list: async () => [] }),
          'unit.get': async () => {
            throw leaky();
          },
        },
        { allowedOrigin: 'app://motcua', log: createLogger({ level: 'debug', sink: (l) => lines.push(l) }), officer: () => f.services.session.officer },
      );
      const r = await d.dispatch(GOOD_SENDER, 'unit.get', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
      const out = lines.join('\n');
      expect(out).toContain('unit.get');
      expect(out).toContain('ENOENT');
      for (const secret of ['/home/canbo', 'Nguyễn', '001090123456']) expect(out).not.toContain(secret);
    } finally {
      await f.close();
    }
  });
});
