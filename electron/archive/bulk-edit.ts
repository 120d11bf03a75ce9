// Bulk edits: one type, one procedure, or each document's register link, set on many documents
// in one transaction. Every document is checked against the caller's units first; one outside
// them refuses the whole edit, naming it. What each document was before and after is kept
// (table bulk_edits, migration 15) so the edit can be undone while nothing else changed them.
import { CONG_VAN, DOCUMENT_TYPES } from '../../shared/document-fields';
import { audit } from '../accounts/audit';
import { linkDocument, refreshDigitized } from '../coverage/digitized';
import { entriesByDossier, pickEntry } from '../coverage/register-lookup';
import { CoreError } from '../errors';
import type { Db } from './db';
import { indexDocument } from './search';

/** The fields a bulk edit may set. */
export const BULK_FIELDS = ['type', 'procedureCode'] as const;
type FieldRow = { name: string; value: string | null; confidence: number | null; page_idx: number | null; bbox: string | null; source: string };
/** What a bulk edit may change on one document. */
export interface DocState {
  id: number;
  registerId: number | null;
  status: string;
  digitizedAt: string | null;
  fields: FieldRow[];
}
export type CanWrite = (unitId: number | null) => boolean;

export interface BulkRequest {
  ids: number[];
  type?: string | null;
  procedureCode?: string | null;
  links?: { id: number; dossierCode: string | null }[];
  digitized: boolean;
}

export function stateOf(db: Db, id: number): DocState {
  const d = db.prepare('SELECT id, register_id registerId, status, digitized_at digitizedAt FROM documents WHERE id = ?').get(id) as Omit<DocState, 'fields'>;
  const fields = db.prepare("SELECT name, value, confidence, page_idx, bbox, source FROM fields WHERE document_id = ? AND name IN ('type', 'procedureCode') ORDER BY name").all(id) as FieldRow[];
  return { ...d, fields };
}

/** Every document exists, is not in the trash and is in the caller's units; else the first that is not, named. */
export function checkScope(db: Db, ids: number[], canWrite: CanWrite): void {
  const row = db.prepare('SELECT unit_id unitId, deleted_at deletedAt FROM documents WHERE id = ?');
  for (const id of ids) {
    const d = row.get(id) as { unitId: number | null; deletedAt: string | null } | undefined;
    if (!d || d.deletedAt) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id}` });
    if (!canWrite(d.unitId)) throw new CoreError('BULK_OTHER_UNIT', { id });
  }
}

/** The values asked for are known ones, and each link names a result in the caller's units. */
function resolve(db: Db, req: BulkRequest, ids: Set<number>, canWrite: CanWrite): Map<number, number | null> {
  const types = [CONG_VAN, ...DOCUMENT_TYPES.map(([, n]) => n)];
  if (req.type && !types.includes(req.type)) throw new CoreError('BAD_REQUEST', { detail: `loại văn bản "${req.type}" không có trong danh mục` });
  if (req.procedureCode && !db.prepare('SELECT 1 FROM procedures WHERE code = ?').get(req.procedureCode))
    throw new CoreError('BAD_REQUEST', { detail: `thủ tục "${req.procedureCode}" không có trong sổ theo dõi` });
  const links = new Map<number, number | null>();
  for (const l of req.links ?? []) {
    if (!ids.has(l.id)) throw new CoreError('BAD_REQUEST', { detail: `hồ sơ #${l.id} không nằm trong các hồ sơ đã chọn` });
    if (!l.dossierCode) {
      links.set(l.id, null);
      continue;
    }
    // the code among the caller's units; where several hold it, the document's own unit's entry
    const unitId = db.prepare('SELECT unit_id FROM documents WHERE id = ?').pluck().get(l.id) as number | null;
    const found = entriesByDossier(db, l.dossierCode, null).filter((e) => canWrite(e.unitId));
    links.set(l.id, pickEntry(found, l.dossierCode, unitId).id);
  }
  return links;
}

function setField(db: Db, id: number, name: string, value: string | null): void {
  db.prepare(
    `INSERT INTO fields(document_id, name, value, confidence, page_idx, bbox, source) VALUES (?, ?, ?, 1, NULL, NULL, 'user')
     ON CONFLICT(document_id, name) DO UPDATE SET value = excluded.value, confidence = 1, page_idx = NULL, bbox = NULL, source = 'user'`,
  ).run(id, name, value);
}

