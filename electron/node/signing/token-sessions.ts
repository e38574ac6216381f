import { existsSync } from 'node:fs';
import type { SignatureToken } from '../../common/hardware/token';
import { TOKEN_MODULE_CANDIDATES } from '../../common/hardware/token-modules';
import { AppFailure } from '../../common/ipc/result';
import type { SettingsService } from '../settings/settings-service';
import { loadTrustAnchors } from './trust-store';

/**
 * The PKCS#11 module this PC signs with and the trust anchors signatures are checked against,
 * for every signing entry point (Trả kết quả, Ký số, day close, CLI). One loaded module per
 * path: loading a vendor library twice in one process is not safe with every driver.
 */
export class TokenSessions {
  #cache: { path: string; token: SignatureToken } | null = null;

  constructor(private readonly d: { settings: SettingsService; factory: (modulePath: string) => SignatureToken }) {}

  async modulePath(explicit?: string | null): Promise<string> {
    const configured = explicit ?? (await this.d.settings.get('devices.tokenModule'));
    const path = configured ?? (TOKEN_MODULE_CANDIDATES[process.platform as 'win32' | 'linux' | 'darwin'] ?? []).find((p) => existsSync(p));
    if (!path) throw new AppFailure('not_found', 'Chưa có thư viện PKCS#11 của token: cài trình điều khiển của nhà cung cấp hoặc chọn trong Cài đặt → Thiết bị.');
    return path;
  }

  async token(explicitModule?: string | null): Promise<SignatureToken> {
    const path = await this.modulePath(explicitModule);
    if (this.#cache?.path !== path) this.#cache = { path, token: this.d.factory(path) };
    return this.#cache.token;
  }

  /** Forget the loaded module after the setting changed. */
  reset(): void {
    this.#cache = null;
  }

  /** Root certificates from the configured folder, or null when none is configured (a configured but empty folder is an error). */
  async trustAnchors(): Promise<Uint8Array[] | null> {
    return loadTrustAnchors(await this.d.settings.trustDir());
  }
}
