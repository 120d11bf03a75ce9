// One file into the archive: validate, inspect every page, store the bytes, then record
// document and pages in a single transaction. A failure at any step stores nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { FileOutcome } from '../../shared/contract';
import { audit } from '../accounts/audit';
import { recordBlob, sha256Hex, type BlobStore } from '../archive/blobs';
import type { Db } from '../archive/db';
import { indexDocument } from '../archive/search';
import { foldVietnamese } from '../archive/text';
import { CoreError } from '../errors';
import { inspectImage, type InspectedPage } from './inspect-image';
import { unreadableFile } from './unreadable';
import { inspectPdfInWorker } from '../workers/page-work';
import { IMPORT_LIMITS } from './limits';
import { paperResolution } from '../ocr/page-dpi';
import { EXTENSIONS, MIME, sniff } from './sniff';

export interface ImportTarget {
  db: Db;
  blobs: BlobStore;
  /** null for the local operator working through the CLI */
  userId: number | null;
  unitId: number | null;
}

/** A file to read: where its bytes are, and the name the user knows it by. */
export interface FileRef {
  path: string;
  name: string;
}

export async function importFile(t: ImportTarget, ref: FileRef): Promise<FileOutcome> {
  const notices: CoreError[] = [];
  const out = () => ({ warnings: notices.map((n) => n.message), notices: notices.map((n) => ({ code: n.code, params: n.params })) });
  try {
    const { bytes, kind } = readChecked(ref);
    const sha256 = sha256Hex(bytes);
    const duplicate = (id: number) => {
      const e = new CoreError('DUPLICATE', { file: ref.name, documentId: id });
      return { file: ref.name, status: 'duplicate' as const, documentId: id, pages: 0, code: e.code, message: e.message, params: e.params, ...out() };
    };
    // an early look spares the page inspection; store() checks again in its transaction
    const existing = importedAlready(t, sha256);
    if (existing) return duplicate(existing);
    const pages = kind === 'pdf' ? await inspectPdfInWorker(bytes, ref.name) : await inspectImage(bytes, kind, ref.name);
    pages.forEach((p, i) => notices.push(...pageWarnings(p, i + 1, kind !== 'pdf')));
    const stored = store(t, ref, bytes, sha256, MIME[kind], kind === 'pdf' ? 'pdf' : 'image', pages);
    if ('duplicateOf' in stored) return duplicate(stored.duplicateOf);
    return { file: ref.name, status: 'imported', documentId: stored.documentId, pages: pages.length, code: null, message: null, ...out() };
  } catch (e) {
    const err = unreadableFile(ref.name, e);
    return { file: ref.name, status: 'error', documentId: null, pages: 0, code: err.code, message: err.message, params: err.params, ...out() };
  }
}

