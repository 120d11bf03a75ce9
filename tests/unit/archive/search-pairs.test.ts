import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { listDocuments } from '../../../electron/archive/documents';
import { migrate, migrations } from '../../../electron/archive/migrations';
import { foldInPlace, indexDocument, searchIds, snippets, toSearchQuery } from '../../../electron/archive/search';
import { fillPairs, fillPairsInBackground, pairsReady, resetPairs, wordsOf } from '../../../electron/archive/search-pairs';
import { emptyTrash, restoreDocuments, trashDocuments } from '../../../electron/archive/trash';
import { reviewDocument } from '../../../electron/ocr/review';
import { tempDir } from '../../helpers';

// a small vocabulary, so that words repeat and phrases recur; separators that FTS5 skips
const WORDS = ['Quyết', 'định', 'số', 'cấp', 'giấy', 'chứng', 'nhận', 'quyền', 'sử', 'dụng', 'đất', 'của', 'và', 'UBND', 'huyện', 'Như', 'Xuân', 'ĐƯỜNG', '2024', 'café', '東京', 'x\u0301y', '📄'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ' – ', '\n', '/', ' (', ') ', '-'];

function rng(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function text(rand: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const w = WORDS[Math.floor(rand() * WORDS.length)];
    out += (i ? SEPARATORS[Math.floor(rand() * SEPARATORS.length)] : '') + (rand() < 0.05 ? `${w} ${w}` : w);
  }
  return out;
}

function archive(file = path.join(tempDir(), 'p.sqlite')) {
  const db = openDatabase(file);
  db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
  db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES ('x', 1, 'image/jpeg')").run();
  const add = (title: string, body: string, index = true) => {
    const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, ?, '', 'scan.jpg', 'image', 'x', 1)").run(title).lastInsertRowid);
    db.prepare("INSERT INTO pages(document_id, idx, width, height, colour, thumb_sha256, ocr_text) VALUES (?, 1, 1, 1, 1, 'x', ?)").run(id, body);
    if (index) indexDocument(db, id);
    return id;
  };
  return { db, add };
}

/** Phrases of 2–4 words taken from the documents' own text (so across punctuation), and random ones. */
function phrases(db: Db, rand: () => number): string[] {
  const bodies = db.prepare('SELECT body_raw FROM documents_fts ORDER BY rowid LIMIT 40').pluck().all() as string[];
  const out: string[] = ['"của của"', '"của của của"', '"Quyết định"', '"quyet dinh so"', '"ĐƯỜNG đường"'];
  for (const [i, b] of bodies.entries()) {
    const words = b.split(/\s+/);
    const k = 2 + (i % 3);
    const j = Math.floor(rand() * Math.max(1, words.length - k));
    const typed = words.slice(j, j + k).join(' ');
    out.push(`"${i % 2 ? foldInPlace(typed) : typed}"`); // accent-free half the time
    out.push(`"${Array.from({ length: k }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ')}"`);
  }
  out.push('"quyet dinh" "giay chung nhan"');
  return out.filter((q) => toSearchQuery(db, q)); // not a phrase of no words ("📄")
}

/** The word index's answer (the path before the pair index) and the pair index's, side by side. */
function bothWays(db: Db, q: string, filter: { sql: string; args: unknown[] } | null = null, offset = 0) {
  const sq = toSearchQuery(db, q)!;
  const before = searchIds(db, sq.fts, filter, offset, 15);
  const after = searchIds(db, sq, filter, offset, 15);
  return { sq, before: { ...before, snippets: [...snippets(db, sq.fts, before.ids)] }, after: { ...after, snippets: [...snippets(db, sq.fts, after.ids)] } };
}

