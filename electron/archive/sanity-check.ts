// A full check of an archive (after Paperless-ngx's sanity_checker): SQLite's own integrity
// and foreign-key checks, every stored file re-hashed against its name, files missing or
// not referenced, the search index against the documents, signed copies re-verified, and
// the audit chain. It changes nothing unless asked to repair, and then only what is safe:
// the search index is rebuilt from the documents (it is derived data) and files nobody
// references are moved to quarantine/ (never deleted). A damaged or missing file is only
// reported: the cure is the copy in a backup.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';
import { blobRelPath, hashFile, listFiles } from './file-copy';
import { expectedIndexRow, indexDocument } from './search';
import { PAIR_ROWS_SQL, PAIR_TABLE_SQL, pairsReady, resetPairs } from './search-pairs';
import { AUDIT_BREAK_VI, verifyAuditChain, type AuditChainStatus } from '../accounts/audit-chain';
import { trustAnchors } from '../signing/trust/trust-store';
import { verifyPdf } from '../signing/verify/verify';
import type { Progress } from './backup';

export const CHECKS = ['integrity', 'foreignKeys', 'files', 'search', 'signatures', 'audit'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface SanityIssue {
  check: CheckName;
  code: string;
  severity: 'error' | 'warning';
  params: Record<string, string | number>;
  /** in Vietnamese; the renderer translates by code and params */
  message: string;
  repaired: boolean;
}

export interface SanityReport {
  ok: boolean;
  /** false when stopped before every check ran: what was not reached is not reported */
  complete: boolean;
  repair: boolean;
  startedAt: string;
  finishedAt: string;
  counts: { files: number; blobs: number; documents: number; signatures: number; auditRows: number };
  audit: AuditChainStatus;
  issues: SanityIssue[];
  repaired: { searchRows: number; quarantined: string[] };
}

/** Files not referenced but younger than this are left alone: an import may be about to record them. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;
const BLOB_PATH = /^files\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

const MESSAGES: Record<string, (p: Record<string, string | number>) => string> = {
  CHECK_INTEGRITY: (p) => `Cơ sở dữ liệu hỏng: ${p.detail}`,
  CHECK_FOREIGN_KEY: (p) => `Bảng ${p.table}, dòng ${p.rowid}: trỏ tới ${p.parent} không tồn tại.`,
  CHECK_FILE_CORRUPT: (p) => `${p.file}: nội dung không khớp mã băm (tệp bị hỏng); hãy lấy lại từ bản sao lưu.`,
  CHECK_FILE_MISSING: (p) => `${p.file}: kho cần tệp này nhưng tệp không còn; hãy lấy lại từ bản sao lưu.`,
  CHECK_FILE_ORPHAN: (p) => `${p.file}: tệp không thuộc hồ sơ nào.`,
  CHECK_FILE_ORPHAN_RECENT: (p) => `${p.file}: tệp không thuộc hồ sơ nào nhưng mới được ghi; để nguyên (có thể đang nhập).`,
  CHECK_BLOB_UNREFERENCED: (p) => `${p.file}: tệp đã ghi nhận trong kho nhưng không hồ sơ, trang hay bản ký nào dùng.`,
  CHECK_SEARCH_CORRUPT: (p) => `Chỉ mục tìm kiếm bị hỏng (${p.detail}).`,
  CHECK_SEARCH_MISSING: (p) => `Hồ sơ #${p.documentId} không có trong chỉ mục tìm kiếm.`,
  CHECK_SEARCH_STALE: (p) => `Chỉ mục tìm kiếm có mục #${p.documentId} của hồ sơ không còn tồn tại.`,
  CHECK_SEARCH_MISMATCH: (p) => `Hồ sơ #${p.documentId}: chỉ mục tìm kiếm không khớp nội dung hồ sơ.`,
  CHECK_SIGNATURE_INVALID: (p) => `Hồ sơ #${p.documentId}, bản ký ${p.file}: chữ ký không còn hợp lệ (${p.detail}).`,
  CHECK_AUDIT_BROKEN: (p) => `Nhật ký thao tác bị sửa hoặc xóa: chuỗi băm đứt tại dòng #${p.id} (${p.reason}).`,
};

/** One check run: where it writes what it finds, and how far it got. */
interface Run {
  db: Db;
  dataDir: string;
  repair: boolean;
  startedAt: string;
  orphanMinAgeMs: number;
  issues: SanityIssue[];
  repaired: { searchRows: number; quarantined: string[] };
  add(check: CheckName, code: string, params: Record<string, string | number>, severity?: 'error' | 'warning', repaired?: boolean): void;
  step(phase: CheckName, done: number, total: number, current?: string | null): void;
  stopped(): boolean;
}

export async function checkArchive(
  src: { db: Db; dataDir: string },
  opts: { repair?: boolean; orphanMinAgeMs?: number } & Progress = {},
): Promise<SanityReport> {
  const issues: SanityIssue[] = [];
  const run: Run = {
    ...src,
    repair: !!opts.repair,
    startedAt: new Date().toISOString(),
    orphanMinAgeMs: opts.orphanMinAgeMs ?? ORPHAN_MIN_AGE_MS,
    issues,
    repaired: { searchRows: 0, quarantined: [] },
    add: (check, code, params, severity = 'error', repaired = false) => issues.push({ check, code, severity, params, message: MESSAGES[code](params), repaired }),
    step: (phase, done, total, current = null) => opts.step?.(phase, done, total, current),
    stopped: () => !!opts.cancelled?.(),
  };
  // filled as the checks run; a stopped check reports what it reached
  const counts = { files: 0, blobs: 0, documents: 0, signatures: 0 };
  let audit: AuditChainStatus = { ok: false, rows: 0, head: null, firstBroken: null };
  const finish = (): SanityReport => {
    const complete = !run.stopped();
    return {
      ok: complete && !issues.some((x) => !x.repaired && x.severity === 'error'),
      complete,
      repair: run.repair,
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
      counts: { ...counts, auditRows: audit.rows },
      audit,
      issues,
      repaired: run.repaired,
    };
  };

  checkSqlite(run);
  Object.assign(counts, await checkFiles(run));
  if (run.stopped()) return finish();
  counts.documents = checkSearchIndex(run);
  counts.signatures = await checkSignedCopies(run);
  if (run.stopped()) return finish();
  // SQLite's check also reads the search index: what the rebuild cured is marked so
  if (run.repair && (run.repaired.searchRows || run.repaired.quarantined.length)) {
    const still = new Set((run.db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((l) => l.integrity_check));
    for (const x of issues) if (x.code === 'CHECK_INTEGRITY' && !still.has(String(x.params.detail))) x.repaired = true;
  }
  // 6. the audit chain
  audit = verifyAuditChain(run.db, (done, total) => run.step('audit', done, total));
  if (audit.firstBroken) run.add('audit', 'CHECK_AUDIT_BROKEN', { id: audit.firstBroken.id, reason: AUDIT_BREAK_VI[audit.firstBroken.reason] });
  return finish();
}

/** 1–2. SQLite's own checks. */
function checkSqlite({ db, add, step }: Run): void {
  step('integrity', 0, 1);
  for (const line of db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[])
    if (line.integrity_check !== 'ok') add('integrity', 'CHECK_INTEGRITY', { detail: line.integrity_check });
  step('foreignKeys', 0, 1);
  for (const r of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[])
    add('foreignKeys', 'CHECK_FOREIGN_KEY', { table: r.table, rowid: r.rowid ?? 0, parent: r.parent });
}

/** 3. Files: each re-hashed against its name; missing, orphaned, unreferenced. */
async function checkFiles(run: Run): Promise<{ files: number; blobs: number }> {
  const { db, dataDir, add, step } = run;
  const blobs = new Set(db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
  const onDisk = listFiles(path.join(dataDir, 'files')).map((f) => `files/${f}`);
  const present = new Set<string>();
  for (const [i, rel] of onDisk.entries()) {
    if (run.stopped()) break;
    step('files', i, onDisk.length, rel);
    const m = BLOB_PATH.exec(rel);
    const sha = m && m[3].startsWith(m[1] + m[2]) ? m[3] : null;
    if (sha && blobs.has(sha)) {
      present.add(sha);
      if ((await hashFile(path.join(dataDir, rel))).sha256 !== sha) add('files', 'CHECK_FILE_CORRUPT', { file: rel });
    } else strayFile(run, rel);
  }
  if (run.stopped()) return { files: onDisk.length, blobs: blobs.size };
  step('files', onDisk.length, onDisk.length);
  for (const sha of blobs) if (!present.has(sha)) add('files', 'CHECK_FILE_MISSING', { file: blobRelPath(sha) });
  const referenced = new Set(
    db
      .prepare(
        `SELECT sha256 FROM documents UNION SELECT searchable_sha256 FROM documents UNION SELECT thumb_sha256 FROM pages UNION SELECT preview_sha256 FROM pages
         UNION SELECT source_sha256 FROM pages UNION SELECT clean_sha256 FROM pages UNION SELECT output_sha256 FROM signatures`,
      )
      .pluck()
      .all() as (string | null)[],
  );
  for (const sha of blobs) if (!referenced.has(sha) && present.has(sha)) add('files', 'CHECK_BLOB_UNREFERENCED', { file: blobRelPath(sha) }, 'warning');
  return { files: onDisk.length, blobs: blobs.size };
}

/** A file nobody has recorded (or a stray name under files/): a recent one is an import in flight; an old one is quarantined on repair. */
function strayFile(run: Run, rel: string): void {
  const abs = path.join(run.dataDir, rel);
  let age: number;
  try {
    age = Date.now() - fs.statSync(abs).mtimeMs;
  } catch {
    return; // gone meanwhile
  }
  if (age < run.orphanMinAgeMs) return run.add('files', 'CHECK_FILE_ORPHAN_RECENT', { file: rel }, 'warning');
  if (run.repair) {
    const dest = path.join(run.dataDir, 'quarantine', run.startedAt.replace(/[:.]/g, '-'), rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.renameSync(abs, dest);
    run.repaired.quarantined.push(path.relative(run.dataDir, dest).split(path.sep).join('/'));
  }
  run.add('files', 'CHECK_FILE_ORPHAN', { file: rel }, 'warning', run.repair);
}

/** 4. The search index: FTS5's own check, then one row per document with the document's text. Returns the documents counted. */
function checkSearchIndex(run: Run): number {
  const { db, add, step, repair } = run;
  step('search', 0, 1);
  let rebuildAll = false;
  try {
    db.prepare("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')").run();
    db.prepare("INSERT INTO documents_pairs(documents_pairs) VALUES ('integrity-check')").run();
  } catch (e) {
    rebuildAll = true;
    add('search', 'CHECK_SEARCH_CORRUPT', { detail: e instanceof Error ? e.message : String(e) }, 'error', repair);
  }
  const docIds = db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
  if (rebuildAll) {
    if (repair) run.repaired.searchRows += rebuildSearchIndex(db, docIds);
  } else {
    const toFix = searchRowsToFix(run, docIds);
    if (repair && toFix.length)
      db.transaction(() => {
        // a pair row is removed given the word row it was made from; with that row damaged, the
        // pairs are emptied first and filled again in the background (phrases use the words meanwhile)
        resetPairs(db);
        for (const id of toFix) indexDocument(db, id); // deletes a stale row, rewrites the others
      })();
    if (repair) run.repaired.searchRows += toFix.length;
  }
  step('search', docIds.length, docIds.length);
  return docIds.length;
}

/** Documents whose index row is missing or differs from their text, and index rows of no document. */
function searchRowsToFix({ db, add, step, repair }: Run, docIds: number[]): number[] {
  const indexed = new Map(
    (db.prepare('SELECT rowid id, title_raw, body_raw, title, body FROM documents_fts').all() as { id: number; title_raw: string; body_raw: string; title: string; body: string }[]).map((r) => [r.id, r]),
  );
  const toFix: number[] = [];
  for (const [i, id] of docIds.entries()) {
    if (i % 500 === 0) step('search', i, docIds.length);
    const want = expectedIndexRow(db, id)!;
    const have = indexed.get(id);
    indexed.delete(id);
    if (!have) add('search', 'CHECK_SEARCH_MISSING', { documentId: id }, 'error', repair);
    else if (have.title_raw !== want.title_raw || have.body_raw !== want.body_raw || have.title !== want.title || have.body !== want.body)
      add('search', 'CHECK_SEARCH_MISMATCH', { documentId: id }, 'error', repair);
    else continue;
    toFix.push(id);
  }
  for (const id of indexed.keys()) {
    add('search', 'CHECK_SEARCH_STALE', { documentId: id }, 'error', repair);
    toFix.push(id);
  }
  // once filled, the pair index (search-pairs.ts) has a row for every row of the word index and no other
  if (pairsReady(db)) {
    const fixing = new Set(toFix);
    const rows = (sql: string) => (db.prepare(sql).pluck().all() as number[]).filter((id) => !fixing.has(id));
    const off = [
      ['CHECK_SEARCH_MISMATCH', rows(`SELECT rowid FROM documents_fts EXCEPT ${PAIR_ROWS_SQL}`)],
      ['CHECK_SEARCH_STALE', rows(`${PAIR_ROWS_SQL} EXCEPT SELECT rowid FROM documents_fts`)],
    ] as const;
    for (const [code, ids] of off)
      for (const id of ids) {
        add('search', code, { documentId: id }, 'error', repair);
        toFix.push(id);
      }
  }
  return toFix;
}

/** 5. Every signed copy still verifies (integrity; trust may change over the years and is not the archive's fault). Returns how many there are. */
async function checkSignedCopies(run: Run): Promise<number> {
  const { db, dataDir, add, step } = run;
  const signed = db.prepare('SELECT s.id, s.document_id documentId, s.output_sha256 sha FROM signatures s ORDER BY s.id').all() as { id: number; documentId: number; sha: string }[];
  const trust = trustAnchors(db);
  for (const [i, s] of signed.entries()) {
    if (run.stopped()) break;
    const rel = blobRelPath(s.sha);
    step('signatures', i, signed.length, rel);
    const file = path.join(dataDir, rel);
    if (!fs.existsSync(file)) continue; // reported as missing above
    const r = await verifyPdf(fs.readFileSync(file), { file: rel, trust });
    const bad = r.error ?? r.signatures.flatMap((x) => (x.intact && x.cryptoValid && !x.modifiedAfter ? [] : [`${x.field}: ${x.problems.join('; ') || 'không toàn vẹn'}`])).join(' | ');
    if (bad || !r.signatures.length) add('signatures', 'CHECK_SIGNATURE_INVALID', { documentId: s.documentId, file: rel, detail: bad || 'không có chữ ký' });
  }
  if (!run.stopped()) step('signatures', signed.length, signed.length);
  return signed.length;
}

/** Drops and recreates the search table with its own definition, then indexes every document. */
function rebuildSearchIndex(db: Db, ids: number[]): number {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").pluck().get() as string;
  db.transaction(() => {
    db.exec('DROP TABLE documents_fts');
    db.exec(sql);
    db.exec('DROP TABLE documents_pairs');
    db.exec(PAIR_TABLE_SQL); // indexDocument writes both
    db.exec('UPDATE search_pairs_fill SET next_rowid = NULL');
    for (const id of ids) indexDocument(db, id);
  })();
  return ids.length;
}
