// Page operations on unsigned documents: reorder, turn, delete, split one import into
// several documents, merge documents. Only page rows move; every imported file stays in the
// archive as it was. Each operation is one transaction; the caller rebuilds searchable PDFs.
// Each keeps the rows it changes as they were, so the last one can be undone (page-undo.ts).
import { audit } from '../accounts/audit';
import { linkDocument } from '../coverage/digitized';
import { CoreError } from '../errors';
import type { Db } from './db';
import { keepUndo, snapshotDocuments } from './page-undo';
import { indexDocument } from './search';
import { foldVietnamese } from './text';

interface DocRow {
  id: number;
  status: string;
  register_id: number | null;
  title: string;
}

function editable(db: Db, documentId: number): DocRow {
  const d = db.prepare('SELECT id, status, register_id, title FROM documents WHERE id = ? AND deleted_at IS NULL').get(documentId) as DocRow | undefined;
  if (!d) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${documentId}` });
  if (d.status === 'signed') throw new CoreError('PAGE_OP_INVALID', { detail: `hồ sơ #${documentId} đã ký số, không sửa trang được nữa` });
  return d;
}

const pageIds = (db: Db, documentId: number) => db.prepare('SELECT id FROM pages WHERE document_id = ? ORDER BY idx').pluck().all(documentId) as number[];

