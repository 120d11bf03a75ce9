// The way back, on real archive rows: undo of the last page operation puts back exactly the
// pages (ids, order, turn, text) and fields the document had, and removes what a split made;
// the trash hides a document, restores it, expires after 30 days and is emptied by an admin,
// every step audited; the sync outbox sends a trashed document as deleted and a restored one
// as present again.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../electron/accounts/audit';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { bulkEdit } from '../../../electron/archive/bulk-edit';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { listDocuments } from '../../../electron/archive/documents';
import { deletePages, mergeDocuments, reorderPages, rotatePage, splitDocument } from '../../../electron/archive/page-ops';
import { undoLastPageOp, undoOffer } from '../../../electron/archive/page-undo';
import { emptyTrash, expireTrash, listTrash, restoreDocuments, trashDocuments } from '../../../electron/archive/trash';
import { CoreError } from '../../../electron/errors';
import { buildItem, buildScope } from '../../../electron/sync/items';
import { pendingRows } from '../../../electron/sync/outbox';
import { tempDir } from '../../helpers';

function archive(): { db: Db; blobs: BlobStore } {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
  db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('nv', 'Lê Văn Nhập', 'records_staff', 1, 'x')").run();
  return { db, blobs: new BlobStore(dir) };
}

/** A document of `pages` image pages, each with its own OCR text, and two fields. */
function imported(db: Db, blobs: BlobStore, name: string, pages: number): number {
  const bytes = Buffer.from(`JPEG của ${name}`);
  const { sha256 } = blobs.put(bytes);
  recordBlob(db, sha256, bytes.length, 'image/jpeg');
  const id = Number(
    db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, import_sha256, page_count, created_by) VALUES (1, ?, '', ?, 'image', ?, ?, ?, 1)").run(name, name, sha256, sha256, pages).lastInsertRowid,
  );
  for (let i = 1; i <= pages; i++)
    db.prepare("INSERT INTO pages(document_id, idx, width, height, dpi, colour, thumb_sha256, source_sha256, source_page, ocr_text, ocr_state) VALUES (?, ?, 2480, 3508, 300, 1, ?, ?, ?, ?, 'done')").run(id, i, sha256, sha256, i, `${name} trang ${i}`);
  db.prepare("INSERT INTO fields(document_id, name, value, source) VALUES (?, 'number', ?, 'accepted'), (?, 'place', 'Thanh Sơn', 'user')").run(id, `${id}/QĐ-UBND`, id);
  audit(db, 1, 'documents.import', { type: 'document', id }, { file: name, pages, sha256 });
  return id;
}

/** Everything undo must give back: documents, their pages in order (all columns) and fields. */
const state = (db: Db, ids: number[]) =>
  ids.map((id) => ({
    doc: db.prepare('SELECT id, title, source_name, page_count, status, register_id, deleted_at FROM documents WHERE id = ?').get(id),
    pages: db.prepare('SELECT * FROM pages WHERE document_id = ? ORDER BY idx').all(id),
    fields: db.prepare('SELECT * FROM fields WHERE document_id = ? ORDER BY name').all(id),
  }));
const pageIds = (db: Db, id: number) => db.prepare('SELECT id FROM pages WHERE document_id = ? ORDER BY idx').pluck().all(id) as number[];
const actions = (db: Db) => db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[];

describe('undo of the last page operation', () => {
  it('merge: both documents back with their own pages and fields', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'don.jpg', 2);
    const b = imported(db, blobs, 'giay.jpg', 1);
    const before = state(db, [a, b]);
    mergeDocuments(db, 1, [a, b]);
    expect(db.prepare('SELECT 1 FROM documents WHERE id = ?').get(b)).toBeUndefined();
    expect(undoOffer(db, a)).toMatchObject({ op: 'merge', documentIds: [a, b] });
    expect(undoLastPageOp(db, 1, a)).toEqual({ documentIds: [a, b], op: 'merge' });
    expect(state(db, [a, b])).toEqual(before);
    expect(undoOffer(db, a)).toBeNull(); // used once
    expect(actions(db)).toContain('pages.undo');
  });

  it('split: the parts are gone and every page is back in order', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'ho-so.jpg', 3);
    const before = state(db, [a]);
    const [, part] = splitDocument(db, 1, a, [pageIds(db, a)[2]]);
    expect(undoOffer(db, part)).toMatchObject({ op: 'split' }); // offered from the new part too
    undoLastPageOp(db, 1, part);
    expect(state(db, [a])).toEqual(before);
    expect(db.prepare('SELECT 1 FROM documents WHERE id = ?').get(part)).toBeUndefined();
  });

  it('page delete, reorder and turn: the exact previous pages (ids, text, turn) and fields', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'qd.jpg', 3);
    const before = state(db, [a]);
    const [p1, p2, p3] = pageIds(db, a);
    deletePages(db, 1, a, [p2]);
    db.prepare("UPDATE fields SET value = 'sai' WHERE document_id = ? AND name = 'number'").run(a); // re-tagging after the op
    undoLastPageOp(db, 1, a);
    expect(state(db, [a])).toEqual(before);

    reorderPages(db, 1, a, [p3, p1, p2]);
    // the search text follows the new order (a phrase across a page break, the snippets)
    expect(db.prepare('SELECT body_raw FROM documents_fts WHERE rowid = ?').pluck().get(a)).toMatch(/trang 3[^]*trang 1[^]*trang 2/);
    undoLastPageOp(db, 1, a);
    expect(pageIds(db, a)).toEqual([p1, p2, p3]);

    rotatePage(db, 1, p1, 90);
    undoLastPageOp(db, 1, a);
    expect(state(db, [a])).toEqual(before);
  });

  it('only the last operation, and never once the document is signed', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'qd.jpg', 3);
    const [p1, p2, p3] = pageIds(db, a);
    reorderPages(db, 1, a, [p2, p1, p3]);
    deletePages(db, 1, a, [p3]);
    undoLastPageOp(db, 1, a); // the delete
    expect(pageIds(db, a)).toEqual([p2, p1, p3]);
    expect(undoOffer(db, a)).toMatchObject({ op: 'reorder' }); // the one before it, still whole
    db.prepare("UPDATE documents SET status = 'signed' WHERE id = ?").run(a);
    expect(undoOffer(db, a)).toBeNull();
    expect(() => undoLastPageOp(db, 1, a)).toThrow(/đã ký số/);
  });

  it('is closed once the document was edited after the operation (a bulk edit would go back with it)', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'qd.jpg', 2);
    const [p1, p2] = pageIds(db, a);
    reorderPages(db, 1, a, [p2, p1]);
    expect(undoOffer(db, a)).toMatchObject({ op: 'reorder' });
    bulkEdit(db, 1, { ids: [a], type: 'Quyết định', digitized: false }, () => true);
    expect(undoOffer(db, a)).toBeNull();
    expect(() => undoLastPageOp(db, 1, a)).toThrow(/đã được sửa sau thao tác trang/);
    expect(db.prepare("SELECT value FROM fields WHERE document_id = ? AND name = 'type'").pluck().get(a)).toBe('Quyết định');
  });
});

