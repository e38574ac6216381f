import { describe, expect, it } from 'vitest';
import { fieldIssues, plainMessage } from '../../../renderer/src/field-errors';

const FIELDS = {
  ChuHoSo: { name: 'ChuHoSo', label: 'Họ và tên' },
  SoDienThoai: { name: 'SoDienThoai', label: 'Số điện thoại' },
  'unit.offlineBlock': { name: 'setupBlock', label: 'Khối số ngoại tuyến' },
  username: { name: 'username', label: 'Tên đăng nhập' },
};

describe('refusals worded with the form’s labels, never internal names', () => {
  it('maps a path by its tail, its head or whole, and drops the national field name from the message', () => {
    const r = fieldIssues(
      {
        details: [
          { path: 'draft.ChuHoSo', message: 'Chưa nhập tên người nộp / tổ chức (ChuHoSo).' },
          { path: 'draft.SoDienThoai', message: 'Số điện thoại không hợp lệ (ví dụ 0912345678).' },
          { path: 'unit.offlineBlock.from', message: 'Phải từ 1 trở lên.' },
          { path: 'admin.username', message: 'Cần ít nhất 3 ký tự.' },
        ],
      },
      FIELDS,
    );
    expect(r.issues).toEqual([
      { field: 'ChuHoSo', text: 'Họ và tên: Chưa nhập tên người nộp / tổ chức.' },
      { field: 'SoDienThoai', text: 'Số điện thoại: Số điện thoại không hợp lệ (ví dụ 0912345678).' },
      { field: 'setupBlock', text: 'Khối số ngoại tuyến: Phải từ 1 trở lên.' },
      { field: 'username', text: 'Tên đăng nhập: Cần ít nhất 3 ký tự.' },
    ]);
    expect(r.other).toEqual([]);
  });
  it('keeps a detail about no known field, without its path, and one issue per field', () => {
    const r = fieldIssues(
      {
        details: [
          { path: 'draft.TaiLieuNop.0', message: 'Chưa nhập.' },
          { path: 'draft.ChuHoSo', message: 'Chưa nhập.' },
          { path: 'draft.ChuHoSo', message: 'Dài quá: tối đa 300 ký tự.' },
        ],
      },
      FIELDS,
    );
    expect(r.issues).toEqual([{ field: 'ChuHoSo', text: 'Họ và tên: Chưa nhập.' }]);
    expect(r.other).toEqual(['Chưa nhập.']);
  });
  it('strips a leading internal path', () => {
    expect(plainMessage('draft.ChuHoSo: Chưa nhập.')).toBe('Chưa nhập.');
    expect(plainMessage('Email không hợp lệ.')).toBe('Email không hợp lệ.');
  });
});
