import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCccdQr } from '../../../electron/common/domain/cccd';
import { intakeDraftSchema } from '../../../electron/common/domain/intake';
import { classifyScan, TRUNCATED_CCCD } from '../../../electron/common/domain/scan';
import { unitDeskSchema } from '../../../electron/common/domain/unit';
import { issueDetail, issuesFailure } from '../../../electron/common/domain/zod-locale';
import { TokenError } from '../../../electron/common/hardware/token';
import { createMotcuaApi } from '../../../electron/common/ipc/bridge';
import { contract } from '../../../electron/common/ipc/contract';
import { ERROR_MESSAGES, formatError } from '../../../electron/common/ipc/error-messages';
import { errorText } from '../../../electron/common/ipc/result';
import { setIdleMinutes } from '../../../electron/node/auth/idle-policy';
import { storageFailure } from '../../../electron/node/db/db-errors';
import { ContentStore } from '../../../electron/node/files/content-store';
import { fsFailure } from '../../../electron/node/files/fs-errors';
import { lastXref } from '../../../electron/node/signing/pdf-xref';
import { draftFromImport } from '../../../electron/node/intake/import-draft';
import { tempDir } from '../../helpers/tmp';
import { caught, VIETNAMESE } from '../../helpers/wording';

const draft = (o: object) => ({ MaTTHC: '1.001', LoaiDoiTuong: '1', ChuHoSo: 'Trần Thị Hoa', SoGiayToChuHoSo: '001185012345', ...o });

describe('intake field checks: each reason keyed, Vietnamese as before, English without a Vietnamese word', () => {
  const cases: Array<[string, object, string, string, string]> = [
    ['no procedure', { MaTTHC: '' }, 'MaTTHC', 'Chưa chọn thủ tục hành chính.', 'No administrative procedure is chosen.'],
    ['no name', { ChuHoSo: '' }, 'ChuHoSo', 'Chưa nhập tên người nộp / tổ chức (ChuHoSo).', "The applicant's or organisation's name is missing (ChuHoSo)."],
    ['no ID number', { SoGiayToChuHoSo: '' }, 'SoGiayToChuHoSo', 'Chưa nhập số định danh cá nhân của người nộp.', "The applicant's personal ID number is missing."],
    ['an ID of 11 digits', { SoGiayToChuHoSo: '00118501234' }, 'SoGiayToChuHoSo', 'Số định danh cá nhân phải gồm đúng 12 chữ số.', 'The personal ID number must have exactly 12 digits.'],
    ['an ID with province 099', { SoGiayToChuHoSo: '099185012345' }, 'SoGiayToChuHoSo', 'Số định danh 099185012345 có mã tỉnh 099 không hợp lệ (001–096).', 'ID number 099185012345 has an invalid province code 099 (001–096).'],
    ['a 9-digit CMND', { SoGiayToChuHoSo: '012345678' }, 'SoGiayToChuHoSo', 'Số 012345678 là số Chứng minh nhân dân (9 chữ số)', 'Number 012345678 is an old 9-digit identity card (CMND) number'],
    ['a bad phone', { SoDienThoai: '12345' }, 'SoDienThoai', 'Số điện thoại không hợp lệ (ví dụ 0912345678).', 'The phone number is not valid (for example 0912345678).'],
    ['a bad email', { Email: 'not-mail' }, 'Email', 'Email không hợp lệ.', 'The email address is not valid.'],
    ['a bad birth date', { NgaySinhChuHoSo: '19851345' }, 'NgaySinhChuHoSo', 'Ngày sinh "19851345" không hợp lệ (yyyyMMdd).', 'Birth date "19851345" is not valid (yyyyMMdd).'],
    ['a bad channel', { KenhThucHien: '2' }, 'KenhThucHien', 'Kênh tiếp nhận (KenhThucHien) tại quầy chỉ là "1"', 'The intake channel (KenhThucHien) at a counter is only "1"'],
  ];

  it.each(cases)('%s', (_name, o, path, vi, en) => {
    const r = intakeDraftSchema.safeParse(draft(o));
    expect(r.success).toBe(false);
    const d = issueDetail(r.error!.issues.find((i) => i.path.join('.') === path)!);
    expect(d.key).toBeDefined();
    expect(d.message.startsWith(vi)).toBe(true);
    expect(errorText(d, 'vi')).toBe(d.message);
    expect(errorText(d, 'en').startsWith(en)).toBe(true);
    expect(errorText(d, 'en')).not.toMatch(VIETNAMESE);
  });

  it('zod’s own limits (too short, too long, missing) are keyed with their numbers', () => {
    const short = issueDetail(unitDeskSchema.safeParse({ deskName: '', place: null, phone: null }).error!.issues[0]!);
    expect(short.message).toBe('Tên bộ phận không được để trống.');
    expect(errorText(short, 'en')).toBe('The desk name cannot be empty.');
    const long = issueDetail(intakeDraftSchema.safeParse(draft({ ChuHoSo: 'x'.repeat(400) })).error!.issues.find((i) => i.path[0] === 'ChuHoSo')!);
    expect(long.key).toBe('field.tooLong');
    expect(long.message).toMatch(/^Dài quá: tối đa \d+ ký tự\.$/);
    expect(errorText(long, 'en')).toMatch(/^Too long: at most \d+ characters\.$/);
  });

  it('each fixed Vietnamese wording belongs to one key, so a schema message keys back to one English wording', () => {
    const fixed = Object.entries(ERROR_MESSAGES).filter(([, w]) => !w.vi.includes('{')).map(([, w]) => w.vi);
    expect(fixed.filter((v, i) => fixed.indexOf(v) !== i)).toEqual([]);
  });

  it('the contract’s own limits read in English: a short password for a new officer, no role, no PDF chosen', () => {
    const add = contract['officer.add'].input.safeParse({ officerId: 'cb02', username: 'canbo02', fullName: 'Lê Văn B', roles: [], password: 'short' });
    const details = add.error!.issues.map(issueDetail);
    expect(details.map((d) => [d.path, errorText(d, 'vi'), errorText(d, 'en')])).toEqual([
      ['roles', 'Chọn ít nhất 1 mục.', 'Choose at least 1.'],
      ['password', 'Mật khẩu ít nhất 8 ký tự.', 'The password needs at least 8 characters.'],
    ]);
    const roles = contract['officer.setRoles'].input.safeParse({ officerId: 'cb02', roles: [] });
    const r = issueDetail(roles.error!.issues[0]!);
    expect([r.message, errorText(r, 'en')]).toEqual(['Chọn ít nhất một vai trò.', 'Choose at least one role.']);
  });

  it('a message the catalog does not word exactly is left unkeyed, so no language reads another reason', () => {
    const d = issueDetail({ code: 'custom', path: ['x'], message: 'Một lý do khác.', input: undefined } as never);
    expect(d).toEqual({ path: 'x', message: 'Một lý do khác.' });
  });

  it('a refused parse keys the failure by its first issue and keeps every issue in the details', () => {
    const r = unitDeskSchema.safeParse({ deskName: '', place: '', phone: 'abc' });
    const f = issuesFailure('invalid_input', r.error!.issues).toError();
    expect(f.key).toBe('unit.deskNameMissing');
    expect(f.details?.map((d) => d.key)).toEqual(['unit.deskNameMissing', 'unit.placeMissing', 'unit.phoneFormat']);
    expect(f.message).toBe('Tên bộ phận không được để trống. Địa danh không được để trống. Số điện thoại chỉ gồm chữ số, dấu cách, + ( ) . - (6–20 ký tự).');
  });
});

