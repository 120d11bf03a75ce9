import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { listDocuments } from '../../../electron/archive/documents';
import { COUNT_CAP, foldInPlace, indexDocument, searchIds, snippetFrom, toFtsQuery } from '../../../electron/archive/search';
import { tempDir } from '../../helpers';

describe('folding for search', () => {
  it('folds Vietnamese per character, đ/Đ included, keeping every position', () => {
    for (const s of ['Quyết định số 12/QĐ-UBND', 'ĐƯỜNG Đông Thọ', 'Như Xuân'.normalize('NFC')]) expect(foldInPlace(s)).toHaveLength(s.length);
    expect(foldInPlace('Quyết Định ĐƯỜNG')).toBe('quyet dinh duong');
  });
  it('turns what people type into a safe FTS5 query', () => {
    expect(toFtsQuery('quyết định')).toBe('"quyet" AND "dinh"');
    expect(toFtsQuery('"chứng thực" bản*')).toBe('"chung thuc" AND "ban"*');
    expect(toFtsQuery('NEAR( x OR y ) "')).toBe('"near" AND "x" AND "or" AND "y"');
    expect(toFtsQuery('  ')).toBeNull();
    // decomposed input, as some keyboards type it, reads the same as composed
    expect(toFtsQuery('Như Xuân'.normalize('NFD'))).toBe('"nhu" AND "xuan"');
  });
  it('puts the hit markers back on the original words', () => {
    expect(snippetFrom('Quyết định cấp phép', '\u0002quyet\u0003 \u0002dinh\u0003 cap phep')).toBe('«Quyết» «định» cấp phép');
  });
});

describe('full-text search over the archive', () => {
  function archive() {
    const db = openDatabase(path.join(tempDir(), 's.sqlite'));
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
    db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES ('x', 1, 'image/jpeg')").run();
    const add = (title: string, text: string) => {
      db.prepare("INSERT OR IGNORE INTO blobs(sha256, size, mime) VALUES (?, 1, 'image/jpeg')").run(`${title}-sha`);
      const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, ?, '', ?, 'image', ?, 1)").run(title, `${title}.jpg`, `${title}-sha`).lastInsertRowid);
      db.prepare("INSERT INTO pages(document_id, idx, width, height, colour, thumb_sha256, ocr_text) VALUES (?, 1, 1, 1, 1, 'x', ?)").run(id, text);
      indexDocument(db, id);
      return id;
    };
    return { db, add };
  }
  const search = (db: ReturnType<typeof archive>['db'], query: string) => listDocuments(db, null, { query, sort: 'relevance', order: 'desc', offset: 0, limit: 10 });

  it('finds "quyet dinh", "Quyết định" and "QUYET DINH" alike, with the document’s own words in the snippet', () => {
    const { db, add } = archive();
    const a = add('QĐ 12', 'QUYẾT ĐỊNH về việc cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình');
    add('Công văn 1147', 'V/v đẩy mạnh thực hiện dịch vụ công trực tuyến');
    for (const q of ['quyet dinh', 'Quyết định', 'QUYET DINH', 'quyết   ĐỊNH']) expect(search(db, q).items.map((d) => d.id)).toEqual([a]);
    expect(search(db, 'quyet dinh').items[0].snippet).toContain('«QUYẾT» «ĐỊNH»');
    expect(search(db, 'dich vu cong').total).toBe(1);
    expect(search(db, 'đường').total).toBe(0);
  });
  it('supports phrases and prefixes, and ranks title hits first', () => {
    const { db, add } = archive();
    const x = add('Giấy chứng nhận', 'cấp cho ông A');
    const y = add('Công văn', 'đề nghị cấp giấy chứng nhận quyền sử dụng đất');
    expect(search(db, '"chung nhan quyen"').items.map((d) => d.id)).toEqual([y]);
    expect(search(db, 'chứng nhận').items.map((d) => d.id)).toEqual([x, y]);
    expect(search(db, 'quy*').items.map((d) => d.id)).toEqual([y]);
    expect(search(db, '"').total).toBe(2); // nothing to search for: everything, newest first
  });
});

describe('counting hits at a province centre\'s size', () => {
  it('stops at 10,000 and says there are more, listing a common word newest first and ranking a rarer one', () => {
    const db = openDatabase(path.join(tempDir(), 'c.sqlite'));
    const row = db.prepare("INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (?, '', '', ?, ?)");
    db.transaction(() => {
      for (let id = 1; id <= COUNT_CAP + 50; id++) row.run(id, `cong van ${id}`, id % 1000 === 0 ? 'chung thuc chung thuc' : id % 500 === 0 ? 'chung thuc' : 'dat dai');
    })();
    const common = searchIds(db, toFtsQuery('công văn')!, null, 0, 3);
    expect(common).toEqual({ total: COUNT_CAP, totalCapped: true, ids: [COUNT_CAP + 50, COUNT_CAP + 49, COUNT_CAP + 48] });
    // 20 hits: counted exactly and ranked (the doubled words first)
    const rare = searchIds(db, toFtsQuery('"chứng thực"')!, null, 0, 20);
    expect(rare.total).toBe(20);
    expect(rare.totalCapped).toBe(false);
    expect(rare.ids.slice(0, 10).every((id) => id % 1000 === 0)).toBe(true);
    const listed = listDocuments(db, null, { query: '', sort: 'createdAt', order: 'desc', offset: 0, limit: 1 });
    expect(listed).toMatchObject({ total: 0, totalCapped: false });
    db.close();
  });
});
