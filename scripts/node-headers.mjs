// Where this machine keeps the C headers of the very Node that runs, if it ships them.
//
// The native addons (better-sqlite3, pkcs11js) are built by node-gyp whenever no prebuilt binary
// can be fetched, and node-gyp then downloads Node's headers from nodejs.org unless it is told
// where they are (`npm_config_nodedir`). A machine that reaches only the npm registry (this
// project's CI and development machines) fails there; Debian's nodejs package ships the headers
// beside the binary (/usr/bin/node → /usr/include/node). They are used only when they are the
// running Node's own version: headers of another version build an addon that will not load.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `{ major, minor, patch }` from node_version.h's text, or null when it does not say. */
export function headerVersion(text) {
  const part = (name) => text.match(new RegExp(`#define\\s+NODE_${name}_VERSION\\s+(\\d+)`))?.[1];
  const [major, minor, patch] = ['MAJOR', 'MINOR', 'PATCH'].map(part);
  return major && minor && patch ? `${major}.${minor}.${patch}` : null;
}

/**
 * The directory to hand node-gyp as its nodedir: the prefix above `execPath`'s bin/ when its
 * include/node holds node.h and node_version.h says `version`; null otherwise (node-gyp then does
 * what it always does). An explicit `npm_config_nodedir` is the caller's and is kept.
 */
export function machineNodeHeaders({ execPath, version, env = {}, exists = existsSync, read = (p) => readFileSync(p, 'utf8') }) {
  if (env.npm_config_nodedir) return null;
  const prefix = dirname(dirname(execPath));
  const include = join(prefix, 'include', 'node');
  if (!exists(join(include, 'node.h')) || !exists(join(include, 'node_version.h'))) return null;
  return headerVersion(read(join(include, 'node_version.h'))) === version.replace(/^v/, '') ? prefix : null;
}
