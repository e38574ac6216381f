/** A serial port as the OS lists it; scanners and printers are found again by vid/pid/serial, never by COM number. */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
}

export interface SerialPortLister {
  list(): Promise<SerialPortInfo[]>;
}

/** USB ids compare case-insensitively and without a `0x` prefix. */
export function normalizeUsbId(id: string | null | undefined): string | null {
  if (!id) return null;
  const v = id.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(v) ? v.padStart(4, '0') : null;
}
