// Every screen of every role in both languages: no untranslated key on screen, no English
// in the Vietnamese interface and no Vietnamese in the English one. Only the interface's own
// words are checked (menus, buttons, headings, column titles, labels, placeholders, tags),
// not the archive's data (unit names, titles, people), which is Vietnamese in both.
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

test.use({ hostArgs: ['--demo'] });

const ROLES = [
  ['quantri', 'admin'],
  ['lanhdao.tinh', 'unit_head'],
  ['vanthu.nhuxuan', 'records_staff'],
  ['kyso.nhuxuan', 'signing_officer'],
] as const;

const NAMESPACES =
  'app|common|roles|levels|status|nav|signing|trust|sigcheck|import|units|users|account|audit|errors|coverage|register|header|setup|ocr|fields|filters|review|documents|pages|viewer|day|auditAction|auditObject|auditKey';
const KEY = new RegExp(`\\b(${NAMESPACES})\\.[a-zA-Z]+`);
// letters only Vietnamese uses (ó, á… are left out: they occur in names kept in English too)
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const ENGLISH = /\b(the|and|of|Select|row|Search|Signature\d*|Loading|Cancel|Submit|Upload|Download|Next|Previous|Close|Save|Edit|Delete|Refresh|items?|page|Export)\b/;
// the chrome: what the interface itself says
const CHROME =
  '.ant-menu-title-content, button, .ant-card-head-title, .ant-table-thead th, label, .ant-tabs-tab, .ant-tag, .ant-empty-description, .ant-alert-message, .ant-segmented-item-label, .ant-select-selection-placeholder, [data-testid="user-menu"]';

async function chromeTexts(page: Page): Promise<string[]> {
  const texts = await page.locator(CHROME).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
  const placeholders = await page.locator('input[placeholder]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).placeholder));
  return [...texts, ...placeholders];
}

// names of data that appear inside the chrome (a unit in a tag, a person in the user menu)
const DATA =
  /(Xã|Phường|Thị trấn|Huyện|Tỉnh|Thành phố|Thị xã)( \p{Lu}\p{Ll}*)+|Quản trị hệ thống|Lê Văn Tỉnh|Nguyễn Thị Văn Thư|Trần Văn Ký|Phạm Thị Huyện|Hoàng Văn Sơn|Tiếng Việt|SAO Y|SAO LỤC|TRÍCH SAO/gu;

for (const lang of ['vi', 'en'] as const) {
  test(`every screen of every role in ${lang === 'vi' ? 'Vietnamese' : 'English'}`, async ({ page, host }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(host.launchUrl);
    const problems: string[] = [];
    for (const [username] of ROLES) {
      await signIn(page, username, 'sohoa-demo');
      await expect(page.getByTestId('user-menu')).toBeVisible();
      if (lang === 'en') await page.getByText('English', { exact: true }).click();
      else await page.getByText('Tiếng Việt', { exact: true }).click();
      const screens = await page.locator('.ant-menu-item').count();
      for (let i = 0; i < screens; i++) {
        const item = page.locator('.ant-menu-item').nth(i);
        const name = (await item.innerText()).trim();
        await item.click();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.waitForTimeout(700);
        for (const text of await chromeTexts(page)) {
          const words = text.replace(DATA, ' ');
          if (KEY.test(text)) problems.push(`${username} · ${name}: untranslated key in "${text}"`);
          else if (lang === 'en' && VIETNAMESE.test(words)) problems.push(`${username} · ${name}: Vietnamese in "${text}"`);
          else if (lang === 'vi' && ENGLISH.test(words)) problems.push(`${username} · ${name}: English in "${text}"`);
        }
      }
      await page.getByText('Tiếng Việt', { exact: true }).click();
      await page.getByTestId('user-menu').hover();
      await page.getByText('Đăng xuất').click();
      await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
    }
    expect([...new Set(problems)]).toEqual([]);
  });
}
