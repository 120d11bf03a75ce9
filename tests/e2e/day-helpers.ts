// Shared steps of the officer's-day specs: a two-page scanned PDF read by OCR, screenshots
// kept as test artefacts, and the two window sizes layout is checked at.
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page, TestInfo } from '@playwright/test';
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { jpegScan } from '../fixtures/scans';
import { api, expect, type Host } from './fixtures';

export const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

/** A screenshot of the page attached to the test and kept under test-results. */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  return file;
}

/** A scanned PDF: page 1 is Quyết định 45/QĐ-UBND (with its QR code), page 2 an annex. */
export async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const first = await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 85 });
  for (const jpg of [first.image, await jpegScan({ title: 'PHỤ LỤC KÈM THEO' })]) {
    const img = await doc.embedJpg(jpg);
    doc.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await doc.save());
}

/** Imports files through the import screen with OCR on and waits until every page is read. */
export async function importWithOcr(page: Page, host: Host, files: Record<string, Buffer>, pages: number) {
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  for (const [n, b] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), b);
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('file-input').setInputFiles(Object.keys(files).map((n) => path.join(dir, n)));
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText(`nhập ${Object.keys(files).length}`, { timeout: 30_000 });
  await expect(page.getByTestId('ocr-job')).toContainText(`Hoàn tất: đọc được ${pages} trang`, { timeout: 150_000 });
  return (await api(page, 'documents.list', {})).items as { id: number; title: string }[];
}

export const fieldsOf = async (page: Page, id: number) =>
  Object.fromEntries(((await api(page, 'documents.get', { id })).fields as { name: string; value: string | null }[]).map((f) => [f.name, f.value]));
