// The units screen at 1440×900 and 1280×720: the name column has room, names never break
// inside a word, the card title keeps its width and every tool stays inside the card.
import { expect, setUp, test } from './fixtures';
import { shot, SIZES } from './day-helpers';

for (const size of SIZES) {
  test(`units screen layout at ${size.width}×${size.height}`, async ({ page, host }, testInfo) => {
    await page.setViewportSize(size);
    await setUp(page, host);
    await page.goto(host.url); // setup.init signed this page in
    await page.getByRole('menuitem', { name: /Đơn vị hành chính/ }).click();
    const card = page.getByTestId('units-card');
    await expect(card.locator('.ant-table-row').nth(10)).toBeVisible({ timeout: 20_000 });
    await shot(page, testInfo, 'units');
    const cardBox = (await card.boundingBox())!;

    // the title is readable in full
    const title = card.locator('.ant-card-head-title');
    await expect(title).toHaveText('Đơn vị hành chính');
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.clientWidth > 150)).toBe(true);

    // every tool, "Thêm đơn vị" included, lies inside the card and the window
    for (const b of await card.getByTestId('units-tools').locator('button, .ant-picker').all()) {
      const box = (await b.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(cardBox.x);
      expect(box.x + box.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    }

    // the name column is wide, and no name is cut inside a word
    const nameHeader = card.locator('.ant-table-thead th').first();
    expect((await nameHeader.boundingBox())!.width).toBeGreaterThan(220);
    const broken = await card.locator('.ant-table-tbody tr.ant-table-row td:first-child').evaluateAll((cells) =>
      cells
        .map((td) => {
          const span = td.querySelector('span:last-child') as HTMLElement | null;
          if (!span || !span.textContent) return null;
          // a word is broken when a line of the name starts inside a word: compare the
          // rendered lines with the name split at spaces
          const range = document.createRange();
          range.selectNodeContents(span);
          const lines = [...range.getClientRects()].filter((r) => r.width > 0);
          const words = span.textContent.split(' ').length;
          return lines.length > words ? span.textContent : null;
        })
        .filter(Boolean),
    );
    expect(broken).toEqual([]);
    const nameCells = card.locator('.ant-table-tbody tr.ant-table-row td:first-child');
    for (let i = 0; i < 12; i++) {
      const h = (await nameCells.nth(i).boundingBox())!.height;
      expect(h).toBeLessThan(60); // one or two lines at most
    }
    // nothing scrolls sideways
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
  });
}
