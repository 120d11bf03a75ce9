// OCR of archived documents, page by page: each page is read from the file it was imported
// from, cleaned and recognised, and its result stored at once (so a stopped job loses at
// most the pages in flight). When every page of a document is read, the document is tagged,
// its searchable PDF built and stored, and the search index updated.
import fs from 'node:fs';
import { recordBlob, type BlobStore } from '../archive/blobs';
import type { Db } from '../archive/db';
import { indexDocument } from '../archive/search';
import { foldVietnamese } from '../archive/text';
import type { FileKind } from '../capture/sniff';
import { CoreError, toAppError } from '../errors';
import type { Geometry } from './clean';
import { extractFields, FIELD_NAMES, type Fields, type TagPage } from './fields';
import { documentTitle, searchableMetadata } from './pdf-metadata';
import { applySignatureEvidence, signatureEvidence } from './signature-evidence';
import { ocrFile } from './pipeline';
import { PageNotStarted, type OcrLine, type OcrPool } from './pool';
import type { PageSource, SearchablePage } from './searchable-pdf';
import { searchablePdfInWorker } from '../workers/page-work';

export interface OcrDeps {
  db: Db;
  blobs: BlobStore;
}

/** Stored with each page: the clean-up applied and the pixel density of the image it was applied to. */
export type StoredGeometry = Geometry & { dpi: number };

const KIND_BY_MIME: Record<string, FileKind> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/tiff': 'tiff', 'application/pdf': 'pdf' };

interface PageRow {
  id: number;
  document_id: number;
  idx: number;
  dpi: number | null;
  source_sha256: string;
  source_page: number;
  rotation_user: number | null;
  mime: string;
  source_name: string;
}

const PAGE_SQL = `SELECT p.id, p.document_id, p.idx, p.dpi, p.source_sha256, p.source_page, p.rotation_user, b.mime, d.source_name
  FROM pages p JOIN blobs b ON b.sha256 = p.source_sha256 JOIN documents d ON d.id = p.document_id`;

/** The pages of these documents still to read (all of them with `again`), in document and page order. */
export function pagesToRead(db: Db, documentIds: number[], again = false): { documentId: number; pageId: number }[] {
  return db
    .prepare(
      `SELECT document_id documentId, id pageId FROM pages WHERE document_id IN (SELECT value FROM json_each(?)) ${again ? '' : "AND ocr_state <> 'done'"} ORDER BY document_id, idx`,
    )
    .all(JSON.stringify(documentIds)) as { documentId: number; pageId: number }[];
}

/** Of these pages, the ones not read yet, in document and page order (a retry of a job's failures). */
export function unreadPages(db: Db, pageIds: number[]): { documentId: number; pageId: number }[] {
  return db
    .prepare("SELECT document_id documentId, id pageId FROM pages WHERE id IN (SELECT value FROM json_each(?)) AND ocr_state <> 'done' ORDER BY document_id, idx")
    .all(JSON.stringify(pageIds)) as { documentId: number; pageId: number }[];
}

/**
 * Reads one archived page and stores what was found; failures are stored on the page too.
 * A stop (`cancelled`) before a worker takes the page throws PageNotStarted and changes nothing.
 */
export async function readStoredPage(d: OcrDeps, pool: OcrPool, pageId: number, cancelled?: () => boolean): Promise<{ blank: boolean; confidence: number }> {
  const row = d.db.prepare(`${PAGE_SQL} WHERE p.id = ?`).get(pageId) as PageRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', { what: `trang #${pageId}` });
  try {
    const bytes = fs.readFileSync(d.blobs.pathOf(row.source_sha256));
    const kind = KIND_BY_MIME[row.mime];
    const [r] = await ocrFile(bytes, kind, row.source_name, pool, {
      pages: [{ page: row.source_page, rotation: (row.rotation_user ?? undefined) as Geometry['rotation'] | undefined }],
      cancelled,
    });
    if (!r) throw new PageNotStarted();
    const geometry: StoredGeometry = { ...r.geometry, dpi: r.pixelDpi };
    const clean = d.blobs.put(r.preview);
    d.db.transaction(() => {
      recordBlob(d.db, clean.sha256, r.preview.length, 'image/jpeg');
      d.db
        .prepare(
          `UPDATE pages SET rotation = ?, geometry = ?, blank = ?, ocr_state = 'done', ocr_error = NULL, ocr_text = ?, ocr_confidence = ?,
             ocr_lines = ?, clean_sha256 = ?, qr = ? WHERE id = ?`,
        )
        .run(r.geometry.rotation, JSON.stringify(geometry), r.blank ? 1 : 0, r.text, r.confidence, JSON.stringify(r.lines), clean.sha256, r.qr, pageId);
    })();
    return { blank: r.blank, confidence: r.confidence };
  } catch (e) {
    if (e instanceof PageNotStarted) throw e;
    const err = e instanceof CoreError ? e : new CoreError('OCR_FAILED', { file: row.source_name, page: row.idx, detail: toAppError(e).message });
    d.db.prepare("UPDATE pages SET ocr_state = 'failed', ocr_error = ? WHERE id = ?").run(err.message, pageId);
    throw err;
  }
}

interface ReadPage {
  idx: number;
  source_sha256: string;
  source_page: number;
  mime: string;
  geometry: string;
  ocr_lines: string;
  qr: string | null;
}

/**
 * Tags the document and builds its searchable PDF once every page has been read; false
 * (nothing changed) while a page is missing. Fields the user corrected are kept.
 */
