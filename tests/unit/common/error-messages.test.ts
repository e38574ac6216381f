import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, formatError, type ErrorKey } from '../../../electron/common/ipc/error-messages';
import { AppFailure, errorText, failure, toAppError } from '../../../electron/common/ipc/result';
import { authorize } from '../../../electron/node/core/authorize';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('errors as keys with parameters, worded per language', () => {
  it.each(Object.keys(ERROR_MESSAGES) as ErrorKey[])('%s has a Vietnamese and an English wording over the same parameters', (key) => {
    const { vi, en } = ERROR_MESSAGES[key];
    expect(vi.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(vi).not.toBe(en);
    // English may leave out a parameter that only reads in Vietnamese (a role's Vietnamese name), never add one.
    expect(placeholders(vi)).toEqual(expect.arrayContaining(placeholders(en)));
    expect(formatError(key, Object.fromEntries(placeholders(vi).map((p) => [p, 'X'])), 'en')).not.toMatch(/\{\w+\}/);
  });

  it('the messages once sent as Vietnamese text only are in the catalog (issue 16): certificates, trust store, TSA, PIN, documents, import', () => {
    const keys = [
      'signing.clockWrong', 'signing.certNotYetValid', 'signing.certExpired', 'signing.certKeyUsage', 'signing.certUntrusted',
      'trust.dirUnreadable', 'trust.dirEmpty',
      'tsa.timeout', 'tsa.unreachable', 'tsa.httpError', 'tsa.unreadable', 'tsa.refused', 'tsa.noToken', 'tsa.mismatch',
      'token.pinCountLow', 'token.pinIncorrect', 'token.pinIncorrectLow', 'token.pinIncorrectFinalTry', 'token.pinIncorrectLocked', 'token.pinLocked', 'token.pinFinalTry',
      'intake.missingDocuments', 'intake.noPostalAddress', 'import.invalid', 'import.badCccd', 'import.badTime',
    ];
    expect(keys.filter((k) => !Object.hasOwn(ERROR_MESSAGES, k))).toEqual([]);
    expect(formatError('tsa.httpError', { status: 503 }, 'en')).toBe('The time-stamp server answered with HTTP error 503.');
    expect(formatError('tsa.httpError', { status: 503 }, 'vi')).toBe('Máy chủ dấu thời gian trả lỗi HTTP 503.');
  });

  it('a failure carries its code, key and parameters, and its message is the Vietnamese wording', () => {
    const f = failure('not_found', 'dossier.notFound', { code: '000.00.01.H22-261130-0001' });
    expect(f).toBeInstanceOf(AppFailure);
    expect(f.toError()).toEqual({
      code: 'not_found',
      message: 'Không có hồ sơ mã 000.00.01.H22-261130-0001.',
      key: 'dossier.notFound',
      params: { code: '000.00.01.H22-261130-0001' },
    });
    expect(errorText(f.toError(), 'en')).toBe('No dossier with code 000.00.01.H22-261130-0001.');
  });

  it('the role refusal from the one access decision reads in both languages', () => {
    let e: unknown;
    try {
      authorize({ command: 'report daily' }, ['officer']);
    } catch (x) {
      e = x;
    }
    expect(errorText(toAppError(e), 'vi')).toBe('Tài khoản của bạn không có vai trò supervisor (giám sát) cần cho chức năng này.');
    expect(errorText(toAppError(e), 'en')).toBe('Your account lacks the supervisor role this function needs.');
  });

  it('an unkeyed error is shown as sent, and an unexpected one as the internal error without its detail', () => {
    expect(errorText({ message: 'Tệp không đọc được.' }, 'en')).toBe('Tệp không đọc được.');
    const internal = toAppError(new Error('secret detail 001090123456'));
    expect(internal.code).toBe('internal');
    expect(errorText(internal, 'en')).toBe(formatError('internal', undefined, 'en'));
    expect(JSON.stringify(internal)).not.toContain('001090123456');
  });
});
