// The CLI as a client of the contract: one run opens the core and calls it as the local operator
// of the data folder (an administrator's rights, no sign-in, audited as the CLI), so every rule,
// check and audit row is the one the app's screens go through.
import type { MethodName } from '../../shared/channels';
import type { JobState, Req, Res } from '../../shared/contract';
import type { Client } from '../client';
import type { Core } from '../core';
import { CoreError, type ErrorCode } from '../errors';

export class CliSession {
  readonly client: Client;

  constructor(readonly core: Core) {
    this.client = core.newClient({ localFiles: true, operator: true });
  }

  /** One contract call; a refusal is thrown as the core's own error (same code, same message). */
  async call<M extends MethodName>(method: M, req: Req<M>): Promise<Res<M>> {
    const r = await this.core.call(method, req, this.client);
    if (!r.ok) throw new CoreError(r.error.code as ErrorCode, r.error.params);
    return r.value as Res<M>;
  }

  /** Waits for a job and every job it started (an import with OCR), with its updates as they come. */
  async finish(jobId: number, onUpdate?: (st: JobState) => void): Promise<JobState> {
    const off = onUpdate ? this.core.subscribe(this.client, (st) => st.id === jobId && onUpdate(st)) : () => {};
    try {
      await this.core.jobs.waitFor(jobId);
      await this.core.jobs.idle();
    } finally {
      off();
    }
    return this.call('jobs.get', { id: jobId });
  }
}