export async function finishDocument(d: OcrDeps, documentId: number): Promise<boolean> {
  const pages = d.db
    .prepare(
      `SELECT p.idx, p.source_sha256, p.source_page, b.mime, p.geometry, p.ocr_lines, p.qr, p.ocr_state FROM pages p JOIN blobs b ON b.sha256 = p.source_sha256
       WHERE p.document_id = ? ORDER BY p.idx`,
    )
    .all(documentId) as (ReadPage & { ocr_state: string })[];
  if (!pages.length || pages.some((p) => p.ocr_state !== 'done')) return false;
  const tagPages: TagPage[] = pages.map((p) => {
    const g = JSON.parse(p.geometry) as StoredGeometry;
    return { lines: JSON.parse(p.ocr_lines) as OcrLine[], size: { width: g.crop.width, height: g.crop.height }, qr: p.qr };
  });
  // a signed PDF's issuing signature is evidence for the date and the body
  const signed = pages.find((p) => KIND_BY_MIME[p.mime] === 'pdf');
  const evidence = signed ? await signatureEvidence(fs.readFileSync(d.blobs.pathOf(signed.source_sha256)), `trang ${signed.idx}`) : null;
  const fields = applySignatureEvidence(extractFields(tagPages), evidence);
  const pdf = await searchablePdf(d, pages, fields, documentId);
  const put = d.blobs.put(pdf);
  d.db.transaction(() => {
    recordBlob(d.db, put.sha256, pdf.length, 'application/pdf');
    saveFields(d.db, documentId, fields);
    d.db.prepare('UPDATE documents SET searchable_sha256 = ?, updated_at = strftime(\'%Y-%m-%dT%H:%M:%fZ\',\'now\') WHERE id = ?').run(put.sha256, documentId);
    // a reviewed document keeps the title the reviewer accepted
    if (!d.db.prepare('SELECT reviewed_at FROM documents WHERE id = ?').pluck().get(documentId)) titleFromFields(d.db, documentId);
    indexDocument(d.db, documentId);
  })();
  return true;
}

/** Rebuilds the searchable PDF after page operations (order, deletions) without reading pages again. */
export async function rebuildSearchable(d: OcrDeps, documentId: number): Promise<void> {
  const done = await finishDocument(d, documentId);
  if (!done) d.db.prepare('UPDATE documents SET searchable_sha256 = NULL WHERE id = ?').run(documentId);
}

async function searchablePdf(d: OcrDeps, pages: ReadPage[], fields: Fields, documentId: number): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  const bytesOf = (sha: string) => files.get(sha) ?? files.set(sha, fs.readFileSync(d.blobs.pathOf(sha))).get(sha)!;
  const list: SearchablePage[] = pages.map((p) => {
    const g = JSON.parse(p.geometry) as StoredGeometry;
    const kind = KIND_BY_MIME[p.mime];
    const bytes = bytesOf(p.source_sha256);
    const source: PageSource =
      kind === 'pdf' ? { kind: 'pdf', bytes, page: p.source_page, renderDpi: g.dpi } : kind === 'tiff' ? { kind: 'raster', bytes, page: p.source_page - 1 } : { kind, bytes };
    return { source, geometry: g, dpi: g.dpi, lines: JSON.parse(p.ocr_lines) };
  });
  const doc = d.db.prepare('SELECT title FROM documents WHERE id = ?').get(documentId) as { title: string };
  return searchablePdfInWorker(list, searchableMetadata(fields, doc.title));
}

/**
 * Stores the tagged fields; a value the user entered (source 'user') or accepted in review
 * (source 'accepted') is never overwritten: reading again only fills fields nobody accepted.
 * A reviewed document keeps every value it had (one accepted before acceptance covered every
 * source still has its machine source); only its empty fields are filled.
 */
export function saveFields(db: Db, documentId: number, f: Fields): void {
  const reviewed = db.prepare('SELECT reviewed_at IS NOT NULL FROM documents WHERE id = ?').pluck().get(documentId) ? 1 : 0;
  const upsert = db.prepare(
    `INSERT INTO fields(document_id, name, value, confidence, page_idx, bbox, source) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(document_id, name) DO UPDATE SET value = excluded.value, confidence = excluded.confidence, page_idx = excluded.page_idx,
       bbox = excluded.bbox, source = excluded.source WHERE fields.source NOT IN ('user', 'accepted') AND (fields.value IS NULL OR ? = 0)`,
  );
  for (const n of FIELD_NAMES) {
    const v = f[n];
    upsert.run(documentId, n, v.value, v.confidence, v.page, v.bbox ? JSON.stringify(v.bbox) : null, v.source, reviewed);
  }
}

/** Names the document after its stored fields (type, number, subject) when they give a name. */
export function titleFromFields(db: Db, documentId: number): void {
  const stored = new Map(
    (db.prepare('SELECT name, value FROM fields WHERE document_id = ?').all(documentId) as { name: string; value: string | null }[]).map((r) => [r.name, r.value]),
  );
  const title = documentTitle((n) => stored.get(n) ?? null);
  if (!title) return;
  const source = db.prepare('SELECT source_name FROM documents WHERE id = ?').pluck().get(documentId) as string;
  db.prepare('UPDATE documents SET title = ?, title_fold = ? WHERE id = ?').run(title, foldVietnamese(`${title} ${source}`), documentId);
}
