import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../../electron/node/app/static-files';
import { dataDirFromArgv, dataLayout, defaultCacheDir, defaultDataDir, resolveDataDir } from '../../../electron/node/config/paths';

describe('resolveAppRequest (checklist 18: app:// without traversal)', () => {
  const root = '/opt/motcua/renderer';
  it.each([
    ['app://motcua/index.html', join(root, 'index.html')],
    ['app://motcua/', join(root, 'index.html')],
    ['app://motcua/assets/index-abc.js', join(root, 'assets/index-abc.js')],
    ['app://motcua/assets/T%E1%BB%87p.png', join(root, 'assets/Tệp.png')],
  ])('%s → file', (url, expected) => {
    expect(resolveAppRequest(url, 'app://motcua', root)).toBe(expected);
  });

  it.each([
    'app://motcua/../../etc/passwd',
    'app://motcua/%2e%2e/%2e%2e/etc/passwd',
    'app://motcua/assets/%2E%2E%2F..%2Fsecret',
    'app://motcua/..%5C..%5Cwindows',
    'app://motcua/a%00.html',
    'app://other/index.html',
    'app://motcua.evil/index.html',
    'https://motcua/index.html',
    'app://u:p@motcua/index.html',
    'app://motcua/%E0%A4%A',
    'garbage',
  ])('%s → refused', (url) => {
    expect(resolveAppRequest(url, 'app://motcua', root)).toBeNull();
  });
});

describe('data dir resolution', () => {
  const env = (platform: NodeJS.Platform, e: Record<string, string | undefined> = {}) => ({ platform, env: e, home: '/home/can-bo' });
  it('prefers --data-dir, then MOTCUA_DATA_DIR, then the OS default', () => {
    expect(resolveDataDir('/a', env('linux', { MOTCUA_DATA_DIR: '/b' }))).toBe('/a');
    expect(resolveDataDir(undefined, env('linux', { MOTCUA_DATA_DIR: '/b' }))).toBe('/b');
    expect(resolveDataDir('  ', env('linux'))).toBe('/home/can-bo/.config/MotCuaDesk');
  });
  it('knows each OS default', () => {
    expect(defaultDataDir(env('win32', { APPDATA: 'C:\\Users\\cb\\AppData\\Roaming' }))).toContain('MotCuaDesk');
    expect(defaultDataDir(env('darwin'))).toBe('/home/can-bo/Library/Application Support/MotCuaDesk');
    expect(defaultDataDir(env('linux', { XDG_CONFIG_HOME: '/x' }))).toBe('/x/MotCuaDesk');
  });
  it('keeps caches in the OS cache folder, apart from the data', () => {
    expect(defaultCacheDir(env('linux'))).toBe('/home/can-bo/.cache/MotCuaDesk');
    expect(defaultCacheDir(env('linux', { XDG_CACHE_HOME: '/c' }))).toBe('/c/MotCuaDesk');
    expect(defaultCacheDir(env('darwin'))).toBe('/home/can-bo/Library/Caches/MotCuaDesk');
    expect(defaultCacheDir(env('win32', { LOCALAPPDATA: 'C:\\Users\\cb\\AppData\\Local' }))).toContain('MotCuaDesk');
  });
  it('reads --data-dir from argv in both spellings', () => {
    expect(dataDirFromArgv(['node', 'x', '--data-dir', '/d'])).toBe('/d');
    expect(dataDirFromArgv(['--data-dir=/e'])).toBe('/e');
    expect(dataDirFromArgv(['--other'])).toBeUndefined();
    expect(dataLayout('/d').dbPath).toBe(join('/d', 'motcua.sqlite3'));
  });
});
