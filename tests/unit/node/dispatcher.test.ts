import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, contract } from '../../../electron/common/ipc/contract';
import { DISPLAY_CHANNELS } from '../../../electron/common/ipc/display-contract';
import { createAppServices, type AppServices } from '../../../electron/node/app/app-services';
import { createDispatcher, isTrustedSender } from '../../../electron/node/ipc/dispatcher';
import { createHandlers } from '../../../electron/node/ipc/handlers/index';
import { silentLogger } from '../../../electron/node/log/logger';
import { tempDir } from '../../helpers/tmp';
import { fakeScannerFactory } from '../../fakes/fake-scanner';
import type { HostShell } from '../../../electron/node/ipc/handlers/index';

const ORIGIN = 'app://motcua';
const good = { url: 'app://motcua/index.html', isMainFrame: true };
const displayWindow = { url: 'app://motcua/display.html', isMainFrame: true, window: 'display' as const };

describe('isTrustedSender (checklist 17)', () => {
  it.each([
    [{ url: 'app://motcua/index.html', isMainFrame: true }, true],
    [{ url: 'app://motcua/', isMainFrame: false }, false],
    [{ url: 'app://motcua.evil/index.html', isMainFrame: true }, false],
    [{ url: 'https://evil.example/', isMainFrame: true }, false],
    [{ url: 'app://user@motcua/', isMainFrame: true }, false],
    [{ url: 'file:///index.html', isMainFrame: true }, false],
    [{ url: null, isMainFrame: true }, false],
    [{ url: 'not a url', isMainFrame: true }, false],
  ])('%j → %s', (sender, expected) => {
    expect(isTrustedSender(sender, ORIGIN)).toBe(expected);
  });

  it('compares https origins exactly', () => {
    expect(isTrustedSender({ url: 'https://desk.motcua.invalid/x', isMainFrame: true }, 'https://desk.motcua.invalid')).toBe(true);
    expect(isTrustedSender({ url: 'https://desk.motcua.invalid.attacker.com/', isMainFrame: true }, 'https://desk.motcua.invalid')).toBe(false);
  });
});

