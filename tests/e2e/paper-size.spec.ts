// Issue 22 item 2: a 2464 × 3508 A4 scan whose JPEG says 72 dpi (as phones and many scanner
// drivers write) is an A4 page at about 300 dpi: the import says the paper was inferred rather
// than warning of 72 dpi, the viewer says so beside the resolution, and the searchable and the
// signed PDFs have A4 pages with the "SAO Y" stamp at its usual size.
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { makePki } from '../fixtures/pki';
import { setJpegDpi } from '../fixtures/scans';
import { api, expect, launchHeaders, setUp, test, upload } from './fixtures';
import { shot, SIZES } from './day-helpers';

const A4 = [595, 842];

async function pageSizes(bytes: Buffer): Promise<number[][]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]);
}

/** The visible signature widgets' rectangles (width, height in points) on page 1. */
async function widgetSizes(bytes: Buffer): Promise<number[][]> {
  const pdf = await PDFDocument.load(bytes);
  const annots = pdf.getPage(0).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const out: number[][] = [];
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const a = annots!.lookup(i, PDFDict);
    const r = a.lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!r) continue;
    const [x0, y0, x1, y1] = [0, 1, 2, 3].map((k) => (r.lookup(k, PDFNumber) as PDFNumber).asNumber());
    if (x1 - x0 > 0) out.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
  }
  return out;
}

test('an A4 scan tagged 72 dpi is an A4 page everywhere', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize(SIZES[0]);
  await setUp(page, host);
  await page.goto(host.url);
  // the page as a 300 dpi scanner gives it, 2464 px wide, its JPEG saying 72 dpi
  const scan = await renderScan(SAMPLE_DOCS[3], { dpi: 300, jpegQuality: 85 });
  const cropped = await sharp(scan.image).extract({ left: 8, top: 0, width: 2464, height: 3508 }).jpeg({ quality: 85 }).toBuffer();
  const jpeg = setJpegDpi(cropped, 72);
  expect((await sharp(jpeg).metadata()).density).toBe(72);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  fs.writeFileSync(path.join(dir, 'qd-45-dien-thoai.jpg'), jpeg);

  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('file-input').setInputFiles(path.join(dir, 'qd-45-dien-thoai.jpg'));
  await page.getByTestId('start-import').click();
  const summary = page.getByTestId('import-job');
  await expect(page.getByTestId('import-summary')).toContainText('nhập 1', { timeout: 30_000 });
  await expect(summary).toContainText('tệp ghi 72 dpi');
  await expect(summary).toContainText('đã coi là khổ A4, 299 dpi');
  await expect(summary).not.toContainText('dưới 200 dpi');
  await shot(page, testInfo, 'import-note');
  await expect(page.getByTestId('ocr-job')).toContainText('Hoàn tất: đọc được 1 trang', { timeout: 150_000 });

  const [doc] = (await api(page, 'documents.list', {})).items;
  await page.goto(`${host.url}#/documents/${doc.id}`);
  await expect(page.getByTestId('page-dpi')).toHaveText('299 dpi · khổ A4 (suy ra: tệp ghi 72 dpi)');
  await shot(page, testInfo, 'viewer-paper');
  await page.setViewportSize(SIZES[1]);
  await expect(page.getByTestId('page-dpi')).toBeVisible();
  await shot(page, testInfo, 'viewer-paper-1280');

  const headers = await launchHeaders(page);
  await expect.poll(async () => (await api(page, 'documents.get', { id: doc.id })).hasSearchable, { timeout: 60_000 }).toBe(true);
  const searchable = Buffer.from(await (await page.request.get(`${host.url}archive/searchable/${doc.id}`, { headers })).body());
  for (const [w, h] of await pageSizes(searchable)) {
    expect(Math.abs(w - A4[0])).toBeLessThan(6);
    expect(Math.abs(h - A4[1])).toBeLessThan(6);
  }

  // signed as a certified copy: an A4 page, the stamp a few centimetres wide
  const pki = makePki({ cn: 'Quản Trị Viên' });
  fs.writeFileSync(path.join(dir, 'root.pem'), pki.rootPem);
  await api(page, 'trust.add', { source: await upload(page, 'root.pem', Buffer.from(pki.rootPem)) });
  await api(page, 'documents.link', { id: doc.id, dossierCode: null, digitized: true });
  const { jobId } = await api(page, 'signing.sign', {
    documentIds: [doc.id],
    key: { p12: { source: await upload(page, 'ky.p12', pki.p12), password: pki.password } },
    appearance: 'copy',
    copyForm: 'SAO Y',
    agency: 'UBND huyện Như Xuân',
    timestamp: false,
    longTerm: false,
  });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 60_000 }).toBe('done');
  expect((await api(page, 'jobs.get', { id: jobId })).outcomes[0].status).toBe('signed');
  const signed = Buffer.from(await (await page.request.get(`${host.url}archive/signed/${doc.id}`, { headers })).body());
  const [[w, h]] = await pageSizes(signed);
  expect(Math.abs(w - A4[0])).toBeLessThan(6);
  expect(Math.abs(h - A4[1])).toBeLessThan(6);
  const widgets = await widgetSizes(signed);
  expect(widgets.length).toBe(1);
  // as on any A4 page: a stamp some 5–10 cm wide, a fifth to a half of the page's width (on
  // an 87 cm page it was a tiny mark once printed on A4)
  expect(widgets[0][0]).toBeGreaterThan(120);
  expect(widgets[0][0] / w).toBeGreaterThan(0.2);
  expect(widgets[0][0] / w).toBeLessThan(0.5);
});
