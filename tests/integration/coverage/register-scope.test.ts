// Register writes checked against the writer's units, and dossier codes namespaced per unit
// (issue #19): a save or an import row writes the entry of its own unit whatever other units
// hold, so nothing in the answer tells a commune what another commune holds; a link by code
// picks among the units the caller may see, the document's own unit first.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../../electron/core';
import { REGISTER_FIELD_LIST } from '../../../shared/contract';
import { must, setUpCore, signedInAs, tempDir } from '../../helpers';

async function setUp() {
  const ctx = await setUpCore();
  const { core, admin, byCode } = ctx;
  for (const [username, unit] of [['xa-a', '16222'], ['xa-b', '16219']] as const)
    await must(core.call('users.save', { username, fullName: username, role: 'records_staff', unitId: byCode(unit), password: 'mat-khau-123', active: true, unlock: false }, admin));
  await must(core.call('register.save', { dossierCode: 'HS-A-1', unitId: byCode('16222'), holderName: 'Nguyễn Văn A', issuedOn: '2025-03-01' }, admin));
  await must(core.call('register.save', { dossierCode: 'HS-TINH-1', unitId: byCode('38'), holderName: 'Công ty B', issuedOn: '2025-03-02' }, admin));
  // the province admin sees every unit: the case of one who sees several units holding a code
  const [a, b, all] = [await signedInAs(core, 'xa-a', 'mat-khau-123'), await signedInAs(core, 'xa-b', 'mat-khau-123'), await signedInAs(core, 'admin', 'admin-pass-1')];
  return { ...ctx, a, b, all };
}
const entries = (core: any, code: string) =>
  core.db.prepare('SELECT id, unit_id unitId, holder_name holder, revoked_on revoked FROM register WHERE dossier_code = ? ORDER BY unit_id').all(code);
