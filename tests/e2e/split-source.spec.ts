// Issue 22 item 5: a part split off names the file its pages come from. Two scans merged into
// one document and split again: "phần 2" shows the second file, its name and its SHA-256.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { jpegScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

test('the split part of a merged document shows its own source file', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  const files = { 'don-de-nghi.jpg': await jpegScan({ title: 'ĐƠN ĐỀ NGHỊ' }), 'giay-xac-nhan.jpg': await jpegScan({ title: 'GIẤY XÁC NHẬN' }) };
  for (const [n, b] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), b);
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('ocr-after-import').uncheck();
  await page.getByTestId('file-input').setInputFiles(Object.keys(files).map((n) => path.join(dir, n)));
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 2', { timeout: 30_000 });
  const items = (await api(page, 'documents.list', {})).items as { id: number; sourceName: string }[];
  const first = items.find((d) => d.sourceName === 'don-de-nghi.jpg')!;
  const second = items.find((d) => d.sourceName === 'giay-xac-nhan.jpg')!;

  // merged (the second document is gone), then split again before page 2
  const merged = await api(page, 'documents.merge', { documentIds: [first.id, second.id] });
  const { documentIds } = await api(page, 'documents.split', { documentId: merged.id, startPageIds: [merged.pages[1].id] });
  const part = documentIds[1];

  await page.goto(`${host.url}#/documents/${part}`);
  const view = page.getByTestId('document-view');
  await expect(view).toContainText('(phần 2)');
  const sha = createHash('sha256').update(files['giay-xac-nhan.jpg']).digest('hex');
  await expect(view.getByRole('link', { name: 'giay-xac-nhan.jpg' })).toBeVisible();
  await expect(view.getByText(sha)).toBeVisible();
  await expect(view.getByText('don-de-nghi.jpg')).toHaveCount(0);
  await shot(page, testInfo, 'split-part-source');
  // the part's file is the one its page came from: its download is the second scan
  const detail = await api(page, 'documents.get', { id: part });
  expect(detail.sourceName).toBe('giay-xac-nhan.jpg');
  expect(detail.sha256).toBe(sha);
  // and the first part keeps the first file
  expect((await api(page, 'documents.get', { id: documentIds[0] })).sourceName).toBe('don-de-nghi.jpg');
});
