import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorBilingual } from '../../../electron/common/domain/doctor';
import { formatError } from '../../../electron/common/ipc/error-messages';
import { systemWording } from '../../../electron/common/ipc/system-wording';
import { VIETNAMESE } from '../../helpers/wording';

const caughtSync = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

/** An error shaped as Node makes them (code, syscall, path): for codes a test cannot provoke as root or without hardware. */
const nodeError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${code}: system text, open`), { code, errno: -1, syscall: 'open', ...extra });

async function refusedConnection(): Promise<unknown> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as AddressInfo;
      probe.close(() => resolve(p));
    });
  });
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve));
}

describe('issue #16: common system errors in doctor and start-of-day rows are worded from their errno code', () => {
  it('a missing file, from the file system itself: its path, both ways', () => {
    const e = caughtSync(() => readFileSync('/nonexistent-motcua/lp0'));
    expect(systemWording(e)).toEqual({ key: 'sys.notFound', params: { path: '/nonexistent-motcua/lp0' } });
    expect(errorBilingual(e)).toEqual({ vi: 'không có /nonexistent-motcua/lp0', en: '/nonexistent-motcua/lp0 does not exist' });
  });

  it('a refused connection names its address and port; fetch names it only in its cause', async () => {
    const e = (await refusedConnection()) as { port: number };
    expect(errorBilingual(e)).toEqual({ vi: `127.0.0.1:${e.port} từ chối kết nối`, en: `127.0.0.1:${e.port} refused the connection` });
    const fetched = Object.assign(new TypeError('fetch failed'), { cause: e });
    expect(errorBilingual(fetched).en).toBe(`127.0.0.1:${e.port} refused the connection`);
  });

  it.each([
    ['EACCES', 'không có quyền truy cập /dev/ttyUSB0', 'no permission to use /dev/ttyUSB0'],
    ['EPERM', 'không có quyền truy cập /dev/ttyUSB0', 'no permission to use /dev/ttyUSB0'],
    ['EBUSY', '/dev/ttyUSB0 đang bị chương trình khác dùng', '/dev/ttyUSB0 is in use by another program'],
    ['ENOSPC', 'ổ đĩa chứa /dev/ttyUSB0 đã đầy', 'the disk holding /dev/ttyUSB0 is full'],
    ['ENXIO', 'thiết bị /dev/ttyUSB0 không còn kết nối', 'device /dev/ttyUSB0 is not connected'],
  ])('%s with its path', (code, vi, en) => {
    expect(errorBilingual(nodeError(code, { path: '/dev/ttyUSB0' }))).toEqual({ vi, en });
  });

  it('ETIMEDOUT and ENOTFOUND name their host; without one the caller\'s subject stands in, else "the file or device"', () => {
    expect(errorBilingual(nodeError('ETIMEDOUT', { address: '10.0.0.5', port: 443 }))).toEqual({ vi: '10.0.0.5:443 không trả lời (hết thời gian chờ)', en: '10.0.0.5:443 did not answer (timed out)' });
    expect(errorBilingual(nodeError('ENOTFOUND', { hostname: 'api.tinh.gov.vn' })).en).toBe('host api.tinh.gov.vn not found (DNS)');
    const com3 = systemWording(nodeError('EBUSY'), 'COM3')!;
    expect([formatError(com3.key, com3.params, 'vi'), formatError(com3.key, com3.params, 'en')]).toEqual(['COM3 đang bị chương trình khác dùng', 'COM3 is in use by another program']);
    expect(errorBilingual(nodeError('EBUSY')).en).toBe('the file or device is in use by another program');
  });

  it('an error without a known code is shown as it came, in both', () => {
    const e = new Error('Inappropriate ioctl for device');
    expect(systemWording(e)).toBeNull();
    expect(systemWording(nodeError('EWHATEVER'))).toBeNull();
    expect(errorBilingual(e)).toEqual({ vi: 'Inappropriate ioctl for device', en: 'Inappropriate ioctl for device' });
  });

  it('no English system wording keeps a Vietnamese letter', () => {
    for (const key of ['sys.target', 'sys.notFound', 'sys.noPermission', 'sys.busy', 'sys.diskFull', 'sys.readOnly', 'sys.noDevice', 'sys.notAFolder', 'sys.isAFolder', 'sys.timedOut', 'sys.refused', 'sys.reset', 'sys.hostNotFound', 'sys.unreachable'] as const) {
      expect(formatError(key, { path: '/x' }, 'en'), key).not.toMatch(VIETNAMESE);
    }
  });
});
