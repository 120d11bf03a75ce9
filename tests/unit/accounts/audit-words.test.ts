// The audit log names what was done as it was then: a document's title and a page's number at
// the time of the action (kept in the row), page numbers rather than internal page ids, and an
// honest mark on rows written before titles were kept.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../electron/accounts/audit';
import { appendAuditRow } from '../../../electron/accounts/audit-chain';
import { queryAudit } from '../../../electron/accounts/audit-query';
import { migrate } from '../../../electron/archive/migrations';
import { deletePages, reorderPages, rotatePage } from '../../../electron/archive/page-ops';

function archive() {
  const db = new Database(':memory:');
  migrate(db);
  db.exec(`INSERT INTO blobs(sha256, size, mime) VALUES ('${'b'.repeat(64)}', 1, 'image/jpeg')`);
  db.exec(`INSERT INTO documents(id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, 'Quyết định 45', 'quyet dinh 45', 'qd.pdf', 'pdf', '${'b'.repeat(64)}', 3)`);
  for (const i of [1, 2, 3]) db.exec(`INSERT INTO pages(id, document_id, idx, width, height, colour, thumb_sha256) VALUES (${100 + i}, 1, ${i}, 595, 842, 1, '${'b'.repeat(64)}')`);
  return db;
}
const rows = (db: Database.Database) => queryAudit(db, { offset: 0, limit: 50 }).items;
const detailsOf = (db: Database.Database, action: string) => JSON.parse(rows(db).find((r) => r.action === action)!.details!);

describe('audit rows name the object as it was', () => {
  it('keeps the title of the time, not today’s', () => {
    const db = archive();
    audit(db, null, 'documents.review', { type: 'document', id: 1 }, { changed: ['agency'] });
    db.exec("UPDATE documents SET title = 'Quyết định 46' WHERE id = 1");
    const [r] = rows(db);
    expect(r).toMatchObject({ objectLabel: 'Quyết định 45', labelAtTheTime: true });
    expect(JSON.parse(r.details!)).toEqual({ objectTitle: 'Quyết định 45', changed: ['agency'] });
  });

  it('marks rows written before titles were kept as today’s name', () => {
    const db = archive();
    appendAuditRow(db, { userId: null, action: 'documents.review', objectType: 'document', objectId: '1', details: '{"changed":["date"]}' });
    appendAuditRow(db, { userId: null, action: 'jobs.cancel', objectType: 'job', objectId: '3', details: 'not json' });
    const [job, doc] = rows(db);
    expect(doc).toMatchObject({ objectLabel: 'Quyết định 45', labelAtTheTime: false });
    expect(job).toMatchObject({ objectLabel: null, labelAtTheTime: true });
  });

  it('records page numbers for page operations, and the page’s number when it was turned', () => {
    const db = archive();
    reorderPages(db, null, 1, [102, 101, 103]);
    expect(detailsOf(db, 'pages.reorder')).toMatchObject({ pageOrder: [2, 1, 3] });
    deletePages(db, null, 1, [103]);
    expect(detailsOf(db, 'pages.delete')).toMatchObject({ pageNumbers: [3] });
    rotatePage(db, null, 101, 90);
    const turned = rows(db).find((r) => r.action === 'pages.rotate')!;
    expect(turned.objectLabel).toBe('Quyết định 45 · trang 2');
    expect(JSON.parse(turned.details!)).toMatchObject({ pageNumber: 2, rotation: 90 });
  });
});
