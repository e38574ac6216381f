import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkcs11js from 'pkcs11js';

export const SOFTHSM_MODULE = process.env.MOTCUA_TEST_PKCS11 ?? '/usr/lib/softhsm/libsofthsm2.so';
export const PIN = '123456';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export interface Pki {
  readonly dir: string;
  readonly rootPem: string;
  readonly rootDer: Uint8Array;
  readonly intermediateDer: Uint8Array;
  /** Certificate DER per name, and its CKA_ID (hex). */
  readonly certs: Record<string, { der: Uint8Array; id: string }>;
  readonly nssDir: string;
}

/**
 * A test CA (root → intermediate → signers) and SoftHSM2 tokens holding the signers' keys, made
 * with openssl, softhsm2-util and pkcs11-tool — the same tools an administrator would use.
 * Tokens: "RSA" (RSA-2048, plus a second certificate), "EC" (ECDSA P-256).
 */
export function makePki(dir: string): Pki {
  mkdirSync(join(dir, 'tokens'), { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const p = (f: string) => join(dir, f);
  const ext = p('ext.cnf');
  writeFileSync(
    ext,
    [
      '[ca]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      '[signer]',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-days', '3650', '-subj', '/CN=Motcua Test Root CA/O=Motcua Test/C=VN', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('int.key'), '-out', p('int.csr'), '-subj', '/CN=Motcua Test Issuing CA/O=Motcua Test/C=VN']);
  run('openssl', ['x509', '-req', '-in', p('int.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-CAcreateserial', '-out', p('int.pem'), '-days', '3650', '-extfile', ext, '-extensions', 'ca']);
  const certs: Pki['certs'] = {};
  const signer = (name: string, keyArgs: string[], cn: string, id: string) => {
    run('openssl', ['req', '-newkey', ...keyArgs, '-nodes', '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', `/CN=${cn}/O=UBND xa Tan Phu/C=VN`]);
    run('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('int.pem'), '-CAkey', p('int.key'), '-CAcreateserial', '-out', p(`${name}.pem`), '-days', '730', '-extfile', ext, '-extensions', 'signer']);
    run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', p(`${name}.key`), '-out', p(`${name}.p8`)]);
    run('openssl', ['x509', '-in', p(`${name}.pem`), '-outform', 'DER', '-out', p(`${name}.der`)]);
    certs[name] = { der: new Uint8Array(readFileSync(p(`${name}.der`))), id };
  };
  signer('rsa', ['rsa:2048'], 'Nguyen Van Ky', '01');
  signer('rsa2', ['rsa:2048'], 'Nguyen Van Ky (chung thu 2)', '02');
  signer('ec', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'Tran Thi Ky', 'a1');
  run('openssl', ['x509', '-in', p('int.pem'), '-outform', 'DER', '-out', p('int.der')]);
  const token = (label: string, keys: string[]) => {
    run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '87654321', '--pin', PIN]);
    // Like the CAs' tokens, the issuing CA's certificate is stored beside the signer's.
    run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', PIN, '--write-object', p('int.der'), '--type', 'cert', '--id', 'ca', '--label', 'issuing-ca']);
    for (const k of keys) {
      run('softhsm2-util', ['--import', p(`${k}.p8`), '--token', label, '--label', k, '--id', certs[k]!.id, '--pin', PIN]);
      run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', PIN, '--write-object', p(`${k}.der`), '--type', 'cert', '--id', certs[k]!.id, '--label', k]);
    }
  };
  token('RSA', ['rsa', 'rsa2']);
  token('EC', ['ec']);
  // An NSS database trusting the test root, for pdfsig.
  const nss = p('nssdb');
  mkdirSync(nss, { recursive: true });
  run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  run('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'motcua-test-root', '-t', 'CT,C,C', '-i', p('root.pem')]);
  return {
    dir,
    rootPem: readFileSync(p('root.pem'), 'utf8'),
    rootDer: new Uint8Array(Buffer.from(readFileSync(p('root.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64')),
    intermediateDer: new Uint8Array(Buffer.from(readFileSync(p('int.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64')),
    certs,
    nssDir: nss,
  };
}

export function tokenSerial(label: string): string {
  const out = run('softhsm2-util', ['--show-slots']);
  const blocks = out.split(/Slot \d+/);
  for (const b of blocks) if (new RegExp(`Label:\\s+${label}\\s*$`, 'm').test(b)) return /Serial number:\s+(\S+)/.exec(b)![1]!;
  throw new Error(`no token ${label}`);
}

/** What a recording module saw: user logins and logouts in order, and how many signatures it made. */
export interface Pkcs11Recorder {
  /** "login ok", "login 0xa0" (the CKR code), "logout ok", "logout 0x101"… — logins as CKU_USER only. */
  readonly events: string[];
  signs: number;
  /** Called as the n-th C_SignAsync starts; a returned promise holds that signature back until it settles. */
  beforeSign?: (n: number) => Promise<void> | void;
}

export const newRecorder = (): Pkcs11Recorder => ({ events: [], signs: 0 });

/**
 * A module factory for Pkcs11Token: the real SoftHSM2 through pkcs11js, with every user login,
 * logout and signature written down, so a test can tell which request logged in and what signed.
 */
export function recordingPkcs11(rec: Pkcs11Recorder): () => pkcs11js.PKCS11 {
  return () => {
    const real = new pkcs11js.PKCS11();
    return new Proxy(real, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        const call = (args: unknown[]) => (v as (...a: unknown[]) => unknown).apply(target, args);
        return (...args: unknown[]) => {
          const tracked = (prop === 'C_Login' && args[1] === pkcs11js.CKU_USER) || prop === 'C_Logout';
          const label = prop === 'C_Login' ? 'login' : 'logout';
          if (prop === 'C_SignAsync') {
            const hold = rec.beforeSign?.(++rec.signs);
            if (hold) return hold.then(() => call(args));
          }
          try {
            const r = call(args);
            if (tracked) rec.events.push(`${label} ok`);
            return r;
          } catch (e) {
            if (tracked) rec.events.push(`${label} 0x${((e as { code?: number }).code ?? -1).toString(16)}`);
            throw e;
          }
        };
      },
    });
  };
}
