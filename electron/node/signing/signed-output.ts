import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import { failure } from '../../common/ipc/result';
import type { SettingsService } from '../settings/settings-service';

/** Documents/Một Cửa Desk/Đã ký under the given Documents folder (the user's, unless a test gives its own). */
export const defaultSignedDir = (documentsDir: string = join(homedir(), 'Documents')): string => join(documentsDir, 'Một Cửa Desk', 'Đã ký');

/**
 * Where signed copies go. They are the officer's exports, meant to be sent or printed, so they are
 * written in clear to a folder of their choosing, not into the sealed data directory. The renderer
 * never names a path: it asks to choose (the OS dialog) or to open this one folder.
 */
export class SignedOutputService {
  constructor(private readonly d: { settings: SettingsService; defaultDir: string }) {}

  async folder(): Promise<string> {
    return (await this.d.settings.get('signing.outputDir')) ?? this.d.defaultDir;
  }

  /** The folder, created when missing (the first signature, or a folder removed since). */
  async ensure(): Promise<string> {
    const dir = await this.folder();
    await mkdir(dir, { recursive: true }).catch(() => {
      throw failure('read_only', 'signing.outputUnwritable', { dir });
    });
    return dir;
  }

  async choose(actor: Actor, dir: string): Promise<string> {
    if (!isAbsolute(dir)) throw failure('invalid_input', 'signing.outputNotAbsolute');
    await this.d.settings.set('signing.outputDir', dir, actor);
    return dir;
  }
}
