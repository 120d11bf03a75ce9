// The one core behind every shell: opens the archive, checks and routes contract calls,
// keeps each client's sign-in, runs jobs, and serves archived files to those allowed.
import { builtIns } from './signing/builtin-trust';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { METHODS, type MethodName } from '../shared/channels';
import { contract, type FileOutcome, type ImportSource, type JobState } from '../shared/contract';
import { fail, ok, type Result } from '../shared/result';
import { canSeeUnit } from './accounts/scope';
import { getUser } from './accounts/users';
import { coverageScope, handlers, type CallContext } from './api';
import { today } from './coverage/dates';
import { coverageCsv, coverageFileName, coveragePdf, coverageXlsx } from './coverage/export';
import { buildPackage } from './coverage/packages';
import { coverageReport, coverageTrend } from './coverage/report';
import { BlobStore, sweepOrphanBlobs } from './archive/blobs';
import { openDatabase, type Db } from './archive/db';
import { ASSET_KINDS, findAsset, type AssetKind } from './archive/documents';
import { DatabaseTooNewError } from './archive/migrations';
import { expandPaths } from './capture/expand-sources';
import { HotFolders } from './capture/hot-folders';
import { UploadStaging } from './capture/staging';
import { getSetting } from './archive/settings';
import type { Role } from '../shared/roles';
import { isRealIsoDate } from '../shared/iso-date';
import { importFile, type FileRef } from './capture/import-file';
import { scan, type ScanRequest } from './capture/scanner';
import sharp from 'sharp';
import { CoreError, toAppError } from './errors';
import { isInside, readOrFail } from './files';
import { JobRunner, type JobContext } from './jobs/jobs';
import { signBatch, type OpenSigner, type SignBatch } from './signing/service';
import { APP_ROOT } from './paths';
import { pagesToRead } from './ocr/document-ocr';
import { runOcrJob } from './ocr/ocr-job';
import { OcrPool } from './ocr/pool';
import { ensureTessdata } from './ocr/tessdata';
import { registerMaintenanceJobs } from './archive/maintenance';

export type Shell = 'electron' | 'web' | 'cli';

/** One window, browser tab or CLI run; the shell owns it and the core reads who is signed in. */
export interface Client {
  userId: number | null;
  lastSeen: number;
  /**
   * Whether calls may name files on this machine: given by the Electron shell (files the user
   * picked or dropped) and the CLI, never by the browser host, whose clients upload instead.
   */
  readonly localFiles: boolean;
  /** Set by a sign-in: the shell must give the client a new session id (no session fixation). */
  renewed?: boolean;
}

const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

interface StagedRef extends FileRef {
  staged?: boolean;
}

/** Roles whose methods take a file (documents, registers, packages, certificates), so they may upload. */
const UPLOAD_ROLES: readonly Role[] = ['admin', 'records_staff', 'signing_officer', 'unit_head'];

