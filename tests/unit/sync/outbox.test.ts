import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { reviewDocument } from '../../../electron/ocr/review';
import { buildItem, buildScope } from '../../../electron/sync/items';
import { pendingRows, queueAll, type OutboxRow } from '../../../electron/sync/outbox';
import { saveEnrolment } from '../../../electron/sync/sync-state';
import { tempDir } from '../../helpers';

// A province (1) with a district (2, the desk's unit) and its commune (3); another province (4).
function archive(): Db {
  const db = openDatabase(path.join(tempDir(), 'archive.sqlite'));
  db.exec(`
    INSERT INTO units(id, code, name, level, parent_id, valid_from) VALUES
      (1, '38', 'Tỉnh Thanh Hóa', 'province', NULL, NULL), (2, '380', 'TP Thanh Hóa', 'district', 1, NULL),
      (3, '16000', 'Phường Điện Biên', 'commune', 2, '2020-01-01'), (4, '01', 'Hà Nội', 'province', NULL, NULL);
    INSERT INTO users(id, username, full_name, role, unit_id, password_hash) VALUES (1, 'admin', 'Quản trị', 'admin', 2, 'x');
    INSERT INTO procedures(code, name) VALUES ('1.001', 'Đăng ký khai sinh');
    INSERT INTO blobs(sha256, size, mime) VALUES ('${'a'.repeat(64)}', 10, 'image/jpeg'), ('${'b'.repeat(64)}', 2345, 'application/pdf');
    INSERT INTO documents(id, unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, 3, 'Giấy khai sinh', '', 'ks.jpg', 'image', '${'a'.repeat(64)}', 1);
    INSERT INTO fields(document_id, name, value, confidence, source) VALUES (1, 'number', '12/QĐ-UBND', 0.9, 'ocr'), (1, 'type', 'Quyết định', 0.8, 'ocr'), (1, 'place', NULL, 0.1, 'ocr');
  `);
  return db;
}

const enrol = (db: Db) =>
  db.transaction(() => {
    saveEnrolment(db, { url: 'https://hub.example', deskId: '00000000-0000-4000-8000-000000000001', fingerprint: 'f'.repeat(64), unitId: 2, hubName: 'Tỉnh' }, 0);
    db.prepare('DELETE FROM outbox').run();
  })();

const rows = (db: Db) => db.prepare('SELECT kind, key, unit_id unitId FROM outbox ORDER BY seq').all();
const addRegister = (db: Db, code: string, unitId = 3) =>
  db.prepare("INSERT INTO register(dossier_code, procedure_code, unit_id, holder_name, issued_on) VALUES (?, '1.001', ?, 'Nguyễn Văn An', '2021-03-04')").run(code, unitId);

