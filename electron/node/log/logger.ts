/**
 * One structured logger for every Node-side module. Fields are whitelisted by callers: a line
 * carries channels, codes and durations — never PINs, passwords, citizens' data or error
 * messages (see redact and errorCode).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Keys whose values are never written, whatever a caller passes by mistake. */
const SECRET_KEYS = /pin|pass(word)?|secret|token|cccd|sodinhdanh|sogiayto|hoten|chuhoso|phone|sodienthoai|email|diachi|address|path|file|dir|user|name/i;
/**
 * Keys that usually carry an error's text. Error messages embed file names (a scan named after
 * the citizen), SQL values and whatever a library put there: only a code-like value survives.
 */
const MESSAGE_KEYS = /^(err(or)?|message|msg|reason|cause|stack|detail(s)?|description)$/i;
/** A code: `ENOENT`, `SQLITE_BUSY`, `TypeError`, `ipc.refused`, `http_503` — no spaces, slashes or accents. */
const CODE_LIKE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * What to log for a caught error: its code (`ENOENT`, `SQLITE_BUSY`, an AppFailure's code) or
 * its class name — never its message.
 */
export function errorCode(e: unknown): string {
  if (!(e instanceof Error)) return 'unknown';
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && CODE_LIKE.test(code)) return code;
  return CODE_LIKE.test(e.name) ? e.name : 'Error';
}

function redactValue(key: string, v: unknown, depth: number): unknown {
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (v instanceof Error) return errorCode(v);
  if (MESSAGE_KEYS.test(key) && typeof v === 'string') return CODE_LIKE.test(v) ? v : '[redacted]';
  if (v && typeof v === 'object') {
    if (depth >= 3) return '[redacted]';
    if (Array.isArray(v)) return v.map((x) => redactValue(key, x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = redactValue(k, x, depth + 1);
    return out;
  }
  return v;
}

export function redact(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = redactValue(k, v, 0);
  return out;
}

export function createLogger(opts: { scope?: string; level?: LogLevel; sink?: LogSink } = {}): Logger {
  const level = opts.level ?? ((process.env.MOTCUA_LOG_LEVEL as LogLevel | undefined) ?? 'warn');
  const sink = opts.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const scope = opts.scope ?? 'app';
  const write = (l: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[l] < ORDER[level]) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level: l, scope, msg, ...redact(fields) }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (s) => createLogger({ scope: `${scope}.${s}`, level, sink }),
  };
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
