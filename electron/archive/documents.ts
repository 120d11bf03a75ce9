import type { DocumentDetail, DocumentSummary, ParsedReq } from '../../shared/contract';
import { canSeeUnit, type Scoped } from '../accounts/scope';
import { CoreError } from '../errors';
import type { AssetKind } from './asset-kinds';
import type { Db } from './db';
import { cappedCount, matchOf, searchIds, snippets, toSearchQuery } from './search';
import { paperResolution } from '../ocr/page-dpi';

const SUMMARY = `SELECT d.id, d.title, d.source_name sourceName, d.kind, d.page_count pageCount, b.size, d.status,
  d.unit_id unitId, un.name unitName, ifnull(u.full_name, 'sohoa CLI') createdBy, d.created_at createdAt,
  (SELECT p.id FROM pages p WHERE p.document_id = d.id AND p.idx = 1) firstPageId,
  (SELECT value FROM fields f WHERE f.document_id = d.id AND f.name = 'type') docType,
  (SELECT value FROM fields f WHERE f.document_id = d.id AND f.name = 'number') docNumber,
  (SELECT value FROM fields f WHERE f.document_id = d.id AND f.name = 'date') docDate,
  (SELECT CASE WHEN sum(p.ocr_state = 'failed') > 0 THEN 'failed' WHEN sum(p.ocr_state = 'done') = count(*) AND count(*) > 0 THEN 'done'
     WHEN sum(p.ocr_state = 'done') > 0 THEN 'partial' ELSE 'none' END FROM pages p WHERE p.document_id = d.id) ocrState
  FROM documents d LEFT JOIN units un ON un.id = d.unit_id LEFT JOIN users u ON u.id = d.created_by JOIN blobs b ON b.sha256 = d.sha256`;

// relevance is not a column: it is handled by the search path (or falls back to date)
const SORT: Record<Exclude<ParsedReq<'documents.list'>['sort'], 'relevance'>, string> = {
  createdAt: 'd.created_at',
  title: 'd.title_fold',
  pageCount: 'd.page_count',
  unitName: 'un.name',
};

