// Full-text search over what the archive knows of a document (title, file name, and the
// OCR text and fields when there are some), with SQLite FTS5. Vietnamese is folded per
// character — "Quyết định", "quyet dinh" and "QUYẾT ĐỊNH" become the same, đ/Đ included —
// and because the folding keeps every character in place, a hit in the folded text marks
// the same span in the original, so snippets show the document's own words.
import type { Db } from './db';
import { pairsReady, toPairQuery, writePairs } from './search-pairs';

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Lower-case, accents and đ removed, one UTF-16 unit for one: positions stay the same. Give it composed (NFC) text. */
export function foldInPlace(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.length > 1) {
      out += ch; // outside the BMP: as it is
      continue;
    }
    const lower = ch.toLowerCase();
    const base = lower === 'đ' ? 'd' : lower.normalize('NFD')[0];
    out += base.length === 1 ? base : lower.length === 1 ? lower : ch;
  }
  return out;
}

/** The search row a document should have (null when there is no such document). */
export function expectedIndexRow(db: Db, documentId: number): { title_raw: string; body_raw: string; title: string; body: string } | null {
  // a document in the trash is not searchable: its row comes back when it is restored
  const d = db.prepare('SELECT title, source_name FROM documents WHERE id = ? AND deleted_at IS NULL').get(documentId) as { title: string; source_name: string } | undefined;
  if (!d) return null;
  const pages = (db.prepare('SELECT ocr_text FROM pages WHERE document_id = ? AND ocr_text IS NOT NULL ORDER BY idx').pluck().all(documentId) as string[]).join('\n');
  const fields = (db.prepare('SELECT value FROM fields WHERE document_id = ? AND value IS NOT NULL').pluck().all(documentId) as string[]).join(' · ');
  // composed (NFC) first: the fold keeps positions only for composed letters
  const title = `${d.title} · ${d.source_name}`.normalize('NFC');
  const body = [fields, pages].filter(Boolean).join('\n').normalize('NFC');
  return { title_raw: title, body_raw: body, title: foldInPlace(title), body: foldInPlace(body) };
}

export function indexDocument(db: Db, documentId: number): void {
  writeSearchRow(db, documentId, expectedIndexRow(db, documentId));
}

/** Puts a document's row in the word index and its pairs in the pair index (null: takes both out). */
export function writeSearchRow(db: Db, documentId: number, row: ReturnType<typeof expectedIndexRow>): void {
  const before = db.prepare('SELECT title, body FROM documents_fts WHERE rowid = ?').get(documentId) as { title: string; body: string } | undefined;
  db.prepare('DELETE FROM documents_fts WHERE rowid = ?').run(documentId);
  writePairs(db, documentId, before, row);
  if (!row) return;
  db.prepare('INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (?, ?, ?, ?, ?)').run(documentId, row.title_raw, row.body_raw, row.title, row.body);
}

/**
 * The user's words as an FTS5 query: every word must appear (in any order); "quoted words"
 * must appear together; a word ending in * matches as a prefix. Nothing the user types is
 * passed to FTS5 as syntax.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  for (const m of foldInPlace(input.normalize('NFC')).matchAll(/"([^"]*)"|(\S+)/g)) {
    const phrase = m[1];
    if (phrase !== undefined) {
      const words = phrase.match(/[\p{L}\p{N}]+/gu);
      if (words) parts.push(`"${words.join(' ')}"`);
      continue;
    }
    const prefix = m[2].endsWith('*');
    for (const w of m[2].match(/[\p{L}\p{N}]+/gu) ?? []) parts.push(`"${w}"${prefix ? '*' : ''}`);
  }
  return parts.length ? parts.join(' AND ') : null;
}

/** A search as the indexes take it: `fts` for the word index; `pairs` when the pair index can answer it alone (phrases only, pair index filled). */
export interface SearchQuery {
  fts: string;
  pairs: string | null;
}

