// The whole file pipeline with real tesseract.js on rendered Decree 30 documents: clean-up,
// OCR, tagging, searchable PDF; and the bad inputs a batch must report and get past.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrFiles, type OcrFileJson } from '../../../electron/ocr/ocr-files';
import { OcrPool } from '../../../electron/ocr/pool';
import { ensureTessdata } from '../../../electron/ocr/tessdata';
import { renderPdf, renderScan, SAMPLE_DOCS, type Defects, type Truth } from '../../fixtures/admin-docs';
import { cer } from '../../fixtures/cer';
import { encryptedPdf, imageBomb } from '../../fixtures/scans';

let dir: string;
let pool: OcrPool;
const write = (name: string, bytes: Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return { path: p, name };
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-ocr-'));
  pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: 2 });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Structured fields must be exact; names and subjects may carry an OCR slip or two. */
function expectFields(got: OcrFileJson, truth: Truth) {
  expect(got.error).toBeNull();
  const f = got.fields!;
  for (const k of ['number', 'date', 'type', 'place', 'signer', 'dossierCode', 'procedureCode', 'holderId'] as const) expect(f[k], k).toBe(truth[k]);
  for (const k of ['agency', 'subject', 'signerPosition'] as const) expect(cer(f[k] ?? '', truth[k]), `${k}: ${f[k]}`).toBeLessThan(0.08);
  expect(f.recipients.length).toBe(truth.recipients.length);
  expect(cer(f.recipients.join('\n'), truth.recipients.join('\n'))).toBeLessThan(0.1);
}

describe('sohoa ocr on rendered scans', () => {
  const cases: [number, Defects, string][] = [
    [0, { dpi: 300, skew: 1.5, noise: 0.001, jpegQuality: 75 }, 'công văn, two-column header, KT. signer, two-line V/v subject'],
    [1, { dpi: 300, skew: -2, blur: 0.6 }, 'chỉ thị, TM. signer, three recipients'],
    [2, { dpi: 300, jpegQuality: 60, border: 50 }, 'draft with blank number and day, TL. signer'],
    [3, { dpi: 250, skew: 0.8, noise: 0.0005, jpegQuality: 85 }, 'quyết định for a result: dossier and TTHC code, holder ID, QR'],
  ];
  for (const [i, defects, what] of cases) {
    it(`tags a ${what}`, async () => {
      const scan = await renderScan(SAMPLE_DOCS[i], defects);
      const ref = write(`doc${i}.${defects.jpegQuality ? 'jpg' : 'png'}`, scan.image);
      const { files } = await ocrFiles([ref], pool);
      expectFields(files[0], scan.truth);
      const [p] = files[0].pages;
      expect(p.dpi).toBe(defects.dpi);
      expect(Math.abs(p.skew - (defects.skew ?? 0))).toBeLessThan(0.3);
      // reading order of the two columns differs from the layout's, which counts as errors here
      expect(cer(p.text, scan.truth.text)).toBeLessThan(0.15);
    });
  }

  it('turns pages fed sideways or upside down, in a multi-page TIFF, and tags from the whole document', async () => {
    const a = await renderScan(SAMPLE_DOCS[0], { dpi: 200, rotate: 180 });
    const b = await renderScan({ ...SAMPLE_DOCS[0], paragraphs: ['Trang hai của công văn, tiếp theo trang một.'] }, { dpi: 200, rotate: 90 });
    // a multi-page TIFF holds pages of one size: fit the sideways page into portrait
    const pages = await Promise.all([a.image, b.image].map((x) => sharp(x).resize(1654, 2339, { fit: 'contain', background: '#fff' }).png().toBuffer()));
    const multi = await sharp(pages, { join: { animated: true } }).tiff({ compression: 'lzw' }).withMetadata({ density: 200 }).toBuffer();
    const ref = write('two-pages.tif', multi);
    const { files } = await ocrFiles([ref], pool);
    expect(files[0].error).toBeNull();
    expect(files[0].pages.map((p) => p.rotation)).toEqual([180, 270]);
    expect(files[0].fields!.number).toBe('1147/UBND-VP');
    expect(files[0].pages[1].text).toContain('Trang hai');
  });

  it('reads a scanned PDF, prefers its QR code, and writes a searchable PDF that pdftotext reads', async () => {
    const scan = await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 85 });
    const pdf = await PDFDocument.create();
    const img = await pdf.embedJpg(scan.image);
    pdf.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    const ref = write('scanned.pdf', Buffer.from(await pdf.save()));
    const out = path.join(dir, 'out');
    const { files } = await ocrFiles([ref], pool, { pdfDir: out });
    expectFields(files[0], scan.truth);
    const text = execFileSync('pdftotext', [path.join(out, 'scanned.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Nguyễn Văn Bình');
  });

  it('reports each bad file by name and goes on with the rest', async () => {
    const good = await renderScan(SAMPLE_DOCS[1], { dpi: 200, jpegQuality: 85 });
    const refs = [
      write('empty.jpg', Buffer.alloc(0)),
      write('broken.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5])),
      write('really-a-png.jpg', await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer()),
      write('locked.pdf', await encryptedPdf()),
      write('bomb.png', imageBomb()),
      write('good.jpg', good.image),
    ];
    const { files } = await ocrFiles(refs, pool);
    const byName = Object.fromEntries(files.map((f) => [path.basename(f.file), f]));
    expect(byName['empty.jpg'].error).toMatch(/empty\.jpg: tệp rỗng/);
    expect(byName['broken.jpg'].error).toMatch(/broken\.jpg: tệp bị cắt cụt/);
    expect(byName['really-a-png.jpg'].error).toMatch(/really-a-png\.jpg: phần mở rộng \.jpg không khớp/);
    expect(byName['locked.pdf'].error).toMatch(/locked\.pdf: PDF được mã hóa/);
    expect(byName['bomb.png'].error).toMatch(/bomb\.png: ảnh quá lớn/);
    expect(byName['good.jpg'].error).toBeNull();
    expect(byName['good.jpg'].fields!.number).toBe('12/CT-UBND');
    for (const f of files.filter((x) => x.error)) expect(f).toEqual({ file: f.file, pages: [], fields: null, error: f.error });
  });
});

describe('sohoa ocr on born-digital PDFs', () => {
  it('tags a PDF with a text layer from its text, says so per page, and keeps that layer alone in the searchable PDF', async () => {
    const out = path.join(dir, 'text-out');
    const doc = SAMPLE_DOCS[1];
    const { files } = await ocrFiles([write('born-digital.pdf', await renderPdf(doc))], pool, { pdfDir: out });
    const truth = renderScan(doc).then((s) => s.truth);
    const t = await truth;
    expect(files[0].error).toBeNull();
    expect(files[0].pages.map((p) => p.read)).toEqual(['text']);
    expect(files[0].pages[0].dpi).toBeNull(); // no scanned image: no scan resolution
    // the text layer is exact: every field as printed
    for (const k of ['agency', 'number', 'date', 'place', 'type', 'subject', 'signer'] as const) expect(files[0].fields![k], k).toBe(t[k]);
    const text = execFileSync('pdftotext', [path.join(out, 'born-digital.pdf'), '-'], { encoding: 'utf8' });
    expect(text.match(/12\/CT-UBND/g)).toHaveLength(1); // one text layer, not two
  });
});
