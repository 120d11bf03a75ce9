// The records staff's work through the real core: the worklist of their units' valid results
// not yet digitized (grouped by procedure, oldest first, a linked document shown, other units'
// results never), the register's filters ("chưa số hóa", "chưa gắn tệp", procedure, dates)
// and saved views that belong to one user each.
import { describe, expect, it } from 'vitest';
import { must, setUpCore, signedInAs } from '../../helpers';

async function setUp() {
  const ctx = await setUpCore();
  const { core, admin, byCode } = ctx;
  for (const [username, unit] of [['xa-a', '16222'], ['xa-b', '16219']] as const)
    await must(core.call('users.save', { username, fullName: username, role: 'records_staff', unitId: byCode(unit), password: 'mat-khau-123', active: true, unlock: false }, admin));
  const rows = [
    ['A-KS-2', '16222', '1.001193', '2024-05-02', null],
    ['A-KS-1', '16222', '1.001193', '2023-01-10', null],
    ['A-HT-1', '16222', '1.000894', '2023-06-01', null],
    ['A-OLD', '16222', '1.000894', '2020-01-01', '2021-01-01'], // no longer valid
    ['B-KS-1', '16219', '1.001193', '2022-01-01', null],
  ] as const;
  for (const [code, unit, proc, issuedOn, validUntil] of rows)
    await must(core.call('register.save', { dossierCode: code, unitId: byCode(unit), procedureCode: proc, procedureName: `Thủ tục ${proc}`, issuedOn, validUntil }, admin));
  return { ...ctx, a: await signedInAs(core, 'xa-a', 'mat-khau-123'), b: await signedInAs(core, 'xa-b', 'mat-khau-123') };
}

function linkDoc(core: any, unitId: number, code: string, status: 'imported' | 'digitized') {
  const sha = Buffer.from(code).toString('hex').padEnd(64, '0').slice(0, 64);
  core.db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES (?, 10, 'image/jpeg')").run(sha);
  const reg = core.db.prepare('SELECT id FROM register WHERE dossier_code = ?').pluck().get(code);
  const id = Number(
    core.db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status, register_id, digitized_at) VALUES (?, ?, ?, ?, 'image', ?, 1, ?, ?, ?)")
      .run(unitId, code, code, `${code}.jpg`, sha, status, reg, status === 'digitized' ? '2025-01-01T03:00:00Z' : null).lastInsertRowid,
  );
  core.db.prepare("UPDATE register SET digitized_on = CASE WHEN ? = 'digitized' THEN '2025-01-01' END WHERE id = ?").run(status, reg);
  return id;
}

describe("records staff's worklist", () => {
  it("lists the caller's valid results to digitize by procedure, oldest first, and no other unit's", async () => {
    const { core, a, b, byCode } = await setUp();
    const pending = linkDoc(core, byCode('16222'), 'A-HT-1', 'imported');
    const w = await must(core.call('work.list', { at: '2025-06-01' }, a));
    expect(w.total).toBe(3);
    // the group holding the oldest result first; within it the oldest first
    expect(w.groups.map((g: any) => [g.procedureCode, g.count])).toEqual([['1.001193', 2], ['1.000894', 1]]);
    expect(w.items.map((i: any) => i.dossierCode)).toEqual(['A-KS-1', 'A-KS-2', 'A-HT-1']);
    expect(w.items[2].documentId).toBe(pending);
    // digitizing one takes it off the list, and the groups reorder by their oldest left
    linkDoc(core, byCode('16222'), 'A-KS-1', 'digitized');
    expect((await must(core.call('work.list', { at: '2025-06-01' }, a))).items.map((i: any) => i.dossierCode)).toEqual(['A-HT-1', 'A-KS-2']);
    expect((await must(core.call('work.list', { at: '2025-06-01', procedureCode: '1.000894' }, a))).total).toBe(1);
    expect((await must(core.call('work.list', { at: '2025-06-01' }, b))).items.map((i: any) => i.dossierCode)).toEqual(['B-KS-1']);
    expect(await core.call('work.list', { unitId: byCode('16222') }, b)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('filters the register: not digitized, no file linked, by procedure and by issue dates', async () => {
    const { core, a, byCode } = await setUp();
    linkDoc(core, byCode('16222'), 'A-KS-1', 'digitized');
    linkDoc(core, byCode('16222'), 'A-HT-1', 'imported');
    const codes = async (f: object) => (await must(core.call('register.list', f, a))).items.map((e: any) => e.dossierCode).sort();
    expect(await codes({ digitized: 'no' })).toEqual(['A-HT-1', 'A-KS-2', 'A-OLD']);
    expect(await codes({ linked: 'no' })).toEqual(['A-KS-2', 'A-OLD']);
    expect(await codes({ procedureCode: '1.001193' })).toEqual(['A-KS-1', 'A-KS-2']);
    expect(await codes({ issuedFrom: '2023-01-01', issuedTo: '2023-12-31' })).toEqual(['A-HT-1', 'A-KS-1']);
    expect(await codes({ digitized: 'no', linked: 'no', procedureCode: '1.001193' })).toEqual(['A-KS-2']);
    // a trashed document is not a linked file
    core.db.prepare("UPDATE documents SET deleted_at = '2025-02-01T00:00:00Z' WHERE register_id = (SELECT id FROM register WHERE dossier_code = 'A-HT-1')").run();
    expect(await codes({ linked: 'no' })).toEqual(['A-HT-1', 'A-KS-2', 'A-OLD']);
    expect((await must(core.call('register.procedures', {}, a))).map((p: any) => [p.code, p.count])).toEqual([['1.000894', 2], ['1.001193', 2]]);
  });

  it("keeps each user's saved views: save, rename, delete; names unique; others' views hidden", async () => {
    const { core, a, b } = await setUp();
    const v = await must(core.call('views.save', { screen: 'register', name: 'Chưa gắn tệp khai sinh', filters: { linked: 'no', procedureCode: '1.001193' } }, a));
    expect(await core.call('views.save', { screen: 'register', name: 'Chưa gắn tệp khai sinh', filters: {} }, a)).toMatchObject({ ok: false, error: { code: 'VIEW_NAME_TAKEN' } });
    const renamed = await must(core.call('views.save', { id: v.id, screen: 'register', name: 'Khai sinh còn thiếu', filters: v.filters }, a));
    expect(renamed).toMatchObject({ id: v.id, name: 'Khai sinh còn thiếu', filters: { linked: 'no', procedureCode: '1.001193' } });
    expect(await must(core.call('views.list', { screen: 'register' }, b))).toEqual([]);
    expect(await core.call('views.delete', { id: v.id }, b)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call('views.save', { id: v.id, screen: 'register', name: 'chiếm', filters: {} }, b)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await must(core.call('views.list', { screen: 'register' }, a))).map((x: any) => x.name)).toEqual(['Khai sinh còn thiếu']);
    await must(core.call('views.delete', { id: v.id }, a));
    expect(await must(core.call('views.list', { screen: 'register' }, a))).toEqual([]);
  });
});
