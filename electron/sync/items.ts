// Outbox rows become the hub's items from the archive's state at push time: a register entry
// (or its deletion where it no longer is), a document with its status, register link, signed
// copy and the reviewer's fields only, a unit, a target. Rows outside the desk's scope, and
// rows whose record is gone with nothing to say, are left out (and dropped by the push).
import { OutboxItem, type DocumentItem, type HubUnitRef, type RegisterItem, type UnitItem } from '../../shared/hub-protocol';
import { unitSubtree } from '../accounts/scope';
import type { Db } from '../archive/db';
import type { OutboxRow } from './outbox';

export interface BuildScope {
  /** the desk's own unit: the hub's catalogue names it, the desk sends only the units below */
  self: number;
  /** the desk's unit and every unit below it */
  units: Set<number>;
  /** targets travel only from the province's own desk */
  province: boolean;
}

export function buildScope(db: Db, unitId: number): BuildScope {
  const province = db.prepare("SELECT 1 FROM units WHERE id = ? AND level = 'province'").get(unitId) !== undefined;
  return { self: unitId, units: new Set(unitSubtree(db, unitId)), province };
}

type Level = UnitItem['level'];
type UnitRow = { code: string; validFrom: string | null };
/** Text cut to the hub's limit: one long name must not hold back the whole outbox. */
const cut = (s: string | null, max: number) => (s === null ? null : s.slice(0, max));

