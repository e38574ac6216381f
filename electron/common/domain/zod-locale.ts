import { z } from 'zod';
import { ERROR_MESSAGES, formatError, isErrorKey, type ErrorKey, type ErrorParam, type ErrorParams } from '../ipc/error-messages';
import { AppFailure, type ErrorCode } from '../ipc/result';

/**
 * Plain Vietnamese for the limits an officer can hit on a form ("Cần ít nhất 3 ký tự.", not zod's
 * "Quá nhỏ: mong đợi string có >=3 ký tự"), worded from the catalog so that `issueDetail` can give
 * the renderer the same reason as a key; the screen puts the field's label in front.
 */
function plainKey(iss: { code: string; origin?: string; minimum?: unknown; maximum?: unknown }, missing: boolean): { key: ErrorKey; params?: ErrorParams } | undefined {
  if (iss.code === 'invalid_type' && missing) return { key: 'field.missing' };
  if (iss.code === 'too_small' && iss.origin === 'string') return Number(iss.minimum) <= 1 ? { key: 'field.missing' } : { key: 'field.tooShort', params: { min: String(iss.minimum) } };
  if (iss.code === 'too_big' && iss.origin === 'string') return { key: 'field.tooLong', params: { max: String(iss.maximum) } };
  if (iss.code === 'too_small' && iss.origin === 'number') return { key: 'field.numberMin', params: { min: String(iss.minimum) } };
  if (iss.code === 'too_big' && iss.origin === 'number') return { key: 'field.numberMax', params: { max: String(iss.maximum) } };
  if (iss.code === 'too_small' && iss.origin === 'array') return { key: 'field.pickAtLeast', params: { min: String(iss.minimum) } };
  if (iss.code === 'too_big' && iss.origin === 'array') return { key: 'field.tooMany', params: { max: String(iss.maximum) } };
  return undefined;
}

export const plainIssue: z.core.$ZodErrorMap = (iss) => {
  const k = plainKey(iss, iss.input === undefined || iss.input === null || iss.input === '');
  return k ? formatError(k.key, k.params, 'vi') : undefined;
};

/**
 * A custom check's reason, keyed: the Vietnamese message zod carries, and the key and parameters
 * in the issue's `params` for `issueDetail` (ctx.addIssue({ code: 'custom', path, ...keyedIssue(…) })).
 */
export function keyedIssue(key: ErrorKey, params?: ErrorParams): { message: string; params: { errorKey: ErrorKey; errorParams?: ErrorParams } } {
  return { message: formatError(key, params, 'vi'), params: params ? { errorKey: key, errorParams: params } : { errorKey: key } };
}

let byWording: Map<string, ErrorKey> | null = null;
/** The catalog's wordings without parameters, to key an enum's fixed `error` text. */
function keyOfWording(message: string): ErrorKey | undefined {
  byWording ??= new Map(
    (Object.keys(ERROR_MESSAGES) as ErrorKey[]).filter((k) => !ERROR_MESSAGES[k].vi.includes('{')).map((k) => [ERROR_MESSAGES[k].vi as string, k]),
  );
  return byWording.get(message);
}

export interface IssueDetail {
  readonly path: string;
  readonly message: string;
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
}

/**
 * A zod issue as a failure detail: its path, its Vietnamese message, and the key that words it in
 * another language — given only when that key words it exactly as the message says in Vietnamese,
 * so that no language ever reads a different reason.
 */
export function issueDetail(i: z.core.$ZodIssue): IssueDetail {
  const path = i.path.join('.');
  const custom = i.code === 'custom' ? (i.params as { errorKey?: unknown; errorParams?: ErrorParams } | undefined) : undefined;
  const fixed = keyOfWording(i.message);
  const candidates = [
    custom && typeof custom.errorKey === 'string' && isErrorKey(custom.errorKey) ? { key: custom.errorKey, ...(custom.errorParams ? { params: custom.errorParams } : {}) } : undefined,
    plainKey(i as never, i.message === formatError('field.missing', undefined, 'vi')),
    fixed ? { key: fixed } : undefined,
  ];
  const keyed = candidates.find((c) => c !== undefined && formatError(c.key, c.params, 'vi') === i.message);
  return keyed ? { path, message: i.message, ...keyed } : { path, message: i.message };
}

/**
 * Zod's built-in messages in Vietnamese, for every schema of the app: an officer never sees
 * "Invalid input". Imported for its effect by the contract and the domain schemas.
 */
z.config({ ...z.locales.vi(), customError: plainIssue });

/**
 * A refused parse as a typed failure: keyed by its first issue (worded per language), every issue
 * kept in the details, and the message the Vietnamese reasons in order, as before.
 */
export function issuesFailure(code: ErrorCode, issues: readonly z.core.$ZodIssue[]): AppFailure {
  const details = issues.map(issueDetail);
  const first = details[0];
  const message = details.map((d) => d.message).join(' ');
  return new AppFailure(code, message, details, first?.key ? { key: first.key, ...(first.params ? { params: first.params } : {}) } : undefined);
}

/** An issue's reason as a parameter of another message: keyed when it can be, else its text. */
export function keyedReason(d: IssueDetail): ErrorParam {
  return d.key ? (d.params ? { key: d.key, params: d.params } : { key: d.key }) : d.message;
}

/** A parameterless catalog wording in Vietnamese, for a schema's fixed message (issueDetail keys it back). */
export const vi = (key: ErrorKey): string => formatError(key, undefined, 'vi');
