// The trash ("Thùng rác"), after Paperless-ngx's: a deleted document keeps its rows and files
// for 30 days, hidden from lists, search, review and coverage; its unit's staff may restore
// it; an admin empties it, and a sweep empties what is older than 30 days. Each step is
// audited. A signed document is a record and cannot be deleted; a document linked to a
// register entry is unlinked first, so the entry's coverage never counts a deleted scan.
import { audit } from '../accounts/audit';
import { CoreError } from '../errors';
import type { Db } from './db';
import { indexDocument } from './search';

export const TRASH_DAYS = 30;

export interface TrashItem {
  id: number;
  title: string;
  sourceName: string;
  pageCount: number;
  unitId: number | null;
  unitName: string | null;
  deletedAt: string;
  deletedBy: string | null;
  /** when the sweep empties it */
  expiresAt: string;
}

interface Doc {
  id: number;
  status: string;
  register_id: number | null;
  deleted_at: string | null;
  unit_id: number | null;
}

const docOf = (db: Db, id: number) => db.prepare('SELECT id, status, register_id, deleted_at, unit_id FROM documents WHERE id = ?').get(id) as Doc | undefined;

/** Moves documents to the trash; `mayWrite` says whether the caller may change a unit's documents. */
export function trashDocuments(db: Db, userId: number | null, ids: number[], mayWrite: (unitId: number | null) => boolean): void {
  db.transaction(() => {
    for (const id of ids) {
      const d = docOf(db, id);
      if (!d || d.deleted_at || !mayWrite(d.unit_id)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id}` });
      if (d.status === 'signed') throw new CoreError('TRASH_SIGNED', { id });
      if (d.register_id !== null) throw new CoreError('TRASH_LINKED', { id });
      db.prepare("UPDATE documents SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), deleted_by = ? WHERE id = ?").run(userId, id);
      indexDocument(db, id); // drops its search row
      audit(db, userId, 'documents.trash', { type: 'document', id });
    }
  })();
}

/** Takes documents back out of the trash. */
export function restoreDocuments(db: Db, userId: number | null, ids: number[], mayWrite: (unitId: number | null) => boolean): void {
  db.transaction(() => {
    for (const id of ids) {
      const d = docOf(db, id);
      if (!d || !d.deleted_at || !mayWrite(d.unit_id)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id} trong thùng rác` });
      db.prepare('UPDATE documents SET deleted_at = NULL, deleted_by = NULL WHERE id = ?').run(id);
      indexDocument(db, id);
      audit(db, userId, 'documents.restore', { type: 'document', id });
    }
  })();
}

/** The trash of these units (null: all), newest first. */
export function listTrash(db: Db, units: number[] | null): TrashItem[] {
  return db
    .prepare(
      `SELECT d.id, d.title, d.source_name sourceName, d.page_count pageCount, d.unit_id unitId, un.name unitName, d.deleted_at deletedAt,
         u.full_name deletedBy, strftime('%Y-%m-%dT%H:%M:%fZ', d.deleted_at, '+${TRASH_DAYS} days') expiresAt
       FROM documents d LEFT JOIN units un ON un.id = d.unit_id LEFT JOIN users u ON u.id = d.deleted_by
       WHERE d.deleted_at IS NOT NULL AND (? IS NULL OR d.unit_id IN (SELECT value FROM json_each(?))) ORDER BY d.deleted_at DESC, d.id DESC LIMIT 1000`,
    )
    .all(units ? 1 : null, JSON.stringify(units ?? [])) as TrashItem[];
}

/** Deletes trashed documents for good (their rows; files no longer used are left to the orphan sweep and the check). */
function purge(db: Db, userId: number | null, ids: number[], action: 'trash.empty' | 'trash.expire'): number {
  if (!ids.length) return 0;
  return db.transaction(() => {
    for (const id of ids) {
      db.prepare('DELETE FROM page_undo WHERE EXISTS (SELECT 1 FROM json_each(documents) WHERE value = ?) OR EXISTS (SELECT 1 FROM json_each(created) WHERE value = ?)').run(id, id);
      db.prepare('DELETE FROM documents WHERE id = ? AND deleted_at IS NOT NULL').run(id);
    }
    audit(db, userId, action, undefined, { documents: ids });
    return ids.length;
  })();
}

/** An admin empties the trash: all of it, or the documents named. */
export function emptyTrash(db: Db, userId: number | null, ids?: number[]): number {
  const all = db.prepare('SELECT id FROM documents WHERE deleted_at IS NOT NULL ORDER BY id').pluck().all() as number[];
  const chosen = ids ? all.filter((id) => ids.includes(id)) : all;
  return purge(db, userId, chosen, 'trash.empty');
}

/** Empties what has been in the trash longer than 30 days (the core's background sweep). */
export function expireTrash(db: Db, now = new Date()): number {
  const old = db
    .prepare(`SELECT id FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-${TRASH_DAYS} days') ORDER BY id`)
    .pluck()
    .all(now.toISOString()) as number[];
  return purge(db, null, old, 'trash.expire');
}
