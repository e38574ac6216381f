import type { KeyedText } from '../common/ipc/error-messages';
import type { Notice } from '../common/ipc/notice';
import { errorText } from '../common/ipc/result';

/** MOTCUA_LANG=en words keyed text in English; Vietnamese otherwise, as at the counter. */
export function cliLocale(): 'vi' | 'en' {
  return process.env.MOTCUA_LANG === 'en' ? 'en' : 'vi';
}

/** A stored or returned text in the CLI's language: its key's wording when it has one, else the Vietnamese as sent. */
export function cliText(message: string, wording: KeyedText | null | undefined): string {
  return errorText({ message, ...(wording ?? {}) }, cliLocale());
}

/** A line of the CLI's own (a success, a hint, a heading) in MOTCUA_LANG's language. */
export function say(vi: string, en: string): string {
  return cliLocale() === 'en' ? en : vi;
}

/** A notice (where a secret is kept, its warning) in the CLI's language. */
export function noticeText(n: Notice): string {
  return cliText(n.message, n);
}

/** The help flag's text, set on every command group (its subcommands inherit it). */
export const helpFlagText = (): string => say('hiển thị trợ giúp', 'show help');

/** `--json`'s text, which nearly every command repeats. */
export const jsonFlagText = (): string => say('in kết quả dạng JSON', 'print the result as JSON');