const entry = (core: any, code: string, unitId: number) => entries(core, code).find((e: { unitId: number }) => e.unitId === unitId);
/** A document of this unit, as an import leaves it. */
function doc(core: any, unitId: number, title: string): number {
  const sha = Buffer.from(title).toString('hex').padEnd(64, '0').slice(0, 64);
  core.db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES (?, 10, 'image/jpeg')").run(sha);
  return Number(core.db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (?, ?, ?, ?, 'image', ?, 1)").run(unitId, title, title, `${title}.jpg`, sha).lastInsertRowid);
}
const linkedTo = (core: any, id: number) => core.db.prepare('SELECT register_id FROM documents WHERE id = ?').pluck().get(id);

describe('register scope', () => {
  it("answers a save of a code another unit holds exactly as a fresh code: its own unit's entry is created, the other's untouched", async () => {
    const { core, b, byCode } = await setUp();
    const before = entries(core, 'HS-A-1');
    const save = (dossierCode: string) => core.call('register.save', { dossierCode, unitId: byCode('16219'), holderName: 'Trần Thị B', issuedOn: '2025-03-01' }, b);
    const held = await save('HS-A-1');
    const fresh = await save('HS-MOI-1');
    expect(held.ok && fresh.ok).toBe(true);
    const strip = (r: any) => ({ ...r.value, id: 0, dossierCode: '' });
    expect(strip(held)).toEqual(strip(fresh));
    expect(held).toMatchObject({ value: { dossierCode: 'HS-A-1', unitId: byCode('16219'), holderName: 'Trần Thị B' } });
    const after = entries(core, 'HS-A-1');
    expect(after).toHaveLength(2);
    expect(after).toEqual(expect.arrayContaining([...before, expect.objectContaining({ unitId: byCode('16219'), holder: 'Trần Thị B' })]));
    // saved again: its own entry updated, still two entries
    await must(save('HS-A-1'));
    expect(entries(core, 'HS-A-1')).toHaveLength(2);
  });

  it('refuses a save into a unit outside the account, the same way whether the code is held or not', async () => {
    const { core, b, byCode } = await setUp();
    const save = (dossierCode: string) => core.call('register.save', { dossierCode, unitId: byCode('16222'), issuedOn: '2025-03-01' }, b);
    const [held, fresh] = [await save('HS-A-1'), await save('HS-MOI-2')];
    expect(held).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fresh).toEqual(held);
    expect(entries(core, 'HS-A-1')).toEqual([expect.objectContaining({ unitId: byCode('16222'), holder: 'Nguyễn Văn A' })]);
    expect(entries(core, 'HS-MOI-2')).toEqual([]);
  });

  it('imports file rows into their own units only; a code another unit holds is a new entry of the row unit', async () => {
    const { core, b, byCode } = await setUp();
    const csv = [
      'Mã hồ sơ,Mã đơn vị,Ngày cấp,Ngày thu hồi,Người được cấp',
      'HS-A-1,16222,2025-03-01,2025-04-01,', // revoke commune A's result: not B's unit
      'HS-TINH-1,38,2025-03-02,2025-04-01,', // revoke a province result: not B's unit
      'HS-TINH-2,38,2025-03-05,,Tạo mới', // create a province entry: not B's unit
      'HS-B-1,16219,2025-03-06,,Trần Thị B', // its own: fine
      'HS-A-1,16219,2025-03-07,,Lê Văn C', // its own unit, a code commune A holds too: B's entry
      'HS-B-1,16219,2025-03-08,,Trùng', // the same unit and code twice in the file
    ].join('\n');
    const named = { dossierCode: 'Mã hồ sơ', unitCode: 'Mã đơn vị', issuedOn: 'Ngày cấp', revokedOn: 'Ngày thu hồi', holderName: 'Người được cấp' } as Record<string, string>;
    const mapping = Object.fromEntries(REGISTER_FIELD_LIST.map((f) => [f, named[f] ?? null]));
    const file = path.join(tempDir(), 'so-theo-doi.csv');
    fs.writeFileSync(file, csv);
    const r = await must(core.call('register.import', { source: { path: file }, mapping }, b));
    expect(r.created).toBe(2);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4, 7]);
    for (const e of r.errors.slice(0, 3)) expect(e.message).toMatch(/ngoài phạm vi/);
    expect(r.errors[3].message).toMatch(/trùng mã hồ sơ HS-B-1 với dòng 5/);
    expect(entry(core, 'HS-A-1', byCode('16222'))).toMatchObject({ holder: 'Nguyễn Văn A', revoked: null });
    expect(entry(core, 'HS-A-1', byCode('16219'))).toMatchObject({ holder: 'Lê Văn C', revoked: null });
    expect(entries(core, 'HS-TINH-1')).toEqual([expect.objectContaining({ revoked: null })]);
    expect(entries(core, 'HS-TINH-2')).toEqual([]);
    expect(entry(core, 'HS-B-1', byCode('16219'))).toMatchObject({ holder: 'Trần Thị B' });
  });

  it("links by code to the entry of a unit the caller sees, the document's own first; several others are refused", async () => {
    const { core, a, b, all, byCode } = await setUp();
    await must(core.call('register.save', { dossierCode: 'HS-A-1', unitId: byCode('16219'), issuedOn: '2025-03-03' }, b));
    const [ofA, ofB] = [entry(core, 'HS-A-1', byCode('16222')), entry(core, 'HS-A-1', byCode('16219'))];
    const link = (id: number, dossierCode: string | null, who: Client): Promise<any> => core.call('documents.link', { id, dossierCode, digitized: false }, who);
    // each commune sees its own entry only
    const [docA, docB] = [doc(core, byCode('16222'), 'giay-a'), doc(core, byCode('16219'), 'giay-b')];
    await must(link(docA, 'HS-A-1', a));
    await must(link(docB, 'HS-A-1', b));
    expect([linkedTo(core, docA), linkedTo(core, docB)]).toEqual([ofA.id, ofB.id]);
    // a code only another unit holds is answered as a code nobody holds
    const [held, none] = [await link(docB, 'HS-TINH-1', b), await link(docB, 'HS-KHONG-CO', b)];
    expect(held).toMatchObject({ ok: false, error: { code: 'REGISTER_NOT_FOUND' } });
    expect({ ...held.error, message: '' }).toEqual({ ...none.error, message: '', params: { ...none.error.params, dossier: 'HS-TINH-1' } });
    // one who sees both: each document gets its own unit's; one of a third unit is asked to choose
    const docA2 = doc(core, byCode('16222'), 'giay-a2');
    await must(link(docA2, 'HS-A-1', all));
    expect(linkedTo(core, docA2)).toBe(ofA.id);
    const docDistrict = doc(core, byCode('402'), 'giay-huyen');
    const r = await link(docDistrict, 'HS-A-1', all);
    expect(r).toMatchObject({ ok: false, error: { code: 'REGISTER_CODE_AMBIGUOUS' } });
    expect(r.error.message).toMatch(/nhiều đơn vị/);
    expect(linkedTo(core, docDistrict)).toBeNull();
    // linked from one unit's entry (the work page): that entry, and only a visible one
    await must(core.call('documents.link', { id: docDistrict, dossierCode: 'HS-A-1', registerId: ofB.id, digitized: false }, all));
    expect(linkedTo(core, docDistrict)).toBe(ofB.id);
    const otherUnit = await core.call('documents.link', { id: docB, dossierCode: 'HS-A-1', registerId: ofA.id, digitized: false }, b);
    expect(otherUnit).toMatchObject({ ok: false, error: { code: 'REGISTER_NOT_FOUND' } });
    expect(linkedTo(core, docB)).toBe(ofB.id);
    // the same rule in a bulk edit: the document's own unit's entry
    await must(link(docA2, null, all));
    expect(linkedTo(core, docA2)).toBeNull();
    await must(core.call('documents.bulkEdit', { ids: [docA2], links: [{ id: docA2, dossierCode: 'HS-A-1' }] }, all));
    expect(linkedTo(core, docA2)).toBe(ofA.id);
  });
});
