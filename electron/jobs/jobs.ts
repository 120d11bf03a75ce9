// Long-running work, kept in the jobs table so a window opened late (or after a restart)
// can pull the state, and pushed as 'job.updated' events while it runs.
import { EventEmitter } from 'node:events';
import type { FileOutcome, JobState } from '../../shared/contract';
import type { Db } from '../archive/db';
import { CoreError } from '../errors';

interface JobRow {
  id: number;
  kind: string;
  state: JobState['state'];
  payload: string;
  total: number;
  done: number;
  created_by: number | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface JobContext {
  readonly id: number;
  readonly cancelled: boolean;
  /** the user stopped the job (not a shutdown, after which the job resumes) */
  readonly stoppedByUser: boolean;
  setCurrent(label: string | null): void;
  /** Records one finished item and publishes the new state. */
  addOutcome(o: FileOutcome): void;
}

// The runner only stores the payload as JSON; each job declares the type it reads (never
// here lets a work function take any parameter type).
export type JobWork = (ctx: JobContext, payload: never, alreadyDone: number) => Promise<void>;

export class JobRunner extends EventEmitter {
  private readonly cancels = new Set<number>();
  private readonly current = new Map<number, string | null>();
  private readonly kinds = new Map<string, JobWork>();
  private readonly running = new Map<number, Promise<void>>();
  private stopping = false;
  /** outcomes of running jobs, kept here so a progress event does not read them back */
  private readonly outcomes = new Map<number, FileOutcome[]>();

  /** `shell` is the kind of process running this runner ('cli', or one of the app's shells). */
  constructor(
    private readonly db: Db,
    private readonly shell: string = 'app',
  ) {
    super();
  }

  register(kind: string, work: JobWork): void {
    this.kinds.set(kind, work);
  }

  start(kind: string, payload: unknown, total: number, userId: number | null): number {
    const id = Number(
      this.db
        .prepare("INSERT INTO jobs(kind, state, payload, total, created_by, owner_shell, owner_pid) VALUES (?, 'queued', ?, ?, ?, ?, ?)")
        .run(kind, JSON.stringify(payload), total, userId, this.shell, process.pid).lastInsertRowid,
    );
    this.launch(id);
    return id;
  }

  /**
   * Continues the jobs an earlier run of the app left queued or running, from the first
   * unfinished item. A job whose process is still alive is left to it; a job of a CLI run that
   * died is marked interrupted, never re-run here (its operator may not want it).
   */
  resumeUnfinished(): number[] {
    const rows = this.db
      .prepare("SELECT id, owner_shell shell, owner_pid pid FROM jobs WHERE state IN ('queued','running') ORDER BY id")
      .all() as { id: number; shell: string | null; pid: number | null }[];
    const resumed: number[] = [];
    for (const r of rows) {
      if (r.pid !== null && r.pid !== process.pid && processAlive(r.pid)) continue;
      if (r.shell === 'cli') {
        this.interrupt(r.id, r.pid);
        continue;
      }
      this.db.prepare('UPDATE jobs SET owner_shell = ?, owner_pid = ? WHERE id = ?').run(this.shell, process.pid, r.id);
      this.launch(r.id);
      resumed.push(r.id);
    }
    return resumed;
  }

  /** Ends a job whose process died: what it finished stays, the rest is reported as not done. */
  private interrupt(id: number, pid: number | null): void {
    const seq = this.db.prepare('SELECT count(*) FROM job_outcomes WHERE job_id = ?').pluck().get(id) as number;
    const e = new CoreError('JOB_INTERRUPTED', { pid: pid ?? '?' });
    const outcome: FileOutcome = { file: `#${id}`, status: 'error', documentId: null, pages: 0, code: e.code, message: e.message, params: e.params, warnings: [] };
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO job_outcomes(job_id, seq, outcome) VALUES (?, ?, ?)').run(id, seq, JSON.stringify(outcome));
      this.db.prepare("UPDATE jobs SET state = 'failed', finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(id);
    })();
  }

  get(id: number): JobState | null {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return r ? this.toState(r) : null;
  }

  /** Resolves with a job's final state. */
  waitFor(id: number): Promise<JobState> {
    return new Promise((resolve) => {
      const check = (st?: JobState) => {
        const s = st && st.id === id ? st : this.get(id);
        if (s && !['queued', 'running'].includes(s.state)) {
          this.off('job.updated', check);
          resolve(s);
        }
      };
      this.on('job.updated', check);
      check();
    });
  }