describe('the ID card QR reason inside import.badCccd is worded in the same language', () => {
  const t = tempDir('motcua-keyed16-');
  afterAll(() => t.cleanup());

  it('too few fields', async () => {
    expect(parseCccdQr('001185012345|Nguyen Van A')).toMatchObject({ ok: false, reason: { key: 'cccd.fieldCount' } });
    const r = await caught(() => draftFromImport({ MaTTHC: 'T.1', cccd: '001185012345||Nguyễn Văn A|08121985' }, t.dir));
    expect(r.key).toBe('import.badCccd');
    expect(r.vi).toBe('Mã QR căn cước không đọc được: Mã QR căn cước phải có 7 trường, đọc được 4. Hãy quét lại.');
    expect(r.en).toBe('The ID card QR code cannot be read: An ID card QR code has 7 fields; 4 were read. Scan it again.');
  });

  it('not a card at all', async () => {
    const r = await caught(() => draftFromImport({ MaTTHC: 'T.1', cccd: 'not a card' }, t.dir));
    expect(r.vi).toBe('Mã QR căn cước không đọc được: Mã QR không phải của căn cước công dân (không có dấu phân cách "|").');
    expect(r.en).toBe('The ID card QR code cannot be read: The QR code is not an ID card code (it has no "|" separator).');
  });
});