export class Core {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly jobs: JobRunner;
  readonly version: string;
  readonly staging: UploadStaging;
  readonly hotFolders: HotFolders;
  private readonly signers = new Map<number, OpenSigner>();
  private pool: OcrPool | null = null;

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
    this.staging = new UploadStaging(path.join(dataDir, 'incoming'));
    // the shipped national anchors are checked against their pins once, at start
    for (const p of builtIns().problems) console.warn(`Số hóa Desk: ${p}`);
    this.version = JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')).version;
    this.jobs = new JobRunner(this.db, shell);
    this.hotFolders = new HotFolders(this.db, dataDir, async (files, userId, unitId, ocr) => {
      const id = this.startImport(files.map((f) => ({ path: f })), { userId, localFiles: true }, unitId, { ocr });
      const st = await this.waitForJob(id);
      return { failed: st.outcomes.filter((o) => o.status === 'error').map((o) => path.resolve(o.file)) };
    });
    this.jobs.register('import', (ctx, payload, done) => this.runImport(ctx, payload, done));
    this.jobs.register('sign', (ctx, payload, done) => this.runSign(ctx, payload, done));
    this.jobs.register('ocr', (ctx, payload) => this.runOcr(ctx, payload));
    this.jobs.register('scan', (ctx, payload, done) => this.runScan(ctx, payload, done));
    registerMaintenanceJobs(this);
  }

  static open(opts: { dataDir: string; shell: Shell; resumeJobs?: boolean }): Core {
    const core = new Core(opts.dataDir, opts.shell);
    if (opts.resumeJobs !== false) core.jobs.resumeUnfinished();
    if (opts.shell !== 'cli') {
      // a walk of every stored file: not on the way to the first window
      setTimeout(() => core.db.open && sweepOrphanBlobs(core.db, core.blobs), 30_000).unref();
      core.hotFolders.startAll();
      core.staging.sweepPeriodically(() => core.stagedInUse());
    }
    return core;
  }

  newClient(opts: { localFiles: boolean }): Client {
    return { userId: null, lastSeen: Date.now(), localFiles: opts.localFiles };
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
      const user = this.userOf(client);
      const { access, run } = handlers[m];
      if (access !== 'public') {
        if (!user) throw new CoreError('NOT_SIGNED_IN');
        if (access !== 'user' && !access.includes(user.role)) throw new CoreError('FORBIDDEN');
      }
      const ctx: CallContext = {
        core: this,
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
  userOf(client: Client) {
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

  /** Job events a client may see: its own user's jobs, or all for an admin. */
  subscribe(client: Client, listener: (st: JobState) => void): () => void {
    const l = (st: JobState) => {
      const user = client.userId === null ? null : getUser(this.db, client.userId);
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

  /**
   * A generated file for /export/<name>?at=&unitId=: the coverage view as CSV, XLSX or PDF,
   * or the signed coverage package. Null when the client may not have it.
   */
  async download(name: string, query: URLSearchParams, client: Client): Promise<{ fileName: string; mime: string; bytes: Buffer } | null> {
    const user = this.userOf(client);
    if (!user || (user.role !== 'admin' && user.role !== 'unit_head')) return null;
    const at = query.get('at') ?? today();
    const unitParam = query.get('unitId');
    if (!isRealIsoDate(at) || (unitParam !== null && !/^\d{1,15}$/.test(unitParam))) return null;
    const unitId = unitParam === null ? undefined : Number(unitParam);
    let scope: number | null;
    try {
      scope = coverageScope(this.db, user, unitId);
    } catch {
      return null;
    }
    if (name === 'coverage-package.json') {
      const target = scope ?? user.unitId;
      const pkg = buildPackage(this.db, this.dataDir, at, target, user.id);
      return { fileName: `goi-so-lieu-${pkg.payload.unit.code}-${at}.json`, mime: 'application/json', bytes: Buffer.from(JSON.stringify(pkg, null, 1)) };
    }
    const report = coverageReport(this.db, at, scope);
    if (name === 'coverage.csv') return { fileName: coverageFileName(report, 'csv'), mime: 'text/csv; charset=utf-8', bytes: coverageCsv(report) };
    if (name === 'coverage.xlsx')
      return { fileName: coverageFileName(report, 'xlsx'), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await coverageXlsx(report) };
    if (name === 'coverage.pdf')
      return { fileName: coverageFileName(report, 'pdf'), mime: 'application/pdf', bytes: await coveragePdf(report, coverageTrend(this.db, at, scope)) };
    return null;
  }

  /** Saves an upload from the browser host under incoming/ for its signed-in sender, returning the id to use it by. */
  async stageUpload(body: Readable, client: Client, maxBytes: number): Promise<string> {
    const user = this.userOf(client);
    if (!user) throw new CoreError('NOT_SIGNED_IN');
    if (!UPLOAD_ROLES.includes(user.role)) throw new CoreError('FORBIDDEN');
    return this.staging.stage(body, user.id, maxBytes);
  }

  /** Where a chosen file is: a local path only for a client whose shell may name one, never inside the archive's own data. */
  resolveSource(src: ImportSource, client: Pick<Client, 'userId' | 'localFiles'>): StagedRef {
    if ('stagedId' in src) return { path: this.staging.pathFor(src.stagedId, client.userId), name: src.name, staged: true };
    if (!client.localFiles) throw new CoreError('LOCAL_PATH_REFUSED');
    this.refuseArchivePath(src.path, src.path);
    return { path: path.resolve(src.path), name: src.path };
  }

  /** The app's own database, keys and files are never read in as a user's file. */
  private refuseArchivePath(file: string, shown: string): void {
    if (isInside(file, this.dataDir)) throw new CoreError('PATH_IN_ARCHIVE', { file: path.basename(shown) });
  }

  discardStaged(src: ImportSource): void {
    if ('stagedId' in src) this.staging.discard(src.stagedId);
  }

  /** A chosen file's name and bytes; an upload is used up by reading it unless `keep` (a preview before the import). */
  readSource(src: ImportSource, client: Pick<Client, 'userId' | 'localFiles'>, opts: { keep?: boolean } = {}): { name: string; bytes: Buffer } {
    const ref = this.resolveSource(src, client);
    const name = path.basename(ref.name);
    try {
      return { name, bytes: readOrFail(ref.path, name) };
    } finally {
      if (!opts.keep) this.discardStaged(src);
    }
  }

  /** Uploads that unfinished import jobs still have to read (kept by the sweep). */
  private stagedInUse(): Set<string> {
    const payloads = this.db.prepare("SELECT payload FROM jobs WHERE kind = 'import' AND state IN ('queued','running')").pluck().all() as string[];
    return new Set(payloads.flatMap((p) => (JSON.parse(p).refs as StagedRef[]).filter((r) => r.staged).map((r) => r.path)));
  }

  /**
   * Signs documents as a job with a key opened once (one PIN entry). The key lives in memory
   * for the job only; the stored job holds no secret, so a job cut short by a restart stops.
   */
  startSigning(batch: SignBatch, signer: OpenSigner): number {
    const id = this.jobs.start('sign', batch, batch.documentIds.length, batch.userId);
    this.signers.set(id, signer);
    return id;
  }

  private async runSign(ctx: JobContext, batch: SignBatch, done: number) {
    const signer = this.signers.get(ctx.id);
    try {
      if (!signer) {
        for (const id of batch.documentIds.slice(done))
          ctx.addOutcome({ file: `#${id}`, status: 'error', documentId: id, pages: 0, code: 'SIGN_INTERRUPTED', message: 'Phiên ký đã dừng khi ứng dụng đóng; hãy chọn lại và ký.', warnings: [] });
        return;
      }
      await signBatch(this.db, this.blobs, signer, batch, ctx, done);
    } finally {
      signer?.close?.();
      this.signers.delete(ctx.id);
    }
  }

  /** Imports files as a job; with `ocr`, the imported documents are read in a second job. */
  startImport(sources: ImportSource[], client: Pick<Client, 'userId' | 'localFiles'>, unitId: number | null, opts: { ocr?: boolean } = {}): number {
    const refs: StagedRef[] = [];
    for (const s of sources) {
      const ref = this.resolveSource(s, client);
      refs.push(...('path' in s ? expandPaths([s.path]) : [ref]));
    }
    // the job owns its uploads from here: they leave the staging quota and are removed as read
    for (const s of sources) if ('stagedId' in s) this.staging.release(s.stagedId);
    const userId = client.userId;
    return this.jobs.start('import', { refs, userId, unitId, ocr: !!opts.ocr }, refs.length, userId);
  }

  private async runImport(ctx: JobContext, p: { refs: StagedRef[]; userId: number | null; unitId: number | null; ocr?: boolean }, done: number) {
    const target = { db: this.db, blobs: this.blobs, userId: p.userId, unitId: p.unitId };
    for (const ref of p.refs.slice(done)) {
      if (ctx.cancelled) break;
      ctx.setCurrent(ref.name);
      // a folder may hold (or link to) the app's own data: refused file by file
      ctx.addOutcome(!ref.staged && isInside(ref.path, this.dataDir) ? refusedOutcome(ref, new CoreError('PATH_IN_ARCHIVE', { file: ref.name })) : await importFile(target, ref));
      if (ref.staged) fs.rmSync(ref.path, { force: true });
    }
    ctx.setCurrent(null);
    for (const ref of p.refs) if (ref.staged) fs.rmSync(ref.path, { force: true });
    if (p.ocr && !ctx.cancelled) {
      const ids = this.jobs.outcomesOf(ctx.id).filter((o) => o.status === 'imported' && o.documentId).map((o) => o.documentId!);
      if (ids.length) this.startOcr(ids, p.userId);
    }
  }

  /** Resolves with a job's final state. */
  waitForJob(id: number): Promise<JobState> {
    return new Promise((resolve) => {
      const check = (st?: JobState) => {
        const s = st && st.id === id ? st : this.jobs.get(id);
        if (s && !['queued', 'running'].includes(s.state)) {
          this.jobs.off('job.updated', check);
          resolve(s);
        }
      };
      this.jobs.on('job.updated', check);
      check();
    });
  }

  /** Scans with SANE as a job: the pages become one document (a multi-page TIFF), read by OCR when asked. */
  startScan(req: ScanRequest, userId: number, unitId: number, ocr: boolean): number {
    return this.jobs.start('scan', { req, userId, unitId, ocr }, 1, userId);
  }

  private async runScan(ctx: JobContext, p: { req: ScanRequest; userId: number; unitId: number; ocr: boolean }, done: number) {
    if (done) return; // a scan cut short by a restart cannot continue: paper must be fed again
    const dir = fs.mkdtempSync(path.join(this.staging.dir, 'scan-'));
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    const name = `quet-${stamp}.tif`;
    try {
      ctx.setCurrent('Đang quét…');
      const files = await scan(p.req, dir, { onPage: (n) => ctx.setCurrent(`Đã quét ${n} trang`), cancelled: () => ctx.cancelled });
      if (ctx.cancelled || !files.length) return;
      const file = path.join(dir, name);
      const pages = await Promise.all(files.map((f) => fs.promises.readFile(f)));
      // lossless: the scanner's pixels, deflated, one TIFF for the whole batch
      // joining pages adds an alpha band the scan never had
      let img = (pages.length > 1 ? sharp(pages, { join: { animated: true } }) : sharp(pages[0])).removeAlpha();
      // a grey or line-art scan stays grey, so the colour rule (DOMAIN.md 3) can see it
      if (!/colou?r/i.test(p.req.mode)) img = img.toColourspace('b-w');
      // resolution in the TIFF header (pixels per mm); withMetadata would turn grey into sRGB
      const ppmm = p.req.resolution / 25.4;
      await img.tiff({ compression: 'deflate', xres: ppmm, yres: ppmm, resolutionUnit: 'inch' }).toFile(file);
      const outcome = await importFile({ db: this.db, blobs: this.blobs, userId: p.userId, unitId: p.unitId }, { path: file, name });
      ctx.addOutcome(outcome);
      if (p.ocr && outcome.status === 'imported' && outcome.documentId) this.startOcr([outcome.documentId], p.userId);
    } catch (e) {
      const err = toAppError(e);
      ctx.addOutcome({ file: name, status: 'error', documentId: null, pages: 0, code: err.code, message: err.message, params: err.params, warnings: [] });
    } finally {
      ctx.setCurrent(null);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The OCR workers, started on first use with the trained data shipped in the app. */
  ocrPool(): OcrPool {
    if (!this.pool) {
      const languages = getSetting(this.db, 'ocr.languages') ?? 'vie';
      const size = Number(process.env.SOHOA_OCR_WORKERS) || undefined;
      this.pool = new OcrPool({ langPath: ensureTessdata(path.join(this.dataDir, 'tessdata')), languages, size });
    }
    return this.pool;
  }

  /** Reads the pages of these documents not read yet (all with `again`) as one job. */
  startOcr(documentIds: number[], userId: number | null, again = false): number {
    const pages = pagesToRead(this.db, documentIds, again);
    return this.jobs.start('ocr', { pages }, pages.length, userId);
  }

  /** A new job for the pages a finished OCR job could not read (and that are still unread). */
  retryOcr(jobId: number, userId: number | null): number {
    const failed = new Set(this.jobs.outcomesOf(jobId).filter((o) => o.status === 'error' && o.pageId).map((o) => o.pageId!));
    const pages = (this.db.prepare("SELECT document_id documentId, id pageId FROM pages WHERE id IN (SELECT value FROM json_each(?)) AND ocr_state <> 'done' ORDER BY document_id, idx").all(JSON.stringify([...failed])) as { documentId: number; pageId: number }[]);
    return this.jobs.start('ocr', { pages }, pages.length, userId);
  }

  private async runOcr(ctx: JobContext, p: { pages: { documentId: number; pageId: number }[] }) {
    await runOcrJob(ctx, { db: this.db, blobs: this.blobs }, this.ocrPool(), p.pages, this.jobs.outcomesOf(ctx.id));
  }

  async close(): Promise<void> {
    this.hotFolders.close();
    this.staging.close();
    await this.jobs.shutdown();
    await this.pool?.close();
    this.db.close();
  }
}

function refusedOutcome(ref: FileRef, err: CoreError): FileOutcome {
  return { file: ref.name, status: 'error', documentId: null, pages: 0, code: err.code, message: err.message, params: err.params, warnings: [] };
}
