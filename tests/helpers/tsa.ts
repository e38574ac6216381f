import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A local RFC 3161 timestamp authority: `openssl ts -reply` behind a loopback HTTP endpoint,
 * with a TSA certificate issued by the test CA (extendedKeyUsage timeStamping).
 */
export async function startTsa(pkiDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const d = join(pkiDir, 'tsa');
  mkdirSync(d, { recursive: true });
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(d, 'ext.cnf'), '[tsa]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n');
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(d, 'tsa.key'), '-out', join(d, 'tsa.csr'), '-subj', '/CN=Motcua Test TSA/C=VN']);
  run(['x509', '-req', '-in', join(d, 'tsa.csr'), '-CA', join(pkiDir, 'int.pem'), '-CAkey', join(pkiDir, 'int.key'), '-CAcreateserial', '-out', join(d, 'tsa.pem'), '-days', '365', '-extfile', join(d, 'ext.cnf'), '-extensions', 'tsa']);
  writeFileSync(join(d, 'serial'), '01\n');
  writeFileSync(
    join(d, 'tsa.cnf'),
    [
      '[tsa]',
      'default_tsa = tsa_config',
      '[tsa_config]',
      `dir = ${d}`,
      'serial = $dir/serial',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const q = join(d, `q${++n}.tsq`);
      writeFileSync(q, Buffer.concat(chunks));
      try {
        const reply = execFileSync('openssl', ['ts', '-reply', '-config', join(d, 'tsa.cnf'), '-queryfile', q, '-signer', join(d, 'tsa.pem'), '-inkey', join(d, 'tsa.key'), '-chain', join(pkiDir, 'int.pem')], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
        res.end(reply);
      } catch (e) {
        res.writeHead(500);
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, close: () => new Promise((r) => server.close(() => r())) };
}