describe('accounts, files, secrets, PDFs and the token: keyed failures read in English', () => {
  const t = tempDir('motcua-keyed16f-');
  afterAll(() => t.cleanup());
  mkdirSync(join(t.dir, 'in'), { recursive: true });
  const store = () => new ContentStore(join(t.dir, 'store'), Buffer.alloc(32, 7));

  const cases: Array<[string, string, () => unknown]> = [
    ['idle lock out of range', 'auth.idleRange', () => setIdleMinutes({ set: async () => undefined }, 999, { officerId: 'ad01', roles: ['admin'] } as never)],
    ['an empty attachment', 'files.empty', () => {
      writeFileSync(join(t.dir, 'in', 'empty.pdf'), '');
      return store().importFile(join(t.dir, 'in', 'empty.pdf'));
    }],
    ['an attachment of the wrong type', 'files.wrongType', () => {
      writeFileSync(join(t.dir, 'in', 'note.pdf'), 'just some text, no PDF header');
      return store().importFile(join(t.dir, 'in', 'note.pdf'));
    }],
    ['an attachment whose name lies', 'files.extMismatch', () => {
      writeFileSync(join(t.dir, 'in', 'scan.png'), '%PDF-1.7\n%âãÏÓ\n');
      return store().importFile(join(t.dir, 'in', 'scan.png'));
    }],
    ['an attachment that is gone', 'files.unreadable', () => store().importFile(join(t.dir, 'in', 'missing.pdf'))],
    ['a full disk', 'fs.diskFull', () => {
      throw fsFailure(Object.assign(new Error('x'), { code: 'ENOSPC' }), { key: 'fs.attachment', params: { file: 'scan.pdf' } });
    }],
    ['a read-only data folder', 'fs.noPermission', () => {
      throw fsFailure(Object.assign(new Error('x'), { code: 'EACCES' }));
    }],
    ['a PDF cut before its end', 'pdf.truncated', () => lastXref(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))],
    ['the token pulled out while signing', 'token.removed', () => {
      throw new TokenError('token_removed', { key: 'token.removed' });
    }],
  ];

  it.each(cases)('%s', async (_name, key, f) => {
    const r = await caught(f);
    expect(r.key).toBe(key);
    expect(r.vi).toMatch(VIETNAMESE);
    expect(r.en).not.toMatch(VIETNAMESE);
    expect(r.en).not.toBe(r.vi);
  });

  it('a full disk names what could not be written, in each language', async () => {
    const r = await caught(() => {
      throw fsFailure(Object.assign(new Error('x'), { code: 'ENOSPC' }), { key: 'fs.attachment', params: { file: 'scan.pdf' } });
    });
    expect(r.vi).toContain('không ghi được tệp đính kèm scan.pdf.');
    expect(r.en).toContain('attachment scan.pdf could not be written.');
  });

  it('a secret store named by its kind, in each language', () => {
    expect(formatError('secrets.storeUnavailable', { store: { key: 'secrets.store.os-keyring' } }, 'vi')).toContain('lưu trong kho khóa của hệ điều hành,');
    expect(formatError('secrets.storeUnavailable', { store: { key: 'secrets.store.os-keyring' } }, 'en')).toContain("kept in the operating system's keyring,");
  });
});

describe('scans, the database, dossier numbers and the bridge: keyed, worded in both languages', () => {
  it('a half-read ID card scan carries its reason as a key, with the card’s own reason nested', () => {
    const cut = classifyScan('001185012345|', 'serial');
    expect(cut).toMatchObject({ kind: 'invalid', error: TRUNCATED_CCCD, reason: { key: 'scan.truncated' } });
    expect(errorText({ message: cut.error!, ...cut.reason! }, 'en')).toBe('The ID card QR code is incomplete (the scan stopped early): scan again, holding the card still in front of the scanner.');
    const short = classifyScan('001185012345||Nguyễn Văn A|08121985|Nam', 'wedge');
    expect(short.reason?.key).toBe('scan.truncatedWith');
    expect(errorText({ message: short.error!, ...short.reason! }, 'vi')).toBe(short.error);
    expect(errorText({ message: short.error!, ...short.reason! }, 'en')).toMatch(/\(An ID card QR code has 7 fields; 5 were read\. Scan it again\.\)$/);
    expect(errorText({ message: short.error!, ...short.reason! }, 'en')).not.toMatch(VIETNAMESE);
  });

  it('a damaged database and a full disk under SQLite', async () => {
    for (const [code, key] of [['SQLITE_CORRUPT', 'db.corrupt'], ['SQLITE_FULL', 'db.diskFull'], ['SQLITE_READONLY', 'db.readOnly']] as const) {
      const r = await caught(() => {
        throw storageFailure(new Database.SqliteError('sqlite says so', code), '/data/motcua.db');
      });
      expect(r.key).toBe(key);
      expect(r.vi).toMatch(VIETNAMESE);
      expect(r.en).toContain('(sqlite says so)');
      expect(r.en).not.toMatch(VIETNAMESE);
    }
  });

  it('the bridge’s own failure (main unreachable) is keyed and its Vietnamese is the catalog’s', async () => {
    const api = createMotcuaApi({ invoke: () => Promise.reject(new Error('gone')), subscribe: () => () => undefined });
    const r = await api['app.info']({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(formatError('ipc.mainUnreachable', undefined, 'vi'));
    expect(errorText(r.error, 'en')).toBe("The app's main process cannot be reached.");
  });
});
