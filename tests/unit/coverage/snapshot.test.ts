// The coverage cache follows every write, by this connection or another (the CLI), without the
// writers telling it: migration 11's triggers count them.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { saveRegisterEntry } from '../../../electron/coverage/register';
import { coverageReport } from '../../../electron/coverage/report';
import { snapshot } from '../../../electron/coverage/snapshot';
import { importCatalogue } from '../../../electron/units/catalogue-import';
import { tempDir } from '../../helpers';

const GSO = 'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp\nTỉnh Thanh Hóa,38,,,,,\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,,,\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã\n';
const AT = '2024-12-31';

async function archive() {
  const file = path.join(tempDir(), 'a.sqlite');
  const db = openDatabase(file);
  await importCatalogue(db, 'dm.csv', Buffer.from(GSO), { validFrom: null, userId: null });
  const commune = db.prepare("SELECT id FROM units WHERE code = '16222'").pluck().get() as number;
  const add = (n: number) => {
    for (let i = 0; i < n; i++)
      saveRegisterEntry(db, { dossierCode: `HS${Math.random()}`, procedureCode: '1.001234', procedureName: 'Đổi giấy phép lái xe', unitId: commune, holderName: null, holderId: null, resultName: null, resultNumber: null, issuedOn: '2024-03-01', validUntil: null, revokedOn: null }, null);
  };
  const figures = () => {
    const u = coverageReport(db, AT, null).units.find((x) => x.code === '16222')!;
    return [u.digitized, u.valid];
  };
  return { file, db, add, figures };
}

describe('coverage cache', () => {
  it('sees rows changed in place, new rows and unit changes, from another connection too', async () => {
    const { file, db, add, figures } = await archive();
    add(4);
    expect(figures()).toEqual([0, 4]);
    // another process (the CLI) marks one digitized: patched, not reloaded
    const other = new Database(file);
    other.prepare("UPDATE register SET digitized_on = '2024-05-01' WHERE id = (SELECT min(id) FROM register)").run();
    expect(figures()).toEqual([1, 4]);
    // and adds a row
    other.prepare("INSERT INTO register(dossier_code, procedure_code, unit_id, issued_on) SELECT 'HS-new', procedure_code, unit_id, issued_on FROM register LIMIT 1").run();
    expect(figures()).toEqual([1, 5]);
    // a unit ended before the date: it is no longer in the figures
    other.prepare("UPDATE units SET valid_to = '2024-06-30' WHERE code = '16222'").run();
    expect(coverageReport(db, AT, null).units.find((x) => x.code === '16222')).toBeUndefined();
    other.close();
    db.close();
  });

  it('reloads when more rows changed than it would patch, or the change log was pruned past it', async () => {
    const { db, add, figures } = await archive();
    add(3);
    expect(figures()).toEqual([0, 3]);
    for (let i = 0; i < 6000; i++) db.prepare("UPDATE register SET digitized_on = '2024-05-01' WHERE id = (SELECT min(id) FROM register)").run();
    expect(figures()).toEqual([1, 3]);
    db.prepare("UPDATE register SET digitized_on = '2024-05-02' WHERE id = (SELECT max(id) FROM register)").run();
    db.prepare('DELETE FROM register_changes').run();
    db.prepare("UPDATE register SET digitized_on = NULL WHERE id = (SELECT min(id) FROM register)").run();
    expect(figures()).toEqual([1, 3]);
    db.close();
  });

  it('computes a date once after catching up: the next calls (a drill-down) take it from the cache', async () => {
    const { db, add, figures } = await archive();
    add(3);
    expect(figures()).toEqual([0, 3]);
    add(2); // new rows, appended
    const afterAdd = snapshot(db, AT);
    expect(snapshot(db, AT)).toBe(afterAdd);
    db.prepare("UPDATE register SET digitized_on = '2024-05-01' WHERE id = (SELECT max(id) FROM register)").run();
    const afterPatch = snapshot(db, AT); // a row changed in place, patched
    expect(afterPatch).not.toBe(afterAdd);
    expect(snapshot(db, AT)).toBe(afterPatch);
    expect(figures()).toEqual([1, 5]);
    db.close();
  });

  it('reads only the rows an import added, and reloads when rows were deleted too, with the figures of a fresh read', async () => {
    const { file, db, add, figures } = await archive();
    add(3);
    expect(figures()).toEqual([0, 3]);
    add(2); // appended to the loaded columns
    db.prepare("UPDATE register SET digitized_on = '2024-05-01' WHERE id = (SELECT max(id) FROM register)").run();
    expect(figures()).toEqual([1, 5]);
    const other = new Database(file);
    const copy = "INSERT INTO register(dossier_code, procedure_code, unit_id, issued_on) SELECT ?, procedure_code, unit_id, issued_on FROM register LIMIT 1";
    // one row gone and one new: as many rows as before, but not the same ones
    other.prepare('DELETE FROM register WHERE id = (SELECT min(id) FROM register)').run();
    other.prepare(copy).run('HS-a');
    expect(figures()).toEqual([1, 5]);
    // the newest row deleted and its id given again to a new row
    other.prepare('DELETE FROM register WHERE id = (SELECT max(id) FROM register)').run();
    other.prepare(copy).run('HS-b');
    other.prepare(copy).run('HS-c');
    expect(figures()).toEqual([1, 6]);
    other.close();
    const fresh = openDatabase(file);
    expect(coverageReport(fresh, AT, null)).toEqual(coverageReport(db, AT, null));
    fresh.close();
    db.close();
  });
});
