// The keyed audit chain on real archive files: rows written before the key stay verifiable
// as they were (format 1), every row after it is HMAC-SHA256 (format 2), a chain recomputed
// without the key is caught, a signed checkpoint every 1,000 rows catches a cut tail and a
// log re-chained even by someone holding the HMAC key, and a lost key is reported.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../electron/accounts/audit';
import { auditRowHash, verifyAuditChain } from '../../../electron/accounts/audit-chain';
import { CHECKPOINT_EVERY } from '../../../electron/accounts/audit-checkpoint';
import { openDatabase } from '../../../electron/archive/db';
import { migrate } from '../../../electron/archive/migrations';
import { tempDir } from '../../helpers';

function write(db: Database.Database, n: number, from = 0) {
  db.transaction(() => {
    for (let i = from; i < from + n; i++) audit(db, null, `test.action${i}`, { type: 'document', id: i }, { n: i });
  })();
}

/** An archive whose first `old` rows were written before it had keys, then opened by the app and given `keyed` more. */
function archive(old: number, keyed: number) {
  const dir = tempDir();
  const file = path.join(dir, 'archive.sqlite');
  const legacy = new Database(file);
  migrate(legacy);
  write(legacy, old);
  legacy.close();
  const db = openDatabase(file);
  write(db, keyed, old);
  return { dir, file, db };
}

const recompute = (db: Database.Database, key?: Buffer) => {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
  let prev = '0'.repeat(64);
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as any[]) {
    const hash = auditRowHash({ ...r, prev_hash: prev }, key);
    db.prepare('UPDATE audit_log SET prev_hash = NULL WHERE id = ?').run(r.id);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, format = ? WHERE id = ?').run(prev, hash, key ? 2 : 1, r.id);
    prev = hash;
  }
};

describe('keyed audit chain', () => {
  it('keeps rows from before the key as format 1 and writes format 2 after it; both verify', () => {
    const { dir, db } = archive(5, 5);
    const formats = db.prepare('SELECT format FROM audit_log ORDER BY id').pluck().all();
    expect(formats).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    const key = JSON.parse(fs.readFileSync(path.join(dir, 'keys/audit-hmac.json'), 'utf8'));
    expect(key.keyedFrom).toBe(6);
    const r6 = db.prepare('SELECT * FROM audit_log WHERE id = 6').get() as any;
    // the hash is an HMAC under the key in keys/, not something the database alone can give
    expect(r6.hash).toBe(createHmac('sha256', Buffer.from(key.key, 'hex')).update(JSON.stringify(['sohoa-audit/2', 6, r6.at, null, 'test.action5', 'document', '5', '{"n":5}', r6.prev_hash])).digest('hex'));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 10 });
    db.close();
  });

  it('a row edited and the chain recomputed without the key is caught where the key was due', () => {
    const { db } = archive(3, 4);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"n\":99}' WHERE id = 2").run();
    recompute(db);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { id: 4, reason: 'unkeyed' } });
    db.close();
  });

  it('a signed checkpoint every 1,000 rows: a cut tail and a log re-chained with the HMAC key are both caught', () => {
    const { db } = archive(0, CHECKPOINT_EVERY + 5);
    expect(db.prepare('SELECT row_id, reason FROM audit_checkpoints').all()).toEqual([{ row_id: CHECKPOINT_EVERY, reason: 'rows' }]);
    expect(verifyAuditChain(db).ok).toBe(true);

    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id >= ?').run(CHECKPOINT_EVERY - 2);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { id: CHECKPOINT_EVERY - 2, reason: 'truncated' } });
    write(db, 10, 2000); // a chain grown again past the cut still misses the pinned row's hash
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { id: CHECKPOINT_EVERY, reason: 'checkpoint' } });
    db.close();

    const again = archive(0, CHECKPOINT_EVERY + 5);
    const key = Buffer.from(JSON.parse(fs.readFileSync(path.join(again.dir, 'keys/audit-hmac.json'), 'utf8')).key, 'hex');
    again.db.exec('DROP TRIGGER audit_log_no_update');
    again.db.prepare("UPDATE audit_log SET action = 'sửa' WHERE id = 10").run();
    recompute(again.db, key);
    expect(verifyAuditChain(again.db)).toMatchObject({ ok: false, firstBroken: { id: CHECKPOINT_EVERY, reason: 'checkpoint' } });
    again.db.close();
  });

  it('keyed rows without the key (keys/ lost or replaced) are reported, not passed', () => {
    const { dir, file, db } = archive(2, 3);
    db.close();
    fs.rmSync(path.join(dir, 'keys'), { recursive: true });
    const reopened = openDatabase(file); // makes new keys: the old rows do not verify under them
    expect(verifyAuditChain(reopened)).toMatchObject({ ok: false, firstBroken: { id: 3, reason: 'hash' } });
    reopened.close();
    const bare = new Database(file, { readonly: true });
    expect(verifyAuditChain(bare)).toMatchObject({ ok: false, firstBroken: { id: 3, reason: 'nokey' } });
    bare.close();
  });
});
