// Bulk edits through the real core on a real archive: type, procedure and register links set
// on many documents in one transaction; a document outside the caller's units refuses the
// whole edit naming it; every changed document is audited; undo puts back exactly what was
// there (fields with their source, link, status, coverage) and is refused once a document
// changed since.
import { describe, expect, it } from 'vitest';
import { must, setUpCore, signedInAs } from '../../helpers';

async function setUp() {
  const ctx = await setUpCore();
  const { core, admin, byCode } = ctx;
  for (const [username, unit] of [['xa-a', '16222'], ['xa-b', '16219']] as const)
    await must(core.call('users.save', { username, fullName: username, role: 'records_staff', unitId: byCode(unit), password: 'mat-khau-123', active: true, unlock: false }, admin));
  for (const [code, unit, proc] of [['HS-A-1', '16222', '1.001001'], ['HS-A-2', '16222', '1.001001'], ['HS-B-1', '16219', '1.002002']] as const)
    await must(core.call('register.save', { dossierCode: code, unitId: byCode(unit), procedureCode: proc, procedureName: `Thủ tục ${proc}`, holderName: 'Nguyễn Văn A', issuedOn: '2025-03-01' }, admin));
  const doc = (unit: string, title: string) => {
    const sha = Buffer.from(title).toString('hex').padEnd(64, '0').slice(0, 64);
    core.db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES (?, 10, 'image/jpeg')").run(sha);
    const id = Number(
      core.db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (?, ?, ?, ?, 'image', ?, 1)").run(byCode(unit), title, title, `${title}.jpg`, sha).lastInsertRowid,
    );
    core.db.prepare("INSERT INTO fields(document_id, name, value, source) VALUES (?, 'type', 'Công văn', 'accepted')").run(id);
    return id;
  };
  const ids = { a1: doc('16222', 'giay-a1'), a2: doc('16222', 'giay-a2'), b1: doc('16219', 'giay-b1') };
  return { ...ctx, ids, a: await signedInAs(core, 'xa-a', 'mat-khau-123') };
}

