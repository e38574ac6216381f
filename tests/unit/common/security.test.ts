import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../electron/common/security/external-url';
import { CONTENT_SECURITY_POLICY } from '../../../electron/common/security/csp';
import { parseOfflineBlock, unitIdentitySchema } from '../../../electron/common/domain/unit';
import { toVietnamRfc3339, vietnamDate } from '../../../electron/common/domain/time';

describe('isSafeExternalUrl (checklist 15)', () => {
  it.each([
    ['https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html', true],
    // Only the listed hosts, exactly: not every site under gov.vn.
    ['https://motcua.hanoi.gov.vn/', false],
    ['https://gov.vn/', false],
    ['http://dichvucong.gov.vn/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['smb://evil/share', false],
    ['https://user:pw@dichvucong.gov.vn/', false],
    ['https://dichvucong.gov.vn.attacker.com/', false],
    ['https://evilgov.vn/', false],
    ['https://dichvucong.gov.vn:8443/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('CSP (checklist 7)', () => {
  it("allows scripts only from 'self' and forbids inline, eval and objects", () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    // The PDF preview's worker: the app's own files only (no blob:, no data:).
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('unit identity', () => {
  it('accepts QCVN 102 and short unit codes and parses offline blocks', () => {
    expect(unitIdentitySchema.safeParse({ unitCode: '000.00.01.H22', unitName: 'UBND', counterId: 'Q01', offlineBlock: null }).success).toBe(true);
    expect(unitIdentitySchema.safeParse({ unitCode: 'H40.22', unitName: 'UBND', counterId: 'Q01', offlineBlock: { from: 1, to: 2 } }).success).toBe(true);
    expect(parseOfflineBlock('9001-9200')).toEqual({ from: 9001, to: 9200 });
    expect(parseOfflineBlock(' 5 - 5 ')).toEqual({ from: 5, to: 5 });
  });

  it('rejects bad codes and blocks with Vietnamese messages', () => {
    const r = unitIdentitySchema.safeParse({ unitCode: 'abc def', unitName: '', counterId: 'Q 1', offlineBlock: null });
    expect(r.success).toBe(false);
    if (!r.success) {
      const text = r.error.issues.map((i) => i.message).join(' ');
      expect(text).toContain('Mã đơn vị');
      expect(text).toContain('Tên đơn vị');
      expect(text).toContain('Mã quầy');
    }
    expect(parseOfflineBlock('9200-9001')).toBeNull();
    expect(parseOfflineBlock('0-10')).toBeNull();
    expect(parseOfflineBlock('10000-10001')).toBeNull();
    expect(parseOfflineBlock('abc')).toBeNull();
  });
});

describe('Vietnam time', () => {
  it('formats instants in +07:00 whatever the machine zone', () => {
    expect(toVietnamRfc3339(new Date('2026-11-21T17:30:05Z'))).toBe('2026-11-22T00:30:05+07:00');
    expect(vietnamDate(new Date('2026-11-21T16:59:59Z'))).toBe('2026-11-21');
    expect(vietnamDate(new Date('2026-11-21T17:00:00Z'))).toBe('2026-11-22');
  });
});
