// Register writes checked against the writer's units before and after the change: a commune
// cannot take, revoke or create another unit's results, by hand or by file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTER_FIELD_LIST } from '../../../shared/contract';
import { must, setUpCore, signedInAs, tempDir } from '../../helpers';

async function setUp() {
  const ctx = await setUpCore();
  const { core, admin, byCode } = ctx;
  for (const [username, unit] of [['xa-a', '16222'], ['xa-b', '16219']] as const)
    await must(core.call('users.save', { username, fullName: username, role: 'records_staff', unitId: byCode(unit), password: 'mat-khau-123', active: true, unlock: false }, admin));
  await must(core.call('register.save', { dossierCode: 'HS-A-1', unitId: byCode('16222'), holderName: 'Nguyễn Văn A', issuedOn: '2025-03-01' }, admin));
  await must(core.call('register.save', { dossierCode: 'HS-TINH-1', unitId: byCode('38'), holderName: 'Công ty B', issuedOn: '2025-03-02' }, admin));
  return { ...ctx, a: await signedInAs(core, 'xa-a', 'mat-khau-123'), b: await signedInAs(core, 'xa-b', 'mat-khau-123') };
}
const entry = (core: any, code: string) => core.db.prepare('SELECT unit_id unitId, holder_name holder, revoked_on revoked FROM register WHERE dossier_code = ?').get(code);

describe('register scope', () => {
  it("refuses a save that names another unit's dossier code, and leaves that entry as it was", async () => {
    const { core, b, byCode } = await setUp();
    const before = entry(core, 'HS-A-1');
    const r = await core.call('register.save', { dossierCode: 'HS-A-1', unitId: byCode('16219'), issuedOn: '2025-03-01' }, b);
    expect(r).toMatchObject({ ok: false, error: { code: 'REGISTER_OTHER_UNIT' } });
    expect(entry(core, 'HS-A-1')).toEqual(before);
  });

  it('reports file rows that touch other units, and applies only those within scope', async () => {
    const { core, b, byCode } = await setUp();
    const csv = [
      'Mã hồ sơ,Mã đơn vị,Ngày cấp,Ngày thu hồi,Người được cấp',
      'HS-A-1,16222,2025-03-01,2025-04-01,', // revoke commune A's result
      'HS-TINH-1,38,2025-03-02,2025-04-01,', // revoke a province result
      'HS-TINH-2,38,2025-03-05,,Tạo mới', // create a province entry
      'HS-B-1,16219,2025-03-06,,Trần Thị B', // its own: fine
    ].join('\n');
    const named = { dossierCode: 'Mã hồ sơ', unitCode: 'Mã đơn vị', issuedOn: 'Ngày cấp', revokedOn: 'Ngày thu hồi', holderName: 'Người được cấp' } as Record<string, string>;
    const mapping = Object.fromEntries(REGISTER_FIELD_LIST.map((f) => [f, named[f] ?? null]));
    const file = path.join(tempDir(), 'so-theo-doi.csv');
    fs.writeFileSync(file, csv);
    const r = await must(core.call('register.import', { source: { path: file }, mapping }, b));
    expect(r.created).toBe(1);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect(r.errors[0].message).toMatch(/thuộc đơn vị khác/);
    expect(r.errors[2].message).toMatch(/ngoài phạm vi/);
    expect(entry(core, 'HS-A-1')).toMatchObject({ unitId: byCode('16222'), holder: 'Nguyễn Văn A', revoked: null });
    expect(entry(core, 'HS-TINH-1')).toMatchObject({ revoked: null });
    expect(entry(core, 'HS-TINH-2')).toBeUndefined();
    expect(entry(core, 'HS-B-1')).toMatchObject({ unitId: byCode('16219') });
  });
});
