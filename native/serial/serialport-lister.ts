import type { SerialPort } from 'serialport';
import { normalizeUsbId, type SerialPortInfo, type SerialPortLister } from '../../electron/common/hardware/serial';
import { LINUX_ROOTS, listSysfsPorts, type SysfsRoots } from './sysfs-ports';

type PortListing = Awaited<ReturnType<typeof SerialPort.list>>;

export interface SerialportListerOptions {
  readonly list?: () => Promise<PortListing>;
  readonly platform?: NodeJS.Platform;
  readonly roots?: SysfsRoots;
}

/**
 * The lister over node-serialport's OS enumeration (USB CDC scanners, USB-serial printers). On
 * Linux that enumeration runs `udevadm`, which containers and minimal installs lack: there the
 * ports come from /dev and sysfs instead. Windows keeps serialport's COM list (and its errors):
 * it has no such tree to fall back on.
 */
export function createSerialportLister(o: SerialportListerOptions = {}): SerialPortLister {
  const listPorts = o.list ?? (async () => (await import('serialport')).SerialPort.list());
  const platform = o.platform ?? process.platform;
  return {
    async list(): Promise<SerialPortInfo[]> {
      let ports: PortListing;
      try {
        ports = await listPorts();
      } catch (e) {
        if (platform === 'win32') throw e;
        return listSysfsPorts(o.roots ?? LINUX_ROOTS);
      }
      return ports.map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer ?? null,
        serialNumber: p.serialNumber ?? null,
        vendorId: normalizeUsbId(p.vendorId),
        productId: normalizeUsbId(p.productId),
      }));
    },
  };
}

export const serialportLister: SerialPortLister = createSerialportLister();
