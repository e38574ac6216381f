import type { SerialPortLister } from '../../../common/hardware/serial';
import type { Handlers } from '../dispatcher';
import { addressHandlers } from './address';
import { appHandlers } from './app';
import { authHandlers } from './auth';
import { deviceHandlers } from './devices';
import { displayHandlers } from './display';
import type { HandlerEnv } from './env';
import { formHandlers } from './forms';
import { intakeHandlers } from './intake';
import { reportHandlers } from './reports';
import { setupHandlers } from './setup';
import { signingHandlers } from './signing';
import { syncHandlers } from './sync';

export type { HandlerEnv, HostShell } from './env';

/** The handler table, one adapter per contract channel, grouped by area; shared by Electron and the Chromium host. */
export function createHandlers(e: HandlerEnv, serialPorts: SerialPortLister): Handlers {
  return {
    ...appHandlers(e),
    ...authHandlers(e),
    ...intakeHandlers(e),
    ...formHandlers(e),
    ...deviceHandlers(e, serialPorts),
    ...syncHandlers(e),
    ...signingHandlers(e),
    ...reportHandlers(e),
    ...setupHandlers(e),
    ...addressHandlers(e),
    ...displayHandlers(e),
  };
}
