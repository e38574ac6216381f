import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { formatError } from '../../../electron/common/ipc/error-messages';
import { NET_MESSAGES } from '../../../electron/common/ipc/error-messages-net';
import { wordingOfText } from '../../../electron/common/ipc/net-wording';
import { errorText } from '../../../electron/common/ipc/result';
import { AddressService } from '../../../electron/node/address/address-service';
import { importCalendarYear } from '../../../electron/node/calendar/calendar-repo';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';
import { writeSetting } from '../../../electron/node/settings/settings-repo';
import { ProvincialApi } from '../../../electron/node/sync/provincial-api';
import { staleness } from '../../../electron/node/sync/staleness';
import { tempDir } from '../../helpers/tmp';
import { caught, VIETNAMESE } from '../../helpers/wording';

/** The province map's legal source, which the moved-province finding cites. */
const MAP_SOURCE = 'Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh';

const dirs: Array<{ cleanup(): void }> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

describe('issue #16: network reasons, the staleness warning and import findings in English, Vietnamese unchanged', () => {
  it("an outcome of the provincial API client carries its key beside the Vietnamese the outbox keeps", async () => {
    const api = new ProvincialApi({ baseUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' });
    const r = await api.download('http://example.invalid/ketqua.pdf');
    expect(r).toMatchObject({ kind: 'fatal', status: 0, message: 'Tệp kết quả không nằm trên máy chủ tỉnh: từ chối tải.', wording: { key: 'net.resultElsewhere' } });
    expect(formatError('net.resultElsewhere', undefined, 'en')).toBe('The result file is not on the provincial server: download refused.');
    // As the sync panel words an outbox row's reason, kept as text.
    const row = '000.00.01.H22-261130-0001: Tệp kết quả không nằm trên máy chủ tỉnh: từ chối tải.';
    expect(errorText({ message: row, ...wordingOfText(row) }, 'en')).toBe('Dossier 000.00.01.H22-261130-0001: The result file is not on the provincial server: download refused.');
  });

  it('the staleness warning and block', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    writeSetting(db, 'sync.lastSuccessAt', '2026-11-30T00:00:00.000Z');
    const warn = staleness(db, new Date('2026-11-30T10:30:00.000Z'), true);
    expect(warn.message).toBe('Cảnh báo: đã 10 giờ chưa đồng bộ, 0 hồ sơ chờ gửi. Kiểm tra kết nối mạng.');
    expect(errorText({ message: warn.message!, ...warn.messageKey }, 'en')).toBe('Warning: no sync for 10 hours, 0 dossiers waiting to be sent. Check the network connection.');
    const block = staleness(db, new Date('2026-12-04T01:00:00.000Z'), true);
    expect(block.message).toBe('Đã 97 giờ chưa đồng bộ được, 0 hồ sơ đang chờ gửi. Cần cán bộ giám sát cho phép để tiếp nhận tiếp.');
    expect(errorText({ message: block.message!, ...block.messageKey }, 'en')).toBe('No sync for 97 hours, 0 dossiers waiting to be sent. A supervisor must permit further intake.');
    db.close();
  });

  it("the address import's row findings: the map's checks and a field of a row", async () => {
    const dir = tempDir('keyed-net-');
    dirs.push(dir);
    const svc = new AddressService({ store: null as never, now: () => new Date() });
    const row = { tinhCu: 'Hà Giang', huyenCu: 'Huyện Vị Xuyên', xaCu: 'Xã Phú Linh', loaiXaMoi: 'xã', xaMoi: 'Phú Linh', tinhMoi: 'Tuyên Quang' };
    const wrong = join(dir.dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ nguon: 'NQ', xa: [row, { ...row, xaCu: 'Xã Khác', tinhMoi: 'Lào Cai' }, row] }));
    const r = await caught(() => svc.importCommunes({} as never, wrong));
    expect(r.vi).toBe(`Tệp địa giới xã không hợp lệ, chưa nhập gì: Dòng 2: tỉnh Hà Giang nay thuộc tỉnh Tuyên Quang, không phải "Lào Cai" (${MAP_SOURCE}). Dòng 3: xã "Xã Phú Linh", "Huyện Vị Xuyên" đã có ở dòng 1.`);
    expect(r.en).toBe(`The commune boundary file is not valid; nothing was imported: Row 2: Hà Giang now belongs to tỉnh Tuyên Quang, not "Lào Cai" (${MAP_SOURCE}). Row 3: commune "Xã Phú Linh", "Huyện Vị Xuyên" is already on row 1.`);
    const field = join(dir.dir, 'field.json');
    writeFileSync(field, JSON.stringify({ nguon: 'NQ', xa: [row, { ...row, loaiXaMoi: 'thôn' }] }));
    const f = await caught(() => svc.importCommunes({} as never, field));
    expect(f.vi).toBe('Tệp địa giới xã không hợp lệ, chưa nhập gì: Dòng 2, loaiXaMoi: loại xã mới (loaiXaMoi) phải là "xã", "phường" hoặc "đặc khu".');
    expect(f.en).toBe('The commune boundary file is not valid; nothing was imported: Row 2, loaiXaMoi: the new commune\'s type (loaiXaMoi) must be "xã", "phường" or "đặc khu".');
    // A missing or overlong name, the source and the list itself: each field named in the line's own language.
    const { tinhCu: _gone, ...noOldProvince } = row;
    const names = join(dir.dir, 'names.json');
    writeFileSync(names, JSON.stringify({ xa: [noOldProvince, { ...row, xaMoi: 'x'.repeat(201) }] }));
    const n = await caught(() => svc.importCommunes({} as never, names));
    expect(n.vi).toBe('Tệp địa giới xã không hợp lệ, chưa nhập gì: nguon: thiếu nguồn (văn bản pháp lý, "nguon"); Dòng 1, tinhCu: thiếu tỉnh cũ (tinhCu); Dòng 2, xaMoi: xã mới (xaMoi) dài quá 200 ký tự.');
    expect(n.en).toBe(
      'The commune boundary file is not valid; nothing was imported: in nguon: the source (legal text, "nguon") is missing; Row 1, tinhCu: the old province (tinhCu) is missing; Row 2, xaMoi: the new commune (xaMoi) is longer than 200 characters.',
    );
    const empty = join(dir.dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ nguon: 'NQ', xa: [] }));
    expect((await caught(() => svc.importCommunes({} as never, empty))).en).toBe('The commune boundary file is not valid; nothing was imported: in xa: the list of communes ("xa") is empty.');
  });

  it("the calendar import's day findings", async () => {
    const db = new Database(':memory:');
    const r = await caught(() => importCalendarYear(db, { year: 2026, days: [{ date: '2026-01-01', type: 'holiday', name: 'Tết' }, { date: '2025-02-30', type: 'holiday', name: 'X' }] }));
    db.close();
    expect(r.vi).toBe('Tệp lịch không hợp lệ: days.1.date: Ngày 2025-02-30 không thuộc năm 2026.; days.1.date: Ngày 2025-02-30 không tồn tại.');
    expect(r.en).toBe('The calendar file is not valid: in days.1.date: Day 2025-02-30 is not in year 2026.; in days.1.date: Day 2025-02-30 does not exist.');
  });

  it('every network, pull and import wording has English without a Vietnamese letter', () => {
    for (const [key, w] of Object.entries(NET_MESSAGES)) {
      if (key === 'address.provinceMoved') continue; // {current} is the province's name, Vietnamese in both
      expect(w.en, key).not.toMatch(VIETNAMESE);
    }
  });
});