describe('outbox triggers', () => {
  let db: Db;
  beforeEach(() => {
    db = archive();
  });

  it('queue nothing before the desk is enrolled', () => {
    addRegister(db, 'H1');
    db.prepare("UPDATE documents SET status = 'digitized' WHERE id = 1").run();
    expect(rows(db)).toEqual([]);
  });

  it('queue a register insert, update and delete in the transaction that makes them', () => {
    enrol(db);
    db.transaction(() => {
      addRegister(db, 'H1');
      // visible inside the change's own transaction, before it commits
      expect(rows(db)).toEqual([{ kind: 'register', key: 'H1', unitId: 3 }]);
    })();
    db.prepare("UPDATE register SET holder_name = 'Nguyễn Văn Bình' WHERE dossier_code = 'H1'").run();
    // a save that changes nothing queues nothing
    db.prepare("UPDATE register SET holder_name = 'Nguyễn Văn Bình' WHERE dossier_code = 'H1'").run();
    db.prepare("DELETE FROM register WHERE dossier_code = 'H1'").run();
    expect(rows(db)).toEqual([
      { kind: 'register', key: 'H1', unitId: 3 },
      { kind: 'register', key: 'H1', unitId: 3 },
      { kind: 'register', key: 'H1', unitId: 3 },
    ]);
  });

  it('leave no row for a change that rolled back', () => {
    enrol(db);
    expect(() =>
      db.transaction(() => {
        addRegister(db, 'H2');
        db.prepare("UPDATE documents SET status = 'digitized' WHERE id = 1").run();
        throw new Error('stop');
      })(),
    ).toThrow('stop');
    expect(rows(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM register').pluck().get()).toBe(0);
  });

  it('queue a document when the reviewer accepts it, and not for OCR guesses', () => {
    enrol(db);
    db.prepare("UPDATE fields SET value = '13/QĐ-UBND', confidence = 0.7 WHERE document_id = 1 AND name = 'number'").run();
    expect(rows(db)).toEqual([]);
    reviewDocument(db, 1, 1, { type: 'Quyết định' }, null, true);
    const queued = rows(db) as { kind: string; key: string }[];
    expect(queued.length).toBeGreaterThan(0);
    expect(new Set(queued.map((r) => `${r.kind}:${r.key}`))).toEqual(new Set(['document:1']));
  });

  it('queue a moved register row at the unit it left too', () => {
    enrol(db);
    addRegister(db, 'H3');
    db.prepare("UPDATE register SET unit_id = 2 WHERE dossier_code = 'H3'").run();
    expect(rows(db)).toEqual([
      { kind: 'register', key: 'H3', unitId: 3 },
      { kind: 'register', key: 'H3', unitId: 3 },
      { kind: 'register', key: 'H3', unitId: 2 },
    ]);
  });
});

describe('outbox order and enrolment', () => {
  it('sends each key once, under its newest sequence', () => {
    const db = archive();
    enrol(db);
    addRegister(db, 'H1');
    addRegister(db, 'H2');
    db.prepare("UPDATE register SET holder_name = 'B' WHERE dossier_code = 'H1'").run();
    expect(pendingRows(db, 0, 10).map((r) => [r.key, r.seq])).toEqual([
      ['H2', 2],
      ['H1', 3],
    ]);
    expect(pendingRows(db, 2, 10).map((r) => r.key)).toEqual(['H1']);
  });

  it('queues the scope once at enrolment: units below the desk, their register and documents, no targets below a province', () => {
    const db = archive();
    addRegister(db, 'H1');
    addRegister(db, 'OUT', 4);
    db.transaction(() => {
      saveEnrolment(db, { url: 'https://hub.example', deskId: '00000000-0000-4000-8000-000000000001', fingerprint: 'f'.repeat(64), unitId: 2, hubName: 'Tỉnh' }, 0);
      queueAll(db, 2, 500);
    })();
    expect(rows(db)).toEqual([
      { kind: 'unit', key: '3', unitId: 3 },
      { kind: 'register', key: 'H1', unitId: 3 },
      { kind: 'document', key: '1', unitId: 3 },
    ]);
    // after what the hub already acknowledged for this desk
    expect(db.prepare('SELECT min(seq) FROM outbox').pluck().get()).toBe(501);
    const province = archive();
    queueAll(province, 1, 0);
    expect(province.prepare("SELECT count(*) FROM outbox WHERE kind = 'target'").pluck().get()).toBe(3);
  });
});

describe('item builder', () => {
  const row = (kind: OutboxRow['kind'], key: string, unitId: number | null, seq = 7): OutboxRow => ({ seq, kind, key, unitId });

  it('builds a register entry from its state at push time, and a deletion where it no longer is', () => {
    const db = archive();
    addRegister(db, 'H1');
    db.prepare("UPDATE register SET holder_unit_id = 3, digitized_on = '2021-04-01' WHERE dossier_code = 'H1'").run();
    const scope = buildScope(db, 2);
    expect(buildItem(db, row('register', 'H1', 3), scope)).toEqual({
      seq: 7,
      kind: 'register',
      data: {
        dossierCode: 'H1', unit: { code: '16000', validFrom: '2020-01-01' }, procedureCode: '1.001', procedureName: 'Đăng ký khai sinh',
        holderName: 'Nguyễn Văn An', holderId: null, holderUnit: { code: '16000', validFrom: '2020-01-01' }, resultName: null, resultNumber: null,
        issuedOn: '2021-03-04', validUntil: null, revokedOn: null, digitizedOn: '2021-04-01',
      },
    });
    expect(buildItem(db, row('register', 'H1', 2), scope)).toEqual({ seq: 7, kind: 'register.delete', data: { dossierCode: 'H1', unit: { code: '380', validFrom: null } } });
    db.prepare("DELETE FROM register WHERE dossier_code = 'H1'").run();
    expect(buildItem(db, row('register', 'H1', 3), scope)?.kind).toBe('register.delete');
    // another province's row never leaves this desk
    addRegister(db, 'OUT', 4);
    expect(buildItem(db, row('register', 'OUT', 4), scope)).toBeNull();
  });

  it("builds a document with the reviewer's fields only, its register link and its signed copy", () => {
    const db = archive();
    addRegister(db, 'H1');
    reviewDocument(db, 1, 1, { place: 'Thanh Hóa' }, 1, true);
    db.prepare("INSERT INTO fields(document_id, name, value, confidence, source) VALUES (1, 'agency', 'UBND', 0.5, 'ocr')").run();
    db.prepare(`INSERT INTO signatures(document_id, kind, field_name, signer, signed_at, output_sha256, created_by) VALUES (1, 'copy', 'Sig1', 'A', '2021-05-01', '${'b'.repeat(64)}', 1)`).run();
    db.prepare("UPDATE documents SET status = 'signed' WHERE id = 1").run();
    const item = buildItem(db, row('document', '1', 3), buildScope(db, 2));
    expect(item?.kind).toBe('document');
    const data = item!.data as { fields: Record<string, string>; dossierCode: string; status: string; signed: unknown; unit: unknown; deleted: boolean };
    // accepted (was OCR, accepted) and the user's own; never OCR's unreviewed 'agency', never an empty field
    expect(data.fields).toEqual({ number: '12/QĐ-UBND', type: 'Quyết định', place: 'Thanh Hóa' });
    expect(data).toMatchObject({ dossierCode: 'H1', status: 'signed', signed: { sha256: 'b'.repeat(64), size: 2345 }, unit: { code: '16000', validFrom: '2020-01-01' }, deleted: false });
  });

  it('builds a deleted document from the unit its outbox row remembers', () => {
    const db = archive();
    enrol(db);
    db.prepare('DELETE FROM fields WHERE document_id = 1').run();
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    const [last] = pendingRows(db, 0, 10);
    expect(buildItem(db, last, buildScope(db, 2))).toMatchObject({ kind: 'document', data: { localId: 1, deleted: true, unit: { code: '16000' } } });
  });

  it('sends units of the scope and targets only from a province desk', () => {
    const db = archive();
    expect(buildItem(db, row('unit', '3', 3), buildScope(db, 2))).toEqual({
      seq: 7,
      kind: 'unit',
      data: { unit: { code: '16000', validFrom: '2020-01-01' }, name: 'Phường Điện Biên', level: 'commune', parent: { code: '380', validFrom: null }, validTo: null },
    });
    expect(buildItem(db, row('unit', '4', 4), buildScope(db, 2))).toBeNull();
    // the desk's own unit is the hub's to name (its parent lies outside the desk's scope)
    expect(buildItem(db, row('unit', '2', 2), buildScope(db, 2))).toBeNull();
    expect(buildItem(db, row('target', '2021/district', null), buildScope(db, 2))).toBeNull();
    expect(buildItem(db, row('target', '2021/district', null), buildScope(db, 1))).toEqual({ seq: 7, kind: 'target', data: { year: 2021, level: 'district', rate: 0.2 } });
  });
});
