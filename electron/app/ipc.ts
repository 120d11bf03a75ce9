// Contract calls over IPC: every handler first checks that the sender is our own app://
// main frame of a window we attached, then forwards the raw payload to the core's process,
// which parses it. Nothing here reads or validates the payload itself.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_PREFIX, METHODS } from '../../shared/channels';
import type { JobState } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { CoreError } from '../errors';
import { isAppUrl } from './window';

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  return isAppUrl(frame.url);
}

/** The part of CoreProcess the IPC layer uses; clients are keyed by web contents id. */
export interface CoreCalls {
  call(clientId: number, method: string, payload: unknown): Promise<Result<unknown>>;
  openClient(clientId: number): void;
  closeClient(clientId: number): void;
  onJob(listener: (clientId: number, state: JobState) => void): void;
}

/** One client (sign-in state) per window, opened with the window and dropped when it goes. */
export function registerIpc(core: CoreCalls): { attach(contents: WebContents): void } {
  const windows = new Map<number, WebContents>();
  core.onJob((clientId, state) => {
    const contents = windows.get(clientId);
    if (contents && !contents.isDestroyed()) contents.send(`${IPC_PREFIX}event:job.updated`, state);
  });
  for (const method of METHODS) {
    ipcMain.handle(`${IPC_PREFIX}${method}`, (event, payload: unknown) => {
      if (!isTrustedSender(event) || !windows.has(event.sender.id)) return fail(new CoreError('FORBIDDEN').toAppError());
      return core.call(event.sender.id, method, payload);
    });
  }
  return {
    attach(contents) {
      const id = contents.id;
      windows.set(id, contents);
      core.openClient(id);
      contents.once('destroyed', () => {
        windows.delete(id);
        core.closeClient(id);
      });
    },
  };
}
