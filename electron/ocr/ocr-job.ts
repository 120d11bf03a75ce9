// The OCR job: reads the pages it was given, a few at a time, and finishes each document
// (tags, searchable PDF) when its last page is read. Stop means no new page starts: pages a
// worker is reading finish, and every page not read is listed as such.
import { CoreError, toAppError } from '../errors';
import type { JobContext } from '../jobs/jobs';
import type { FileOutcome } from '../../shared/contract';
import path from 'node:path';
import type { BlobStore } from '../archive/blobs';
import type { Db } from '../archive/db';
import { getSetting } from '../archive/settings';
import type { JobRunner } from '../jobs/jobs';
import { finishDocument, pagesToRead, readStoredPage, unreadPages, type OcrDeps } from './document-ocr';
import { OcrPool, PageNotStarted } from './pool';
import { ensureTessdata } from './tessdata';

type PageRef = { documentId: number; pageId: number };

/** The 'ocr' job kind and its workers, started on first use with the trained data shipped in the app. */
export class OcrJobs {
  private workers: OcrPool | null = null;

  constructor(private readonly d: { db: Db; blobs: BlobStore; jobs: JobRunner; dataDir: string }) {
    d.jobs.register('ocr', (ctx, p: { pages: PageRef[] }) => runOcrJob(ctx, { db: d.db, blobs: d.blobs }, this.pool(), p.pages, d.jobs.outcomesOf(ctx.id)));
  }

  pool(): OcrPool {
    if (!this.workers) {
      const languages = getSetting(this.d.db, 'ocr.languages') ?? 'vie';
      const size = Number(process.env.SOHOA_OCR_WORKERS) || undefined;
      this.workers = new OcrPool({ langPath: ensureTessdata(path.join(this.d.dataDir, 'tessdata')), languages, size });
    }
    return this.workers;
  }

  /** Reads the pages of these documents not read yet (all with `again`) as one job. */
  start(documentIds: number[], userId: number | null, again = false): number {
    const pages = pagesToRead(this.d.db, documentIds, again);
    return this.d.jobs.start('ocr', { pages }, pages.length, userId);
  }

  /** A new job for the pages a finished OCR job could not read (and that are still unread). */
  retry(jobId: number, userId: number | null): number {
    const failed = this.d.jobs.outcomesOf(jobId).filter((o) => o.status === 'error' && o.pageId).map((o) => o.pageId!);
    const pages = unreadPages(this.d.db, [...new Set(failed)]);
    return this.d.jobs.start('ocr', { pages }, pages.length, userId);
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }
}

export async function runOcrJob(ctx: JobContext, deps: OcrDeps, pool: OcrPool, pages: { documentId: number; pageId: number }[], earlier: FileOutcome[]) {
  // a resumed job skips the pages it has an outcome for
  const seen = new Set(earlier.map((o) => o.pageId));
  const todo = pages.filter((x) => !seen.has(x.pageId));
  // pages still to read per document: the last one read finishes the document
  const left = new Map<number, number>();
  for (const x of todo) left.set(x.documentId, (left.get(x.documentId) ?? 0) + 1);
  const label = (pageId: number) => {
    const info = deps.db.prepare('SELECT d.title, p.idx FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?').get(pageId) as { title: string; idx: number } | undefined;
    return { info, file: info ? `${info.title} · trang ${info.idx}` : `#${pageId}` };
  };
  const notRead: { documentId: number; pageId: number }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < todo.length && !ctx.cancelled) {
      const { documentId, pageId } = todo[next++];
      const { info, file } = label(pageId);
      ctx.setCurrent(file);
      try {
        if (!info) throw new CoreError('NOT_FOUND', { what: `trang #${pageId}` });
        const r = await readStoredPage(deps, pool, pageId, () => ctx.cancelled);
        const notices = r.blank ? [new CoreError('PAGE_BLANK', { page: info.idx })] : [];
        ctx.addOutcome({ file, status: 'imported', documentId, pageId, pages: 1, code: null, message: null, warnings: notices.map((n) => n.message), notices: notices.map((n) => ({ code: n.code, params: n.params })) });
      } catch (e) {
        if (e instanceof PageNotStarted) {
          notRead.push({ documentId, pageId });
          continue;
        }
        const err = toAppError(e);
        ctx.addOutcome({ file, status: 'error', documentId, pageId, pages: 1, code: err.code, message: err.message, params: err.params, warnings: [] });
      }
      const n = left.get(documentId)! - 1;
      left.set(documentId, n);
      if (n === 0) await finishDocument(deps, documentId).catch((e) => console.error(`document ${documentId}: searchable PDF failed:`, e));
    }
  };
  await Promise.all(Array.from({ length: pool.lanes }, lane));
  ctx.setCurrent(null);
  // stopped by the user: the pages never read are listed (a shutdown resumes them instead)
  if (ctx.stoppedByUser) {
    const rest = [...notRead, ...todo.slice(next)].sort((a, b) => todo.indexOf(a) - todo.indexOf(b));
    for (const { documentId, pageId } of rest)
      ctx.addOutcome({ file: label(pageId).file, status: 'cancelled', documentId, pageId, pages: 0, code: null, message: null, warnings: [] });
  }
}