/** Gives the document exactly these pages in this order (pages may come from other documents). */
function setPages(db: Db, documentId: number, ids: number[]): void {
  const park = db.prepare('UPDATE pages SET idx = -idx - 1000000 WHERE id = ?');
  const put = db.prepare('UPDATE pages SET document_id = ?, idx = ? WHERE id = ?');
  for (const id of ids) park.run(id);
  ids.forEach((id, i) => put.run(documentId, i + 1, id));
  db.prepare("UPDATE documents SET page_count = ?, searchable_sha256 = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(ids.length, documentId);
}

export function reorderPages(db: Db, userId: number | null, documentId: number, order: number[]): void {
  editable(db, documentId);
  const current = pageIds(db, documentId);
  if (order.length !== current.length || new Set(order).size !== order.length || order.some((id) => !current.includes(id)))
    throw new CoreError('PAGE_OP_INVALID', { detail: 'thứ tự mới phải gồm đúng các trang của hồ sơ' });
  db.transaction(() => {
    const before = snapshotDocuments(db, [documentId]);
    setPages(db, documentId, order);
    indexDocument(db, documentId); // the text runs in page order: phrases across a page break and snippets follow it
    keepUndo(db, userId, 'reorder', before);
    // the former page numbers in their new order: what a person reads (ids are kept for IT)
    audit(db, userId, 'pages.reorder', { type: 'document', id: documentId }, { order, pageOrder: order.map((id) => current.indexOf(id) + 1) });
  })();
}

export function deletePages(db: Db, userId: number | null, documentId: number, ids: number[]): void {
  editable(db, documentId);
  const current = pageIds(db, documentId);
  if (ids.some((id) => !current.includes(id))) throw new CoreError('PAGE_OP_INVALID', { detail: 'trang không thuộc hồ sơ này' });
  const keep = current.filter((id) => !ids.includes(id));
  if (!keep.length) throw new CoreError('PAGE_OP_INVALID', { detail: 'hồ sơ phải còn ít nhất một trang' });
  db.transaction(() => {
    keepUndo(db, userId, 'delete', snapshotDocuments(db, [documentId]));
    db.prepare('DELETE FROM pages WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    setPages(db, documentId, keep);
    indexDocument(db, documentId);
    audit(db, userId, 'pages.delete', { type: 'document', id: documentId }, { pages: ids, pageNumbers: ids.map((id) => current.indexOf(id) + 1) });
  })();
}

/** A turn the user chose for a page; the page is read again with it. */
export function rotatePage(db: Db, userId: number | null, pageId: number, rotation: 0 | 90 | 180 | 270): number {
  const p = db.prepare('SELECT document_id d FROM pages WHERE id = ?').get(pageId) as { d: number } | undefined;
  if (!p) throw new CoreError('NOT_FOUND', { what: `trang #${pageId}` });
  editable(db, p.d);
  db.transaction(() => {
    keepUndo(db, userId, 'rotate', snapshotDocuments(db, [p.d]));
    db.prepare("UPDATE pages SET rotation_user = ?, ocr_state = 'none' WHERE id = ?").run(rotation, pageId);
    db.prepare('UPDATE documents SET searchable_sha256 = NULL WHERE id = ?').run(p.d);
    audit(db, userId, 'pages.rotate', { type: 'page', id: pageId }, { rotation });
  })();
  return p.d;
}

/**
 * The file a split part's pages come from (its first page's): the document's own file, or
 * another merged into it earlier, named as it was imported (the import's audit row keeps the
 * name of a document a merge removed).
 */
function partSource(db: Db, documentId: number, firstPage: number): { name: string; kind: 'image' | 'pdf'; sha256: string } {
  const p = db.prepare('SELECT p.source_sha256 sha256, b.mime FROM pages p JOIN blobs b ON b.sha256 = p.source_sha256 WHERE p.id = ?').get(firstPage) as { sha256: string; mime: string };
  const kind = p.mime === 'application/pdf' ? 'pdf' : 'image';
  const named =
    (db.prepare('SELECT source_name FROM documents WHERE sha256 = ? ORDER BY id = ? DESC, id LIMIT 1').pluck().get(p.sha256, documentId) as string | undefined) ??
    (db
      .prepare("SELECT json_extract(details, '$.file') FROM audit_log WHERE action = 'documents.import' AND json_extract(details, '$.sha256') = ? ORDER BY id DESC LIMIT 1")
      .pluck()
      .get(p.sha256) as string | undefined);
  return { name: named ? named.replace(/^.*[\\/]/, '') : `${p.sha256.slice(0, 12)}.${kind === 'pdf' ? 'pdf' : 'img'}`, kind, sha256: p.sha256 };
}

/** Cuts a document before each of `starts`; returns the original and the new documents' ids, in order. */
export function splitDocument(db: Db, userId: number | null, documentId: number, starts: number[]): number[] {
  const doc = editable(db, documentId);
  const current = pageIds(db, documentId);
  if (starts.some((id) => !current.includes(id)) || starts.includes(current[0]))
    throw new CoreError('PAGE_OP_INVALID', { detail: 'chỗ tách phải là một trang của hồ sơ, không phải trang đầu' });
  const cuts = [...new Set(starts)].map((id) => current.indexOf(id)).sort((a, b) => a - b);
  const parts = [0, ...cuts].map((from, i, a) => current.slice(from, a[i + 1] ?? current.length));
  return db.transaction(() => {
    const before = snapshotDocuments(db, [documentId]);
    const ids = [documentId];
    setPages(db, documentId, parts[0]);
    parts.slice(1).forEach((pages, i) => {
      const title = `${doc.title} (phần ${i + 2})`;
      const src = partSource(db, documentId, pages[0]);
      const id = Number(
        db
          .prepare(
            `INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, created_by)
             SELECT unit_id, ?, ?, ?, ?, ?, 0, ? FROM documents WHERE id = ?`,
          )
          .run(title, foldVietnamese(`${title} ${src.name}`), src.name, src.kind, src.sha256, userId, documentId).lastInsertRowid,
      );
      setPages(db, id, pages);
      ids.push(id);
    });
    for (const id of ids) indexDocument(db, id);
    keepUndo(db, userId, 'split', before, ids.slice(1));
    audit(db, userId, 'documents.split', { type: 'document', id: documentId }, { into: ids });
    return ids;
  })();
}

/**
 * Appends the pages of the other documents to the first, in the order given, and removes the
 * emptied ones. The rule is the split's, read backwards: a linked document may be merged
 * with unlinked ones (the merged document keeps its link, as a split leaves it on the first
 * part); only documents linked to two different register entries are refused.
 */
export function mergeDocuments(db: Db, userId: number | null, ids: number[]): number {
  if (new Set(ids).size !== ids.length) throw new CoreError('PAGE_OP_INVALID', { detail: 'một hồ sơ được chọn hai lần' });
  const docs = ids.map((id) => editable(db, id));
  const linked = docs.filter((d) => d.register_id !== null);
  if (new Set(linked.map((d) => d.register_id)).size > 1)
    throw new CoreError('PAGE_OP_INVALID', {
      detail: `các hồ sơ ${linked.map((d) => `#${d.id}`).join(', ')} gắn với các kết quả khác nhau trong sổ theo dõi; hãy bỏ gắn bớt trước khi gộp`,
    });
  const [target, ...rest] = ids;
  const carried = docs[0].register_id === null ? linked[0] : undefined;
  db.transaction(() => {
    keepUndo(db, userId, 'merge', snapshotDocuments(db, ids));
    if (carried) {
      // the link (and whether the entry counts as digitized) moves to the merged document
      linkDocument(db, carried.id, null, false);
      linkDocument(db, target, carried.register_id, carried.status !== 'imported');
    }
    setPages(db, target, ids.flatMap((id) => pageIds(db, id)));
    for (const id of rest) {
      db.prepare('DELETE FROM fields WHERE document_id = ?').run(id);
      db.prepare('DELETE FROM documents WHERE id = ?').run(id);
      indexDocument(db, id); // drops its index row
    }
    indexDocument(db, target);
    audit(db, userId, 'documents.merge', { type: 'document', id: target }, { merged: rest });
  })();
  return target;
}