describe('dispatcher over the real handler table', () => {
  let services: AppServices;
  let cleanup: () => void;
  const opened: string[] = [];

  const shell: HostShell = {
    openExternal: async (u) => {
      opened.push(u);
    },
    pickFiles: async () => [],
    openPdf: async () => true,
  };
  const handlerEnv = () => ({ core: services, shell, appVersion: '1', host: 'electron' as const });
  const noPorts = { list: async () => [] };

  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    services = await createAppServices({
      dataDir: t.dir,
      appVersion: '9.9.9',
      host: 'electron',
      allowedOrigin: ORIGIN,
      log: silentLogger,
      shell,
      scannerFactory: fakeScannerFactory().factory,
      printerFactory: async () => {
        throw new Error('no printer in unit tests');
      },
      serialPorts: { list: async () => [] },
      tokenFactory: () => {
        throw new Error('no token in unit tests');
      },
      probe: async () => true,
    });
    await services.start();
    // First run: the unit's admin is created and signed in (every test below acts as that admin).
    const setup = await services.dispatcher.dispatch(good, 'auth.setup', {
      unit: { unitCode: '000.00.01.H22', unitName: 'UBND', counterId: 'Q01', offlineBlock: null },
      admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-dai' },
    });
    expect(setup.ok).toBe(true);
  });
  afterEach(async () => {
    await services.close();
    cleanup();
  });

  it('has a handler for every channel of the contract and nothing else', () => {
    const handlers = createHandlers(handlerEnv(), noPorts);
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
  });

  it.each(channels)('%s rejects a malformed payload with a typed error', async (channel) => {
    for (const bad of ['string', 42, null, [1, 2], { surplus: true, url: 5, locale: 'fr', unitCode: '', query: 7, token: 'x', code: '', text: 3, date: 'hôm nay', maTthc: '', idNumber: 'abc', config: 5, draft: 1, form: '04', path: 7, jobId: -1, reason: 5, note: '', apiUrl: 'nope', clientId: 5, tokenId: '', certId: 'zz', pin: '', confirmFinalTry: 'x', attachmentIds: [], receivedBy: '', idChecked: 'y' }]) {
      // The citizen display's rows are called from the display window (the only one they answer).
      const r = await services.dispatcher.dispatch(DISPLAY_CHANNELS.has(channel) ? displayWindow : good, channel, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
  });

  it.each(channels)('%s refuses an untrusted sender before looking at the input', async (channel) => {
    const r = await services.dispatcher.dispatch({ url: 'https://evil.example/', isMainFrame: true }, channel, {});
    expect(r).toEqual({ ok: false, error: { code: 'bad_sender', key: 'ipc.badSender', message: expect.stringMatching(/từ chối/) } });
    const sub = await services.dispatcher.dispatch({ url: 'app://motcua/index.html', isMainFrame: false }, channel, {});
    expect(sub.ok).toBe(false);
  });

  it('the citizen display window reaches its own channels only, and the app window never reaches them', async () => {
    expect([...DISPLAY_CHANNELS].sort()).toEqual(['display.rate', 'display.state']);
    for (const channel of channels) {
      const fromDisplay = await services.dispatcher.dispatch(displayWindow, channel, {});
      if (DISPLAY_CHANNELS.has(channel)) expect(fromDisplay.ok ? 'ok' : fromDisplay.error.key).not.toBe('ipc.wrongWindow');
      else expect(fromDisplay).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'ipc.wrongWindow' } });
    }
    for (const channel of DISPLAY_CHANNELS) {
      expect(await services.dispatcher.dispatch(good, channel, { rating: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'ipc.wrongWindow' } });
    }
    expect(await services.dispatcher.dispatch(displayWindow, 'display.state', {})).toEqual({ ok: true, value: { phase: 'idle' } });
  });

  it('refuses unknown channels, including prototype names', async () => {
    for (const c of ['nope', '__proto__', 'constructor', 'toString']) {
      const r = await services.dispatcher.dispatch(good, c, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown_channel');
    }
  });

  it('app.info makes a real round trip to the store', async () => {
    const r = await services.dispatcher.dispatch(good, 'app.info', {});
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = contract['app.info'].output.parse(r.value);
      expect(v.dbVersion).toBeGreaterThanOrEqual(1);
      expect(v.version).toBe('9.9.9');
      expect(v.unit?.unitCode).toBe('000.00.01.H22');
      expect(v.officer?.fullName).toBe('Quản Trị');
      expect(v.locale).toBe('vi');
    }
  });

  it('unit.set persists, is audited, and app.info reports it', async () => {
    const unit = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };
    expect((await services.dispatcher.dispatch(good, 'unit.set', unit)).ok).toBe(true);
    const info = await services.dispatcher.dispatch(good, 'app.info', {});
    expect(info.ok && (info.value as { unit: unknown }).unit).toEqual(unit);
    expect(await services.store.verifyAudit()).toMatchObject({ ok: true, firstBadId: null });
  });

  it('unit.set returns field-level Vietnamese details for invalid values', async () => {
    const r = await services.dispatcher.dispatch(good, 'unit.set', { unitCode: 'x y', unitName: 'a', counterId: 'Q01', offlineBlock: { from: 9, to: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['unitCode', 'offlineBlock']));
    }
  });

  it('shell.openExternal opens vetted https URLs only', async () => {
    const bad = await services.dispatcher.dispatch(good, 'shell.openExternal', { url: 'https://dichvucong.gov.vn.attacker.com/' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('forbidden');
    const okr = await services.dispatcher.dispatch(good, 'shell.openExternal', { url: 'https://dichvucong.gov.vn/' });
    expect(okr).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual(['https://dichvucong.gov.vn/']);
  });

  it('a handler that throws becomes an internal error value, and an off-contract output is caught', async () => {
    const d = createDispatcher(
      {
        ...createHandlers(handlerEnv(), noPorts),
        'app.info': async () => {
          throw new Error('secret detail 001090123456');
        },
        'unit.get': async () => ({ wrong: true }) as never,
      },
      { allowedOrigin: ORIGIN, log: silentLogger, officer: () => services.session.officer },
    );
    const r = await d.dispatch(good, 'app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).not.toContain('001090123456');
    }
    const o = await d.dispatch(good, 'unit.get', {});
    expect(!o.ok && o.error.code).toBe('invalid_output');
  });

  it('enforces roles in main for every channel: signed out, officer, supervisor', async () => {
    const add = (username: string, roles: string[]) =>
      services.dispatcher.dispatch(good, 'officer.add', { officerId: username, username, fullName: username, roles, password: 'mat-khau-dai' });
    expect((await add('canbo01', ['officer'])).ok).toBe(true);
    expect((await add('giamsat01', ['supervisor'])).ok).toBe(true);
    const call = (c: string, input: unknown = {}) => services.dispatcher.dispatch(good, c, input);
    await call('auth.logout');
    expect(await call('dossier.listDay')).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/đăng nhập/) } });
    expect((await call('app.info')).ok).toBe(true); // public
    expect((await call('auth.login', { username: 'canbo01', password: 'mat-khau-dai' })).ok).toBe(true);
    expect((await call('dossier.listDay')).ok).toBe(true);
    expect(await call('report.daily', { date: '2026-11-23', counterId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('officer.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('unit.set', { unitCode: 'X', unitName: 'x', counterId: 'Q9', offlineBlock: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('auth.logout');
    expect((await call('auth.login', { username: 'giamsat01', password: 'mat-khau-dai' })).ok).toBe(true);
    expect((await call('report.daily', { date: '2026-11-23', counterId: null })).ok).toBe(true);
    expect((await call('dossier.listDay')).ok).toBe(true);
    expect(await call('officer.add', { officerId: 'x', username: 'xxx', fullName: 'x', roles: ['admin'], password: 'mat-khau-dai' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('auth.login', { username: 'giamsat01', password: 'sai-mat-khau' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('auth.setup', { unit: { unitCode: 'X', unitName: 'x', counterId: 'Q9', offlineBlock: null }, admin: { username: 'hacker', fullName: 'x', password: '12345678' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('every channel has an access rule', async () => {
    const { CHANNEL_ACCESS } = await import('../../../electron/common/ipc/access');
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...channels].sort());
  });

  it('emits sync.state events to subscribers when the state changes', async () => {
    const seen: unknown[] = [];
    services.hub.subscribe((name, payload) => seen.push([name, payload]));
    const s = await services.monitor.check();
    expect(s.online).toBe(true);
    expect(s.pending).toBe(0);
    expect(seen).toHaveLength(1);
    await services.monitor.check();
    expect(seen).toHaveLength(1); // unchanged state is not re-sent
  });
});
