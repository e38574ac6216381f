import { afterEach, describe, expect, it } from 'vitest';
import { intakeFixture, OFFICER } from '../helpers/intake';
import { engineFor, referenceServer } from '../helpers/sync';
import { plainCopy } from '../helpers/documents';
import { tool } from '../helpers/tools';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

/** The desk the forms' headers name follows GET /units on every sync, not only on `unit pull`. */
describe('the one-stop desk from the province (GET /units boPhanMotCua)', () => {
  let f: F;
  let server: S;
  afterEach(async () => {
    await server?.close();
    await f?.close();
  });

  it('a sync applies the desk block, audited once, and the next form prints it', async () => {
    f = await intakeFixture();
    await f.core.units.setDesk(OFFICER, { deskName: 'Bộ phận Một cửa (nhập tay)', place: null, phone: null });
    server = await referenceServer(f.dir, 1, { boPhanMotCua: { ten: 'Trung tâm Phục vụ hành chính công xã Tân Phú', diaDiem: 'Tân Phú', soDienThoai: '0272 3811 234' } });
    const engine = engineFor(f, server.url);
    await engine.runOnce();
    expect(await f.core.units.desk()).toEqual({ deskName: 'Trung tâm Phục vụ hành chính công xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' });
    await engine.runOnce(); // unchanged: no second audit row
    const audits = await f.store.exec('a', (db) => db.prepare("SELECT actor, details FROM audit_log WHERE action = 'unit.desk'").all());
    expect(audits).toEqual([{ actor: 'sync', details: JSON.stringify({ desk: ['deskName', 'place', 'phone'] }) }]);
    const r = await f.receive({ MaTTHC: '1.001193', LoaiDoiTuong: '1', ChuHoSo: 'Lê Thị Hoa', SoGiayToChuHoSo: '001190000001', NgaySinhChuHoSo: '19900101', GioiTinhChuHoSo: 'Nữ', TaiLieuNop: ['TP1', 'TP2', 'TP3'] });
    const text = tool('pdftotext', [plainCopy(await f.core.docs.read(await f.core.forms.write(OFFICER, r.code, '05'))), '-']).stdout.normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN PHÚ');
  });

  it('a server without the block leaves what the admin entered', async () => {
    f = await intakeFixture();
    await f.core.units.setDesk(OFFICER, { deskName: 'Bộ phận Một cửa (nhập tay)', place: 'Tân Phú', phone: '0272 000 000' });
    server = await referenceServer(f.dir);
    await engineFor(f, server.url).runOnce();
    expect(await f.core.units.desk()).toEqual({ deskName: 'Bộ phận Một cửa (nhập tay)', place: 'Tân Phú', phone: '0272 000 000' });
  });
});
