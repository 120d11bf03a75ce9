// What real paper does, on rendered documents through the whole pipeline: numbers and days
// written in by hand, a receipt stamp over the header, a seal over the signer, a faded grey
// scan, a bilevel CCITT page, a two-column body, and a document mixing a born-digital page with
// a scanned one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFields } from '../../../electron/ocr/fields';
import { ocrFiles } from '../../../electron/ocr/ocr-files';
import { ocrFile } from '../../../electron/ocr/pipeline';
import { OcrPool } from '../../../electron/ocr/pool';
import { ensureTessdata } from '../../../electron/ocr/tessdata';
import { renderPdf, renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';
import { cer } from '../../fixtures/cer';
import { realLike } from '../../fixtures/tag-fixtures';

let dir: string;
let pool: OcrPool;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-paper-'));
  pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: 2 });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fixture = (name: string) => {
  const f = realLike().find(([n]) => n === name);
  if (!f || f[2] === 'pdf') throw new Error(`no scanned fixture ${name}`);
  return renderScan(f[1], f[2]);
};
async function tag(name: string) {
  const s = await fixture(name);
  const kind = s.mime === 'image/tiff' ? 'tiff' : s.mime === 'image/png' ? 'png' : 'jpeg';
  const pages = await ocrFile(s.image, kind, `${name}.${kind}`, pool);
  return { f: extractFields(pages), truth: s.truth, pages };
}

describe('tags on real paper', () => {
  it('reads a hand-written number and day again from their blanks, flagged for review', async () => {
    const { f, truth } = await tag('handwritten-seal');
    expect(f.number.value).toBe(truth.number); // never silently empty when the blank is written in
    // read again from the blank, it is flagged; read surely by OCR and confirmed by the digit reader, it is not
    if (f.number.source === 'digits') expect(f.number.confidence).toBeLessThan(0.6);
    expect(f.date.value?.slice(0, 7) ?? truth.date!.slice(0, 7)).toBe(truth.date!.slice(0, 7));
    // the seal over the title and the name does not hide the signer
    expect(f.signer.value).toBe(truth.signer);
  });

  it('keeps a draft’s blank number and day empty', async () => {
    const { f } = await tag('handwritten-blank-draft');
    expect(f.number.value).toBeNull();
    expect(f.date.value).toBeNull();
    expect(f.type.value).toBe('Công văn'); // from the symbol after the blank
  });

  it('takes the body from the header under a receipt stamp', async () => {
    const { f, truth } = await tag('handwritten-seal-stamp');
    expect(f.agency.value).toBe(truth.agency);
    expect(f.type.value).toBe(truth.type);
    expect(cer(f.subject.value ?? '', truth.subject)).toBeLessThan(0.05); // an accent or two may slip
  });

  it('reads a faded grey scan and a bilevel 200-dpi CCITT page', async () => {
    const faded = await tag('faded-grey');
    expect(faded.pages[0].blank).toBe(false);
    for (const k of ['agency', 'number', 'date', 'type'] as const) expect(faded.f[k].value, k).toBe(faded.truth[k]);
    const bilevel = await tag('bilevel-200dpi-ccitt-result');
    expect(bilevel.pages[0].dpi).toBe(200);
    for (const k of ['agency', 'number', 'date', 'type', 'dossierCode'] as const) expect(bilevel.f[k].value, k).toBe(bilevel.truth[k]);
  });

  it('reads a two-column body column by column', async () => {
    const { pages } = await tag('two-columns');
    const text = pages[0].text.replace(/\s+/g, ' ');
    // the first paragraph ends in the left column before the second one starts
    const first = text.indexOf('kết quả tích cực');
    const second = text.indexOf('Để khắc phục');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });

  it('reads a mixed PDF page by page: the born-digital page from its text, the scanned one by OCR', async () => {
    const mixed = await PDFDocument.create();
    const [digital] = await mixed.copyPages(await PDFDocument.load(await renderPdf(SAMPLE_DOCS[1])), [0]);
    mixed.addPage(digital);
    const scan = await renderScan(SAMPLE_DOCS[1], { dpi: 200, jpegQuality: 85 });
    const img = await mixed.embedJpg(scan.image);
    mixed.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const file = path.join(dir, 'mixed.pdf');
    fs.writeFileSync(file, await mixed.save());
    const { files } = await ocrFiles([{ path: file, name: 'mixed.pdf' }], pool);
    expect(files[0].error).toBeNull();
    expect(files[0].pages.map((p) => [p.read, p.dpi])).toEqual([
      ['text', null],
      ['ocr', 200], // the scan's own resolution, not the rendering's
    ]);
    expect(files[0].fields!.number).toBe('12/CT-UBND');
  });
});
