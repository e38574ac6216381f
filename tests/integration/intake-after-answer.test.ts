import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intakeDraftSchema } from '../../electron/common/domain/intake';
import { intakeHandlers } from '../../electron/node/ipc/handlers/intake';
import { intakeFixture, OFFICER } from '../helpers/intake';

// After a save the counter screen answered, the core (not the IPC handler) probes the network,
// starts a sync pass and renders the receipt — each once, after the answer; `motcua intake`, whose
// caller is not a screen, renders its receipt before answering and starts nothing.

type F = Awaited<ReturnType<typeof intakeFixture>>;
const draft = { MaTTHC: '1.001193', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'], ChuHoSo: 'Nguyễn Văn Đức', SoGiayToChuHoSo: '001090123456', NgaySinhChuHoSo: '19900101', GioiTinhChuHoSo: 'Nam', NgayCapGiayTo: '2021-04-15' };

describe('the work that follows a save', () => {
  let f: F;
  beforeEach(async () => (f = await intakeFixture()));
  afterEach(() => f.close());

  it('for the counter screen: after the answer, one probe, one sync pass and the receipt', async () => {
    const trigger = vi.spyOn(f.core.sync, 'trigger').mockImplementation(() => undefined as never);
    const check = vi.spyOn(f.core.monitor, 'check');
    const env = { core: f.core, shell: { openExternal: async () => undefined, pickFiles: async () => [], openPdf: async () => true }, appVersion: 'test', host: 'chromium-host' as const };
    const ctx = { sender: { url: 'https://desk.motcua.invalid/', isMainFrame: true }, officer: { officerId: OFFICER.officerId, fullName: OFFICER.fullName, roles: OFFICER.roles } };
    const out = await intakeHandlers(env)['intake.receive']({ draft: intakeDraftSchema.parse(draft), attachments: [], override: null }, ctx);
    // The answer leaves first: nothing has started yet, and the receipt is not there.
    expect(out.hasReceipt).toBe(false);
    expect(trigger).not.toHaveBeenCalled();
    expect(check).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(trigger).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(trigger).toHaveBeenCalledWith('intake');
    expect(check).toHaveBeenCalledTimes(1);
    // The receipt rendered in the background is the one a print then takes.
    expect(await f.intake.receiptPath(OFFICER, out.code)).toMatch(/\.pdf$/);
  });

  it('for `motcua intake`: the receipt before the answer, no probe, no sync pass', async () => {
    const trigger = vi.spyOn(f.core.sync, 'trigger');
    const check = vi.spyOn(f.core.monitor, 'check');
    const r = await f.receive(draft, { skipReceipt: false });
    expect(r.receiptPath).toMatch(/\.pdf$/);
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the screen's after-answer delay
    expect(trigger).not.toHaveBeenCalled();
    expect(check).not.toHaveBeenCalled();
  });
});
