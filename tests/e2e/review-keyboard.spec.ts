// The review desk by keyboard: each document opens with the cursor in its first doubtful
// field (also after Alt+→), Tab goes on through the fields, and the accept button is in view
// without scrolling at 1440×900 and 1280×720.
import type { Page } from '@playwright/test';
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { expect, setUp, test } from './fixtures';
import { importWithOcr, shot, SIZES } from './day-helpers';

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function acceptInView(page: Page, size: { width: number; height: number }) {
  const accept = page.getByTestId('review-accept');
  await expect(accept).toBeVisible();
  const box = (await accept.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  expect(box.y).toBeGreaterThanOrEqual(0);
  // nothing lies over it
  expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid="review-accept"]') !== null, [box.x + box.width / 2, box.y + box.height / 2])).toBe(true);
}

for (const size of SIZES) {
  test(`review by keyboard at ${size.width}×${size.height}`, async ({ page, host }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await setUp(page, host);
    await page.goto(host.url);
    const scans = await Promise.all([SAMPLE_DOCS[3], SAMPLE_DOCS[0]].map((d) => renderScan(d, { dpi: 200, jpegQuality: 85 })));
    await importWithOcr(page, host, { 'qd-45.jpg': scans[0].image, 'cv-1147.jpg': scans[1].image }, 2);

    await page.getByRole('menuitem', { name: /Soát xét/ }).click();
    await expect(page.getByTestId('review-counter')).toHaveText('Hồ sơ 1/2');
    await expect.poll(() => focusedId(page)).toMatch(/^field-/);
    await acceptInView(page, size);
    await shot(page, testInfo, 'first');

    await page.keyboard.press('Alt+ArrowRight');
    await expect(page.getByTestId('review-counter')).toHaveText('Hồ sơ 2/2');
    await expect.poll(() => focusedId(page)).toMatch(/^field-/);
    const first = await focusedId(page);
    await page.keyboard.press('Tab');
    const next = await focusedId(page);
    expect(next).toMatch(/^field-/);
    expect(next).not.toBe(first);
    await acceptInView(page, size);
    await shot(page, testInfo, 'second');

    // accepting leaves one document, and the cursor is in its fields again
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('review-counter')).toHaveText('Hồ sơ 1/1');
    await expect.poll(() => focusedId(page)).toMatch(/^field-/);
  });
}
