import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export const contentTypeOf = (path: string): string => TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps a request on the app's origin to a file under the built renderer, or null. Used by the
 * Electron `app://` handler and the Chromium host alike. Anything that is not exactly our
 * origin, or whose decoded path escapes the root (`..`, encoded `%2e%2e`, backslashes), is refused.
 */
export function resolveAppRequest(rawUrl: string, origin: string, root: string): string | null {
  // WHATWG URL parsing silently folds `..` segments; our renderer never sends them, so a raw
  // dot segment (plain or percent-encoded) is an attack and is refused before parsing.
  if (/(^|[/\\])(\.|%2e){1,2}([/\\?#]|%2f|%5c|$)/i.test(rawUrl.replace(/^[a-z]+:\/\/[^/]*/i, ''))) return null;
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return null;
  }
  const reqOrigin = u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  if (reqOrigin !== origin || u.username || u.password) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const rel = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  const full = normalize(join(root, rel));
  const rootNorm = normalize(root.endsWith(sep) ? root : root + sep);
  return full.startsWith(rootNorm) ? full : null;
}

/** Files warmed ahead of the first request: the page, its chunks, styles and fonts; not the PDF worker. */
const WARM_MAX_BYTES = 1 << 20;

export interface FileCache {
  /** Reads the built renderer's files into memory (errors are left to `read`); resolves when they are held. */
  warm(): Promise<void>;
  /** A file's bytes (read once, then from memory), or null when it is not a file. */
  read(path: string): Promise<Buffer | null>;
}

/**
 * The built renderer held in memory: it does not change while the app runs, and a window's
 * start asks for the same few files, each through a round trip that should not also wait on the disk.
 */
export function fileCache(root: string): FileCache {
  const held = new Map<string, Promise<Buffer | null>>();
  const read = (path: string) => {
    let p = held.get(path);
    if (!p) {
      p = readFile(path).catch(() => null);
      held.set(path, p);
    }
    return p;
  };
  const warmDir = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await warmDir(full);
      else if (e.isFile() && (await stat(full)).size <= WARM_MAX_BYTES) await read(full);
    }
  };
  return {
    warm: () => warmDir(root).catch(() => undefined),
    read,
  };
}