/** Lists documents of the given units (null = all), filtered and sorted; one page of results plus the total (capped: search.ts). */
export function listDocuments(db: Db, units: number[] | null, q: ParsedReq<'documents.list'>): { total: number; totalCapped: boolean; items: DocumentSummary[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (units) {
    where.push(`d.unit_id IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(units));
  }
  if (q.unitId) {
    where.push('d.unit_id = ?');
    args.push(q.unitId);
  }
  if (q.status) {
    where.push('d.status = ?');
    args.push(q.status);
  }
  if (q.from) {
    where.push('d.created_at >= ?');
    args.push(q.from);
  }
  if (q.to) {
    where.push("d.created_at < date(?, '+1 day')");
    args.push(q.to);
  }
  if (q.type) {
    where.push("d.id IN (SELECT document_id FROM fields WHERE name = 'type' AND value = ?)");
    args.push(q.type);
  }
  if (q.issuedFrom || q.issuedTo) {
    where.push("d.id IN (SELECT document_id FROM fields WHERE name = 'date' AND value >= ? AND value <= ?)");
    args.push(q.issuedFrom ?? '0000-00-00', q.issuedTo ?? '9999-99-99');
  }
  const sq = toSearchQuery(db, q.query);
  const summaries = (ids: number[]) => {
    const rows = db.prepare(`${SUMMARY} WHERE d.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as DocumentSummary[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  };
  const withSnippets = (items: DocumentSummary[]) => {
    if (!sq) return items.map((d) => ({ ...d, snippet: null }));
    const found = snippets(db, sq.fts, items.map((d) => d.id));
    return items.map((d) => ({ ...d, snippet: found.get(d.id) ?? null }));
  };
  if (sq && q.sort === 'relevance') {
    // search first, then the page's summaries (archive/search.ts)
    const { ids, ...count } = searchIds(db, sq, where.length ? { sql: where.join(' AND '), args } : null, q.offset, q.limit);
    return { ...count, items: withSnippets(summaries(ids)) };
  }
  where.push('d.deleted_at IS NULL'); // the search index holds no trashed document; the plain listing must say so
  if (sq) {
    const m = matchOf(sq);
    where.push(`d.id IN (SELECT rowid FROM ${m.table} WHERE ${m.table} MATCH ?)`);
    args.push(m.query);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const count = cappedCount(db, `FROM documents d ${w}`, args);
  const sort = q.sort === 'relevance' ? 'd.created_at DESC' : `${SORT[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}`;
  const items = db.prepare(`${SUMMARY} ${w} ORDER BY ${sort}, d.id DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as DocumentSummary[];
  return { ...count, items: withSnippets(items) };
}

// SQLite hands booleans back as 0/1 and the field box as its JSON text
type PageFlag = 'colour' | 'hasPreview' | 'blank' | 'rotationByUser' | 'hasClean';
type PageRow = Omit<DocumentDetail['pages'][number], PageFlag> & Record<PageFlag, number>;
type FieldRow = Omit<DocumentDetail['fields'][number], 'bbox'> & { bbox: string | null };

export function getDocument(db: Db, id: number): DocumentDetail | null {
  const s = db.prepare(`${SUMMARY} WHERE d.id = ? AND d.deleted_at IS NULL`).get(id) as DocumentSummary | undefined;
  if (!s) return null;
  const extra = db
    .prepare(
      `SELECT d.sha256, b.mime, d.register_id registerId, r.dossier_code dossierCode, d.searchable_sha256 IS NOT NULL hasSearchable, d.reviewed_at reviewedAt,
         substr(d.searchable_sha256, 1, 16) searchableV,
         (SELECT substr(s.output_sha256, 1, 16) FROM signatures s WHERE s.document_id = d.id ORDER BY s.id DESC LIMIT 1) signedV
       FROM documents d JOIN blobs b ON b.sha256 = d.sha256 LEFT JOIN register r ON r.id = d.register_id WHERE d.id = ?`,
    )
    .get(id) as {
    sha256: string;
    mime: string;
    registerId: number | null;
    dossierCode: string | null;
    hasSearchable: number;
    reviewedAt: string | null;
    searchableV: string | null;
    signedV: string | null;
  };
  const pages = (
    db
      .prepare(
        `SELECT p.id, p.idx "index", p.width, p.height, p.dpi, p.colour, (p.preview_sha256 IS NOT NULL OR b.mime IN ('image/jpeg','image/png')) hasPreview,
           p.ocr_state ocrState, p.ocr_error ocrError, p.ocr_confidence confidence, p.blank, ifnull(p.rotation_user, p.rotation) rotation, p.rotation_user IS NOT NULL rotationByUser,
           json_extract(p.geometry, '$.skew') skew, p.clean_sha256 IS NOT NULL hasClean,
           substr(p.clean_sha256, 1, 16) cleanV, b.mime <> 'application/pdf' image
         FROM pages p JOIN blobs b ON b.sha256 = p.source_sha256 WHERE p.document_id = ? ORDER BY p.idx`,
      )
      .all(id) as (PageRow & { image: number })[]
  ).map(({ image, ...p }) => {
    // an image stating a resolution no paper has is shown at its inferred paper's (as its PDFs are laid out)
    const r = image ? paperResolution(p.dpi, p.width, p.height) : null;
    const paper = r?.inferred ?? null;
    return { ...p, dpi: r?.dpi ?? p.dpi, paper, colour: !!p.colour, hasPreview: !!p.hasPreview, blank: !!p.blank, rotationByUser: !!p.rotationByUser, hasClean: !!p.hasClean };
  });
  const fields = (db.prepare('SELECT name, value, confidence, page_idx page, bbox, source FROM fields WHERE document_id = ?').all(id) as FieldRow[]).map((f) => ({
    ...f,
    bbox: f.bbox ? JSON.parse(f.bbox) : null,
  }));
  return { ...s, ...extra, hasSearchable: !!extra.hasSearchable, pages, fields, duplicates: findDuplicates(db, id) };
}

/** The blob behind an archive URL, with the unit that owns it so the caller can check access. */

export function findAsset(db: Db, kind: AssetKind, id: number): { sha256: string; mime: string; unitId: number | null } | null {
  const sql = {
    file: 'SELECT d.sha256, b.mime, d.unit_id unitId FROM documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ?',
    // the newest signed copy; the scan itself stays as it was imported
    signed: `SELECT s.output_sha256 sha256, 'application/pdf' mime, d.unit_id unitId FROM signatures s JOIN documents d ON d.id = s.document_id
      WHERE s.document_id = ? ORDER BY s.id DESC LIMIT 1`,
    thumb: `SELECT p.thumb_sha256 sha256, 'image/jpeg' mime, d.unit_id unitId FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?`,
    // a TIFF page has a JPEG preview; a JPEG or PNG page is shown as it was scanned
    preview: `SELECT ifnull(p.preview_sha256, p.source_sha256) sha256, CASE WHEN p.preview_sha256 IS NULL THEN b.mime ELSE 'image/jpeg' END mime, d.unit_id unitId
      FROM pages p JOIN documents d ON d.id = p.document_id JOIN blobs b ON b.sha256 = p.source_sha256
      WHERE p.id = ? AND (p.preview_sha256 IS NOT NULL OR b.mime IN ('image/jpeg', 'image/png'))`,
    // the page as OCR saw it: upright, deskewed, cropped (field boxes refer to it)
    clean: `SELECT p.clean_sha256 sha256, 'image/jpeg' mime, d.unit_id unitId FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ? AND p.clean_sha256 IS NOT NULL`,
    searchable: `SELECT d.searchable_sha256 sha256, 'application/pdf' mime, d.unit_id unitId FROM documents d WHERE d.id = ? AND d.searchable_sha256 IS NOT NULL`,
  }[kind];
  return (db.prepare(sql).get(id) as { sha256: string; mime: string; unitId: number | null } | undefined) ?? null;
}

/**
 * Documents of the same unit carrying the same number, issue date and issuing body (the
 * body compared folded): six imports of QĐ 15/QĐ-UBND are one decision. Empty when one of
 * the three is unknown.
 */
export function findDuplicates(db: Db, id: number): { id: number; title: string }[] {
  const f = db.prepare("SELECT name, value FROM fields WHERE document_id = ? AND name IN ('number', 'date', 'agency') AND value IS NOT NULL").all(id) as {
    name: string;
    value: string;
  }[];
  const v = Object.fromEntries(f.map((x) => [x.name, x.value]));
  if (!v.number || !v.date || !v.agency) return [];
  return db
    .prepare(
      `SELECT d.id, d.title FROM documents d
       JOIN fields n ON n.document_id = d.id AND n.name = 'number' AND n.value = ?
       JOIN fields t ON t.document_id = d.id AND t.name = 'date' AND t.value = ?
       JOIN fields a ON a.document_id = d.id AND a.name = 'agency' AND fold_vi(a.value) = fold_vi(?)
       WHERE d.id <> ? AND d.deleted_at IS NULL AND d.unit_id IS (SELECT unit_id FROM documents WHERE id = ?) ORDER BY d.id LIMIT 20`,
    )
    .all(v.number, v.date, v.agency, id, id) as { id: number; title: string }[];
}

/** Files archived before there was a unit (by the CLI) go to the home unit chosen at setup; returns how many. */
export function adoptUnownedDocuments(db: Db, unitId: number): number {
  return db.prepare('UPDATE documents SET unit_id = ? WHERE unit_id IS NULL').run(unitId).changes;
}

/** The review queue: read by OCR, not yet accepted, oldest first, within these units (null: all). */
export function reviewQueue(db: Db, units: number[] | null): number[] {
  return db
    .prepare(
      `SELECT d.id FROM documents d WHERE d.reviewed_at IS NULL AND d.status = 'imported' AND d.searchable_sha256 IS NOT NULL AND d.deleted_at IS NULL
         AND (? IS NULL OR d.unit_id IN (SELECT value FROM json_each(?))) ORDER BY d.id LIMIT 5000`,
    )
    .pluck()
    .all(units ? 1 : null, JSON.stringify(units ?? [])) as number[];
}

/** The document a page belongs to, or undefined for no such page. */
export function pageOwner(db: Db, pageId: number): number | undefined {
  return db.prepare('SELECT document_id FROM pages WHERE id = ?').pluck().get(pageId) as number | undefined;
}

/** A document with its pages and fields if the user may see it, else NOT_FOUND (its existence is not disclosed). */
export function getVisibleDocument(db: Db, user: Scoped, id: number): DocumentDetail {
  const doc = getDocument(db, id);
  if (!doc || !canSeeUnit(db, user, doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id}` });
  return doc;
}
