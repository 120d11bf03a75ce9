// The index of adjacent word pairs: "quyết định" is the one token quyet_dinh there, so a
// phrase is one doclist to read instead of the position lists of two common words (which at a
// province's million documents is most of a phrase query's cost). A phrase of n words is the
// phrase of its n − 1 pairs, which stand at the same positions as the words: the same
// documents match. Each column ends with one padding token, so a row holds as many tokens as
// its row in documents_fts and bm25 (which weighs a row's length against the average) scores
// every row exactly as the word index does: the order of results does not change.
import Database from 'better-sqlite3';
import type { Db } from './db';

/** The word index's tokenizer (schema v6); the pair index adds '_' to join a pair into one token. */
const WORD_TOKENIZER = 'unicode61 remove_diacritics 0';
// A plain contentless table, removed from with FTS5's 'delete' command and the row's own pairs:
// contentless_delete = 1 leaves a deleted row in bm25's row count and average length, so every
// re-index (OCR, review, edit) drifted the ranking away from the word index's.
export const PAIR_TABLE_SQL = `CREATE VIRTUAL TABLE documents_pairs USING fts5(title, body, content = '', tokenize = "${WORD_TOKENIZER} tokenchars '_'")`;
/** Never a pair (a pair has letters on both sides of its '_'). */
const PAD = '_';

// Which characters the word index keeps inside a word is the tokenizer's Unicode table, not
// JavaScript's: SQLite is asked once per character beyond ASCII, so pairs split text exactly
// where the word index does.
const beyondAscii = new Map<number, boolean>();
let probe: { set: Database.Statement; splits: Database.Statement } | null = null;

function isWordChar(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  let known = beyondAscii.get(cp);
  if (known === undefined) {
    if (!probe) {
      const mem = new Database(':memory:');
      mem.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '${WORD_TOKENIZER}')`);
      probe = { set: mem.prepare('REPLACE INTO t(rowid, x) VALUES (1, ?)'), splits: mem.prepare(`SELECT count(*) FROM t WHERE t MATCH '"q q"'`).pluck() };
    }
    probe.set.run(`q${String.fromCodePoint(cp)}q`);
    known = probe.splits.get() === 0;
    beyondAscii.set(cp, known);
  }
  return known;
}

/** The words of a text as the word index's tokenizer cuts them. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (isWordChar(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

const pairsOf = (words: string[]) => words.slice(1).map((w, i) => `${words[i]}_${w}`);

/** A folded column as the pair index holds it: its pairs, then the padding that gives it as many tokens as words. */
export function pairColumn(folded: string): string {
  const words = wordsOf(folded);
  return words.length ? [...pairsOf(words), PAD].join(' ') : '';
}

type Folded = { title: string; body: string };

/** The documents that have a pair row (FTS5 keeps one %_docsize row per indexed row). */
export const PAIR_ROWS_SQL = 'SELECT id FROM documents_pairs_docsize';

/** Empties the pair index, to be filled again from the word index in the background. */
export function resetPairs(db: Db): void {
  db.prepare("INSERT INTO documents_pairs(documents_pairs) VALUES ('delete-all')").run();
  db.prepare('UPDATE search_pairs_fill SET next_rowid = CASE WHEN EXISTS (SELECT 1 FROM documents_fts) THEN 0 END').run();
}

/**
 * Writes (or, with null, removes) a document's pair row. `before` is its word-index row as it
 * was, from which the pair row was made: FTS5 removes a contentless row given its exact tokens.
 */
export function writePairs(db: Db, id: number, before: Folded | undefined, folded: Folded | null): void {
  if (db.prepare(`${PAIR_ROWS_SQL} WHERE id = ?`).get(id)) {
    if (before) {
      db.prepare("INSERT INTO documents_pairs(documents_pairs, rowid, title, body) VALUES ('delete', ?, ?, ?)").run(id, pairColumn(before.title), pairColumn(before.body));
    } else resetPairs(db); // a pair row whose source is gone (only a damaged archive has one)
  }
  if (folded) db.prepare('INSERT INTO documents_pairs(rowid, title, body) VALUES (?, ?, ?)').run(id, pairColumn(folded.title), pairColumn(folded.body));
}

/**
 * The pair index's query for a search made only of phrases of two words or more (folded
 * input), else null: a lone word is not in the pair index.
 */
export function toPairQuery(folded: string): string | null {
  const parts: string[] = [];
  for (const m of folded.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[1] === undefined) return null;
    const words = m[1].match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    // the word index reads the phrase "w1 w2 …" with its tokenizer: the pairs follow the same cut
    const cut = wordsOf(words.join(' '));
    if (cut.length < 2) return null;
    parts.push(`"${pairsOf(cut).join(' ')}"`);
  }
  return parts.length ? parts.join(' AND ') : null;
}

/** True once every document indexed before the pair index existed has its pairs (migration 16 fills them in the background). */
export function pairsReady(db: Db): boolean {
  return (db.prepare('SELECT next_rowid IS NULL FROM search_pairs_fill').pluck().get() as number | undefined) === 1;
}

/** Gives the next `batch` documents of the word index their pairs; returns the next rowid to fill, null when all are done. */
export function fillPairs(db: Db, batch = 1000): number | null {
  return db.transaction(() => {
    const next = db.prepare('SELECT next_rowid FROM search_pairs_fill').pluck().get() as number | null | undefined;
    if (next == null) return null;
    const rows = db.prepare('SELECT rowid id, title, body FROM documents_fts WHERE rowid >= ? ORDER BY rowid LIMIT ?').all(next, batch) as { id: number; title: string; body: string }[];
    for (const r of rows) writePairs(db, r.id, r, r);
    const after = rows.length < batch ? null : rows[rows.length - 1].id + 1;
    db.prepare('UPDATE search_pairs_fill SET next_rowid = ?').run(after);
    return after;
  })();
}

const filling = new WeakSet<Db>();

/**
 * Fills the pair index a batch at a time between the app's other work (phrases are searched
 * in the word index until it is done), saying how far it is; stops when the archive closes.
 */
export function fillPairsInBackground(db: Db, log: (line: string) => void = console.log): void {
  // one fill per archive: a repair that empties the pairs while the app runs starts it again
  if (filling.has(db) || pairsReady(db)) return;
  filling.add(db);
  const last = (db.prepare('SELECT max(rowid) FROM documents_fts').pluck().get() as number | null) ?? 0;
  const started = Date.now();
  let shown = -1;
  const tick = () => {
    if (!db.open) return void filling.delete(db);
    try {
      // ~250 documents is some 30 ms of CPU: the app answers between batches
      const next = fillPairs(db, 250);
      const pct = next === null ? 100 : Math.floor((100 * next) / Math.max(1, last));
      if (pct >= shown + 10 || next === null) log(`Số hóa Desk: chỉ mục cụm từ ${(shown = pct)}% (${Math.round((Date.now() - started) / 1000)} s)`);
      if (next !== null) setTimeout(tick, 10).unref();
      else filling.delete(db);
    } catch (e) {
      filling.delete(db);
      log(`Số hóa Desk: chỉ mục cụm từ dừng lại: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  setTimeout(tick, 5_000).unref();
}
