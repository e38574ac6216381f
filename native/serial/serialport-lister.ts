import { SerialPort } from 'serialport';
import { normalizeUsbId, type SerialPortInfo, type SerialPortLister } from '../../electron/common/hardware/serial';

/** The real lister over node-serialport's OS enumeration (USB CDC scanners, USB-serial printers). */
export const serialportLister: SerialPortLister = {
  async list(): Promise<SerialPortInfo[]> {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      serialNumber: p.serialNumber ?? null,
      vendorId: normalizeUsbId(p.vendorId),
      productId: normalizeUsbId(p.productId),
    }));
  },
};
