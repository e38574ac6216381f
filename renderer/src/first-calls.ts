import type { Output } from '../../electron/common/ipc/contract';
import type { Result } from '../../electron/common/ipc/result';
import { api } from './api';

/**
 * The app's first two calls (who is signed in, the unit and settings), sent as soon as the page's
 * script runs instead of after i18n and React's first render: the login or intake screen waits on
 * their answers, and the round trips to main then overlap that work. Each answer is used once, by
 * the first call of App for it; later calls go to main as usual.
 */
let first: { auth?: Promise<Result<Output<'auth.state'>>>; info?: Promise<Result<Output<'app.info'>>> } = {};

export function sendFirstCalls(): void {
  if (!window.motcua) return;
  first = { auth: api()['auth.state']({}), info: api()['app.info']({}) };
}

export function authState(): Promise<Result<Output<'auth.state'>>> {
  const p = first.auth ?? api()['auth.state']({});
  delete first.auth;
  return p;
}

export function appInfo(): Promise<Result<Output<'app.info'>>> {
  const p = first.info ?? api()['app.info']({});
  delete first.info;
  return p;
}
