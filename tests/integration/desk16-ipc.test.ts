import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { tempDir } from '../helpers/tmp';

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null };

describe('issue #16 channels: the signed-files folder, text size, progress of a report export (real dispatcher)', () => {
  const t = tempDir('motcua-desk16-ipc-');
  const dataDir = join(t.dir, 'data');
  let app: AppServices;
  let nextFolder: string | null = null;
  const opened: string[] = [];
  const events: Array<[string, unknown]> = [];
  const call = (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  const value = async (channel: string, input: unknown = {}) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  beforeAll(async () => {
    mkdirSync(dataDir);
    app = await testAppServices(dataDir, {
      shell: {
        pickFolder: async () => nextFolder,
        openPath: async (p) => {
          opened.push(p);
          return true;
        },
      },
    });
    app.hub.subscribe((name, payload) => events.push([name, payload]));
    await value('auth.setup', { unit: UNIT, admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-quan-tri' } });
  });
  afterAll(async () => {
    await app?.close();
    t.cleanup();
  });

  it('signed copies default to Documents/Một Cửa Desk/Đã ký; the officer chooses another with the dialog; a cancel or a relative path changes nothing', async () => {
    const dflt = join(dataDir, 'Documents', 'Một Cửa Desk', 'Đã ký');
    expect(await value('signing.outputFolder')).toEqual({ path: dflt });
    nextFolder = null;
    expect(await value('signing.chooseOutputFolder')).toEqual({ path: dflt, changed: false });
    nextFolder = 'relative/folder';
    const bad = await call('signing.chooseOutputFolder');
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'signing.outputNotAbsolute' } });
    expect(await value('signing.outputFolder')).toEqual({ path: dflt });
    const mine = join(t.dir, 'Văn bản đã ký');
    nextFolder = mine;
    expect(await value('signing.chooseOutputFolder')).toEqual({ path: mine, changed: true });
    expect(await value('signing.outputFolder')).toEqual({ path: mine });
  });

  it('"Mở thư mục" opens only the configured folder (created when missing): the renderer cannot name a path', async () => {
    const mine = join(t.dir, 'Văn bản đã ký');
    expect(existsSync(mine)).toBe(false);
    expect(await value('signing.openOutputFolder')).toEqual({ opened: true });
    expect(opened).toEqual([mine]);
    expect(existsSync(mine)).toBe(true);
    const sneaky = await call('signing.openOutputFolder', { path: '/etc' });
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(opened).toEqual([mine]);
  });

  it('text size: 100/125/150 % saved for this PC and returned by app.info; anything else refused', async () => {
    expect((await value('app.info')).textScale).toBe(100);
    expect(await value('app.setTextScale', { scale: 150 })).toEqual({ scale: 150 });
    expect((await value('app.info')).textScale).toBe(150);
    expect(await call('app.setTextScale', { scale: 175 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await value('app.info')).textScale).toBe(150);
  });

  it('a report export reports its steps i/n as work.progress events', async () => {
    events.length = 0;
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await value('report.export', { date: day, counterId: null, format: 'csv' });
    const steps = events.filter(([n]) => n === 'work.progress').map(([, p]) => p);
    expect(steps).toEqual([0, 1, 2, 3].map((done) => ({ task: 'report', done, total: 3 })));
  });
});
