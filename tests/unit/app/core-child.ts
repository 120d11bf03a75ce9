// The core's host in a real child process, from source: what utilityProcess.fork runs in
// the app, here a Node child (tsx for the TypeScript) with a stand-in process.parentPort.
import type { ForkOptions } from 'electron';
import { forkUtility, type FakeUtilityProcess } from '../../fixtures/utility-process.cjs';

/** main.ts forks dist-electron/core-host.cjs; from source that file is core-host.ts. */
export function forkSource(modulePath: string, args: string[] = [], options: ForkOptions = {}): FakeUtilityProcess {
  return forkUtility(modulePath.replace(/core-host\.cjs$/, 'core-host.ts'), args, { env: options.env as NodeJS.ProcessEnv | undefined, execArgv: ['--import', 'tsx'], stdio: options.stdio as string | string[] | undefined });
}

/** The first message of a kind from the child. */
export function nextMessage(child: FakeUtilityProcess, type: string): Promise<any> {
  return new Promise((resolve) => {
    const listener = (m: any) => {
      if (m.type !== type) return;
      child.off('message', listener);
      resolve(m);
    };
    child.on('message', listener);
  });
}

export const exitOf = (child: FakeUtilityProcess) => new Promise<number>((resolve) => child.once('exit', resolve));
