import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script, no declarations
import { headerVersion, machineNodeHeaders } from '../../../scripts/node-headers.mjs';

const VERSION_H = (major: number, minor: number, patch: number) =>
  `#ifndef SRC_NODE_VERSION_H_\n#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n#define NODE_PATCH_VERSION ${patch}\n`;

/** A machine whose files are `files` (path → text). */
const machine = (files: Record<string, string>) => ({
  exists: (p: string) => p in files,
  read: (p: string) => {
    if (!(p in files)) throw new Error(`ENOENT ${p}`);
    return files[p]!;
  },
});

describe('the Node headers npm run setup hands node-gyp', () => {
  it('reads the version node_version.h declares', () => {
    expect(headerVersion(VERSION_H(20, 20, 2))).toBe('20.20.2');
    expect(headerVersion('#define NODE_MAJOR_VERSION 20\n')).toBeNull();
  });

  it("uses the prefix above the running node's bin/ when its headers are that node's version", () => {
    const m = machine({ '/usr/include/node/node.h': '', '/usr/include/node/node_version.h': VERSION_H(20, 20, 2) });
    expect(machineNodeHeaders({ execPath: '/usr/bin/node', version: 'v20.20.2', ...m })).toBe('/usr');
  });

  it("refuses headers of another version: the addon would be built for a Node that does not load it", () => {
    const m = machine({ '/usr/include/node/node.h': '', '/usr/include/node/node_version.h': VERSION_H(20, 19, 0) });
    expect(machineNodeHeaders({ execPath: '/usr/bin/node', version: 'v20.20.2', ...m })).toBeNull();
  });

  it('leaves node-gyp alone where the machine ships no headers (an official build, Windows)', () => {
    expect(machineNodeHeaders({ execPath: '/opt/node/bin/node', version: 'v20.20.2', ...machine({}) })).toBeNull();
    const onlyVersion = machine({ '/usr/include/node/node_version.h': VERSION_H(20, 20, 2) });
    expect(machineNodeHeaders({ execPath: '/usr/bin/node', version: 'v20.20.2', ...onlyVersion })).toBeNull();
  });

  it('keeps a nodedir the caller set', () => {
    const m = machine({ '/usr/include/node/node.h': '', '/usr/include/node/node_version.h': VERSION_H(20, 20, 2) });
    expect(machineNodeHeaders({ execPath: '/usr/bin/node', version: 'v20.20.2', env: { npm_config_nodedir: '/opt/h' }, ...m })).toBeNull();
  });
});
