import { access, constants } from 'node:fs/promises';

/**
 * Why a serial port did not open, as an error with an errno code where one can be found.
 * serialport's bindings report an open failure as text only ("Error: <strerror>, cannot open
 * <path>"), with no code to word it by: the port's device node is asked directly, and its own
 * refusal (ENOENT, EACCES…) stands for the failure. Otherwise (a port in use, a Windows COM name,
 * which is no file) the original error is kept, shown as it came.
 */
export async function portError(path: string, e: unknown): Promise<unknown> {
  if (!path.startsWith('/')) return e;
  try {
    await access(path, constants.R_OK | constants.W_OK);
    return e;
  } catch (why) {
    return why;
  }
}
