// The desk's link to its hub, as a core service: enrolment, the status the panel shows, and
// the background push: at start, soon after the outbox grows (its sequence is polled every few
// seconds; it is local SQLite) and every minute otherwise, backing off up to five minutes
// while the hub cannot be reached. One push at a time per process.
import type { HubStatus, PushOutcome } from '../../shared/sync-contract';
import type { Db } from '../archive/db';
import { CoreError, toAppError } from '../errors';
import { getUnit } from '../units/units';
import { enrolDesk, type EnrolInput } from './enrol';
import { maxSeq, waitingCount } from './outbox';
import { pushOnce, type PushEnv, type PushProgress } from './push';
import { ackedSeq, enrolment, lastError, lastSyncAt, recordSync } from './sync-state';

export const POLL_MS = 3_000;
export const PERIOD_MS = 60_000;
export const BACKOFF_FIRST_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

export class HubSync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PushOutcome> | null = null;
  private progress: PushProgress | null = null;
  private failures = 0;
  private nextAt = 0;
  private lastSeq = -1;

  constructor(
    private readonly env: PushEnv,
    private readonly timing = { poll: POLL_MS, period: PERIOD_MS, backoffFirst: BACKOFF_FIRST_MS, backoffMax: BACKOFF_MAX_MS },
  ) {}

  private get db(): Db {
    return this.env.db;
  }

  /** Starts the background push (the app's shells; a CLI run pushes only when asked). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.timing.poll);
    this.timer.unref();
    setImmediate(() => this.tick());
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  status(): HubStatus {
    const e = enrolment(this.db);
    const acked = ackedSeq(this.db);
    const unit = e ? getUnit(this.db, e.unitId) : null;
    return {
      enrolled: e !== null,
      url: e?.url ?? null,
      fingerprint: e?.fingerprint ?? null,
      deskId: e?.deskId ?? null,
      hubName: e?.hubName || null,
      unit: unit ? { code: unit.code, name: unit.name } : null,
      acked,
      waiting: e ? waitingCount(this.db, acked) : 0,
      lastSyncAt: lastSyncAt(this.db),
      lastError: lastError(this.db),
      pushing: this.progress,
    };
  }

  async enrol(input: EnrolInput, userId: number | null): Promise<HubStatus> {
    await this.running?.catch(() => {});
    await enrolDesk(this.db, this.env.dataDir, input, userId);
    this.failures = 0;
    this.nextAt = 0;
    // the first push starts at once (in the app); a CLI run pushes when asked
    if (this.timer) setImmediate(() => this.tick());
    return this.status();
  }

  /** Pushes now (or joins the push under way); throws what stopped it. */
  push(): Promise<PushOutcome> {
    this.running ??= this.round().finally(() => {
      this.running = null;
      this.progress = null;
    });
    return this.running;
  }

  private async round(): Promise<PushOutcome> {
    const seq = maxSeq(this.db);
    try {
      const outcome = await pushOnce(this.env, (p) => (this.progress = p));
      recordSync(this.db, null);
      this.failures = 0;
      this.nextAt = Date.now() + this.timing.period;
      this.lastSeq = seq;
      return outcome;
    } catch (e) {
      const err = toAppError(e);
      if (this.db.open && err.code !== 'HUB_NOT_ENROLLED') recordSync(this.db, err);
      if (err.code === 'INTERNAL') console.error('Số hóa Desk: gửi lên tỉnh thất bại:', e);
      this.failures++;
      this.nextAt = Date.now() + Math.min(this.timing.backoffMax, this.timing.backoffFirst * 2 ** (this.failures - 1));
      throw e instanceof CoreError ? e : new CoreError('INTERNAL', { detail: err.message });
    }
  }

  /** Whether a background push is due: never while backing off; else when the outbox grew or the minute is up. */
  private tick(): void {
    if (!this.db.open || this.running || !enrolment(this.db)) return;
    const now = Date.now();
    if (this.failures > 0 ? now < this.nextAt : maxSeq(this.db) === this.lastSeq && now < this.nextAt) return;
    this.push().catch(() => {});
  }
}
