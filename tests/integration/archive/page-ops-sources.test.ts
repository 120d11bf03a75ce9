// Page operations on real archive rows: a part split off a merged document names the file its
// pages came from, and a reviewed document's accepted values (whatever read them) are kept by
// the re-tagging that follows every page operation, while its empty fields still fill.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../electron/accounts/audit';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { mergeDocuments, splitDocument } from '../../../electron/archive/page-ops';
import { saveFields } from '../../../electron/ocr/document-ocr';
import { FIELD_NAMES, type Fields } from '../../../electron/ocr/fields';
import { reviewDocument } from '../../../electron/ocr/review';
import { tempDir } from '../../helpers';

function archive(): { db: Db; blobs: BlobStore } {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
  db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('nv', 'Lê Văn Nhập', 'records_staff', 1, 'x')").run();
  return { db, blobs: new BlobStore(dir) };
}

/** A one-page image document imported from `name`, as the import records it. */
function imported(db: Db, blobs: BlobStore, name: string): number {
  const bytes = Buffer.from(`JPEG của ${name}`);
  const { sha256 } = blobs.put(bytes);
  recordBlob(db, sha256, bytes.length, 'image/jpeg');
  const id = Number(
    db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, import_sha256, page_count, created_by) VALUES (1, ?, '', ?, 'image', ?, ?, 1, 1)").run(name, name, sha256, sha256).lastInsertRowid,
  );
  db.prepare('INSERT INTO pages(document_id, idx, width, height, dpi, colour, thumb_sha256, source_sha256, source_page) VALUES (?, 1, 2480, 3508, 300, 1, ?, ?, 1)').run(id, sha256, sha256);
  audit(db, 1, 'documents.import', { type: 'document', id }, { file: name, pages: 1, sha256 });
  return id;
}

const tagged = (values: Partial<Record<string, string>>, source: 'ocr' | 'text' | 'digits'): Fields =>
  Object.fromEntries(FIELD_NAMES.map((n) => [n, { value: values[n] ?? null, confidence: 0.5, page: 1, bbox: null, source }])) as unknown as Fields;

describe('page operations keep what belongs to each document', () => {
  it('names a split part after the file its pages came from, after a merge removed that document', () => {
    const { db, blobs } = archive();
    const a = imported(db, blobs, 'don-de-nghi.jpg');
    const b = imported(db, blobs, 'giay-xac-nhan.jpg');
    const bSha = db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(b);
    mergeDocuments(db, 1, [a, b]);
    const pages = db.prepare('SELECT id FROM pages WHERE document_id = ? ORDER BY idx').pluck().all(a) as number[];
    const [, part] = splitDocument(db, 1, a, [pages[1]]);
    const row = db.prepare('SELECT source_name, sha256, kind, title FROM documents WHERE id = ?').get(part);
    expect(row).toEqual({ source_name: 'giay-xac-nhan.jpg', sha256: bSha, kind: 'image', title: 'don-de-nghi.jpg (phần 2)' });
    expect(db.prepare('SELECT source_name FROM documents WHERE id = ?').pluck().get(a)).toBe('don-de-nghi.jpg');
  });

  it('protects accepted values from any reader and still fills the empty ones', () => {
    const { db, blobs } = archive();
    const id = imported(db, blobs, 'qd-45.pdf');
    saveFields(db, id, tagged({ number: '45/QĐ-UBND', place: 'Thanh Sơn' }, 'text'));
    db.prepare("UPDATE fields SET source = 'digits' WHERE document_id = ? AND name = 'number'").run(id);
    reviewDocument(db, 1, id, {}, null, true);
    const source = (n: string) => db.prepare('SELECT source FROM fields WHERE document_id = ? AND name = ?').pluck().get(id, n);
    expect([source('number'), source('place')]).toEqual(['accepted', 'accepted']);
    // the pages read again in another order: the annex first, with no number or place
    saveFields(db, id, tagged({ subject: 'Phụ lục kèm theo' }, 'ocr'));
    const value = (n: string) => db.prepare('SELECT value FROM fields WHERE document_id = ? AND name = ?').pluck().get(id, n);
    expect([value('number'), value('place'), value('subject')]).toEqual(['45/QĐ-UBND', 'Thanh Sơn', 'Phụ lục kèm theo']);
    // a value left with a machine source on a reviewed document (accepted before every source
    // was covered) is kept too
    db.prepare("UPDATE fields SET source = 'text' WHERE document_id = ? AND name = 'place'").run(id);
    saveFields(db, id, tagged({ place: 'Như Xuân' }, 'ocr'));
    expect(value('place')).toBe('Thanh Sơn');
  });
});
