import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { formatError } from '../../../electron/common/ipc/error-messages';
import { readStoredWording, storedWording } from '../../../electron/common/ipc/notice';
import { errorText } from '../../../electron/common/ipc/result';
import { importCalendarYear } from '../../../electron/node/calendar/calendar-repo';
import { parseBackupKey } from '../../../electron/node/db/key-backup';
import { DbVersionFromFutureError } from '../../../electron/node/db/migration';
import { readJsonInput } from '../../../electron/node/files/input-file';
import { statusProblem, statusProblemKey } from '../../../electron/node/printing/printer-service';
import { SyncLockedError } from '../../../electron/node/sync/sync-engine';
import { tempDir } from '../../helpers/tmp';
import { caught, VIETNAMESE } from '../../helpers/wording';

const dirs: Array<{ cleanup(): void }> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

describe('issue #16 leftovers: Vietnamese kept word for word, English from the key', () => {
  it('printer: a status problem, a held job and its stored reason', () => {
    const paper = statusProblemKey({ paperOut: true, coverOpen: false, offline: false, error: false } as never)!;
    expect(statusProblem({ paperOut: true, coverOpen: false, offline: false, error: false } as never)).toBe('Máy in hết giấy. Thay cuộn giấy rồi bấm In lại.');
    expect(formatError(paper.key, paper.params, 'en')).toBe('The printer is out of paper. Change the roll, then press Print again.');
    const held = { reason: paper, jobId: 7 };
    expect(formatError('printer.held', held, 'vi')).toBe('Máy in hết giấy. Thay cuộn giấy rồi bấm In lại. Lệnh in số 7 được giữ lại để in lại.');
    expect(formatError('printer.held', held, 'en')).toBe('The printer is out of paper. Change the roll, then press Print again. Print job 7 is kept to be printed again.');
    // What print_jobs.reason holds reads back as the old Vietnamese, with the key for English; older plain rows stay as they are.
    const stored = readStoredWording(storedWording({ key: 'printer.writeFailed', params: { error: 'EIO' } }));
    expect(stored.message).toBe('Gửi dữ liệu tới máy in thất bại: EIO.');
    expect(errorText({ message: stored.message, ...stored.wording }, 'en')).toBe('Sending data to the printer failed: EIO.');
    expect(readStoredWording('Máy in không trả lời trạng thái.')).toEqual({ message: 'Máy in không trả lời trạng thái.', wording: null });
  });

  it('returns and sync: the not-returnable reason, the unconfigured fallback, the outbox refusals and the lock', () => {
    expect(formatError('returns.noResultYet', { status: '4' }, 'vi')).toBe('Hồ sơ chưa có kết quả (trạng thái 4).');
    expect(formatError('returns.noResultYet', { status: '4' }, 'en')).toBe('The dossier has no result yet (status 4).');
    expect(formatError('sync.notConfigured', undefined, 'vi')).toBe('Chưa cấu hình máy chủ tỉnh.');
    expect(formatError('sync.notConfigured', undefined, 'en')).toBe('No provincial server is configured.');
    expect(formatError('sync.attachmentDamaged', { file: 'cccd.pdf' }, 'vi')).toBe('Tệp cccd.pdf trong máy đã hỏng hoặc bị xóa.');
    expect(formatError('sync.attachmentDamaged', { file: 'cccd.pdf' }, 'en')).toBe('File cccd.pdf on this PC is damaged or deleted.');
    const lock = new SyncLockedError();
    expect(lock.message).toBe('Một tiến trình khác (ứng dụng hoặc dòng lệnh) đang đồng bộ thư mục dữ liệu này.');
    expect(errorText(lock.toError(), 'en')).toBe('Another process (the app or the command line) is syncing this data folder.');
  });

  it('key backup: a mistyped key', async () => {
    const r = await caught(() => parseBackupKey('MCK2-1234'));
    expect(r.key).toBe('backup.badFormat');
    expect(r.vi).toBe('Khóa dự phòng không đúng dạng MCK2-xxxx-…-xxxx (32 nhóm 4 ký tự và 1 nhóm kiểm tra).');
    expect(r.en).toBe('The backup key is not in the form MCK2-xxxx-…-xxxx (32 groups of 4 characters and 1 check group).');
  });

  it('input files: not UTF-8, and not JSON', async () => {
    const dir = tempDir('keyed-desk-');
    dirs.push(dir);
    const latin1 = join(dir.dir, 'lich.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x0a, 0xe9, 0x7d]));
    const bad = await caught(() => readJsonInput(latin1));
    expect(bad.vi).toBe(`Tệp ${latin1} không phải văn bản UTF-8 hợp lệ: byte 2 (dòng 2, giá trị 0xe9) sai mã. Hãy lưu lại tệp với mã hóa UTF-8 rồi nhập lại.`);
    expect(bad.en).toBe(`File ${latin1} is not valid UTF-8 text: byte 2 (line 2, value 0xe9) is wrongly encoded. Save the file as UTF-8, then import it again.`);
    const notJson = join(dir.dir, 'x.json');
    writeFileSync(notJson, '{nope');
    const nj = await caught(() => readJsonInput(notJson));
    expect(nj.key).toBe('input.notJson');
    expect(nj.vi.startsWith(`Tệp ${notJson} không phải JSON hợp lệ: `)).toBe(true);
    expect(nj.en.startsWith(`File ${notJson} is not valid JSON: `)).toBe(true);
  });

  it('calendar import: a day twice', async () => {
    const db = new Database(':memory:');
    const r = await caught(() =>
      importCalendarYear(db, { year: 2026, days: [{ date: '2026-01-01', type: 'holiday', name: 'Tết Dương lịch' }, { date: '2026-01-01', type: 'holiday', name: 'Tết Dương lịch' }] }),
    );
    db.close();
    expect(r.key).toBe('calendar.duplicateDay');
    expect(r.vi).toBe('Ngày 2026-01-01 xuất hiện hai lần trong tệp lịch.');
    expect(r.en).toBe('Day 2026-01-01 appears twice in the calendar file.');
  });

  it('a database newer than the app', () => {
    const e = new DbVersionFromFutureError(30, 17);
    expect(e.message).toBe('Cơ sở dữ liệu (phiên bản 30) mới hơn ứng dụng này (hỗ trợ đến phiên bản 17). Hãy cài phiên bản Một Cửa Desk mới hơn; dữ liệu không bị thay đổi.');
    expect(errorText(e.toError(), 'en')).toBe('The database (version 30) is newer than this app (which supports up to version 17). Install a newer Một Cửa Desk; the data was not changed.');
  });

  it('every new key has English without a Vietnamese word (the app name aside)', async () => {
    const { DESK_MESSAGES } = await import('../../../electron/common/ipc/error-messages-desk');
    for (const [key, w] of Object.entries(DESK_MESSAGES)) {
      expect(w.en.replaceAll('Một Cửa Desk', ''), key).not.toMatch(VIETNAMESE);
      expect(w.vi, key).toMatch(VIETNAMESE);
    }
  });
});