  createdBy(id: number): number | null {
    return (this.db.prepare('SELECT created_by c FROM jobs WHERE id = ?').get(id) as { c: number | null } | undefined)?.c ?? null;
  }

  list(opts: { active: boolean; userId: number | null }): JobState[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM jobs WHERE (? = 0 OR state IN ('queued','running')) AND (? IS NULL OR created_by = ?) ORDER BY id DESC LIMIT 50`,
      )
      .all(opts.active ? 1 : 0, opts.userId, opts.userId) as JobRow[];
    return rows.map((r) => this.toState(r));
  }

  cancel(id: number): void {
    const st = this.get(id);
    if (st && (st.state === 'queued' || st.state === 'running')) this.cancels.add(id);
  }

  /** Stops taking new items and waits; unfinished jobs resume at the next start. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  /** Resolves when every job started so far has settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  private launch(id: number): void {
    // start on a later tick, so the caller can subscribe to events before the first one
    const p = Promise.resolve()
      .then(() => this.run(id))
      .finally(() => this.running.delete(id));
    this.running.set(id, p);
  }

  private async run(id: number): Promise<void> {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow;
    const work = this.kinds.get(row.kind);
    const finish = (state: JobState['state']) => {
      this.db.prepare("UPDATE jobs SET state = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(state, id);
      this.cancels.delete(id);
      this.current.delete(id);
      this.publish(id);
    };
    if (!work) return finish('failed');
    this.outcomes.set(id, this.readOutcomes(id)); // a resumed job keeps what it had done
    this.db.prepare("UPDATE jobs SET state = 'running', started_at = ifnull(started_at, strftime('%Y-%m-%dT%H:%M:%fZ','now')) WHERE id = ?").run(id);
    this.publish(id);
    // the getters read the runner's state at each call, after the work has started
    const cancelled = () => this.stopping || this.cancels.has(id);
    const stoppedByUser = () => this.cancels.has(id);
    const ctx: JobContext = {
      id,
      get cancelled() {
        return cancelled();
      },
      get stoppedByUser() {
        return stoppedByUser();
      },
      setCurrent: (label) => {
        this.current.set(id, label);
        this.publish(id);
      },
      addOutcome: (o) => {
        const list = this.outcomes.get(id)!;
        this.db.transaction(() => {
          this.db.prepare('INSERT INTO job_outcomes(job_id, seq, outcome) VALUES (?, ?, ?)').run(id, list.length, JSON.stringify(o));
          this.db.prepare('UPDATE jobs SET done = done + 1 WHERE id = ?').run(id);
        })();
        list.push(o);
        this.publish(id);
      },
    };
    try {
      await work(ctx, JSON.parse(row.payload) as never, row.done);
      // stopped by shutdown: stays 'running' so the next start resumes it
      if (this.stopping && !this.cancels.has(id)) return;
      finish(this.cancels.has(id) ? 'cancelled' : 'done');
    } catch (e) {
      console.error(`job ${id} (${row.kind}) failed:`, e);
      finish('failed');
    } finally {
      this.outcomes.delete(id);
    }
  }

  /** What a job has finished so far (for resuming and retrying). */
  outcomesOf(id: number): FileOutcome[] {
    return this.outcomes.get(id) ?? this.readOutcomes(id);
  }

  private readOutcomes(id: number): FileOutcome[] {
    return (this.db.prepare('SELECT outcome FROM job_outcomes WHERE job_id = ? ORDER BY seq').pluck().all(id) as string[]).map((o) => JSON.parse(o));
  }

  private publish(id: number): void {
    const st = this.get(id);
    if (st) this.emit('job.updated', st);
  }

  private toState(r: JobRow): JobState {
    let eta: number | null = null;
    if (r.state === 'running' && r.started_at && r.done > 0) {
      const perItem = (Date.now() - Date.parse(r.started_at)) / r.done;
      eta = Math.round((perItem * (r.total - r.done)) / 1000);
    }
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      total: r.total,
      done: r.done,
      current: this.current.get(r.id) ?? null,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      etaSeconds: eta,
      outcomes: this.outcomes.get(r.id) ?? this.readOutcomes(r.id),
    };
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
