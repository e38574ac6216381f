import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { normalizeUsbId, type SerialPortInfo } from '../../electron/common/hardware/serial';

/**
 * Serial ports straight from the kernel, for Linux machines without udev (containers, minimal
 * installs) where node-serialport's `udevadm info -e` cannot run. The roots are parameters so a
 * test can point them at a fake tree.
 */
export interface SysfsRoots {
  /** Normally `/dev`. */
  readonly devRoot: string;
  /** Normally `/sys`. */
  readonly sysRoot: string;
}

export const LINUX_ROOTS: SysfsRoots = { devRoot: '/dev', sysRoot: '/sys' };

const USB_SERIAL = /^tty(USB|ACM)\d+$/;
const LEGACY_SERIAL = /^ttyS\d+$/;
/** The tty names node-serialport's udev listing accepts, so both listings agree. */
const SERIAL_NAME = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d+|rfcomm\d+)$/;
/** How far above a tty's `device` link the USB device (the folder with idVendor) can be. */
const USB_DEVICE_DEPTH = 4;

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readAttr(dir: string, name: string): string | null {
  try {
    const v = readFileSync(join(dir, name), 'utf8').trim();
    return v === '' ? null : v;
  } catch {
    return null;
  }
}

function deviceDir(sysRoot: string, name: string): string | null {
  try {
    return realpathSync(join(sysRoot, 'class', 'tty', name, 'device'));
  } catch {
    return null;
  }
}

/**
 * ttyS0…ttyS31 exist on most PCs whether or not a UART is fitted: a real one has a `device` link,
 * and the serial core reports type 0 (PORT_UNKNOWN) for a slot where it found no UART.
 */
function isRealLegacyPort(sysRoot: string, name: string): boolean {
  if (!deviceDir(sysRoot, name)) return false;
  return readAttr(join(sysRoot, 'class', 'tty', name), 'type') !== '0';
}

/** vid/pid/serial/manufacturer from the USB device above the tty (interface, then usb-serial port). */
function usbAttributes(sysRoot: string, name: string): Omit<SerialPortInfo, 'path'> {
  let dir = deviceDir(sysRoot, name);
  for (let i = 0; dir && i < USB_DEVICE_DEPTH; i++, dir = dirname(dir)) {
    const vendorId = normalizeUsbId(readAttr(dir, 'idVendor'));
    if (vendorId) {
      return {
        manufacturer: readAttr(dir, 'manufacturer'),
        serialNumber: readAttr(dir, 'serial'),
        vendorId,
        productId: normalizeUsbId(readAttr(dir, 'idProduct')),
      };
    }
  }
  return { manufacturer: null, serialNumber: null, vendorId: null, productId: null };
}

/** tty names that `/dev/serial/by-id` links point at (udev made them, e.g. on a bind-mounted /dev). */
function byIdTargets(devRoot: string): string[] {
  const dir = join(devRoot, 'serial', 'by-id');
  const names: string[] = [];
  for (const link of list(dir)) {
    try {
      names.push(basename(resolve(dir, readlinkSync(join(dir, link)))));
    } catch {
      // Not a symlink: nothing to follow.
    }
  }
  return names;
}

/**
 * The serial ports the kernel knows and /dev holds a node for: `/dev/serial/by-id` targets,
 * `/sys/class/tty/*` serial entries with a `device` link, and ttyUSB/ttyACM nodes in /dev; ttyS
 * only where a UART is really there. A tty in sysfs without a node (a container that sees the
 * host's sysfs but not its devices) could not be opened, so it is left out.
 */
export function listSysfsPorts(roots: SysfsRoots = LINUX_ROOTS): SerialPortInfo[] {
  const { devRoot, sysRoot } = roots;
  const nodes = new Set(list(devRoot));
  const names = new Set<string>(byIdTargets(devRoot));
  for (const name of list(join(sysRoot, 'class', 'tty'))) {
    if (SERIAL_NAME.test(name) && deviceDir(sysRoot, name)) names.add(name);
  }
  for (const name of nodes) {
    if (USB_SERIAL.test(name) || LEGACY_SERIAL.test(name)) names.add(name);
  }
  return [...names]
    .filter((name) => nodes.has(name) && (!LEGACY_SERIAL.test(name) || isRealLegacyPort(sysRoot, name)))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => ({ path: join(devRoot, name), ...usbAttributes(sysRoot, name) }));
}
