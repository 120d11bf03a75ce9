// Real files through the real pipeline: sharp, pdf.js and SQLite on a temp archive.
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { expandPaths } from '../../../electron/capture/expand-sources';
import { importFile } from '../../../electron/capture/import-file';
import { encryptedPdf, imageBomb, jpegScan, pdfScan, tiffScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

function archive() {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
  return { dir, db, blobs: new BlobStore(dir), userId: null, unitId: 1 };
}
function write(dir: string, name: string, bytes: Buffer | string) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return { path: p, name };
}
const blobCount = (dir: string) => (fs.readdirSync(path.join(dir, 'files'), { recursive: true }) as string[]).filter((f) => /^[a-f0-9]{64}$/.test(path.basename(f))).length;

describe('importFile', () => {
  it('archives a JPEG as a one-page document with a thumbnail and its resolution', async () => {
    const t = archive();
    const o = await importFile(t, write(t.dir, 'Quyết định.jpg', await jpegScan({ dpi: 300 })));
    expect(o).toMatchObject({ status: 'imported', pages: 1, code: null, warnings: [] });
    const page = t.db.prepare('SELECT * FROM pages WHERE document_id = ?').get(o.documentId) as any;
    expect(page).toMatchObject({ idx: 1, width: 827, dpi: 300, colour: 1 });
    expect(t.blobs.read(page.thumb_sha256).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(t.db.prepare('SELECT title, source_name, kind FROM documents').get()).toEqual({ title: 'Quyết định', source_name: 'Quyết định.jpg', kind: 'image' });
  });

  it('archives every page of a multi-page TIFF, with a browser-viewable preview each', async () => {
    const t = archive();
    const o = await importFile(t, write(t.dir, 'ho-so.tif', await tiffScan(3)));
    expect(o).toMatchObject({ status: 'imported', pages: 3 });
    const pages = t.db.prepare('SELECT idx, dpi, preview_sha256 FROM pages ORDER BY idx').all() as any[];
    expect(pages.map((p) => [p.idx, p.dpi, !!p.preview_sha256])).toEqual([
      [1, 300, true],
      [2, 300, true],
      [3, 300, true],
    ]);
  });

  it('archives a scanned PDF with a rendered thumbnail per page', async () => {
    const t = archive();
    const o = await importFile(t, write(t.dir, 'scan.pdf', await pdfScan(2)));
    expect(o).toMatchObject({ status: 'imported', pages: 2 });
    expect(t.db.prepare('SELECT count(*) n FROM pages WHERE colour = 1').get()).toEqual({ n: 2 });
  });

  it('warns, without refusing, about pages under 200 dpi or not in colour', async () => {
    const t = archive();
    const o = await importFile(t, write(t.dir, 'xam.jpg', await jpegScan({ dpi: 150, grey: true })));
    expect(o.status).toBe('imported');
    expect(o.warnings).toEqual(['Trang 1: độ phân giải 150 dpi, dưới 200 dpi.', 'Trang 1: ảnh không phải ảnh màu.']);
  });

  it('does not ask a born-digital PDF (text, no scanned image) to be a colour photo', async () => {
    const t = archive();
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Quyet dinh so 45/QD-UBND', { x: 72, y: 760, size: 14, font });
    const o = await importFile(t, write(t.dir, 'van-ban-dien-tu.pdf', Buffer.from(await doc.save())));
    expect(o).toMatchObject({ status: 'imported', pages: 1, warnings: [] });
  });

  it('detects the same file imported twice and stores it once', async () => {
    const t = archive();
    const bytes = await jpegScan();
    const first = await importFile(t, write(t.dir, 'a.jpg', bytes));
    const again = await importFile(t, write(t.dir, 'a-copy.jpg', bytes));
    expect(again).toMatchObject({ status: 'duplicate', documentId: first.documentId, code: 'DUPLICATE' });
    expect(again.message).toBe(`a-copy.jpg: đã có trong kho (hồ sơ số ${first.documentId}).`);
    expect(t.db.prepare('SELECT count(*) n FROM documents').get()).toEqual({ n: 1 });
  });

  const bad: [string, () => Promise<Buffer | string>, string, RegExp][] = [
    ['empty.jpg', async () => '', 'FILE_EMPTY', /empty\.jpg: tệp rỗng/],
    ['hong.jpg', async () => 'not an image', 'FILE_CORRUPT', /hong\.jpg: tệp bị hỏng/],
    // a decoder's own words ("VipsJpeg: premature end of JPEG image") stay out of the sentence
    ['cut.jpg', async () => (await jpegScan()).subarray(0, 4000), 'FILE_TRUNCATED', /^cut\.jpg: tệp bị cắt cụt \(thiếu phần cuối\)[^V]*$/],
    ['really-a-pdf.jpg', () => pdfScan(1), 'FILE_EXTENSION_MISMATCH', /really-a-pdf\.jpg: phần mở rộng \.jpg không khớp nội dung tệp \(PDF\)/],
    ['notes.docx', async () => 'PK..', 'FILE_UNSUPPORTED', /notes\.docx: định dạng không hỗ trợ/],
    ['locked.pdf', () => encryptedPdf(), 'PDF_ENCRYPTED', /locked\.pdf: PDF được mã hóa/],
    ['broken.pdf', async () => '%PDF-1.7\n1 0 obj << /Type /Catalog', 'FILE_DAMAGED', /^broken\.pdf: nội dung tệp bị hỏng nên không đọc được/],
    ['bomb.png', async () => imageBomb(), 'FILE_TOO_LARGE', /bomb\.png: ảnh quá lớn \(3600 megapixel, tối đa 150\)/],
  ];
  for (const [name, make, code, message] of bad) {
    it(`refuses ${name} with ${code}, naming the file, and stores nothing`, async () => {
      const t = archive();
      const o = await importFile(t, write(t.dir, name, await make()));
      expect(o).toMatchObject({ status: 'error', code, documentId: null });
      expect(o.message).toMatch(message);
      expect(t.db.prepare('SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM blobs) b').get()).toEqual({ d: 0, b: 0 });
      expect(blobCount(t.dir)).toBe(0);
    });
  }

  it('reports a file that disappeared', async () => {
    const t = archive();
    expect(await importFile(t, { path: path.join(t.dir, 'gone.jpg'), name: 'gone.jpg' })).toMatchObject({ code: 'FILE_NOT_FOUND', message: 'gone.jpg: không tìm thấy tệp.' });
  });

  it('leaves no file behind when the database write fails', async () => {
    const t = archive();
    t.db.exec("CREATE TRIGGER no_pages BEFORE INSERT ON pages BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const o = await importFile(t, write(t.dir, 'a.jpg', await jpegScan()));
    expect(o).toMatchObject({ status: 'error', documentId: null });
    expect(t.db.prepare('SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM blobs) b').get()).toEqual({ d: 0, b: 0 });
    expect(blobCount(t.dir)).toBe(0);
  });
});

describe('expandPaths', () => {
  it('walks folders in natural name order, skipping hidden and system files', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'lo', 'sub'), { recursive: true });
    for (const n of ['trang 10.jpg', 'trang 2.jpg', '.DS_Store', 'Thumbs.db', 'sub/trang 1.jpg']) fs.writeFileSync(path.join(dir, 'lo', n), 'x');
    expect(expandPaths([path.join(dir, 'lo')]).map((r) => path.relative(dir, r.path))).toEqual([
      path.join('lo', 'sub', 'trang 1.jpg'),
      path.join('lo', 'trang 2.jpg'),
      path.join('lo', 'trang 10.jpg'),
    ]);
  });
});
