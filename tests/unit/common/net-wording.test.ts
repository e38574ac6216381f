import { describe, expect, it } from 'vitest';
import { formatError } from '../../../electron/common/ipc/error-messages';
import { wordingOfText } from '../../../electron/common/ipc/net-wording';
import { errorText } from '../../../electron/common/ipc/result';

/** How the sync panel and `motcua sync` word a reason kept as Vietnamese text. */
const en = (vi: string) => errorText({ message: vi, ...wordingOfText(vi) }, 'en');

describe('network and pull reasons kept as text are worded in English (issue 16)', () => {
  it('the upload and network reasons: English beside the unchanged Vietnamese', () => {
    expect(formatError('net.uploadGone', undefined, 'vi')).toBe('Phiên tải lên đã hết hạn trên máy chủ.');
    expect(en('Phiên tải lên đã hết hạn trên máy chủ.')).toBe('The upload session expired on the server.');
    expect(en('Máy chủ tỉnh chỉ nơi tải tệp lên ở một địa chỉ khác: từ chối gửi tệp.')).toBe('The provincial server pointed the upload to another address: the file was not sent.');
    expect(en('tus: Upload-Offset không hợp lệ')).toBe('tus: invalid Upload-Offset');
    expect(en('hết thời gian chờ')).toBe('timed out');
    expect(en('Tệp kết quả quá lớn so với giới hạn: đã ngừng tải.')).toBe('The result file is over the size limit: download stopped.');
  });

  it("an item's reason with its dossier code, a tus reason around a network one, and a pull's with its parameters", () => {
    expect(wordingOfText('000.00.01.H22-261130-0001: hết thời gian chờ')).toEqual({ key: 'net.itemReason', params: { code: '000.00.01.H22-261130-0001', reason: { key: 'net.timeout' } } });
    expect(en('000.00.01.H22-261130-0001: hết thời gian chờ')).toBe('Dossier 000.00.01.H22-261130-0001: timed out');
    expect(en('tus: hết thời gian chờ')).toBe('upload (tus): timed out');
    expect(en('lịch 2026: mất kết nối')).toBe('calendar 2026: connection lost');
    expect(en('danh mục: bỏ qua 3 thủ tục sai định dạng')).toBe('catalog: skipped 3 malformed procedures');
    expect(en('000.00.01.H22-261130-0001: tải kết quả thất bại (HTTP 500)')).toBe('000.00.01.H22-261130-0001: result download failed (HTTP 500)');
  });

  it('a plain network reason inside another message is worded with it', () => {
    expect(errorText({ message: 'x', key: 'unit.provinceUnreachable', params: { reason: wordingOfText('mất kết nối') ?? 'mất kết nối' } }, 'en')).toContain('connection lost');
  });

  it("the server's own words stay as they are, even shaped 'X: Y'", () => {
    expect(wordingOfText('Mã hồ sơ không hợp lệ')).toBeNull();
    expect(wordingOfText('ChuHoSo: bắt buộc')).toBeNull();
    expect(en('ChuHoSo: bắt buộc')).toBe('ChuHoSo: bắt buộc');
  });
});
