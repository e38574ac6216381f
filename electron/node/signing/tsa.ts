import * as asn1js from 'asn1js';
import { createHash, randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import { failure } from '../../common/ipc/result';

const toAB = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

/**
 * RFC 3161 client for PAdES B-T: asks the TSA for a token over the signature value and checks
 * that the answer is granted and stamps exactly that value before it goes into the CMS.
 */
export function rfc3161(url: string, o: { timeoutMs?: number } = {}): (signature: Uint8Array) => Promise<Uint8Array> {
  return async (signature) => {
    const imprint = createHash('sha256').update(signature).digest();
    const nonce = randomBytes(8);
    const req = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
        hashedMessage: new asn1js.OctetString({ valueHex: toAB(imprint) }),
      }),
      nonce: new asn1js.Integer({ valueHex: toAB(nonce) }),
      certReq: true,
    });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/timestamp-query' },
        body: Buffer.from(req.toSchema().toBER()),
        signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
      });
    } catch (e) {
      // fetch's own text ("fetch failed", "The operation was aborted…") is English: say which of the two it was.
      const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
      throw failure('device_error', timedOut ? 'tsa.timeout' : 'tsa.unreachable', { url });
    }
    if (!res.ok) throw failure('device_error', 'tsa.httpError', { status: res.status });
    const body = new Uint8Array(await res.arrayBuffer());
    let resp: pkijs.TimeStampResp;
    let tst: pkijs.TSTInfo | null = null;
    try {
      resp = new pkijs.TimeStampResp({ schema: asn1js.fromBER(toAB(body)).result });
      if (resp.timeStampToken) {
        const sd = new pkijs.SignedData({ schema: resp.timeStampToken.content });
        tst = new pkijs.TSTInfo({ schema: asn1js.fromBER(sd.encapContentInfo.eContent!.valueBlock.valueHexView).result });
      }
    } catch {
      // pkijs words a malformed answer in English: the officer gets one Vietnamese sentence.
      throw failure('device_error', 'tsa.unreadable');
    }
    if (resp.status.status !== 0 && resp.status.status !== 1) throw failure('device_error', 'tsa.refused', { status: resp.status.status });
    if (!resp.timeStampToken || !tst) throw failure('device_error', 'tsa.noToken');
    if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint)) {
      throw failure('device_error', 'tsa.mismatch');
    }
    return new Uint8Array(resp.timeStampToken.toSchema().toBER());
  };
}
