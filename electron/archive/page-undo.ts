// Undo of the last page operation (merge, split, page delete, reorder, turn). Before an
// operation changes anything, the rows it may change are kept as they were: the documents,
// their pages and their fields (table page_undo, migration 14). Undo puts those rows back
// exactly, removes the documents a split created, and is offered only while the operation
// is still the last one on every document it touched and nothing else came into them.
import { audit } from '../accounts/audit';
import { refreshDigitized } from '../coverage/digitized';
import { CoreError } from '../errors';
import type { Db } from './db';
import { indexDocument } from './search';

type Row = Record<string, unknown>;
interface Snapshot {
  documents: Row[];
  pages: Row[];
  fields: Row[];
  /** the audit log's last row when the operation was kept: later edits of these documents show after it */
  auditMark?: number;
}
export type PageOp = 'merge' | 'split' | 'delete' | 'reorder' | 'rotate';

const inIds = 'IN (SELECT value FROM json_each(?))';
/** The later edits that undo would silently take back: it puts the documents' rows and fields back whole. */
const EDIT_ACTIONS = ['documents.accept', 'documents.review', 'documents.link', 'documents.bulkEdit', 'documents.bulkUndo', 'documents.sign', 'documents.extend'];

/** The rows of these documents as they are now. */
export function snapshotDocuments(db: Db, ids: number[]): Snapshot {
  const j = JSON.stringify(ids);
  return {
    documents: db.prepare(`SELECT * FROM documents WHERE id ${inIds}`).all(j) as Row[],
    pages: db.prepare(`SELECT * FROM pages WHERE document_id ${inIds} ORDER BY document_id, idx`).all(j) as Row[],
    fields: db.prepare(`SELECT * FROM fields WHERE document_id ${inIds}`).all(j) as Row[],
  };
}

/** Keeps the state before an operation; call inside the operation's transaction, after it. */
export function keepUndo(db: Db, userId: number | null, op: PageOp, before: Snapshot, created: number[] = []): void {
  const ids = before.documents.map((d) => d.id as number);
  const auditMark = db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
  db.prepare('INSERT INTO page_undo(op, documents, created, snapshot, user_id) VALUES (?, ?, ?, ?, ?)').run(op, JSON.stringify(ids), JSON.stringify(created), JSON.stringify({ ...before, auditMark }), userId);
}

interface UndoRow {
  id: number;
  op: PageOp;
  documents: string;
  created: string;
  snapshot: string;
  createdAt: string;
}

const UNDO_COLS = 'id, op, documents, created, snapshot, created_at createdAt';

/** Every document an undo row concerns: those it snapshotted and those the operation created. */
const touched = (u: UndoRow) => [...(JSON.parse(u.documents) as number[]), ...(JSON.parse(u.created) as number[])];

/** The newest page operation that touched this document, if it can still be undone; why not otherwise. */
function undoState(db: Db, documentId: number): { row: UndoRow | null; blocked: string | null } {
  const row = db
    .prepare(`SELECT ${UNDO_COLS} FROM page_undo WHERE EXISTS (SELECT 1 FROM json_each(documents) WHERE value = ?) OR EXISTS (SELECT 1 FROM json_each(created) WHERE value = ?) ORDER BY id DESC LIMIT 1`)
    .get(documentId, documentId) as UndoRow | undefined;
  if (!row) return { row: null, blocked: 'không có thao tác trang nào để hoàn tác' };
  const ids = touched(row);
  // a later operation on any of them, a signature or the trash closes the way back
  const later = db.prepare(`SELECT 1 FROM page_undo WHERE id > ? AND (EXISTS (SELECT 1 FROM json_each(documents) WHERE value ${inIds}) OR EXISTS (SELECT 1 FROM json_each(created) WHERE value ${inIds}))`).get(row.id, JSON.stringify(ids), JSON.stringify(ids));
  if (later) return { row: null, blocked: 'đã có thao tác trang mới hơn trên các hồ sơ này' };
  const locked = db.prepare(`SELECT id FROM documents WHERE id ${inIds} AND (status = 'signed' OR deleted_at IS NOT NULL) LIMIT 1`).pluck().get(JSON.stringify(ids)) as number | undefined;
  if (locked !== undefined) return { row: null, blocked: `hồ sơ #${locked} đã ký số hoặc đã vào thùng rác` };
  const snap = JSON.parse(row.snapshot) as Snapshot;
  // undo puts whole rows back: a later edit (review, link, bulk edit, signing) would silently go with it
  if (snap.auditMark !== undefined) {
    const edited = db
      .prepare(`SELECT 1 FROM audit_log WHERE id > ? AND object_type = 'document' AND CAST(object_id AS INTEGER) ${inIds} AND action IN (${EDIT_ACTIONS.map(() => '?').join(', ')}) LIMIT 1`)
      .get(snap.auditMark, JSON.stringify(ids), ...EDIT_ACTIONS);
    if (edited) return { row: null, blocked: 'các hồ sơ đã được sửa sau thao tác trang (duyệt, gắn hồ sơ hoặc sửa hàng loạt)' };
  }
  const known = new Set(snap.pages.map((p) => p.id as number));
  const stranger = db.prepare(`SELECT id FROM pages WHERE document_id ${inIds}`).pluck().all(JSON.stringify(ids)) as number[];
  if (stranger.some((id) => !known.has(id))) return { row: null, blocked: 'các hồ sơ đã có trang khác thêm vào sau thao tác' };
  return { row, blocked: null };
}