const state = (core: any, id: number) => ({
  doc: core.db.prepare('SELECT register_id, status, digitized_at FROM documents WHERE id = ?').get(id),
  fields: core.db.prepare('SELECT * FROM fields WHERE document_id = ? ORDER BY name').all(id),
});
const digitizedOn = (core: any, code: string) => core.db.prepare('SELECT digitized_on FROM register WHERE dossier_code = ?').pluck().get(code);
const auditRows = (core: any, action: string) => core.db.prepare('SELECT object_id FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action);

describe('bulk edits', () => {
  it('sets type, procedure and links on many documents at once, audited per document, and undoes them exactly', async () => {
    const { core, ids, a } = await setUp();
    const before = [state(core, ids.a1), state(core, ids.a2)];
    const r = await must(
      core.call('documents.bulkEdit', { ids: [ids.a1, ids.a2], type: 'Quyết định', procedureCode: '1.001001', links: [{ id: ids.a1, dossierCode: 'HS-A-1' }, { id: ids.a2, dossierCode: 'HS-A-2' }] }, a),
    );
    expect(r).toMatchObject({ documents: 2, changed: 2 });
    for (const id of [ids.a1, ids.a2]) {
      expect(core.db.prepare("SELECT value, source FROM fields WHERE document_id = ? AND name = 'type'").get(id)).toEqual({ value: 'Quyết định', source: 'user' });
      expect(core.db.prepare("SELECT value FROM fields WHERE document_id = ? AND name = 'procedureCode'").pluck().get(id)).toBe('1.001001');
      expect(core.db.prepare('SELECT status FROM documents WHERE id = ?').pluck().get(id)).toBe('digitized');
    }
    expect(digitizedOn(core, 'HS-A-1')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(auditRows(core, 'documents.bulkEdit')).toEqual([String(ids.a1), String(ids.a2)]);
    // the list filter finds them by the new type
    expect((await must(core.call('documents.list', { type: 'Quyết định' }, a))).total).toBe(2);

    expect(await must(core.call('documents.bulkLast', {}, a))).toMatchObject({ editId: r.editId, documents: 2 });
    expect(await must(core.call('documents.bulkUndo', { editId: r.editId }, a))).toEqual({ documents: 2 });
    expect([state(core, ids.a1), state(core, ids.a2)]).toEqual(before);
    expect(digitizedOn(core, 'HS-A-1')).toBeNull();
    expect(auditRows(core, 'documents.bulkUndo')).toEqual([String(ids.a1), String(ids.a2)]);
    // undone once: not offered, and refused a second time
    expect(await must(core.call('documents.bulkLast', {}, a))).toBeNull();
    expect(await core.call('documents.bulkUndo', { editId: r.editId }, a)).toMatchObject({ ok: false, error: { code: 'BULK_UNDO_REFUSED' } });
  });

  it("refuses the whole edit when one document is another unit's, naming it, and changes none", async () => {
    const { core, ids, a } = await setUp();
    const before = [state(core, ids.a1), state(core, ids.b1)];
    const r = await core.call('documents.bulkEdit', { ids: [ids.a1, ids.b1], type: 'Quyết định' }, a);
    expect(r).toMatchObject({ ok: false, error: { code: 'BULK_OTHER_UNIT', params: { id: ids.b1 } } });
    expect((r as any).error.message).toMatch(new RegExp(`Hồ sơ #${ids.b1} không thuộc đơn vị của bạn`));
    expect([state(core, ids.a1), state(core, ids.b1)]).toEqual(before);
    expect(auditRows(core, 'documents.bulkEdit')).toEqual([]);
    expect(core.db.prepare('SELECT count(*) FROM bulk_edits').pluck().get()).toBe(0);
  });

  it('rolls back every document when a link names a result outside the unit (one transaction)', async () => {
    const { core, ids, a } = await setUp();
    const before = [state(core, ids.a1), state(core, ids.a2)];
    const r = await core.call('documents.bulkEdit', { ids: [ids.a1, ids.a2], type: 'Tờ trình', links: [{ id: ids.a1, dossierCode: 'HS-A-1' }, { id: ids.a2, dossierCode: 'HS-B-1' }] }, a);
    expect(r).toMatchObject({ ok: false, error: { code: 'REGISTER_NOT_FOUND' } });
    expect([state(core, ids.a1), state(core, ids.a2)]).toEqual(before);
    expect(digitizedOn(core, 'HS-A-1')).toBeNull();
  });

  it('refuses unknown values and undo once a document changed since, naming it', async () => {
    const { core, ids, a } = await setUp();
    expect(await core.call('documents.bulkEdit', { ids: [ids.a1], type: 'Thư tình' }, a)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await core.call('documents.bulkEdit', { ids: [ids.a1], procedureCode: '9.999999' }, a)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const r = await must(core.call('documents.bulkEdit', { ids: [ids.a1, ids.a2], type: 'Thông báo' }, a));
    await must(core.call('documents.review', { id: ids.a2, fields: { type: 'Kế hoạch' }, dossierCode: null, accept: false }, a));
    expect(await must(core.call('documents.bulkLast', {}, a))).toBeNull();
    const u = await core.call('documents.bulkUndo', { editId: r.editId }, a);
    expect(u).toMatchObject({ ok: false, error: { code: 'BULK_UNDO_REFUSED', params: { id: ids.a2 } } });
    expect(core.db.prepare("SELECT value FROM fields WHERE document_id = ? AND name = 'type'").pluck().get(ids.a1)).toBe('Thông báo');
  });

  it("does not let another user undo someone's bulk edit", async () => {
    const { core, ids, a, admin } = await setUp();
    const r = await must(core.call('documents.bulkEdit', { ids: [ids.a1], type: 'Thông báo' }, a));
    await must(core.call('users.save', { username: 'xa-a2', fullName: 'xa-a2', role: 'records_staff', unitId: core.db.prepare('SELECT unit_id FROM documents WHERE id = ?').pluck().get(ids.a1), password: 'mat-khau-123', active: true, unlock: false }, admin));
    const other = await signedInAs(core, 'xa-a2', 'mat-khau-123');
    expect(await core.call('documents.bulkUndo', { editId: r.editId }, other)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await must(core.call('documents.bulkUndo', { editId: r.editId }, admin))).toEqual({ documents: 1 });
  });
});
