// The reviewer's word on a document: corrected fields (kept as the user's, never replaced by
// a later OCR run), accepted fields (kept the same way), the register entry it digitizes, and acceptance, which marks it digitized
// and ready for signing.
import { audit } from '../accounts/audit';
import type { Db } from '../archive/db';
import { indexDocument } from '../archive/search';
import { linkDocument } from '../coverage/digitized';
import { CoreError } from '../errors';
import { titleFromFields } from './document-ocr';
import { FIELD_NAMES } from './fields';
import { toIsoDate } from '../../shared/dates';

export function reviewDocument(
  db: Db,
  userId: number,
  documentId: number,
  edits: Record<string, string | null>,
  registerId: number | null,
  accept: boolean,
): void {
  const unknown = Object.keys(edits).find((k) => !(FIELD_NAMES as readonly string[]).includes(k));
  if (unknown) throw new CoreError('BAD_REQUEST', { detail: `không có trường "${unknown}"` });
  // the issue date is stored as an ISO date whatever way it was typed, or refused
  if (typeof edits.date === 'string' && edits.date.trim()) {
    const iso = toIsoDate(edits.date);
    if (!iso) throw new CoreError('BAD_REQUEST', { detail: `ngày ban hành "${edits.date.trim()}" không hợp lệ: hãy nhập ngày có thật theo dạng dd/mm/yyyy` });
    edits = { ...edits, date: iso };
  }
  db.transaction(() => {
    const current = db.prepare('SELECT value FROM fields WHERE document_id = ? AND name = ?').pluck();
    const upsert = db.prepare(
      `INSERT INTO fields(document_id, name, value, confidence, page_idx, bbox, source) VALUES (?, ?, ?, 1, NULL, NULL, 'user')
       ON CONFLICT(document_id, name) DO UPDATE SET value = excluded.value, confidence = 1, source = 'user'`,
    );
    const changed: string[] = [];
    for (const [name, raw] of Object.entries(edits)) {
      const value = raw === null || raw.trim() === '' ? null : raw.trim();
      if ((current.get(documentId, name) ?? null) === value) continue;
      upsert.run(documentId, name, value);
      changed.push(name);
    }
    // saving without accepting leaves a document that was already digitized digitized
    const wasDigitized = (db.prepare('SELECT status FROM documents WHERE id = ?').pluck().get(documentId) as string) !== 'imported';
    linkDocument(db, documentId, registerId, accept || wasDigitized);
    if (accept) {
      // what the reviewer accepted is theirs now, whatever read it (OCR, QR, text layer,
      // handwritten digits, signature): page operations and reading again keep it
      db.prepare("UPDATE fields SET source = 'accepted' WHERE document_id = ? AND source NOT IN ('user', 'accepted') AND value IS NOT NULL").run(documentId);
      db.prepare("UPDATE documents SET reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), reviewed_by = ? WHERE id = ?").run(userId, documentId);
      titleFromFields(db, documentId);
    }
    indexDocument(db, documentId);
    audit(db, userId, accept ? 'documents.accept' : 'documents.review', { type: 'document', id: documentId }, { changed, registerId });
  })();
}
