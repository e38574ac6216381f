import type { KeyedText } from '../common/ipc/error-messages';
import { errorText } from '../common/ipc/result';

/** MOTCUA_LANG=en words keyed text in English; Vietnamese otherwise, as at the counter. */
export function cliLocale(): 'vi' | 'en' {
  return process.env.MOTCUA_LANG === 'en' ? 'en' : 'vi';
}

/** A stored or returned text in the CLI's language: its key's wording when it has one, else the Vietnamese as sent. */
export function cliText(message: string, wording: KeyedText | null | undefined): string {
  return errorText({ message, ...(wording ?? {}) }, cliLocale());
}
