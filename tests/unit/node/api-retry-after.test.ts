import { describe, expect, it } from 'vitest';
import { errorText } from '../../../electron/common/ipc/result';
import { wordingOfText } from '../../../electron/common/ipc/net-wording';
import { refusedWith, retryAfterMs, retryFor } from '../../../electron/node/sync/api-types';

describe('Retry-After', () => {
  const NOW = Date.parse('2026-12-01T03:00:00Z');
  it('reads seconds and HTTP dates, capped at an hour', () => {
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs('5', NOW)).toBe(5000);
    expect(retryAfterMs(' 120 ', NOW)).toBe(120_000);
    expect(retryAfterMs('999999', NOW)).toBe(3_600_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 03:00:30 GMT', NOW)).toBe(30_000);
    // A date already past: retry now, not a negative wait.
    expect(retryAfterMs('Tue, 01 Dec 2026 02:00:00 GMT', NOW)).toBe(0);
  });

  it('is no delay at all when absent or unreadable, so the backoff decides (a proxy 503 sends none)', () => {
    for (const h of [null, undefined, '', '  ', 'soon', '-5', '1.5']) expect(retryAfterMs(h, NOW), String(h)).toBeNull();
  });
});

describe("the client's HTTP reasons are keyed with their status", () => {
  it('word a busy or failing server in both languages and read back from the Vietnamese', () => {
    const busy = retryFor('net.serverBusy', null, { status: 503 });
    expect(busy.reason).toBe('máy chủ tỉnh đang bận (HTTP 503)');
    expect(errorText({ message: busy.reason, ...busy.wording! }, 'en')).toBe('the provincial server is busy (HTTP 503)');
    expect(wordingOfText('máy chủ tỉnh trả lỗi HTTP 502')).toEqual({ key: 'net.serverError', params: { status: '502' } });
    expect(wordingOfText('tus: máy chủ trả lỗi HTTP 500')).toEqual({ key: 'net.uploadStatus', params: { status: '500' } });
  });

  it("keep the server's own refusal text, and word the status only when it sent none", () => {
    expect(refusedWith(403, 'Thiết bị bị khóa')).toEqual({ message: 'Thiết bị bị khóa' });
    expect(refusedWith(403, undefined)).toEqual({ message: 'máy chủ tỉnh từ chối yêu cầu (HTTP 403)', wording: { key: 'net.serverRefusedStatus', params: { status: 403 } } });
  });
});

describe('a 503 from a proxy in front of the province', () => {
  it('comes back as busy with no delay of its own (the engine backs off), and a 503 with Retry-After keeps it', async () => {
    const { createServer } = await import('node:http');
    const { ProvincialApi } = await import('../../../electron/node/sync/provincial-api');
    let retryAfter: string | null = null;
    const server = createServer((req, res) => {
      if (req.url === '/api/v1/oauth/token') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      res.writeHead(503, retryAfter ? { 'retry-after': retryAfter } : {}).end('<html>503 Service Temporarily Unavailable</html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const api = new ProvincialApi({ baseUrl: `http://127.0.0.1:${port}/api/v1`, clientId: 'c', clientSecret: 's' });
      expect(await api.getUnit('000.00.01.H22')).toEqual({ kind: 'retry', afterMs: null, reason: 'máy chủ tỉnh đang bận (HTTP 503)', wording: { key: 'net.serverBusy', params: { status: 503 } } });
      retryAfter = '7';
      expect(await api.getUnit('000.00.01.H22')).toMatchObject({ kind: 'retry', afterMs: 7000 });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
