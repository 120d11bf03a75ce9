// The daily backup, run by the core in the background (like the hot folders and the hub
// sync): into a new dated folder under the folder the admin chose, as the app's own backup
// job (progress and report on the maintenance screen), then only the N newest finished
// backups there are kept. The same tick empties the trash of what is older than 30 days and
// drops page-undo states older than a day. The last backup's age is what the admin's home
// warns about (older than 2 days, or the last run failed). The backup passphrase that seals
// the keys is never stored: the admin types it when choosing the folder and the scheduler holds
// it in memory; after a restart it reads SOHOA_BACKUP_PASSPHRASE, or waits for the admin to
// type it again (the home screen says so).
import fs from 'node:fs';
import path from 'node:path';
import { audit } from '../accounts/audit';
import { CoreError } from '../errors';
import { isInside } from '../files';
import type { JobRunner } from '../jobs/jobs';
import { MANIFEST, MARKER } from './backup-manifest';
import type { Db } from './db';
import { latestMaintenanceReport, startMaintenance } from './maintenance';
import { dropOldUndo } from './page-undo';
import { deleteSetting, getSetting, putSetting } from './settings';
import { expireTrash } from './trash';

const KEY = 'backup.schedule';
const DAY_MS = 24 * 3600 * 1000;
/** older than this, the admin's home warns */
export const BACKUP_WARN_MS = 2 * DAY_MS;
/** the folders the schedule makes, and the only ones its retention ever removes */
const DATED = /^sohoa-\d{8}-\d{6}$/;

export interface Schedule {
  dir: string;
  keep: number;
}

export interface BackupStatus {
  schedule: Schedule | null;
  /** the newest finished backup (scheduled or not) */
  lastOkAt: string | null;
  lastOkDir: string | null;
  /** the newest run failed (its error) */
  lastError: { code: string; message: string; params?: Record<string, string | number> } | null;
  ageHours: number | null;
  warn: 'none' | 'old' | 'failed' | null;
  /** a schedule is set but the scheduler has no passphrase to run it with */
  needsPassphrase: boolean;
}

export function getSchedule(db: Db): Schedule | null {
  const v = getSetting(db, KEY);
  return v ? (JSON.parse(v) as Schedule) : null;
}

export function setSchedule(db: Db, dataDir: string, s: Schedule | null, userId: number | null): void {
  if (!s) {
    deleteSetting(db, KEY);
    audit(db, userId, 'maintenance.schedule', undefined, { dir: null });
    return;
  }
  const dir = path.resolve(s.dir);
  if (isInside(dir, path.resolve(dataDir))) throw new CoreError('BACKUP_INSIDE_ARCHIVE', { dir });
  putSetting(db, KEY, JSON.stringify({ dir, keep: s.keep }));
  audit(db, userId, 'maintenance.schedule', undefined, { dir, keep: s.keep });
}

/** The last backup's age and outcome, for the admin's home. */
export function backupStatus(db: Db, now = Date.now(), scheduler?: BackupScheduler): BackupStatus {
  const ok = db.prepare("SELECT created_at at, json_extract(report, '$.dir') dir FROM maintenance_reports WHERE kind = 'backup' AND ok = 1 ORDER BY id DESC LIMIT 1").get() as
    | { at: string; dir: string }
    | undefined;
  const latest = latestMaintenanceReport(db, 'backup');
  const failed = latest && !latest.ok ? latest.report : null;
  const lastError = failed && 'error' in failed ? failed.error : failed ? { code: 'BACKUP_PARTIAL', message: 'Lần sao lưu gần nhất chưa hoàn tất.' } : null;
  const at = ok ? Date.parse(ok.at.endsWith('Z') ? ok.at : `${ok.at.replace(' ', 'T')}Z`) : null;
  const ageHours = at === null ? null : Math.max(0, (now - at) / 3600_000);
  const warn = lastError ? 'failed' : ageHours === null || ageHours * 3600_000 > BACKUP_WARN_MS ? 'old' : 'none';
  const schedule = getSchedule(db);
  const needsPassphrase = !!schedule && !!scheduler && !scheduler.hasPassphrase();
  return { schedule, lastOkAt: ok?.at ?? null, lastOkDir: ok?.dir ?? null, lastError, ageHours, warn, needsPassphrase };
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Removes all but the `keep` newest finished dated backups in `dir`; returns the removed names. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const finished = fs
    .readdirSync(dir)
    .filter((n) => DATED.test(n) && fs.existsSync(path.join(dir, n, MARKER)) && fs.existsSync(path.join(dir, n, MANIFEST)))
    .sort()
    .reverse();
  const gone = finished.slice(keep);
  for (const n of gone) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
  return gone;
}

interface Host {
  db: Db;
  dataDir: string;
  version: string;
  jobs: JobRunner;
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private passphrase: string | null = null;

  constructor(
    private readonly core: Host,
    private readonly pollMs = 10 * 60_000,
  ) {}

  /** The passphrase the admin typed for the schedule (checked by the caller), kept in memory only. */
  setPassphrase(p: string | null): void {
    this.passphrase = p;
  }

  hasPassphrase(): boolean {
    return !!(this.passphrase ?? process.env.SOHOA_BACKUP_PASSPHRASE);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
    setTimeout(() => void this.tick(), 5_000).unref();
  }

  /** One round: housekeeping, then the backup if one is due. Resolves when that backup and its retention are done. */
  tick(now = new Date()): Promise<void> {
    if (this.running) return this.running;
    this.running = this.round(now).finally(() => (this.running = null));
    return this.running;
  }

  private async round(now: Date): Promise<void> {
    const { db } = this.core;
    if (!db.open) return;
    expireTrash(db, now);
    dropOldUndo(db, now);
    const s = getSchedule(db);
    const passphrase = this.passphrase ?? process.env.SOHOA_BACKUP_PASSPHRASE;
    if (!s || !passphrase || !this.due(s, now)) return;
    let jobId: number;
    try {
      jobId = startMaintenance(this.core, 'backup', { dir: path.join(s.dir, `sohoa-${stamp(now)}`) }, null, passphrase);
    } catch (e) {
      if (e instanceof CoreError && e.code === 'MAINTENANCE_BUSY') return; // the next tick
      throw e;
    }
    const st = await this.core.jobs.waitFor(jobId);
    if (st.state === 'done' && db.open) {
      const removed = pruneBackups(s.dir, s.keep);
      audit(db, null, 'maintenance.backup', { type: 'job', id: jobId }, { scheduled: true, dir: s.dir, removed });
    }
  }

  /** Due when no scheduled backup into this folder finished in the last day (a failed one is retried next tick). */
  private due(s: Schedule, now: Date): boolean {
    const last = this.core.db
      .prepare("SELECT max(created_at) FROM maintenance_reports WHERE kind = 'backup' AND ok = 1 AND json_extract(report, '$.dir') LIKE ? ESCAPE '\\'")
      .pluck()
      .get(`${path.join(s.dir, 'sohoa-').replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as string | null;
    return !last || now.getTime() - Date.parse(last.endsWith('Z') ? last : `${last.replace(' ', 'T')}Z`) >= DAY_MS - 5 * 60_000;
  }

  /** Stops the timer; a backup under way is the job runner's to stop. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

// one scheduler per open archive: the core starts it, the schedule handler nudges the same one
const schedulers = new WeakMap<Db, BackupScheduler>();
export function schedulerFor(core: Host): BackupScheduler {
  let s = schedulers.get(core.db);
  if (!s) schedulers.set(core.db, (s = new BackupScheduler(core)));
  return s;
}
