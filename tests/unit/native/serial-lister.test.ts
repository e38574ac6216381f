import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSerialportLister } from '../../../native/serial/serialport-lister';
import { listSysfsPorts, type SysfsRoots } from '../../../native/serial/sysfs-ports';
import { tempDir } from '../../helpers/tmp';

/**
 * A fake /dev and /sys laid out as the kernel does: class/tty entries are links into
 * devices/…/tty/<name>, whose `device` link points at the USB interface (ttyACM), the usb-serial
 * port (ttyUSB) or the platform/PNP device (ttyS).
 */
function buildTree(root: string): SysfsRoots {
  const sys = join(root, 'sys');
  const dev = join(root, 'dev');
  const file = (path: string, text = '') => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const link = (path: string, target: string) => {
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(relative(dirname(path), target), path);
  };
  const usbDevice = (dir: string, attrs: Record<string, string>) => {
    for (const [k, v] of Object.entries(attrs)) file(join(dir, k), `${v}\n`);
  };
  /** A tty whose class entry sits under `parent`; `device` links to `deviceDir` when given. */
  const tty = (name: string, parent: string, deviceDir: string | null, attrs: Record<string, string> = {}) => {
    const dir = join(parent, 'tty', name);
    mkdirSync(dir, { recursive: true });
    for (const [k, v] of Object.entries(attrs)) file(join(dir, k), `${v}\n`);
    if (deviceDir) link(join(dir, 'device'), deviceDir);
    link(join(sys, 'class', 'tty', name), dir);
  };

  const usb1 = join(sys, 'devices', 'pci0000:00', '0000:00:14.0', 'usb1');
  // A USB CDC scanner: tty → interface 1-2:1.0 → device 1-2.
  usbDevice(join(usb1, '1-2'), { idVendor: '0C2E', idProduct: '0b61', serial: '19140B1234', manufacturer: 'Honeywell Imaging & Mobility' });
  mkdirSync(join(usb1, '1-2', '1-2:1.0'), { recursive: true });
  tty('ttyACM0', join(usb1, '1-2', '1-2:1.0'), join(usb1, '1-2', '1-2:1.0'));
  // A CH340 USB-serial printer cable: tty → port ttyUSB0 → interface → device, no serial number.
  usbDevice(join(usb1, '1-3'), { idVendor: '1a86', idProduct: '7523', manufacturer: 'QinHeng Electronics' });
  const port = join(usb1, '1-3', '1-3:1.0', 'ttyUSB0');
  mkdirSync(port, { recursive: true });
  tty('ttyUSB0', port, port);
  // A second CDC device unplugged from this container's /dev: in sysfs only.
  usbDevice(join(usb1, '1-4'), { idVendor: '05f9', idProduct: '4204' });
  mkdirSync(join(usb1, '1-4', '1-4:1.0'), { recursive: true });
  tty('ttyACM1', join(usb1, '1-4', '1-4:1.0'), join(usb1, '1-4', '1-4:1.0'));
  // A real motherboard UART (PNP, 16550A), an empty 8250 slot (type 0) and a slot with no device.
  const pnp = join(sys, 'devices', 'pnp0', '00:01');
  mkdirSync(pnp, { recursive: true });
  tty('ttyS0', pnp, pnp, { type: '4' });
  const s8250 = join(sys, 'devices', 'platform', 'serial8250');
  mkdirSync(s8250, { recursive: true });
  tty('ttyS1', s8250, s8250, { type: '0' });
  tty('ttyS2', join(sys, 'devices', 'virtual'), null);
  // Virtual consoles have no device link and are never serial ports.
  tty('tty0', join(sys, 'devices', 'virtual'), null);

  for (const n of ['ttyACM0', 'ttyUSB0', 'ttyUSB7', 'ttyS0', 'ttyS1', 'ttyS2', 'ttyS3', 'tty0', 'ttyXRUSB0', 'null']) file(join(dev, n));
  // udev's stable names, when /dev came from a host that runs udev.
  link(join(dev, 'serial', 'by-id', 'usb-Honeywell_Imaging___Mobility_1900_19140B1234-if00'), join(dev, 'ttyACM0'));
  link(join(dev, 'serial', 'by-id', 'usb-Exar_Corp._XR21V1410_USB_UART-if00'), join(dev, 'ttyXRUSB0'));
  return { devRoot: dev, sysRoot: sys };
}