function unitRef(db: Db, id: number | null): HubUnitRef | null {
  if (id === null) return null;
  const u = db.prepare('SELECT code, valid_from validFrom FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  return u ? { code: u.code, validFrom: u.validFrom } : null;
}

function registerItem(db: Db, row: OutboxRow): RegisterItem | 'delete' | null {
  const r = db
    .prepare(
      `SELECT r.unit_id unitId, r.procedure_code procedureCode, p.name procedureName, r.holder_name holderName, r.holder_id holderId,
         r.holder_unit_id holderUnitId, r.result_name resultName, r.result_number resultNumber, r.issued_on issuedOn,
         r.valid_until validUntil, r.revoked_on revokedOn, r.digitized_on digitizedOn
       FROM register r LEFT JOIN procedures p ON p.code = r.procedure_code WHERE r.dossier_code = ? AND r.unit_id = ?`,
    )
    // an entry is its unit's and code's (schema v17): another unit's entry with the code is another item
    .get(row.key, row.unitId) as (Omit<RegisterItem, 'dossierCode' | 'unit' | 'holderUnit'> & { unitId: number; holderUnitId: number | null }) | undefined;
  if (!r) return 'delete';
  const unit = unitRef(db, r.unitId);
  if (!unit) return null;
  const { unitId: _u, holderUnitId, ...rest } = r;
  return {
    ...rest,
    dossierCode: row.key,
    unit,
    procedureCode: cut(r.procedureCode, 32),
    procedureName: cut(r.procedureName, 500),
    holderName: cut(r.holderName, 200),
    holderId: cut(r.holderId, 32),
    holderUnit: unitRef(db, holderUnitId),
    resultName: cut(r.resultName, 500),
    resultNumber: cut(r.resultNumber, 100),
    digitizedOn: r.digitizedOn?.slice(0, 10) ?? null,
  } satisfies RegisterItem;
}

function documentItem(db: Db, row: OutboxRow): { data: DocumentItem; unitId: number } | null {
  const d = db
    .prepare(
      `SELECT d.unit_id unitId, d.title, d.status, d.page_count pageCount, d.digitized_at digitizedAt, r.dossier_code dossierCode, d.deleted_at deletedAt,
         (SELECT s.output_sha256 FROM signatures s WHERE s.document_id = d.id ORDER BY s.id DESC LIMIT 1) signedSha
       FROM documents d LEFT JOIN register r ON r.id = d.register_id WHERE d.id = ?`,
    )
    .get(Number(row.key)) as
    | { unitId: number | null; title: string; status: DocumentItem['status']; pageCount: number; digitizedAt: string | null; dossierCode: string | null; signedSha: string | null; deletedAt: string | null }
    | undefined;
  const localId = Number(row.key);
  if (!d || d.deletedAt) {
    // gone (or in the trash): the hub is told with the unit the document was in
    const was = d?.unitId ?? row.unitId ?? (db.prepare("SELECT unit_id FROM outbox WHERE kind = 'document' AND key = ? AND unit_id IS NOT NULL ORDER BY seq DESC LIMIT 1").pluck().get(row.key) as number | undefined) ?? null;
    const unit = unitRef(db, was);
    return unit && was !== null ? { unitId: was, data: { localId, unit, dossierCode: null, title: '', status: 'imported', pageCount: 0, digitizedAt: null, fields: {}, signed: null, deleted: true } } : null;
  }
  const unit = unitRef(db, d.unitId);
  if (!unit || d.unitId === null) return null;
  // the reviewer's word only (README "Accepted fields are the reviewer's"): OCR's guesses stay on the desk
  const fields = db.prepare("SELECT name, value FROM fields WHERE document_id = ? AND source IN ('user', 'accepted') AND value IS NOT NULL ORDER BY name").all(localId) as { name: string; value: string }[];
  const size = d.signedSha ? (db.prepare('SELECT size FROM blobs WHERE sha256 = ?').pluck().get(d.signedSha) as number | undefined) : undefined;
  const data: DocumentItem = {
    localId,
    unit,
    dossierCode: d.dossierCode,
    title: d.title.slice(0, 1000),
    status: d.status,
    pageCount: d.pageCount,
    digitizedAt: d.digitizedAt?.slice(0, 40) ?? null,
    fields: Object.fromEntries(fields.filter((f) => f.name.length <= 40).map((f) => [f.name, f.value.slice(0, 2000)])),
    signed: d.signedSha && size ? { sha256: d.signedSha, size } : null,
    deleted: false,
  };
  return { data, unitId: d.unitId };
}

function unitItem(db: Db, row: OutboxRow): UnitItem | null {
  const u = db.prepare('SELECT code, valid_from validFrom, name, level, parent_id parentId, valid_to validTo FROM units WHERE id = ?').get(Number(row.key)) as
    | (UnitRow & { name: string; level: Level; parentId: number | null; validTo: string | null })
    | undefined;
  if (!u) return null;
  return { unit: { code: u.code, validFrom: u.validFrom }, name: u.name.slice(0, 200), level: u.level, parent: unitRef(db, u.parentId), validTo: u.validTo };
}

function targetItem(db: Db, row: OutboxRow) {
  const [year, level] = row.key.split('/');
  const rate = db.prepare('SELECT rate FROM targets WHERE year = ? AND level = ?').pluck().get(Number(year), level) as number | undefined;
  return rate === undefined ? null : { year: Number(year), level: level as Level, rate };
}

/** One row's item, or null when it has nothing for the hub (out of scope, or gone without a trace). */
export function buildItem(db: Db, row: OutboxRow, scope: BuildScope): OutboxItem | null {
  const inScope = (unitId: number | null) => unitId !== null && scope.units.has(unitId);
  let item: unknown = null;
  if (row.kind === 'register') {
    if (!inScope(row.unitId)) return null;
    const data = registerItem(db, row);
    const unit = unitRef(db, row.unitId);
    item = data === 'delete' ? unit && { seq: row.seq, kind: 'register.delete', data: { dossierCode: row.key, unit } } : data && { seq: row.seq, kind: 'register', data };
  } else if (row.kind === 'document') {
    const doc = documentItem(db, row);
    item = doc && inScope(doc.unitId) ? { seq: row.seq, kind: 'document', data: doc.data } : null;
  } else if (row.kind === 'unit') {
    const data = inScope(Number(row.key)) && Number(row.key) !== scope.self ? unitItem(db, row) : null;
    item = data && { seq: row.seq, kind: 'unit', data };
  } else if (row.kind === 'target') {
    const data = scope.province ? targetItem(db, row) : null;
    item = data && { seq: row.seq, kind: 'target', data };
  }
  if (!item) return null;
  // the hub parses with the same schema: an item it would refuse must not block the rest
  const parsed = OutboxItem.safeParse(item);
  if (!parsed.success) {
    console.warn(`Số hóa Desk: bỏ qua mục ${row.kind} ${row.key} khi gửi lên tỉnh: ${parsed.error.issues[0]?.message}`);
    return null;
  }
  return parsed.data;
}
