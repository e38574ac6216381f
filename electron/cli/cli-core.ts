/**
 * Everything a command needs to open the core, in one module the program imports only when a
 * command that uses the core runs (`import()` in motcua.ts): the core pulls in the database,
 * PDF, token, serial and sync code, which `motcua --help` and `motcua cccd parse` never need.
 */
import type { CoreAdapters } from '../node/core/core-services';
import { createLogger } from '../node/log/logger';
import { printerFactory } from '../../native/escpos/printer-factory';
import { osKeyringStore } from '../../native/keyring/os-keyring-store';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';

export { auditDoctorCheck, createCoreServices, doctorChecksReadOnly, doctorDbKey, keyVault, unlockDataDir } from '../node/core/core-services';

/** The CLI's hardware and thread choices: real devices, PDFs rendered in this short-lived process, secrets in the OS keyring (else the key file). */
export function cliAdapters(dataDir: string): CoreAdapters {
  return { log: createLogger({ scope: 'cli' }), printerFactory, tokenFactory: (path) => new Pkcs11Token(path), pdf: 'in-process', secretStores: [osKeyringStore({ dataDir })] };
}