describe('the trash', () => {
  const anyUnit = () => true;

  it('hides, restores, expires after 30 days and is emptied by an admin, each step audited', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'nham.jpg', 1);
    const b = imported(db, blobs, 'cu.jpg', 1);
    const c = imported(db, blobs, 'thua.jpg', 1);
    const listed = () => listDocuments(db, null, { query: '', sort: 'createdAt', order: 'desc', offset: 0, limit: 50 }).items.map((d) => d.id);
    const found = (q: string) => listDocuments(db, null, { query: q, sort: 'relevance', order: 'desc', offset: 0, limit: 50 }).items.map((d) => d.id);
    trashDocuments(db, 1, [a, b, c], anyUnit);
    expect(listed()).toEqual([]);
    expect(found('nham')).toEqual([]);
    expect(listTrash(db, [1]).map((t) => t.id).sort()).toEqual([a, b, c]);
    expect(listTrash(db, [99])).toEqual([]); // another unit's staff see none of it

    restoreDocuments(db, 1, [a], anyUnit);
    expect(listed()).toEqual([a]);
    expect(found('nham')).toEqual([a]);

    // b was deleted 31 days ago, c 29: the sweep empties b only
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    db.prepare('UPDATE documents SET deleted_at = ? WHERE id = ?').run(daysAgo(31), b);
    db.prepare('UPDATE documents SET deleted_at = ? WHERE id = ?').run(daysAgo(29), c);
    expect(expireTrash(db)).toBe(1);
    expect(db.prepare('SELECT id FROM documents ORDER BY id').pluck().all()).toEqual([a, c]);
    expect(emptyTrash(db, 1)).toBe(1);
    expect(db.prepare('SELECT id FROM documents ORDER BY id').pluck().all()).toEqual([a]);
    expect(db.prepare('SELECT count(*) FROM pages WHERE document_id IN (?, ?)').pluck().get(b, c)).toBe(0);
    expect(actions(db).filter((x) => x.startsWith('documents.trash') || x.startsWith('documents.restore') || x.startsWith('trash.'))).toEqual([
      'documents.trash',
      'documents.trash',
      'documents.trash',
      'documents.restore',
      'trash.expire',
      'trash.empty',
    ]);
  });

  it('refuses a signed document, a linked one and another unit\'s', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'da-ky.jpg', 1);
    db.prepare("UPDATE documents SET status = 'signed' WHERE id = ?").run(a);
    expect(() => trashDocuments(db, 1, [a], anyUnit)).toThrow(/đã ký số/);
    const b = imported(db, blobs, 'da-gan.jpg', 1);
    db.prepare('UPDATE documents SET register_id = 7 WHERE id = ?').run(b);
    expect(() => trashDocuments(db, 1, [b], anyUnit)).toThrow(CoreError);
    const c = imported(db, blobs, 'don-vi-khac.jpg', 1);
    expect(() => trashDocuments(db, 1, [c], (u) => u === 2)).toThrow(/Không tìm thấy hồ sơ/);
    expect(() => deletePages(db, 1, c, [])).not.toThrow(); // still editable: nothing happened to it
  });

  it('the outbox sends a trashed document as deleted and a restored one as present', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'gui-tinh.jpg', 1);
    db.prepare("INSERT INTO settings(key, value) VALUES ('hub.deskId', 'desk-1')").run();
    const queued = () => db.prepare("SELECT count(*) FROM outbox WHERE kind = 'document' AND key = ?").pluck().get(String(a)) as number;
    const newest = () => {
      const row = pendingRows(db, 0, 100).filter((r) => r.kind === 'document').at(-1)!;
      return (buildItem(db, row, buildScope(db, 1)) as { data: { deleted: boolean; unit: unknown } }).data;
    };
    trashDocuments(db, 1, [a], anyUnit);
    expect(queued()).toBe(1);
    expect(newest()).toMatchObject({ deleted: true, unit: expect.anything() });
    restoreDocuments(db, 1, [a], anyUnit);
    expect(queued()).toBe(2);
    expect(newest()).toMatchObject({ deleted: false, title: 'gui-tinh.jpg' });
  });
});
