import { describe, expect, it } from 'vitest';
import { lazyPkcs11Token } from '../../../native/pkcs11/lazy-token';
import { TokenError } from '../../../electron/common/hardware/token';

describe('PKCS#11 token loaded on first use', () => {
  it('creating one loads nothing; a missing library fails the first call with module_not_found, and is tried again on the next', async () => {
    const token = lazyPkcs11Token('/nonexistent/libvendor-pkcs11.so');
    // Never loaded: closing has nothing to do.
    await expect(token.close()).resolves.toBeUndefined();
    for (let i = 0; i < 2; i++) {
      const e = await token.listTokens().then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(TokenError);
      expect((e as TokenError).tokenCode).toBe('module_not_found');
      expect((e as TokenError).message).toContain('/nonexistent/libvendor-pkcs11.so');
    }
  });
});
