// The audit log's hash chain: existing rows chained by migration 9, every app write chained,
// UPDATE/DELETE refused by triggers, and each kind of tampering named at its first row.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audit, listAudit } from '../../../electron/accounts/audit';
import { auditRowHash, GENESIS_HASH, verifyAuditChain } from '../../../electron/accounts/audit-chain';
import { migrate, migrations } from '../../../electron/archive/migrations';

function chainedDb(rows = 5) {
  const db = new Database(':memory:');
  migrate(db);
  for (let i = 0; i < rows; i++) audit(db, null, `test.action${i}`, { type: 'document', id: i }, { n: i, note: 'Quyết định' });
  return db;
}

describe('audit hash chain', () => {
  it('migration 9 chains the rows written before it, in id order', () => {
    const db = new Database(':memory:');
    const before = migrations.filter((m) => m.version < 9);
    migrate(db, before);
    db.exec(`INSERT INTO audit_log(action, object_type, object_id, details) VALUES ('auth.signIn', NULL, NULL, NULL), ('units.create', 'unit', '4', '{"code":"402"}'), ('jobs.cancel', 'job', '7', NULL)`);
    migrate(db);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as any[];
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].hash).toBe(auditRowHash(rows[2]));
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3, head: rows[2].hash, firstBroken: null });
  });

  it('chains every row the app writes and keeps listing them', () => {
    const db = chainedDb(20);
    const st = verifyAuditChain(db);
    expect(st.ok).toBe(true);
    expect(st.rows).toBe(20);
    expect(listAudit(db, 0, 5).items[0].action).toBe('test.action19');
    // an empty log is an intact one
    const empty = new Database(':memory:');
    migrate(empty);
    expect(verifyAuditChain(empty)).toEqual({ ok: true, rows: 0, head: null, firstBroken: null });
  });

  it('refuses UPDATE and DELETE of audit rows, and a second row on one predecessor', () => {
    const db = chainedDb(3);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    const last = db.prepare('SELECT hash FROM audit_log WHERE id = 2').pluck().get();
    expect(() => db.prepare("INSERT INTO audit_log(id, action, prev_hash, hash) VALUES (99, 'fork', ?, 'x')").run(last)).toThrow(/UNIQUE/);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it('names the first edited row', () => {
    const db = chainedDb(6);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET details = '{"n":3,"note":"sửa"}' WHERE id = 4`).run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, rows: 6, firstBroken: { id: 4, action: 'test.action3', reason: 'hash' } });
  });

  it('names the row after a removed one, and a row written around the app', () => {
    const db = chainedDb(6);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { id: 4, reason: 'link' } });

    const db2 = chainedDb(2);
    db2.prepare("INSERT INTO audit_log(action) VALUES ('raw.insert')").run();
    expect(verifyAuditChain(db2)).toMatchObject({ ok: false, firstBroken: { id: 3, reason: 'unchained' } });
  });

  it('an edit that recomputes the row hash still breaks the link of the next row', () => {
    const db = chainedDb(4);
    db.exec('DROP TRIGGER audit_log_no_update');
    const r = db.prepare('SELECT * FROM audit_log WHERE id = 2').get() as any;
    const forged = { ...r, action: 'forged' };
    db.prepare('UPDATE audit_log SET action = ?, hash = ? WHERE id = 2').run('forged', auditRowHash(forged));
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { id: 3, reason: 'link' } });
  });
});
