import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { toVietnamRfc3339 } from '../../common/domain/time';
import type { Notice } from '../../common/ipc/notice';
import { AppFailure, failure } from '../../common/ipc/result';
import { SECRET_NAMES, SECRET_STORE_LABELS, type SecretName, type SecretStore, type SecretStoreKind } from '../../common/security/secrets';

const KINDS = ['safe-storage', 'os-keyring', 'key-file'] as const satisfies readonly SecretStoreKind[];
const indexSchema = z.object({
  version: z.literal(1),
  entries: z.partialRecord(z.enum(SECRET_NAMES), z.object({ store: z.enum(KINDS), sealed: z.string().nullable(), at: z.string() })),
});
type Index = z.infer<typeof indexSchema>;

/** Where a secret is (or would go), for doctor and the settings screen. Never the value. */
export interface SecretLocation {
  readonly stored: boolean;
  readonly kind: SecretStoreKind;
  readonly where: Notice;
  readonly warning: Notice | null;
}

/**
 * The app's secrets, each kept in the best place this process offers (the entry point passes its
 * stores, best first; the key file always comes last). A small index in the data directory says
 * which place holds which secret, plus the sealed blob for stores that only encrypt; it never holds
 * a value in clear. Another entry point (the app after the CLI, or the other way) reads the secret
 * from wherever it was put, or says plainly why it cannot.
 */
export class SecretVault {
  #tempsDropped = false;

  constructor(private readonly d: { indexPath: string; stores: readonly SecretStore[]; now: () => Date; force?: SecretStoreKind | null }) {}

  #read(): Index {
    // Once per vault, not on every read: a killed writer's leftovers only need clearing at start.
    if (!this.#tempsDropped) {
      this.#tempsDropped = true;
      this.#dropStaleTemps();
    }
    let text: string;
    try {
      text = readFileSync(this.d.indexPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw e;
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // reported below with the schema failures
    }
    const parsed = indexSchema.safeParse(json);
    if (!parsed.success) throw failure('conflict', 'secrets.indexDamaged', { path: this.d.indexPath });
    return parsed.data;
  }

  /** Written whole under a temporary name, flushed, then renamed: a crash leaves the old index or the new one. */
  #write(index: Index): void {
    this.#dropStaleTemps();
    const tmp = `${this.d.indexPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(index, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.d.indexPath);
  }

  /** Half-written indexes a killed process left (sealed blobs only, never a value); a live writer's own is kept. */
  #dropStaleTemps(): void {
    const dir = dirname(this.d.indexPath);
    const prefix = `${basename(this.d.indexPath)}.`;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = name.startsWith(prefix) && /\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
      if (m && !processAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
    }
  }

  /** The store new secrets go to: the forced one (MOTCUA_SECRET_STORE), else the first that works here. */
  async preferred(o: { avoid?: readonly SecretStoreKind[] } = {}): Promise<SecretStore> {
    if (this.d.force) {
      const forced = this.d.stores.find((s) => s.kind === this.d.force);
      if (!forced || !(await forced.available())) throw failure('conflict', 'secrets.forcedUnavailable', { store: this.d.force });
      return forced;
    }
    for (const s of this.d.stores) if (!o.avoid?.includes(s.kind) && (await s.available())) return s;
    throw failure('conflict', 'secrets.noStore');
  }

  /** `avoid`: places not to use for this secret (a secret every entry point must read cannot go where only one can). */
  async put(name: SecretName, value: string, o: { avoid?: readonly SecretStoreKind[] } = {}): Promise<SecretStore> {
    const store = await this.preferred(o);
    const sealed = await store.seal(name, value);
    const index = this.#read();
    const previous = index.entries[name];
    index.entries[name] = { store: store.kind, sealed, at: toVietnamRfc3339(this.d.now()) };
    this.#write(index);
    // The old copy goes too, where this process can reach it; an unreachable one is harmless (the index no longer points at it).
    if (previous && previous.store !== store.kind) await this.#storeOf(previous.store)?.erase(name).catch(() => undefined);
    return store;
  }

  /** The secret, or null when none was saved. Throws a keyed AppFailure when it exists but cannot be opened here. */
  async get(name: SecretName): Promise<string | null> {
    const entry = this.#read().entries[name];
    if (!entry) return null;
    const store = this.#storeOf(entry.store);
    if (!store || !(await store.available())) {
      throw failure('conflict', entry.store === 'safe-storage' ? 'secrets.appOnly' : 'secrets.storeUnavailable', { store: { key: `secrets.store.${entry.store}` } });
    }
    try {
      return await store.open(name, entry.sealed);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw failure('conflict', 'secrets.unreadable', { store: { key: `secrets.store.${store.kind}` } });
    }
  }

  async remove(name: SecretName): Promise<void> {
    const index = this.#read();
    const entry = index.entries[name];
    if (!entry) return;
    delete index.entries[name];
    this.#write(index);
    await this.#storeOf(entry.store)?.erase(name).catch(() => undefined);
  }

  async location(name: SecretName): Promise<SecretLocation> {
    const entry = this.#read().entries[name];
    const store = entry ? this.#storeOf(entry.store) : await this.preferred();
    const kind = entry?.store ?? store!.kind;
    return { stored: Boolean(entry), kind, where: store?.where ?? SECRET_STORE_LABELS[kind], warning: store?.warning ?? null };
  }

  #storeOf(kind: SecretStoreKind): SecretStore | undefined {
    return this.d.stores.find((s) => s.kind === kind);
  }
}

/** `MOTCUA_SECRET_STORE`: IT (or a test) may insist on one place; anything else means "the best available". */
export function forcedSecretStore(env: Readonly<Record<string, string | undefined>> = process.env): SecretStoreKind | null {
  const v = env.MOTCUA_SECRET_STORE?.trim();
  return (KINDS as readonly string[]).includes(v ?? '') ? (v as SecretStoreKind) : null;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
