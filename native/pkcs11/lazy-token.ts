import type { SignatureToken } from '../../electron/common/hardware/token';

/**
 * A PKCS#11 token whose binding (pkcs11js, and pkijs for the certificates) loads on the first
 * call: the app starts without it, and a counter that never signs never loads it.
 */
export function lazyPkcs11Token(modulePath: string): SignatureToken {
  let token: Promise<SignatureToken> | null = null;
  // A library that fails to load (not installed yet) is tried again on the next call, as a new token would be.
  const real = () =>
    (token ??= import('./pkcs11-token')
      .then(({ Pkcs11Token }) => new Pkcs11Token(modulePath))
      .catch((e: unknown) => {
        token = null;
        throw e;
      }));
  return {
    listTokens: async () => (await real()).listTokens(),
    listCertificates: async (t) => (await real()).listCertificates(t),
    sign: async (req) => (await real()).sign(req),
    // Never loaded: nothing to close.
    close: async () => (token ? (await token).close() : undefined),
  };
}