/** What the document's view offers: the operation that can be undone now, or null. */
export function undoOffer(db: Db, documentId: number): { id: number; op: PageOp; at: string; documentIds: number[] } | null {
  const { row } = undoState(db, documentId);
  return row && { id: row.id, op: row.op, at: row.createdAt, documentIds: touched(row) };
}

const quoted = (cols: string[]) => cols.map((c) => `"${c.replace(/"/g, '""')}"`);

/** INSERT OR REPLACE would delete (and cascade); an update keeps the row and its references. */
function putRow(db: Db, table: 'documents' | 'pages', row: Row): void {
  const cols = Object.keys(row).filter((c) => c !== 'id');
  const exists = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(row.id);
  if (exists) db.prepare(`UPDATE ${table} SET ${quoted(cols).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => row[c]), row.id);
  else db.prepare(`INSERT INTO ${table}(id, ${quoted(cols).join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`).run(row.id, ...cols.map((c) => row[c]));
}

/** Undoes the last page operation on this document; returns the documents to rebuild (those that exist again). */
export function undoLastPageOp(db: Db, userId: number | null, documentId: number): { documentIds: number[]; op: PageOp } {
  return db.transaction(() => {
    const { row, blocked } = undoState(db, documentId);
    if (!row) throw new CoreError('PAGE_OP_INVALID', { detail: `không hoàn tác được: ${blocked}` });
    const snap = JSON.parse(row.snapshot) as Snapshot;
    const ids = touched(row);
    const created = JSON.parse(row.created) as number[];
    const registers = new Set<number>();
    for (const r of db.prepare(`SELECT register_id FROM documents WHERE id ${inIds} AND register_id IS NOT NULL`).pluck().all(JSON.stringify(ids)) as number[]) registers.add(r);
    // the pages step aside first: (document, index) is unique and every page may move
    db.prepare(`UPDATE pages SET idx = -id WHERE document_id ${inIds}`).run(JSON.stringify(ids));
    for (const d of snap.documents) putRow(db, 'documents', { ...d, searchable_sha256: null });
    for (const p of snap.pages) putRow(db, 'pages', p);
    db.prepare(`DELETE FROM fields WHERE document_id ${inIds}`).run(JSON.stringify(ids));
    for (const f of snap.fields) {
      const cols = Object.keys(f);
      db.prepare(`INSERT INTO fields(${quoted(cols).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => f[c]));
    }
    for (const id of created) db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    for (const d of snap.documents) if (d.register_id !== null) registers.add(d.register_id as number);
    for (const r of registers) refreshDigitized(db, r);
    for (const id of ids) indexDocument(db, id);
    db.prepare('DELETE FROM page_undo WHERE id = ?').run(row.id);
    audit(db, userId, 'pages.undo', { type: 'document', id: documentId }, { op: row.op, documents: ids, removed: created });
    return { documentIds: snap.documents.map((d) => d.id as number), op: row.op };
  })();
}

/** Undo is for right after an operation: states older than a day are dropped (they keep page rows' files referenced). */
export function dropOldUndo(db: Db, now = new Date()): number {
  return db.prepare("DELETE FROM page_undo WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-1 day')").run(now.toISOString()).changes;
}