describe('serial ports from /dev and sysfs (no udevadm)', () => {
  let t: ReturnType<typeof tempDir>;
  let roots: SysfsRoots;
  beforeEach(() => {
    t = tempDir('motcua-sysfs-');
    roots = buildTree(t.dir);
  });
  afterEach(() => t.cleanup());

  it('lists USB, by-id and real legacy ports with the USB ids sysfs holds, and nothing else', () => {
    const dev = (n: string) => join(roots.devRoot, n);
    expect(listSysfsPorts(roots)).toEqual([
      { path: dev('ttyACM0'), vendorId: '0c2e', productId: '0b61', serialNumber: '19140B1234', manufacturer: 'Honeywell Imaging & Mobility' },
      { path: dev('ttyS0'), vendorId: null, productId: null, serialNumber: null, manufacturer: null },
      { path: dev('ttyUSB0'), vendorId: '1a86', productId: '7523', serialNumber: null, manufacturer: 'QinHeng Electronics' },
      // A node with no sysfs entry (sysfs not mounted for it): listed, ids unknown.
      { path: dev('ttyUSB7'), vendorId: null, productId: null, serialNumber: null, manufacturer: null },
      // Named only by its by-id link (the Exar driver's ttyXRUSB is not a ttyUSB name).
      { path: dev('ttyXRUSB0'), vendorId: null, productId: null, serialNumber: null, manufacturer: null },
    ]);
  });

  it('lists /dev nodes alone when sysfs is missing, keeping ttyS out (no device link to prove a UART)', () => {
    const ports = listSysfsPorts({ devRoot: roots.devRoot, sysRoot: join(t.dir, 'no-sys') });
    expect(ports.map((p) => p.path)).toEqual(['ttyACM0', 'ttyUSB0', 'ttyUSB7', 'ttyXRUSB0'].map((n) => join(roots.devRoot, n)));
  });

  it('is empty for an empty tree', () => {
    expect(listSysfsPorts({ devRoot: join(t.dir, 'none'), sysRoot: join(t.dir, 'none') })).toEqual([]);
  });

  it('falls back to the tree when serialport cannot run udevadm', async () => {
    const lister = createSerialportLister({
      platform: 'linux',
      roots,
      list: () => Promise.reject(new Error('spawn udevadm ENOENT')),
    });
    expect((await lister.list()).map((p) => p.path)).toEqual(['ttyACM0', 'ttyS0', 'ttyUSB0', 'ttyUSB7', 'ttyXRUSB0'].map((n) => join(roots.devRoot, n)));
  });

  it('keeps serialport’s answer when it has one', async () => {
    const lister = createSerialportLister({
      platform: 'linux',
      roots,
      list: async () => [{ path: '/dev/ttyACM9', manufacturer: 'Zebra', serialNumber: 'S1', vendorId: '05E0', productId: '1200', pnpId: undefined, locationId: undefined }],
    });
    expect(await lister.list()).toEqual([{ path: '/dev/ttyACM9', manufacturer: 'Zebra', serialNumber: 'S1', vendorId: '05e0', productId: '1200' }]);
  });

  it('on Windows reports serialport’s failure instead of guessing', async () => {
    const lister = createSerialportLister({ platform: 'win32', roots, list: () => Promise.reject(new Error('SetupDiGetClassDevs failed')) });
    await expect(lister.list()).rejects.toThrow('SetupDiGetClassDevs failed');
  });
});
