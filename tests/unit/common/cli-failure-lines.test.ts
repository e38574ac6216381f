import { describe, expect, it } from 'vitest';
import { failureLines } from '../../../electron/cli/failure-lines';
import { formatError } from '../../../electron/common/ipc/error-messages';

const keyed = (key: 'field.missing') => ({ message: formatError(key, undefined, 'vi'), key });

describe('failureLines: a typed failure as the CLI prints it', () => {
  it('no details, or details its message already says: one line', () => {
    expect(failureLines({ message: 'Hỏng.' }, 'vi')).toEqual(['Hỏng.']);
    expect(failureLines({ message: 'A. B.', details: [{ path: 'x', message: 'A.' }, { path: 'y', message: 'B.' }] }, 'vi')).toEqual(['A. B.']);
  });

  it('a subject\'s detail alone, a field\'s with its path, keyed ones in the locale, each once', () => {
    const e = { message: 'Không nạp được.', details: [{ path: 'module', message: '/x.so: file too short' }, { path: 'ChuHoSo', ...keyed('field.missing') }, { path: 'ChuHoSo', ...keyed('field.missing') }] };
    expect(failureLines(e, 'vi')).toEqual(['Không nạp được.', `Chi tiết: /x.so: file too short; ChuHoSo: ${formatError('field.missing', undefined, 'vi')}`]);
    expect(failureLines(e, 'en')[1]).toBe(`Details: /x.so: file too short; ChuHoSo: ${formatError('field.missing', undefined, 'en')}`);
  });

  it('never a detail about a PIN, a password or a secret', () => {
    const e = { message: 'Sai.', details: [{ path: 'pin', message: '246813' }, { path: 'newPassword', message: 'mk-123' }, { path: 'clientSecret', message: 's3' }] };
    expect(failureLines(e, 'vi')).toEqual(['Sai.']);
  });
});
