// The 2025 reform: old units merged wholly or partly into new ones. Imports the GSO
// new-to-old merge list and tells, for a result of an old unit, which unit it belongs to
// at a given date.
import type { Db } from '../archive/db';
import { audit } from '../accounts/audit';
import { CoreError } from '../errors';
import { unitIdAt } from '../units/units';

interface MergeFile {
  level1_id: string;
  name: string;
  level2s: { level2_id: string; name: string; merges: { old_id: string; name: string; type: 'full' | 'partial' }[] }[];
}

export interface MergeReport {
  links: number;
  ended: number;
  errors: { row: number; message: string }[];
}

/**
 * Records successors from a merge list (new commune → its old communes). Old units end the
 * day before `effective`; the district level, abolished by the same reform, ends with them.
 */
export function importMerges(db: Db, json: unknown, opts: { effective: string; userId: number | null; fileName: string }): MergeReport {
  const file = json as MergeFile;
  if (!file || !Array.isArray(file.level2s)) throw new CoreError('TABLE_UNREADABLE', { file: opts.fileName, detail: 'không phải danh sách sắp xếp đơn vị (thiếu level2s)' });
  const lastOld = new Date(Date.parse(opts.effective) - 86400000).toISOString().slice(0, 10);
  const at = (code: string, day: string) => unitIdAt(db, code, day);
  const report: MergeReport = { links: 0, ended: 0, errors: [] };
  db.transaction(() => {
    const province = at(file.level1_id, lastOld);
    file.level2s.forEach((n, i) => {
      const newId = at(n.level2_id, opts.effective);
      if (!newId) return report.errors.push({ row: i + 1, message: `chưa có đơn vị mới mã ${n.level2_id} (${n.name}) hiệu lực từ ${opts.effective}` });
      for (const m of n.merges) {
        const oldId = at(m.old_id, lastOld);
        if (!oldId) {
          report.errors.push({ row: i + 1, message: `không có đơn vị cũ mã ${m.old_id} (${m.name})` });
          continue;
        }
        if (oldId === newId) continue;
        report.links += db.prepare('INSERT OR IGNORE INTO unit_successors(unit_id, successor_id, kind) VALUES (?, ?, ?)').run(oldId, newId, m.type).changes;
        report.ended += db.prepare('UPDATE units SET valid_to = ? WHERE id = ? AND valid_to IS NULL').run(lastOld, oldId).changes;
      }
    });
    if (province)
      report.ended += db
        .prepare("UPDATE units SET valid_to = ? WHERE level = 'district' AND parent_id = ? AND valid_to IS NULL")
        .run(lastOld, province).changes;
    audit(db, opts.userId, 'units.merges', { type: 'file', id: opts.fileName }, { links: report.links, ended: report.ended });
  })();
  return report;
}

export { makeResolver, type UnitNode } from '../../shared/coverage-rule';

export function listSuccessors(db: Db) {
  return db.prepare('SELECT unit_id unitId, successor_id successorId, kind FROM unit_successors').all() as {
    unitId: number;
    successorId: number;
    kind: 'full' | 'partial';
  }[];
}
