/**
 * One structured logger for every Node-side module. Fields are whitelisted by callers: a line
 * carries channels, codes and durations — never PINs, passwords or citizens' data (see redact).
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
const SECRET_KEYS = /pin|pass(word)?|secret|token|cccd|sodinhdanh|sogiayto|hoten|chuhoso|phone|sodienthoai|email|diachi|address/i;

export function redact(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : v;
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
