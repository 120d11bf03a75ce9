// The page viewer after page changes: the big view shows the new order at once and after
// reopening or reloading (versioned archive URLs), a turned page's thumbnail stays in its
// frame, and the OCR state follows the re-read without pressing refresh.
import type { Locator, Page } from '@playwright/test';
import { api, expect, launchHeaders, setUp, test } from './fixtures';
import { importWithOcr, shot, SIZES, twoPagePdf } from './day-helpers';

/** Share of dark pixels in the viewer's canvas: the decision page is full of text, the annex nearly empty. */
const ink = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 384) dark++;
    return dark / (d.length / 4);
  });

async function settledInk(page: Page) {
  const canvas = page.getByTestId('document-view').getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible();
  // the same reading twice in a row, so a render in progress is not measured
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const now = await ink(canvas).catch(() => -1);
    if (now > 0.001 && now === last) return now;
    last = now;
    await page.waitForTimeout(400);
  }
  throw new Error('the page view never settled');
}

for (const size of SIZES) {
  test(`viewer follows page moves and turns at ${size.width}×${size.height}`, async ({ page, host }, testInfo) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await setUp(page, host);
    await page.goto(host.url);
    const [doc] = await importWithOcr(page, host, { 'qd-45-hai-trang.pdf': await twoPagePdf() }, 2);

    await page.goto(`${host.url}#/documents/${doc.id}`);
    const view = page.getByTestId('document-view');
    const decision = await settledInk(page);
    await view.getByTestId('thumb-2').click();
    await expect(view.getByTestId('page-indicator')).toHaveText('Trang 2/2');
    const annex = await settledInk(page);
    expect(annex).toBeLessThan(decision * 0.7);

    // the annex moves first: the big view shows it as page 1, now and after reopening
    await view.getByRole('button', { name: 'Chuyển lên' }).click();
    await expect(view.getByTestId('page-indicator')).toHaveText('Trang 1/2');
    await expect.poll(() => settledInk(page)).toBeLessThan(decision * 0.7);
    await shot(page, testInfo, 'after-move');
    await page.keyboard.press('Escape');
    await expect(view).toBeHidden();
    await page.goto(`${host.url}#/documents`);
    await page.goto(`${host.url}#/documents/${doc.id}`);
    await expect(view.getByTestId('page-indicator')).toHaveText('Trang 1/2');
    expect(await settledInk(page)).toBeLessThan(decision * 0.7);
    await page.reload();
    await expect(view.getByTestId('page-indicator')).toHaveText('Trang 1/2');
    expect(await settledInk(page)).toBeLessThan(decision * 0.7);
    // the archive answers an outdated version with 404, never with other content
    const detail = await api(page, 'documents.get', { id: doc.id });
    expect(detail.searchableV).toMatch(/^[0-9a-f]{16}$/);
    const current = await page.request.get(new URL(`archive/searchable/${doc.id}/${detail.searchableV}`, host.url).href, { headers: await launchHeaders(page) });
    expect(current.status()).toBe(200);
    expect(current.headers()['cache-control']).toContain('immutable');
    expect((await page.request.get(new URL(`archive/searchable/${doc.id}/0000000000000000`, host.url).href, { headers: await launchHeaders(page) })).status()).toBe(404);

    // turn the annex: its thumbnail stays inside the frame, the state follows the re-read by itself
    await view.getByRole('button', { name: 'Xoay phải' }).click();
    const frame = view.getByTestId('thumb-1').getByTestId('thumb-frame');
    await expect.poll(async () => {
      const f = (await frame.boundingBox())!;
      const img = (await frame.locator('img').boundingBox())!;
      return img.width > img.height && img.x >= f.x - 1 && img.y >= f.y - 1 && img.x + img.width <= f.x + f.width + 1 && img.y + img.height <= f.y + f.height + 1;
    }).toBe(true);
    const state = view.getByTestId('ocr-panel').locator('.ant-tag').first();
    await expect(state).toHaveText('Đã nhận dạng', { timeout: 90_000 });
    // the big view shows the turned page: landscape now
    await expect.poll(() => view.getByTestId('pdf-canvas').evaluate((c: HTMLCanvasElement) => c.width > c.height), { timeout: 15_000 }).toBe(true);
    await view.getByTestId('thumb-1').scrollIntoViewIfNeeded();
    await shot(page, testInfo, 'after-turn');
    await expect(view.getByRole('button', { name: 'Làm mới' })).toBeVisible();
  });
}
