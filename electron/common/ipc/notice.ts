import { z } from 'zod';
import { formatError, isErrorKey, type ErrorKey, type KeyedText } from './error-messages';

/**
 * A warning that accompanies a success (e.g. the token's "a wrong PIN was entered before"): keyed
 * like a failure, so the renderer and CLI word it in the officer's language; `message` is the
 * Vietnamese wording for logs and older callers.
 */
/** A notice's parameters are plain (its schema checks them); nested wordings are for failures. */
type NoticeParams = Readonly<Record<string, string | number>>;

export interface Notice {
  readonly key: ErrorKey;
  readonly params?: NoticeParams;
  readonly message: string;
}

export function notice(key: ErrorKey, params?: NoticeParams): Notice {
  return { key, ...(params ? { params } : {}), message: formatError(key, params, 'vi') };
}

/** A notice as a parameter of a failure (where a key is kept, inside "the key is not on this PC (…)"): worded with it. */
export function keyedOf(n: Notice): KeyedText {
  return n.params ? { key: n.key, params: n.params } : { key: n.key };
}

export const noticeSchema = z.object({
  key: z.custom<ErrorKey>((k) => typeof k === 'string' && isErrorKey(k), { message: 'Khóa thông báo không có trong danh mục.' }),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});

/** A keyed wording crossing IPC as data (a card warning); its key must be in the catalog. */
export const keyedTextSchema = z.custom<KeyedText>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string' && isErrorKey((v as { key: string }).key),
  { message: 'Khóa thông báo không có trong danh mục.' },
);

/**
 * A keyed wording kept in a text column (a held print job's reason): JSON with its key, so the
 * screen and the CLI can word it later in the officer's language. Rows written before it was keyed
 * hold plain Vietnamese, read back as they are.
 */
export function storedWording(w: KeyedText): string {
  return JSON.stringify({ $key: w.key, ...(w.params ? { params: w.params } : {}) });
}

/** The Vietnamese text of a stored wording (for logs and older callers) and its key, when it has one. */
export function readStoredWording(s: string): { readonly message: string; readonly wording: KeyedText | null } {
  if (!s.startsWith('{"$key"')) return { message: s, wording: null };
  try {
    const v = JSON.parse(s) as { $key?: unknown; params?: KeyedText['params'] };
    if (typeof v.$key !== 'string' || !isErrorKey(v.$key)) return { message: s, wording: null };
    const wording: KeyedText = v.params ? { key: v.$key, params: v.params } : { key: v.$key };
    return { message: formatError(wording.key, wording.params, 'vi'), wording };
  } catch {
    return { message: s, wording: null };
  }
}
