// The OCR job: reads the pages it was given, a few at a time, and finishes each document
// (tags, searchable PDF) when its last page is read. Stop means no new page starts: pages a
// worker is reading finish, and every page not read is listed as such.
import { CoreError, toAppError } from '../errors';
import type { JobContext } from '../jobs/jobs';
import type { FileOutcome } from '../../shared/contract';
import { finishDocument, readStoredPage, type OcrDeps } from './document-ocr';
import { PageNotStarted, type OcrPool } from './pool';

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
