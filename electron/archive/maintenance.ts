// Backup and sanity check as jobs of the app (progress, time left, stop), and the stored
// outcome of each run for the admin screen. A job's progress is counted in percent steps:
// a backup of 100,000 files must not write 100,000 outcome rows. A backup's passphrase is held
// in memory for its job only: a job's payload is stored in the database, so it never goes there.
import type { Res } from '../../shared/contract';
import type { Db } from './db';
import type { JobContext, JobRunner } from '../jobs/jobs';
import { backupArchive, type Progress } from './backup';
import { checkArchive } from './sanity-check';
import { fillPairsInBackground } from './search-pairs';
import { CoreError, toAppError } from '../errors';
import { checkPassphrase } from './sealed-keys';

export type MaintenanceKind = 'backup' | 'check';

export function saveMaintenanceReport(db: Db, kind: MaintenanceKind, ok: boolean, report: unknown, jobId: number | null, userId: number | null): void {
  db.prepare('INSERT INTO maintenance_reports(kind, job_id, created_by, ok, report) VALUES (?, ?, ?, ?, ?)').run(kind, jobId, userId, ok ? 1 : 0, JSON.stringify(report));
}

/** The newest run of a kind as the contract describes it: its report, or the error it stopped on. */
export type StoredReport<K extends MaintenanceKind> = Res<'maintenance.reports'>[K];

export function latestMaintenanceReport<K extends MaintenanceKind>(db: Db, kind: K): StoredReport<K> {
  const r = db
    .prepare(
      `SELECT m.id, m.job_id jobId, m.created_at createdAt, u.username, m.ok, m.report FROM maintenance_reports m LEFT JOIN users u ON u.id = m.created_by
       WHERE m.kind = ? ORDER BY m.id DESC LIMIT 1`,
    )
    .get(kind) as { id: number; jobId: number | null; createdAt: string; username: string | null; ok: number; report: string } | undefined;
  return r ? { ...r, ok: !!r.ok, report: JSON.parse(r.report) } : null;
}

/** Weights of each phase in the job's percent bar (roughly where the time goes). */
const WEIGHTS: Record<MaintenanceKind, Record<string, number>> = {
  backup: { database: 0.1, files: 0.9 },
  check: { integrity: 0.1, foreignKeys: 0.02, files: 0.6, search: 0.1, signatures: 0.15, audit: 0.03 },
};

/** Maps phase progress onto 100 job steps; steps a resumed job already counted are not counted twice. */
function percentProgress(kind: MaintenanceKind, ctx: JobContext, alreadyDone: number): Progress & { finish(): void } {
  const phases = Object.keys(WEIGHTS[kind]);
  let counted = alreadyDone;
  const advance = (to: number) => {
    while (counted < Math.min(100, to)) {
      counted++;
      ctx.addOutcome({ file: `${counted}%`, status: 'imported', documentId: null, pages: 0, code: null, message: null, warnings: [] });
    }
  };
  return {
    cancelled: () => ctx.cancelled,
    step(phase, done, total, current) {
      const i = phases.indexOf(phase);
      if (i < 0) return;
      const before = phases.slice(0, i).reduce((n, p) => n + WEIGHTS[kind][p], 0);
      const frac = before + WEIGHTS[kind][phase] * (total ? done / total : 1);
      ctx.setCurrent(current ? `${phase}: ${current}` : phase);
      advance(Math.floor(frac * 100));
    },
    finish: () => advance(100),
  };
}

/** Passphrases of backups started from the app, per runner and job id, until the job ends. */
const passphrases = new WeakMap<object, Map<number, string>>();
const heldBy = (core: Target) => passphrases.get(core.jobs) ?? passphrases.set(core.jobs, new Map()).get(core.jobs)!;

/** The passphrase typed for this job; a job resumed after a restart (or unattended) reads SOHOA_BACKUP_PASSPHRASE. */
const passphraseFor = (core: Target, jobId: number) => heldBy(core).get(jobId) ?? process.env.SOHOA_BACKUP_PASSPHRASE;

interface Target {
  db: Db;
  dataDir: string;
  version: string;
  jobs: JobRunner;
}

/** Registers the 'backup' and 'check' job kinds on a core (one line in core.ts). */
export function registerMaintenanceJobs(core: Target): void {
  const run = (kind: MaintenanceKind) => async (ctx: JobContext, p: { dir?: string; repair?: boolean; userId: number | null }, done: number) => {
    const progress = percentProgress(kind, ctx, done);
    try {
      if (kind === 'backup') {
        const r = await backupArchive({ db: core.db, dataDir: core.dataDir, appVersion: core.version }, p.dir!, passphraseFor(core, ctx.id), progress);
        saveMaintenanceReport(core.db, kind, r.complete, r, ctx.id, p.userId);
        if (r.complete) progress.finish();
      } else {
        const r = await checkArchive({ db: core.db, dataDir: core.dataDir }, { repair: p.repair, ...progress });
        saveMaintenanceReport(core.db, kind, r.ok, r, ctx.id, p.userId);
        // a repair of the word index empties the phrase index: fill it again now, not at the next start
        if (p.repair) fillPairsInBackground(core.db);
        if (!ctx.cancelled) progress.finish();
      }
      ctx.setCurrent(null);
    } catch (e) {
      const err = toAppError(e);
      saveMaintenanceReport(core.db, kind, false, { error: err }, ctx.id, p.userId);
      ctx.setCurrent(null);
      ctx.addOutcome({ file: p.dir ?? kind, status: 'error', documentId: null, pages: 0, code: err.code, message: err.message, params: err.params, warnings: [] });
      throw e; // the job ends 'failed', its reason in the last outcome
    } finally {
      heldBy(core).delete(ctx.id);
    }
  };
  core.jobs.register('backup', run('backup'));
  core.jobs.register('check', run('check'));
}

/** Starts a backup or a check unless one is already running (two would race on one folder). `passphrase`: a backup's, kept out of the stored payload. */
export function startMaintenance(core: Target, kind: MaintenanceKind, payload: { dir?: string; repair?: boolean }, userId: number | null, passphrase?: string): number {
  const busy = core.db.prepare("SELECT id FROM jobs WHERE kind IN ('backup', 'check') AND state IN ('queued', 'running') LIMIT 1").pluck().get() as number | undefined;
  if (busy !== undefined) throw new CoreError('MAINTENANCE_BUSY', { job: busy });
  // refused here, before a job exists, so the admin sees why at once
  const secret = kind === 'backup' ? checkPassphrase(passphrase) : undefined;
  const id = core.jobs.start(kind, { ...payload, userId }, 100, userId);
  // the job starts on a later tick: it finds the passphrase there
  if (secret) heldBy(core).set(id, secret);
  return id;
}
