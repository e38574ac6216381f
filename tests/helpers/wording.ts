import { errorText, toAppError } from '../../electron/common/ipc/result';

/** Any Vietnamese letter with a diacritic (and đ): none may reach an officer working in English. */
export const VIETNAMESE = /[À-ỹđĐ]/u;

/** What a failing call says in each language, with its key and parameters; throws when the call does not fail. */
export async function caught(f: () => unknown): Promise<{ vi: string; en: string; key: string | undefined; params: unknown }> {
  try {
    await f();
  } catch (e) {
    const err = toAppError(e);
    return { vi: errorText(err, 'vi'), en: errorText(err, 'en'), key: err.key, params: err.params };
  }
  throw new Error('expected a failure');
}
