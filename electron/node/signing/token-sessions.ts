import { isAbsolute } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import type { SignatureToken } from '../../common/hardware/token';
import { pickDetected, type TokenModuleCandidate } from '../../common/hardware/token-modules';
import { failure } from '../../common/ipc/result';
import type { SettingsService } from '../settings/settings-service';
import { settingTampered } from '../auth/record-integrity';
import { detectTokenModules, envRegistryDirs, type DetectOptions } from './token-module-detect';
import { loadTrustAnchors } from './trust-store';

/**
 * The PKCS#11 module this PC signs with and the trust anchors signatures are checked against,
 * for every signing entry point (Trả kết quả, Ký số, day close, CLI). One loaded module per
 * path: loading a vendor library twice in one process is not safe with every driver.
 */
export class TokenSessions {
  #cache: { path: string; token: SignatureToken } | null = null;
  #detected: string | null = null;

  constructor(private readonly d: { settings: SettingsService; factory: (modulePath: string) => SignatureToken; detect?: Omit<DetectOptions, 'configured'> }) {}

  /** The --module given, else the configured module, else the detected one (remembered for this process). */
  async modulePath(explicit?: string | null): Promise<string> {
    // A library path written outside the app is never loaded, nor replaced by a guess from the known paths.
    if (explicit == null && (await this.d.settings.tampered('devices.tokenModule'))) throw settingTampered('devices.tokenModule');
    const configured = explicit ?? (await this.d.settings.get('devices.tokenModule'));
    const path = configured ?? (this.#detected ??= pickDetected(await this.modules())?.path ?? null);
    if (!path) throw failure('not_found', 'signing.noModule');
    return path;
  }

  /** Every candidate module (configured, p11-kit or Windows registry, the CAs' known paths), each probed in a child process. */
  async modules(): Promise<TokenModuleCandidate[]> {
    const configured = await this.d.settings.get('devices.tokenModule');
    return detectTokenModules({ extraRegistryDirs: envRegistryDirs(), ...this.d.detect, configured });
  }

  async token(explicitModule?: string | null): Promise<SignatureToken> {
    const path = await this.modulePath(explicitModule);
    if (this.#cache?.path !== path) this.#cache = { path, token: this.d.factory(path) };
    return this.#cache.token;
  }

  /** Forget the loaded module after the setting changed. */
  reset(): void {
    this.#cache = null;
    this.#detected = null;
  }

  /** Cài đặt → Thiết bị: the vendor's PKCS#11 library (null: detect from the known paths); audited. */
  async setModule(actor: Actor, path: string | null): Promise<void> {
    if (path && !isAbsolute(path)) throw failure('invalid_input', 'token.modulePathNotAbsolute');
    await this.d.settings.set('devices.tokenModule', path || null, actor);
    this.reset();
  }

  /**
   * The trusted root certificates' folder (null: no chain check). Read before it is saved, so a
   * folder that cannot be read or holds no certificate is refused here rather than at signing.
   */
  async setTrustDir(actor: Actor, dir: string | null): Promise<number | null> {
    if (dir && !isAbsolute(dir)) throw failure('invalid_input', 'trust.dirNotAbsolute');
    const anchors = await loadTrustAnchors(dir || null);
    await this.d.settings.set('signing.trustDir', dir || null, actor);
    return anchors ? anchors.length : null;
  }

  /** Root certificates from the configured folder, or null when none is configured (a configured but empty folder is an error). */
  async trustAnchors(): Promise<Uint8Array[] | null> {
    // Read as unset, a changed folder would silently turn the chain check off.
    if (!process.env.MOTCUA_TRUST_DIR && (await this.d.settings.tampered('signing.trustDir'))) throw settingTampered('signing.trustDir');
    return loadTrustAnchors(await this.d.settings.trustDir());
  }
}
