// When a result counts as digitized. The rule lives here and nowhere else: today a linked
// document marked digitized (or signed) counts; when signing lands, require a valid agency
// signature by changing DIGITIZING_DOCUMENT.
import type { Db } from '../archive/db';

export const DIGITIZING_DOCUMENT = "d.status IN ('digitized', 'signed')";

/** Recomputes register.digitized_on (Vietnam date of the first qualifying document) for one entry. */
export function refreshDigitized(db: Db, registerId: number): void {
  db.prepare(
    `UPDATE register SET digitized_on = (
       SELECT min(date(d.digitized_at, '+7 hours')) FROM documents d WHERE d.register_id = register.id AND ${DIGITIZING_DOCUMENT}
     ) WHERE id = ?`,
  ).run(registerId);
}

/**
 * Links a document to a register entry (or unlinks it with null) and sets whether it is
 * digitized; both affected entries are recomputed. Call inside a transaction.
 */
export function linkDocument(db: Db, documentId: number, registerId: number | null, digitized: boolean, at = new Date()): void {
  const before = db.prepare('SELECT register_id r, status FROM documents WHERE id = ?').get(documentId) as { r: number | null; status: string } | undefined;
  if (!before) return;
  // a signed document stays signed; otherwise the flag decides
  const status = before.status === 'signed' ? 'signed' : digitized ? 'digitized' : 'imported';
  db.prepare(
    `UPDATE documents SET register_id = ?, status = ?, digitized_at = CASE WHEN ? = 'imported' THEN NULL ELSE ifnull(digitized_at, ?) END,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
  ).run(registerId, status, status, at.toISOString(), documentId);
  for (const r of new Set([before.r, registerId])) if (r !== null) refreshDigitized(db, r);
}