describe('phrases through the word-pair index', () => {
  it('cuts words where the word index does, beyond ASCII too', () => {
    expect(wordsOf(foldInPlace('Quyết định 12/QĐ-UBND, ngày 5.3'))).toEqual(['quyet', 'dinh', '12', 'qd', 'ubnd', 'ngay', '5', '3']);
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 0')");
    const odd = 'a\u0301b x·y 東京 📄z ß–q';
    db.prepare('INSERT INTO t(x) VALUES (?)').run(odd);
    const words = wordsOf(odd);
    expect(words.length).toBeGreaterThan(4);
    // every adjacent pair the cut gives is a phrase the word index finds
    for (let i = 1; i < words.length; i++) expect(db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get(`"${words[i - 1]} ${words[i]}"`)).toBe(1);
  });

  it('finds, counts, ranks and highlights exactly as the word index on a generated archive', () => {
    const { db, add } = archive();
    const rand = rng(5);
    db.transaction(() => {
      for (let i = 0; i < 400; i++) add(text(rand, 3), text(rand, 10 + Math.floor(rand() * 60)));
    })();
    let used = 0;
    let found = 0;
    for (const q of phrases(db, rand)) {
      const cases: [{ sql: string; args: unknown[] } | null, number][] = [[null, 0], [null, 5], [{ sql: 'd.id % 3 = ?', args: [1] }, 0]];
      for (const [filter, offset] of cases) {
        const { sq, before, after } = bothWays(db, q, filter, offset);
        expect(after, q).toEqual(before);
        if (sq.pairs) used++; // else a phrase of one word ("café 📄"), which the word index answers
        if (before.total > 1) found++;
      }
    }
    expect(used).toBeGreaterThan(150);
    expect(found).toBeGreaterThan(50); // most phrases match several documents: the order is compared, not only empty lists
  });

  it('ranks as the word index still after documents are indexed again and again (OCR, review, edits)', () => {
    const { db, add } = archive();
    const rand = rng(11);
    const ids = db.transaction(() => Array.from({ length: 200 }, () => add(text(rand, 3), text(rand, 10 + Math.floor(rand() * 40)))))();
    // each re-index deletes the row and writes it anew, some with new text: bm25's row count and average length must follow
    for (let round = 0; round < 4; round++)
      for (const id of ids.filter((_, i) => i % (round + 2) === 0)) {
        if (round % 2) db.prepare('UPDATE pages SET ocr_text = ? WHERE document_id = ?').run(text(rand, 10 + Math.floor(rand() * 40)), id);
        indexDocument(db, id);
      }
    let compared = 0;
    // the weights search.ts ranks with: the word index's raw columns count for nothing
    const weights = { documents_fts: '0, 0, 4.0, 1.0', documents_pairs: '4.0, 1.0' };
    const scores = (table: keyof typeof weights, query: string) =>
      (db.prepare(`SELECT rowid id, bm25(${table}, ${weights[table]}) s FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(query) as { id: number; s: number }[]).map((r) => [r.id, r.s.toPrecision(12)]);
    for (const q of phrases(db, rand)) {
      const { sq, before, after } = bothWays(db, q);
      expect(after, q).toEqual(before);
      // the scores themselves, not only the order they give: bm25 weighs the archive's row count and average length
      if (sq.pairs) expect(scores('documents_pairs', sq.pairs), q).toEqual(scores('documents_fts', sq.fts));
      if (before.total > 1) compared++;
    }
    expect(compared).toBeGreaterThan(20);
    expect(db.prepare('SELECT count(*) FROM documents_pairs_docsize').pluck().get()).toBe(200);
  });

  it('leaves words and prefixes to the word index', () => {
    const { db } = archive();
    expect(toSearchQuery(db, 'quyết định')!.pairs).toBeNull();
    expect(toSearchQuery(db, '"quyết định" cấp')!.pairs).toBeNull();
    expect(toSearchQuery(db, '"quyết"')!.pairs).toBeNull();
    expect(toSearchQuery(db, '"Quyết  định, số"')!.pairs).toBe('"quyet_dinh dinh_so"');
  });

  it('stays in step when a document is edited, trashed, restored and purged', () => {
    const { db, add } = archive();
    db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('nv', 'Lê Văn Nhập', 'records_staff', 1, 'x')").run();
    const a = add('Công văn', 'đề nghị cấp giấy chứng nhận quyền sử dụng đất');
    add('Tờ trình', 'về việc giao đất');
    const find = (q: string) => {
      expect(toSearchQuery(db, q)!.pairs).not.toBeNull();
      return listDocuments(db, null, { query: q, sort: 'relevance', order: 'desc', offset: 0, limit: 10 }).items.map((d) => d.id);
    };
    expect(find('"giấy chứng nhận"')).toEqual([a]);
    reviewDocument(db, 1, a, { subject: 'Cấp phép xây dựng nhà ở' }, null, false);
    expect(find('"phep xay dung"')).toEqual([a]);
    trashDocuments(db, 1, [a], () => true);
    expect(find('"giấy chứng nhận"')).toEqual([]);
    expect(find('"phep xay dung"')).toEqual([]);
    restoreDocuments(db, 1, [a], () => true);
    expect(find('"giấy chứng nhận"')).toEqual([a]);
    trashDocuments(db, 1, [a], () => true);
    emptyTrash(db, 1, [a]);
    expect(find('"giấy chứng nhận"')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM documents_pairs_docsize').pluck().get()).toBe(db.prepare('SELECT count(*) FROM documents_fts').pluck().get());
  });
});

describe('migration 16 on an archive indexed before it', () => {
  it('answers phrases from the word index until the pairs are filled, resumably, then from the pairs with the same results', () => {
    const file = path.join(tempDir(), 'v15.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 15));
    const rand = rng(9);
    const row = old.prepare('INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (?, ?, ?, ?, ?)');
    old.transaction(() => {
      for (let id = 1; id <= 120; id++) {
        const [t, b] = [text(rand, 3), text(rand, 30)];
        row.run(id, t, b, foldInPlace(t), foldInPlace(b));
      }
    })();
    old.close();

    let db = openDatabase(file);
    const queries = phrases(db, rand);
    const expected = queries.map((q) => bothWays(db, q).before);
    expect(pairsReady(db)).toBe(false);
    queries.forEach((q, i) => {
      expect(toSearchQuery(db, q)!.pairs).toBeNull();
      expect(searchIds(db, toSearchQuery(db, q)!, null, 0, 15)).toEqual({ total: expected[i].total, totalCapped: false, ids: expected[i].ids });
    });
    expect(fillPairs(db, 50)).toBe(51);
    db.close(); // the app stops half-way
    db = openDatabase(file);
    expect(pairsReady(db)).toBe(false);
    while (fillPairs(db, 50) !== null);
    expect(pairsReady(db)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM documents_pairs_docsize').pluck().get()).toBe(120);
    queries.forEach((q, i) => {
      const sq = toSearchQuery(db, q)!;
      expect(sq.pairs !== null || wordsOf(sq.fts).length < 2).toBe(true);
      expect({ ...searchIds(db, sq, null, 0, 15), snippets: [...snippets(db, sq.fts, expected[i].ids)] }).toEqual(expected[i]);
    });
    db.close();
  });

  it('is filled by the app in the background, saying how far it is', () => {
    const file = path.join(tempDir(), 'bg.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 15));
    const row = old.prepare("INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (?, 't', 'b', 'quyet dinh', 'cap giay')");
    old.transaction(() => {
      for (let id = 1; id <= 600; id++) row.run(id);
    })();
    old.close();
    const db = openDatabase(file);
    const lines: string[] = [];
    vi.useFakeTimers();
    try {
      fillPairsInBackground(db, (l) => lines.push(l));
      expect(pairsReady(db)).toBe(false); // not on the way to the first window
      vi.runAllTimers();
    } finally {
      vi.useRealTimers();
    }
    expect(pairsReady(db)).toBe(true);
    expect(lines.at(-1)).toMatch(/100%/);
    expect(searchIds(db, toSearchQuery(db, '"Quyết định"')!, null, 0, 5).total).toBe(600);
    db.close();
  });

  it('runs one fill per archive, and fills again after a repair empties the pairs while the app runs', () => {
    const { db } = archive();
    const row = db.prepare("INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (?, 't', 'b', 'quyet dinh', 'cap giay')");
    db.transaction(() => {
      for (let id = 1; id <= 300; id++) row.run(id);
    })();
    const lines: string[] = [];
    vi.useFakeTimers();
    try {
      resetPairs(db);
      fillPairsInBackground(db, (l) => lines.push(l));
      fillPairsInBackground(db, (l) => lines.push(l)); // a second call while the first runs starts nothing
      vi.runAllTimers();
      expect(pairsReady(db)).toBe(true);
      expect(lines.filter((l) => /100%/.test(l))).toHaveLength(1);
      resetPairs(db); // what a repair does
      expect(pairsReady(db)).toBe(false);
      fillPairsInBackground(db, (l) => lines.push(l));
      vi.runAllTimers();
    } finally {
      vi.useRealTimers();
    }
    expect(pairsReady(db)).toBe(true);
    expect(lines.filter((l) => /100%/.test(l))).toHaveLength(2);
    expect(searchIds(db, toSearchQuery(db, '"Quyết định"')!, null, 0, 5).total).toBe(300);
    db.close();
  });

  it('has nothing to fill on an empty archive', () => {
    const { db } = archive();
    expect(pairsReady(db)).toBe(true);
    expect(fillPairs(db)).toBeNull();
  });
});
