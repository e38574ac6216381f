import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCache } from '../../../electron/node/app/static-files';
import { tempDir } from '../../helpers/tmp';

describe('fileCache: the built renderer served from memory', () => {
  let t: ReturnType<typeof tempDir> | null = null;
  afterEach(() => {
    t?.cleanup();
    t = null;
  });

  it('reads a file once and answers later requests from memory', async () => {
    t = tempDir('motcua-files-');
    const file = join(t.dir, 'index.html');
    writeFileSync(file, '<p>một</p>');
    const files = fileCache(t.dir);
    expect((await files.read(file))?.toString()).toBe('<p>một</p>');
    // The bundle does not change while the app runs: a rewrite on disk is not read again.
    writeFileSync(file, '<p>hai</p>');
    expect((await files.read(file))?.toString()).toBe('<p>một</p>');
  });

  it('holds files warmed ahead of their request', async () => {
    t = tempDir('motcua-files-');
    mkdirSync(join(t.dir, 'assets'));
    const chunk = join(t.dir, 'assets', 'main.js');
    writeFileSync(chunk, 'export {}');
    const files = fileCache(t.dir);
    await files.warm();
    // Changed after warming: the warmed bytes are what is served.
    writeFileSync(chunk, 'changed');
    expect((await files.read(chunk))?.toString()).toBe('export {}');
  });

  it('answers null for a missing file or a folder, which the host turns into a 404', async () => {
    t = tempDir('motcua-files-');
    mkdirSync(join(t.dir, 'assets'));
    const files = fileCache(t.dir);
    expect(await files.read(join(t.dir, 'missing.js'))).toBeNull();
    expect(await files.read(join(t.dir, 'assets'))).toBeNull();
  });
});
