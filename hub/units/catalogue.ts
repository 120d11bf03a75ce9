// The province's units on a new hub: the built-in Thanh Hóa lists the desk ships (three levels
// until 30/6/2025, the 166 communes under the province from 1/7/2025) and the merge list that
// links each old commune to its successors. Loaded once, in one transaction, when the hub has
// no units yet; desks then name units by (code, validity start) exactly as their catalogue does.
import fs from 'node:fs';
import { assetPath } from '../../electron/paths';
import type { Level } from '../../shared/roles';
import type { Client } from '../db/pool';
import { insertUnit } from './units';

const rows = (file: string) =>
  fs
    .readFileSync(assetPath('catalogue', file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(','));

const communeLevel = (): Level => 'commune';

export async function seedBuiltinCatalogue(c: Client): Promise<number> {
  if ((await c.query<{ n: number }>('SELECT count(*) n FROM units')).rows[0].n > 0) return 0;
  const ids = new Map<string, number>();
  let n = 0;
  const add = async (code: string, name: string, level: Level, parent: string | null, validFrom: string | null, validTo: string | null) => {
    const key = `${code}|${validFrom ?? ''}`;
    if (ids.has(key)) return;
    ids.set(key, await insertUnit(c, { code, name, level, parentId: parent ? ids.get(parent)! : null, validFrom, validTo }));
    n++;
  };
  // Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH, Loại huyện, Phường Xã, Mã PX, Cấp, Hiệu lực đến
  for (const [pName, pCode, dName, dCode, , cName, cCode, , to] of rows('thanhhoa-2025-03.csv')) {
    await add(pCode, pName, 'province', null, null, null);
    if (dCode) await add(dCode, dName, 'district', `${pCode}|`, null, cCode ? null : to || null);
    if (cCode) await add(cCode, cName, communeLevel(), `${dCode}|`, null, to || null);
  }
  // Tỉnh Thành Phố, Mã TP, Phường Xã, Mã PX, Cấp, Hiệu lực từ
  for (const [pName, pCode, cName, cCode, , from] of rows('thanhhoa-2025-07.csv')) {
    await add(pCode, pName, 'province', null, null, null);
    await add(cCode, cName, 'commune', `${pCode}|`, from || null, null);
  }
  const merges = JSON.parse(fs.readFileSync(assetPath('catalogue', 'thanhhoa-2025-07-merges.json'), 'utf8')) as {
    level2s: { level2_id: string; merges: { old_id: string; type: 'full' | 'partial' }[] }[];
  };
  for (const m of merges.level2s)
    for (const old of m.merges) {
      const from = ids.get(`${old.old_id}|`);
      const to = ids.get(`${m.level2_id}|2025-07-01`);
      if (from && to && from !== to)
        await c.query('INSERT INTO unit_successors(unit_id, successor_id, kind) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [from, to, old.type]);
    }
  // the reform ended every old commune and the district level the day before
  await c.query("UPDATE units SET valid_to = DATE '2025-06-30' WHERE valid_to IS NULL AND valid_from IS NULL AND level <> 'province'");
  return n;
}
