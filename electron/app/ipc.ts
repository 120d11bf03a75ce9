// Contract calls over IPC: every handler first checks that the sender is our own
// app:// main frame, then hands the raw payload to the core, which parses it.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_PREFIX, METHODS } from '../../shared/channels';
import { fail } from '../../shared/result';
import type { Client, Core } from '../core';
import { CoreError } from '../errors';
import { isAppUrl } from './window';

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  return isAppUrl(frame.url);
}

/** One client (sign-in state) per window; dropped when its window goes. */
export function registerIpc(core: Core): (contents: WebContents) => Client {
  const clients = new Map<number, Client>();
  const clientFor = (contents: WebContents): Client => {
    let c = clients.get(contents.id);
    if (!c) {
      const client = core.newClient({ localFiles: true });
      clients.set(contents.id, client);
      const unsubscribe = core.subscribe(client, (st) => {
        if (!contents.isDestroyed()) contents.send(`${IPC_PREFIX}event:job.updated`, st);
      });
      contents.once('destroyed', () => {
        unsubscribe();
        clients.delete(contents.id);
      });
      c = client;
    }
    return c;
  };
  for (const method of METHODS) {
    ipcMain.handle(`${IPC_PREFIX}${method}`, (event, payload: unknown) => {
      if (!isTrustedSender(event)) return fail(new CoreError('FORBIDDEN').toAppError());
      return core.call(method, payload, clientFor(event.sender));
    });
  }
  return clientFor;
}
