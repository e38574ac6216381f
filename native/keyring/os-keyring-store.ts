import { notice, type Notice } from '../../electron/common/ipc/notice';
import type { SecretName, SecretStore } from '../../electron/common/security/secrets';

/** The part of @napi-rs/keyring's AsyncEntry this store uses (a fake stands in for it in unit tests). */
export interface KeyringEntry {
  getPassword(signal?: AbortSignal | null): Promise<string | null | undefined>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  deletePassword(signal?: AbortSignal | null): Promise<boolean>;
}
export type KeyringEntryFactory = (service: string, account: string) => KeyringEntry;

const SERVICE = 'MotCuaDesk';
const PROBE_ACCOUNT = 'availability-probe';

/**
 * The binding, loaded on first use so a machine without its prebuilt binary still starts (the key
 * file then takes over). On Linux only the Secret Service (GNOME Keyring, KWallet) is accepted: the
 * binding's other Linux store, the kernel keyring, forgets everything at reboot.
 */
async function bindingFactory(platform: NodeJS.Platform): Promise<KeyringEntryFactory | null> {
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
    return (service, account) => new AsyncEntry(service, account, options);
  } catch {
    return null;
  }
}

function whereOf(platform: NodeJS.Platform): Notice {
  if (platform === 'win32') return notice('secrets.where.credentialManager');
  if (platform === 'darwin') return notice('secrets.where.keychain');
  return notice('secrets.where.secretService');
}

/** A keyring call that hangs (a locked collection, a D-Bus service that never answers) counts as "no keyring". */
async function bounded<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('keyring timeout')), ms);
    timer.unref();
  });
  try {
    return await Promise.race([run(signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Secrets in the OS credential store, for the Chromium host and the CLI (Electron offers it after
 * safeStorage). One entry per data directory, so two data directories on one account never share
 * a client secret.
 */
export function osKeyringStore(o: { dataDir: string; platform?: NodeJS.Platform; factory?: KeyringEntryFactory | null; timeoutMs?: number }): SecretStore {
  const platform = o.platform ?? process.platform;
  const timeoutMs = o.timeoutMs ?? 3000;
  let factory: Promise<KeyringEntryFactory | null> | null = o.factory !== undefined ? Promise.resolve(o.factory) : null;
  let usable: Promise<boolean> | null = null;
  const entry = async (account: string): Promise<KeyringEntry> => {
    const f = await (factory ??= bindingFactory(platform));
    if (!f) throw new Error('keyring binding not available');
    return f(SERVICE, account);
  };
  const account = (name: SecretName) => `${name}@${o.dataDir}`;
  return {
    kind: 'os-keyring',
    where: whereOf(platform),
    warning: null,
    available() {
      // Asked once per process: reading an entry that does not exist proves the store answers.
      usable ??= entry(PROBE_ACCOUNT)
        .then((e) => bounded(timeoutMs, (signal) => e.getPassword(signal)))
        .then(
          () => true,
          () => false,
        );
      return usable;
    },
    async seal(name, value) {
      const e = await entry(account(name));
      await bounded(timeoutMs, (signal) => e.setPassword(value, signal));
      return null;
    },
    async open(name) {
      const e = await entry(account(name));
      const v = await bounded(timeoutMs, (signal) => e.getPassword(signal));
      if (v === null || v === undefined) throw new Error('no such entry');
      return v;
    },
    async erase(name) {
      const e = await entry(account(name));
      await bounded(timeoutMs, (signal) => e.deletePassword(signal));
    },
  };
}
