import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON (or empty) answer with the `X-Request-Id` every response carries (contract §0). */
export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const h = { 'X-Request-Id': randomUUID(), ...headers };
  if (body === undefined) {
    res.writeHead(status, h);
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...h });
  res.end(JSON.stringify(body));
}

/** The contract's error body: `{"error": code, "message": Vietnamese text, …}`. */
export const err = (res: ServerResponse, status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  send(res, status, { error, message, ...extra }, headers);

export async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
