// What the language walk reads on screen and how it judges it: the interface's own words
// (menus, buttons, titles, labels, tags, alerts, messages, dialogs, tooltips, accessible names),
// with the archive's data (units, people, documents, procedures) taken out first.
import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { viAll } from '../../renderer/src/i18n/resources';
import { shot } from './day-helpers';

export type Lang = 'vi' | 'en';

// every namespace the interface has: a key shown as such is untranslated
const NAMESPACES = Object.keys(viAll).join('|');
const KEY = new RegExp(`\\b(${NAMESPACES})\\.[a-zA-Z]+`);
// letters only Vietnamese uses (ó, á… are left out: they occur in names kept in English too)
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const ENGLISH =
  /\b(the|and|of|Select|row|rows|all|Search|Signature\d*|Loading|Cancel|Submit|Upload|Download|Next|Previous|Close|Save|Edit|Delete|Refresh|items?|page|Export|thumbnails|Custom|selected|expand|collapse|OK)\b/;
// the chrome: what the interface itself says
const CHROME = [
  '.ant-menu-title-content',
  'button',
  '.ant-card-head-title',
  '.ant-table-thead th',
  'label',
  '.ant-tabs-tab',
  '.ant-tag',
  '.ant-empty-description',
  '.ant-alert-message',
  '.ant-alert-description',
  '.ant-segmented-item-label',
  '.ant-select-selection-placeholder',
  '[data-testid="user-menu"]',
  '.ant-modal-title',
  '.ant-drawer-title',
  '.ant-descriptions-title',
  '.ant-descriptions-item-label',
  '.ant-form-item-extra',
  '.ant-form-item-explain-error',
  '.ant-popconfirm-title',
  '.ant-dropdown-menu-title-content',
  '.ant-message-notice-content',
  '.ant-tooltip-inner',
  '.ant-statistic-title',
  '.ant-steps-item-title',
  '.ant-list-header',
  '.ant-typography-secondary',
  '.ant-typography strong',
  '.ant-table-title',
  '.ant-pagination',
].join(', ');

/** Everything the interface says on screen now, with where it was read. */
async function chromeTexts(page: Page): Promise<string[]> {
  const texts = await page.locator(CHROME).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
  const attrs = await page.evaluate(() =>
    [...document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')]
      // icon names are the icon font's, not words of the interface
      .filter((e) => !e.classList.contains('anticon') && !(e instanceof SVGElement))
      .flatMap((e) => ['placeholder', 'aria-label', 'title', 'alt'].map((a) => e.getAttribute(a) ?? ''))
      .filter(Boolean),
  );
  return [...texts, ...attrs];
}

// names of data that appear inside the chrome (a unit in a tag, a person in the user menu)
const DATA =
  /\b\d+\/[\p{Lu}Đ]+(-[\p{Lu}Đ]+)*|(Xã|Phường|Thị trấn|Huyện|Tỉnh|Thành phố|Thị xã)( \p{Lu}\p{Ll}*)+|Quản trị hệ thống|Lê Văn Tỉnh|Nguyễn Thị Văn Thư|Trần Văn Ký|Phạm Thị Huyện|Hoàng Văn Sơn|Tiếng Việt|SAO Y|SAO LỤC|TRÍCH SAO/gu;

/** Reads the screen and collects every untranslated key and every word in the other language. */
export class Walk {
  readonly problems: string[] = [];
  /** archive data read through the API (titles, procedures, file headers): Vietnamese in both languages */
  private data: string[] = [];
  private shots = 0;

  constructor(
    private readonly page: Page,
    private readonly lang: Lang,
    private readonly testInfo: TestInfo,
  ) {}

  addData(values: (string | null | undefined)[]) {
    this.data = [...new Set([...this.data, ...values.filter((v): v is string => !!v && v.length > 2)])].sort((a, b) => b.length - a.length);
  }

  private strip(text: string): string {
    let out = text;
    for (const d of this.data) if (out.includes(d)) out = out.split(d).join(' ');
    return out.replace(DATA, ' ');
  }

  /** Checks what is on screen now, as `where`; a screenshot of it is kept. */
  async check(where: string) {
    const found: string[] = [];
    for (const text of await chromeTexts(this.page)) {
      const words = this.strip(text);
      if (KEY.test(text)) found.push(`${where}: untranslated key in "${text}"`);
      else if (this.lang === 'en' && VIETNAMESE.test(words)) found.push(`${where}: Vietnamese in "${text}"`);
      else if (this.lang === 'vi' && ENGLISH.test(words)) found.push(`${where}: English in "${text}"`);
    }
    this.problems.push(...found);
    // kept beside the screenshots, so a run that stops half-way still shows what it found
    if (found.length) {
      const file = this.testInfo.outputPath(`${this.lang}-problems.txt`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, `${found.join('\n')}\n`);
    }
    await shot(this.page, this.testInfo, `${this.lang}-${String(++this.shots).padStart(3, '0')}-${where.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}`);
  }
}