/** Reads a scan, refusing what is missing, empty, too big, unsupported or misnamed. */
export function readChecked(ref: FileRef) {
  const file = ref.name;
  let size: number;
  try {
    const st = fs.statSync(ref.path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new CoreError('FILE_NOT_FOUND', { file });
  }
  if (size === 0) throw new CoreError('FILE_EMPTY', { file });
  if (size > IMPORT_LIMITS.maxFileBytes)
    throw new CoreError('FILE_TOO_BIG_BYTES', { file, size: Math.round(size / 2 ** 20), limit: IMPORT_LIMITS.maxFileBytes / 2 ** 20 });
  const ext = path.extname(ref.name).slice(1).toLowerCase();
  const expected = EXTENSIONS[ext];
  const bytes = fs.readFileSync(ref.path);
  const kind = sniff(bytes);
  if (!expected) throw new CoreError('FILE_UNSUPPORTED', { file });
  if (!kind) throw new CoreError('FILE_CORRUPT', { file, detail: `không phải tệp ${expected.toUpperCase()} hợp lệ` });
  if (kind !== expected) throw new CoreError('FILE_EXTENSION_MISMATCH', { file, ext, actual: kind.toUpperCase() });
  return { bytes, kind };
}

/** DOMAIN.md rule 3: warn, never refuse, when a page is below 200 dpi or not in colour. */
function pageWarnings(p: InspectedPage, n: number, image: boolean): CoreError[] {
  const w: CoreError[] = [];
  // an image whose stated resolution makes it larger than any paper is judged at the paper's
  const r = image ? paperResolution(p.dpi, p.width, p.height) : null;
  const dpi = r?.dpi ?? p.dpi;
  if (r?.inferred) w.push(new CoreError('PAGE_PAPER_INFERRED', { page: n, stated: r.inferred.statedDpi, paper: r.inferred.paper, dpi: r.dpi }));
  if (dpi !== null && dpi < IMPORT_LIMITS.minDpi) w.push(new CoreError('PAGE_LOW_DPI', { page: n, dpi, min: IMPORT_LIMITS.minDpi }));
  // colour is a rule for scans: a born-digital PDF page (no image on it) is text, not a photo of paper
  if (!p.colour && (image || p.dpi !== null)) w.push(new CoreError('PAGE_NOT_COLOUR', { page: n }));
  return w;
}

/** The document of this unit already imported from these bytes (another unit's copy is none of its business). */
function importedAlready(t: ImportTarget, sha256: string): number | null {
  return (t.db.prepare('SELECT id FROM documents WHERE import_sha256 = ? AND unit_id IS ?').pluck().get(sha256, t.unitId) as number | undefined) ?? null;
}

function store(
  t: ImportTarget,
  ref: FileRef,
  bytes: Buffer,
  sha256: string,
  mime: string,
  kind: 'image' | 'pdf',
  pages: InspectedPage[],
): { documentId: number } | { duplicateOf: number } {
  const created: string[] = [];
  const put = (b: Buffer) => {
    const r = t.blobs.put(b);
    if (r.created) created.push(r.sha256);
    return r.sha256;
  };
  try {
    put(bytes);
    const stored = pages.map((p) => ({ ...p, thumbSha: put(p.thumb), previewSha: p.preview ? put(p.preview) : null }));
    const title = path.basename(ref.name, path.extname(ref.name));
    // IMMEDIATE: the duplicate check and the insert hold the write lock together, across processes
    const result = t.db.transaction((): { documentId: number } | { duplicateOf: number } => {
      const existing = importedAlready(t, sha256);
      if (existing) return { duplicateOf: existing };
      recordBlob(t.db, sha256, bytes.length, mime);
      const docId = Number(
        t.db
          .prepare('INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, import_sha256, page_count, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(t.unitId, title, foldVietnamese(`${title} ${ref.name}`), path.basename(ref.name), kind, sha256, sha256, pages.length, t.userId).lastInsertRowid,
      );
      const insertPage = t.db.prepare(
        'INSERT INTO pages(document_id, idx, width, height, dpi, colour, thumb_sha256, preview_sha256, source_sha256, source_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      stored.forEach((p, i) => {
        recordBlob(t.db, p.thumbSha, p.thumb.length, 'image/jpeg');
        if (p.previewSha) recordBlob(t.db, p.previewSha, p.preview!.length, 'image/jpeg');
        insertPage.run(docId, i + 1, p.width, p.height, p.dpi, p.colour ? 1 : 0, p.thumbSha, p.previewSha, sha256, i + 1);
      });
      indexDocument(t.db, docId);
      audit(t.db, t.userId, 'documents.import', { type: 'document', id: docId }, { file: ref.name, pages: pages.length, sha256 });
      return { documentId: docId };
    }).immediate();
    if ('duplicateOf' in result) removeUnrecorded(t, created);
    return result;
  } catch (e) {
    removeUnrecorded(t, created);
    throw e;
  }
}

/** Removes files this import wrote that no committed row names (another import may have recorded the same bytes meanwhile). */
function removeUnrecorded(t: ImportTarget, created: string[]): void {
  const recorded = t.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  for (const sha of created) if (!recorded.get(sha)) t.blobs.remove(sha);
}