/** Applies the edit to every document or to none; returns the kept edit's id and how many documents changed. */
export function bulkEdit(db: Db, userId: number | null, req: BulkRequest, canWrite: CanWrite): { editId: number; documents: number; changed: number } {
  const ids = [...new Set(req.ids)];
  return db.transaction(() => {
    checkScope(db, ids, canWrite);
    const links = resolve(db, req, new Set(ids), canWrite);
    const before = ids.map((id) => stateOf(db, id));
    for (const id of ids) {
      if (req.type !== undefined) setField(db, id, 'type', req.type);
      if (req.procedureCode !== undefined) setField(db, id, 'procedureCode', req.procedureCode);
      if (links.has(id)) linkDocument(db, id, links.get(id)!, req.digitized);
    }
    const after = ids.map((id) => stateOf(db, id));
    const editId = Number(
      db.prepare('INSERT INTO bulk_edits(user_id, documents, before, after) VALUES (?, ?, ?, ?)').run(userId, JSON.stringify(ids), JSON.stringify(before), JSON.stringify(after)).lastInsertRowid,
    );
    let changed = 0;
    ids.forEach((id, i) => {
      if (JSON.stringify(before[i]) === JSON.stringify(after[i])) return;
      changed++;
      indexDocument(db, id);
      const dossierCode = links.has(id) ? (req.links!.find((l) => l.id === id)!.dossierCode ?? null) : undefined;
      audit(db, userId, 'documents.bulkEdit', { type: 'document', id }, { bulk: editId, type: req.type, procedureCode: req.procedureCode, dossierCode });
    });
    return { editId, documents: ids.length, changed };
  })();
}

interface EditRow {
  id: number;
  userId: number | null;
  before: DocState[];
  after: DocState[];
  createdAt: string;
  undoneAt: string | null;
}

function editRow(db: Db, editId: number): EditRow | null {
  const r = db.prepare('SELECT id, user_id userId, before, after, created_at createdAt, undone_at undoneAt FROM bulk_edits WHERE id = ?').get(editId) as
    | (Omit<EditRow, 'before' | 'after'> & { before: string; after: string })
    | undefined;
  return r ? { ...r, before: JSON.parse(r.before) as DocState[], after: JSON.parse(r.after) as DocState[] } : null;
}

/** Why this edit cannot be undone now (the first document in the way, and why), or null. */
function undoBlock(db: Db, edit: EditRow, canWrite: CanWrite): { id: number; reason: string } | null {
  if (edit.undoneAt) return { id: edit.after[0].id, reason: 'đã được hoàn tác rồi' };
  const row = db.prepare('SELECT unit_id unitId, deleted_at deletedAt FROM documents WHERE id = ?');
  for (const a of edit.after) {
    const d = row.get(a.id) as { unitId: number | null; deletedAt: string | null } | undefined;
    if (!d || d.deletedAt) return { id: a.id, reason: 'đã bị xóa hoặc vào thùng rác' };
    if (!canWrite(d.unitId)) return { id: a.id, reason: 'không thuộc đơn vị của bạn' };
    if (JSON.stringify(stateOf(db, a.id)) !== JSON.stringify(a)) return { id: a.id, reason: 'đã được sửa, gắn, soát xét hoặc ký sau lần sửa hàng loạt' };
  }
  return null;
}

/** The caller's last bulk edit, if it can still be undone. */
export function lastBulkEdit(db: Db, userId: number | null, canWrite: CanWrite): { editId: number; at: string; documents: number } | null {
  const id = db.prepare('SELECT id FROM bulk_edits WHERE user_id IS ? ORDER BY id DESC LIMIT 1').pluck().get(userId) as number | undefined;
  const edit = id === undefined ? null : editRow(db, id);
  if (!edit || undoBlock(db, edit, canWrite)) return null;
  return { editId: edit.id, at: edit.createdAt, documents: edit.after.length };
}

/** Puts back every document of the edit as it was before it, or refuses naming the document in the way. */
export function undoBulkEdit(db: Db, userId: number | null, editId: number, canWrite: CanWrite, admin = false): { documents: number } {
  return db.transaction(() => {
    const edit = editRow(db, editId);
    // another user's edit is not disclosed (an administrator may undo any)
    if (!edit || (!admin && edit.userId !== userId)) throw new CoreError('NOT_FOUND', { what: `lần sửa hàng loạt #${editId}` });
    const block = undoBlock(db, edit, canWrite);
    if (block) throw new CoreError('BULK_UNDO_REFUSED', block);
    const registers = new Set<number>();
    for (const b of edit.before) {
      const now = stateOf(db, b.id);
      for (const r of [now.registerId, b.registerId]) if (r !== null) registers.add(r);
      db.prepare("UPDATE documents SET register_id = ?, status = ?, digitized_at = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(b.registerId, b.status, b.digitizedAt, b.id);
      db.prepare("DELETE FROM fields WHERE document_id = ? AND name IN ('type', 'procedureCode')").run(b.id);
      for (const f of b.fields)
        db.prepare('INSERT INTO fields(document_id, name, value, confidence, page_idx, bbox, source) VALUES (?, ?, ?, ?, ?, ?, ?)').run(b.id, f.name, f.value, f.confidence, f.page_idx, f.bbox, f.source);
      indexDocument(db, b.id);
      audit(db, userId, 'documents.bulkUndo', { type: 'document', id: b.id }, { bulk: editId });
    }
    for (const r of registers) refreshDigitized(db, r);
    db.prepare("UPDATE bulk_edits SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(editId);
    return { documents: edit.before.length };
  })();
}
