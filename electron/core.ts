// The one core behind every shell: opens the archive and its job kinds, checks and routes
// contract calls to the domain handlers, keeps each client's sign-in, and serves archived
// files to those allowed. The work itself lives in the domain folders.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { METHODS, type MethodName } from '../shared/channels';
import { contract, type JobState } from '../shared/contract';
import { fail, ok, type Result } from '../shared/result';
import type { Role } from '../shared/roles';
import { canSeeUnit } from './accounts/scope';
import { getUser, type UserRecord } from './accounts/users';
import { BlobStore, sweepOrphanBlobs } from './archive/blobs';
import { openDatabase, type Db } from './archive/db';
import { fillPairsInBackground } from './archive/search-pairs';
import { ASSET_KINDS, type AssetKind } from './archive/asset-kinds';
import { findAsset } from './archive/documents';
import { registerMaintenanceJobs } from './archive/maintenance';
import { schedulerFor } from './archive/backup-schedule';
import { DatabaseTooNewError } from './archive/migrations';
import { OPERATOR, type CallContext, type Caller, type Services } from './call-context';
import { HotFolders } from './capture/hot-folders';
import { ImportJobs } from './capture/import-job';
import { ScanJobs } from './capture/scan-job';
import { Sources } from './capture/sources';
import { UploadStaging } from './capture/staging';
import type { Client, Shell } from './client';
import { coverageDownload, type Download } from './coverage/downloads';
import { CoreError, toAppError } from './errors';
import { handlers } from './handlers';
import { JobRunner } from './jobs/jobs';
import { OcrJobs } from './ocr/ocr-job';
import { APP_ROOT } from './paths';
import { builtIns } from './signing/trust/builtin-trust';
import { SignJobs } from './signing/sign/sign-job';
import { registerExtendJobs } from './signing/long-term/extend-job';
import { HubSync } from './sync/hub-sync';
import { hubCopyDownload, isHubCopy } from './sync/lookup-handlers';

export type { Client, Shell } from './client';

const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

/** Roles whose methods take a file (documents, registers, packages, certificates), so they may upload. */
const UPLOAD_ROLES: readonly Role[] = ['admin', 'records_staff', 'signing_officer', 'unit_head'];

export class Core implements Services {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly jobs: JobRunner;
  readonly version: string;
  readonly sources: Sources;
  readonly hotFolders: HotFolders;
  readonly imports: ImportJobs;
  readonly scans: ScanJobs;
  readonly ocr: OcrJobs;
  readonly signing: SignJobs;
  readonly sync: HubSync;