export function toSearchQuery(db: Db, input: string): SearchQuery | null {
  const fts = toFtsQuery(input);
  if (!fts) return null;
  const pairs = toPairQuery(foldInPlace(input.normalize('NFC')));
  return { fts, pairs: pairs && pairsReady(db) ? pairs : null };
}

/** The index a search reads, its MATCH and its ranking (the same bm25 either way: see search-pairs.ts). */
export function matchOf(q: SearchQuery | string): { table: string; query: string; rank: string } {
  if (typeof q !== 'string' && q.pairs) return { table: 'documents_pairs', query: q.pairs, rank: 'bm25(documents_pairs, 4.0, 1.0)' };
  return { table: 'documents_fts', query: typeof q === 'string' ? q : q.fts, rank: 'bm25(documents_fts, 0, 0, 4.0, 1.0)' };
}

/** Moves the hit markers of a folded highlight onto the original text, and cuts a window round the first hit. */
export function snippetFrom(raw: string, highlighted: string, width = 180): string {
  let out = '';
  let i = 0;
  let first = -1;
  for (const ch of highlighted) {
    if (ch === OPEN) {
      if (first < 0) first = out.length;
      out += '«';
    } else if (ch === CLOSE) out += '»';
    else out += raw[i++] ?? '';
  }
  if (first < 0) return raw.slice(0, width);
  const start = Math.max(0, first - Math.floor(width / 3));
  const cut = out.slice(start, start + width).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${cut}${start + width < out.length ? '…' : ''}`;
}

/** Above this many hits a query's words say nothing about relevance (they are in most documents): newest first instead. */
export const RANK_LIMIT = 10_000;
/** Counting stops here: a common word's every hit in a province's million documents costs more than the page; the list says "more than". */
export const COUNT_CAP = RANK_LIMIT;

export interface SearchPage {
  /** hits counted, at most COUNT_CAP */
  total: number;
  /** true when there are more hits than `total` */
  totalCapped: boolean;
  ids: number[];
}

/** How many rows a FROM … WHERE clause yields, counting no further than COUNT_CAP + 1. */
export function cappedCount(db: Db, from: string, args: unknown[]): { total: number; totalCapped: boolean } {
  const n = db.prepare(`SELECT count(*) FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1})`).pluck().get(...args) as number;
  return n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/**
 * One page of matching document ids, best first, and how many match (capped). Ranking is
 * bm25 with the title weighing four times the text; a query so common that scoring every
 * hit would be slow and meaningless is ordered newest first, which FTS5 walks backwards
 * from the end of its index and stops at the page.
 */
export function searchIds(db: Db, q: SearchQuery | string, filter: { sql: string; args: unknown[] } | null, offset: number, limit: number): SearchPage {
  const m = matchOf(q);
  const from = filter ? `FROM ${m.table} f JOIN documents d ON d.id = f.rowid WHERE ${m.table} MATCH ? AND ${filter.sql}` : `FROM ${m.table} f WHERE ${m.table} MATCH ?`;
  const args = [m.query, ...(filter?.args ?? [])];
  const count = cappedCount(db, from, args);
  const order = count.totalCapped ? 'f.rowid DESC' : m.rank;
  const ids = db.prepare(`SELECT f.rowid ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...args, limit, offset) as number[];
  return { ...count, ids };
}

/** Snippets for the documents that matched a query, from the body when it matched there, else the title. */
export function snippets(db: Db, ftsQuery: string, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = db
    .prepare(
      `SELECT rowid id, title_raw, body_raw, highlight(documents_fts, 2, '${OPEN}', '${CLOSE}') th, highlight(documents_fts, 3, '${OPEN}', '${CLOSE}') bh
       FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(ftsQuery, JSON.stringify(ids)) as { id: number; title_raw: string; body_raw: string; th: string; bh: string }[];
  return new Map(rows.map((r) => [r.id, r.bh.includes(OPEN) ? snippetFrom(r.body_raw, r.bh) : snippetFrom(r.title_raw, r.th)]));
}
