// The sandboxed preload: builds window.sohoa from the contract's method names. It never
// exposes ipcRenderer itself, only one function per method plus event subscription.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENTS, IPC_PREFIX, METHODS, type MethodName } from '../shared/channels';
import type { SohoaBridge } from '../shared/bridge';

const calls = Object.fromEntries(METHODS.map((m) => [m, (req: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${m}`, req)])) as Pick<
  SohoaBridge,
  MethodName
>;

const bridge: SohoaBridge = {
  ...calls,
  shell: 'electron',
  on(event, listener) {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
    const channel = `${IPC_PREFIX}event:${event}`;
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file) || null;
  },
};

contextBridge.exposeInMainWorld('sohoa', bridge);