  private constructor(
    readonly dataDir: string,
    readonly shell: Shell,
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      this.db = openDatabase(path.join(dataDir, 'archive.sqlite'));
    } catch (e) {
      if (e instanceof DatabaseTooNewError) throw new CoreError('DB_TOO_NEW', { found: e.found });
      throw e;
    }
    this.blobs = new BlobStore(dataDir);
    // the shipped national anchors are checked against their pins once, at start
    for (const p of builtIns().problems) console.warn(`Số hóa Desk: ${p}`);
    this.version = JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')).version;
    this.jobs = new JobRunner(this.db, shell);
    const staging = new UploadStaging(path.join(dataDir, 'incoming'));
    this.sources = new Sources(dataDir, staging);
    this.ocr = new OcrJobs(this);
    this.imports = new ImportJobs(this);
    this.scans = new ScanJobs({ db: this.db, blobs: this.blobs, jobs: this.jobs, ocr: this.ocr, workDir: staging.dir });
    this.signing = new SignJobs(this);
    registerMaintenanceJobs(this);
    registerExtendJobs(this);
    this.sync = new HubSync({ db: this.db, blobs: this.blobs, dataDir });
    this.hotFolders = new HotFolders(this.db, dataDir, async (files, userId, unitId, ocr) => {
      const id = this.imports.start(files.map((f) => ({ path: f })), { userId, localFiles: true }, unitId, { ocr });
      const st = await this.jobs.waitFor(id);
      return { failed: st.outcomes.filter((o) => o.status === 'error').map((o) => path.resolve(o.file)) };
    });
  }

  static open(opts: { dataDir: string; shell: Shell; resumeJobs?: boolean }): Core {
    const core = new Core(opts.dataDir, opts.shell);
    if (opts.resumeJobs !== false) core.jobs.resumeUnfinished();
    if (opts.shell !== 'cli') {
      // a walk of every stored file: not on the way to the first window
      setTimeout(() => core.db.open && sweepOrphanBlobs(core.db, core.blobs), 30_000).unref();
      core.hotFolders.startAll();
      // changes go up to the province hub while the app runs (a CLI run sends on `sohoa hub push`)
      core.sync.start();
      // the daily backup, the trash's 30 days and old undo states
      schedulerFor(core).start();
      // an archive from before schema v16 gets its phrase index between other work
      fillPairsInBackground(core.db);
      core.sources.staging.sweepPeriodically(() => core.imports.stagedInUse());
    }
    return core;
  }

  newClient(opts: { localFiles: boolean; operator?: boolean }): Client {
    // the operator is the CLI's alone: a window or browser client never gets its rights
    return { userId: null, lastSeen: Date.now(), localFiles: opts.localFiles, operator: !!opts.operator && this.shell === 'cli' };
  }

  async call(method: string, payload: unknown, client: Client): Promise<Result<unknown>> {
    try {
      if (!(METHODS as readonly string[]).includes(method)) throw new CoreError('UNKNOWN_METHOD', { method });
      const m = method as MethodName;
      const parsed = contract[m].req.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CoreError('BAD_REQUEST', { detail: `${issue.path.join('.') || 'payload'}: ${issue.message}` });
      }
      const user = this.callerOf(client);
      const { access, run } = handlers[m];
      if (access !== 'public') {
        if (!user) throw new CoreError('NOT_SIGNED_IN');
        if (access !== 'user' && !access.includes(user.role)) throw new CoreError('FORBIDDEN');
      }
      const ctx: CallContext = {
        services: this,
        user,
        client,
        signIn: (id) => Object.assign(client, { userId: id, lastSeen: Date.now(), renewed: true }),
        signOut: () => Object.assign(client, { userId: null }),
      };
      return ok(await (run as (r: unknown, c: CallContext) => unknown)(parsed.data, ctx));
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'INTERNAL') console.error(`${method} failed:`, e);
      return fail(err);
    }
  }

  /** The signed-in, still active user of a client; an idle or disabled session is signed out. */
  userOf(client: Client): UserRecord | null {
    if (client.userId === null) return null;
    if (Date.now() - client.lastSeen > SESSION_IDLE_MS) client.userId = null;
    const user = client.userId === null ? null : getUser(this.db, client.userId);
    if (!user?.active) {
      client.userId = null;
      return null;
    }
    client.lastSeen = Date.now();
    return user;
  }

  /** Who a client's calls act as: the CLI's operator, or its signed-in user. */
  private callerOf(client: Client): Caller | null {
    return client.operator ? OPERATOR : this.userOf(client);
  }

  /** Job events a client may see: its own user's jobs, or all for an admin. */
  subscribe(client: Client, listener: (st: JobState) => void): () => void {
    const l = (st: JobState) => {
      const user = client.operator ? OPERATOR : client.userId === null ? null : getUser(this.db, client.userId);
      if (user && (user.role === 'admin' || this.jobs.createdBy(st.id) === user.id)) listener(st);
    };
    this.jobs.on('job.updated', l);
    return () => this.jobs.off('job.updated', l);
  }

  /** An archived file for /archive/<kind>/<id>, or null when missing or not the client's to see. */
  asset(kind: string, id: number, client: Client): { path: string; mime: string; sha256: string } | null {
    const user = this.userOf(client);
    if (!user || !(ASSET_KINDS as string[]).includes(kind) || !Number.isSafeInteger(id)) return null;
    const a = findAsset(this.db, kind as AssetKind, id);
    if (!a || !canSeeUnit(this.db, user, a.unitId)) return null;
    return { path: this.blobs.pathOf(a.sha256), mime: a.mime, sha256: a.sha256 };
  }

  /** A generated file for /export/<name>: see coverage/downloads.ts, and sync/lookup-handlers.ts for a copy through the hub. */
  async download(name: string, query: URLSearchParams, client: Client): Promise<Download | null> {
    const user = this.callerOf(client);
    if (!user) return null;
    // a signed copy found by a reuse lookup comes through the hub, as the user who looked it up
    return isHubCopy(name) ? hubCopyDownload(this, user, query) : coverageDownload(this, user, name, query);
  }

  /**
   * Saves an upload from the browser host under incoming/ for its signed-in sender, returning the
   * id to use it by; `declared` (the announced length) is reserved against the quota at once.
   */
  async stageUpload(body: Readable, client: Client, maxBytes: number, declared?: number): Promise<string> {
    const user = this.userOf(client);
    if (!user) throw new CoreError('NOT_SIGNED_IN');
    if (!UPLOAD_ROLES.includes(user.role)) throw new CoreError('FORBIDDEN');
    return this.sources.staging.stage(body, user.id, maxBytes, declared);
  }

  async close(): Promise<void> {
    this.hotFolders.close();
    schedulerFor(this).close();
    await this.sync.close();
    this.sources.staging.close();
    await this.jobs.shutdown();
    await this.ocr.close();
    this.db.close();
  }
}
