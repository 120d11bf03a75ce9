// `sohoa check` on a real archive spoiled in every way it looks for: a damaged signed copy,
// a deleted file, orphans old and new, a broken search index, an audit row edited through
// raw SQL. Each is reported; without --repair nothing changes; --repair fixes only what is
// safe (the search index, orphans to quarantine/) and leaves the rest reported.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { blobRelPath } from '../../../electron/archive/file-copy';
import { pairColumn } from '../../../electron/archive/search-pairs';
import { sampleArchive } from './sample-archive';

const sohoa = (args: string[]) => {
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { encoding: 'utf8', env: { ...process.env, SOHOA_DATA_DIR: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const codes = (report: any) => report.issues.map((x: any) => `${x.code} ${x.params.documentId ?? x.params.file ?? x.params.id ?? ''}`.trim()).sort();

/** Every table the check could touch, and the files: to show a check without --repair changed nothing. */
function dataOf(dir: string) {
  const db = new Database(path.join(dir, 'archive.sqlite'), { readonly: true });
  const tables = ['documents', 'pages', 'fields', 'signatures', 'blobs', 'register', 'audit_log', 'documents_fts'];
  const rows = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
  db.close();
  const files = fs.readdirSync(path.join(dir, 'files'), { recursive: true }).map(String).sort();
  return { rows, files, quarantine: fs.existsSync(path.join(dir, 'quarantine')) };
}

let data: string;
let ids: number[];
const spoilt: Record<string, string> = {};

beforeAll(async () => {
  const a = await sampleArchive();
  data = a.dataDir;
  ids = a.ids;
  await a.core.close();
  const clean = sohoa(['check', '--data-dir', data, '--json']);
  expect(clean.code, clean.out + clean.err).toBe(0);
  expect(JSON.parse(clean.out).issues).toEqual([]);

  const db = new Database(path.join(data, 'archive.sqlite'));
  // a signed copy damaged on disk: one byte inside the signed range
  spoilt.signed = blobRelPath(db.prepare('SELECT output_sha256 FROM signatures').pluck().get() as string);
  const signed = fs.readFileSync(path.join(data, spoilt.signed));
  signed[200] ^= 0x01;
  fs.writeFileSync(path.join(data, spoilt.signed), signed);
  // a thumbnail deleted
  spoilt.deleted = blobRelPath(db.prepare('SELECT thumb_sha256 FROM pages WHERE document_id = ? ORDER BY idx LIMIT 1').pluck().get(ids[2]) as string);
  fs.rmSync(path.join(data, spoilt.deleted));
  // an orphan from long ago, and one just written (an import may be about to record it)
  spoilt.orphan = 'files/ab/cd/abcd' + '1'.repeat(60);
  fs.mkdirSync(path.join(data, 'files/ab/cd'), { recursive: true });
  fs.writeFileSync(path.join(data, spoilt.orphan), 'mồ côi');
  const old = new Date(Date.now() - 3 * 3600_000);
  fs.utimesSync(path.join(data, spoilt.orphan), old, old);
  spoilt.recent = 'files/ab/cd/abcd' + '2'.repeat(60);
  fs.writeFileSync(path.join(data, spoilt.recent), 'đang nhập');
  // the search index: one document's row gone, another's text changed, a row for no document
  db.prepare('DELETE FROM documents_fts WHERE rowid = ?').run(ids[0]);
  db.prepare("UPDATE documents_fts SET body = 'noi dung gia', body_raw = 'nội dung giả' WHERE rowid = ?").run(ids[1]);
  db.prepare("INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (9999, 'ma', '', 'ma', '')").run();
  // and one document's row of word pairs gone (phrase search)
  const lost = db.prepare('SELECT title, body FROM documents_fts WHERE rowid = ?').get(ids[2]) as { title: string; body: string };
  db.prepare("INSERT INTO documents_pairs(documents_pairs, rowid, title, body) VALUES ('delete', ?, ?, ?)").run(ids[2], pairColumn(lost.title), pairColumn(lost.body));
  // an audit row edited around the app (the trigger dropped first)
  db.exec('DROP TRIGGER audit_log_no_update');
  spoilt.auditId = String(db.prepare("SELECT id FROM audit_log WHERE action = 'documents.link'").pluck().get());
  db.prepare("UPDATE audit_log SET details = '{}' WHERE id = ?").run(Number(spoilt.auditId));
  // a row pointing at a document that is not there
  db.pragma('foreign_keys = OFF');
  db.prepare("INSERT INTO fields(document_id, name, value) VALUES (77777, 'number', '12/QĐ')").run();
  db.close();
}, 120_000);

describe('sohoa check', () => {
  it('reports every problem, exits 1, and changes nothing', () => {
    const before = dataOf(data);
    const r = sohoa(['check', '--data-dir', data, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\[tệp \d+\/\d+/);
    const report = JSON.parse(r.out);
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(
      [
        `CHECK_FILE_CORRUPT ${spoilt.signed}`,
        `CHECK_FILE_MISSING ${spoilt.deleted}`,
        `CHECK_FILE_ORPHAN ${spoilt.orphan}`,
        `CHECK_FILE_ORPHAN_RECENT ${spoilt.recent}`,
        `CHECK_SEARCH_MISSING ${ids[0]}`,
        `CHECK_SEARCH_MISMATCH ${ids[1]}`,
        `CHECK_SEARCH_MISMATCH ${ids[2]}`,
        'CHECK_SEARCH_STALE 9999',
        `CHECK_SIGNATURE_INVALID ${ids[1]}`,
        `CHECK_AUDIT_BROKEN ${spoilt.auditId}`,
        'CHECK_FOREIGN_KEY',
      ].sort(),
    );
    expect(report.issues.every((x: any) => !x.repaired)).toBe(true);
    expect(report.audit.firstBroken).toMatchObject({ id: Number(spoilt.auditId), reason: 'hash' });
    // nothing moved, nothing rewritten (the database differs only by the report and nothing else)
    expect(fs.existsSync(path.join(data, spoilt.orphan))).toBe(true);
    expect(fs.existsSync(path.join(data, 'quarantine'))).toBe(false);
    expect(dataOf(data)).toEqual(before);

    const human = sohoa(['check', '--data-dir', data]);
    expect(human.code).toBe(1);
    expect(human.out).toContain(`${spoilt.signed}: nội dung không khớp mã băm`);
    expect(human.out).toContain(`chuỗi băm đứt tại dòng #${spoilt.auditId}`);
    expect(human.out).toMatch(/Kho có lỗi/);
  }, 60_000);

  it('--repair rebuilds the search index and quarantines the old orphan, and nothing else', () => {
    const orphanBytes = fs.readFileSync(path.join(data, spoilt.orphan));
    const r = sohoa(['check', '--repair', '--data-dir', data, '--json']);
    const report = JSON.parse(r.out);
    const repaired = report.issues.filter((x: any) => x.repaired).map((x: any) => x.code).sort();
    expect(repaired).toEqual(['CHECK_FILE_ORPHAN', 'CHECK_SEARCH_MISMATCH', 'CHECK_SEARCH_MISMATCH', 'CHECK_SEARCH_MISSING', 'CHECK_SEARCH_STALE']);
    expect(report.repaired.searchRows).toBe(4);
    expect(report.repaired.quarantined).toHaveLength(1);
    // moved, not deleted
    expect(fs.existsSync(path.join(data, spoilt.orphan))).toBe(false);
    expect(fs.readFileSync(path.join(data, report.repaired.quarantined[0])).equals(orphanBytes)).toBe(true);
    expect(fs.existsSync(path.join(data, spoilt.recent))).toBe(true);
    // what cannot be cured safely is still there and still makes the check fail
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(data, spoilt.signed))).toBe(true);

    const again = JSON.parse(sohoa(['check', '--data-dir', data, '--json']).out);
    expect(codes(again)).toEqual(
      ['CHECK_FOREIGN_KEY', `CHECK_FILE_CORRUPT ${spoilt.signed}`, `CHECK_FILE_MISSING ${spoilt.deleted}`, `CHECK_FILE_ORPHAN_RECENT ${spoilt.recent}`, `CHECK_SIGNATURE_INVALID ${ids[1]}`, `CHECK_AUDIT_BROKEN ${spoilt.auditId}`].sort(),
    );
    // the rebuilt index finds the document whose row had gone
    const found = JSON.parse(sohoa(['search', 'quyet', 'dinh', '--data-dir', data, '--json']).out);
    expect(found.documents.map((d: any) => d.id)).toContain(ids[0]);
  }, 60_000);

  it('sohoa audit verify names the first broken row and exits non-zero', () => {
    const r = sohoa(['audit', 'verify', '--data-dir', data]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`chuỗi băm đứt tại dòng #${spoilt.auditId}`);
    expect(r.out).toContain('documents.link');
    const j = JSON.parse(sohoa(['audit', 'verify', '--data-dir', data, '--json']).out);
    expect(j).toMatchObject({ ok: false, firstBroken: { id: Number(spoilt.auditId), reason: 'hash' } });
  });

  it('a corrupted search index (FTS5 integrity) is rebuilt whole by --repair', () => {
    const dir = path.join(path.dirname(data), 'fts-copy');
    fs.cpSync(data, dir, { recursive: true });
    const db = new Database(path.join(dir, 'archive.sqlite'));
    // the index's own pages removed (SQLite's defensive mode off to reach the shadow table)
    db.unsafeMode(true);
    db.exec('DELETE FROM documents_fts_data WHERE id > 10');
    db.close();
    const r = JSON.parse(sohoa(['check', '--data-dir', dir, '--json']).out);
    expect(r.issues.map((x: any) => x.code)).toContain('CHECK_SEARCH_CORRUPT');
    expect(r.issues.map((x: any) => x.code)).toContain('CHECK_INTEGRITY'); // SQLite's check reads FTS5 tables too
    const fixed = JSON.parse(sohoa(['check', '--repair', '--data-dir', dir, '--json']).out);
    expect(fixed.issues.find((x: any) => x.code === 'CHECK_SEARCH_CORRUPT').repaired).toBe(true);
    expect(fixed.issues.find((x: any) => x.code === 'CHECK_INTEGRITY').repaired).toBe(true);
    expect(fixed.repaired.searchRows).toBe(3);
    const after = JSON.parse(sohoa(['check', '--data-dir', dir, '--json']).out);
    expect(after.issues.filter((x: any) => x.check === 'search' || x.check === 'integrity')).toEqual([]);
  }, 60_000);
});
