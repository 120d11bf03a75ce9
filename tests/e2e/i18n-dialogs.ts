// The language walk's second half: on each screen, every dialog, drawer, menu and message the
// screen opens, each opened, read and closed again (or carried through where the next words
// only show after it: a signing batch, a backup, a merge and split).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { enAll, viAll } from '../../renderer/src/i18n/resources';
import { jpegScan } from '../fixtures/scans';
import type { TestPki } from '../fixtures/pki';
import { api, expect, type Host } from './fixtures';
import type { Lang, Walk } from './i18n-words';

/** What the dialogs need: the archive's files for uploads, the test PKI, and ids found on the way. */
export interface WalkContext {
  page: Page;
  host: Host;
  lang: Lang;
  walk: Walk;
  pki: TestPki;
  role: string;
  /** a demo document read by OCR at the start, reviewed on the review screen */
  readId: number;
  /** the register file with its (Vietnamese) headers, for the mapping step */
  registerCsv: string;
  /** two scans imported for the walk, merged and split on the archive screen */
  looseIds: number[];
  /** the document the officer signed on the signing screen, checked on the archive screen */
  signedId?: number;
  /** reads the archive's document titles again (a split names its new part) */
  documentTitles: () => Promise<void>;
}

const RESOURCES = { vi: viAll, en: enAll };
/** The interface's text for a key in the walk's language, {{placeholders}} matching anything. */
export function T(lang: Lang, key: string): RegExp {
  const text = key.split('.').reduce<any>((o, k) => o?.[k], RESOURCES[lang]);
  if (typeof text !== 'string') throw new Error(`no text for ${key}`);
  const parts = text.split(/\{\{[^}]+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // a button's accessible name may start with its icon's name
  return new RegExp(`^\\s*(?:[a-z-]+ )?${parts.join('.*')}\\s*$`);
}

const modal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal').last();
async function closeModal(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
}
async function seeMessage(c: WalkContext, where: string) {
  await expect(c.page.locator('.ant-message-notice').first()).toBeVisible({ timeout: 30_000 });
  await c.walk.check(where);
}

type Opener = (c: WalkContext) => Promise<void>;

const coverage: Opener = async (c) => {
  const { page, lang } = c;
  // the demo register is 2020–2021: its last day has lagging units with worklists
  const date = page.locator('#coverage-date');
  await date.click();
  await date.fill('31/12/2021');
  await date.press('Enter');
  await page.getByTestId('export-menu').hover();
  await expect(page.getByTestId('export-xlsx')).toBeVisible();
  await c.walk.check(`${c.role} · coverage · export menu`);
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  const tag = page.locator('[data-testid^="lagging-"][title]').first();
  await tag.click();
  await expect(page.getByTestId('worklist').locator('.ant-table-row').first()).toBeVisible({ timeout: 30_000 });
  await c.walk.check(`${c.role} · coverage · worklist`);
  await closeModal(page);
  if (c.role !== 'admin') return;
  await page.getByRole('button', { name: T(lang, 'coverage.targets') }).click();
  await expect(modal(page).locator('.ant-table-row').first()).toBeVisible();
  await c.walk.check(`${c.role} · coverage · targets`);
  await closeModal(page);
};

/** The page viewer (a signed document's, with its check, for the officer), then (admin) a merge and a split. */
const documents: Opener = async (c) => {
  const { page, lang } = c;
  const view = page.getByTestId('document-view');
  if (c.signedId) await page.goto(`${c.host.url}#/documents/${c.signedId}`);
  else await page.locator('[data-testid^="doc-row-"]').first().click();
  await expect(view.getByTestId('page-indicator')).toBeVisible({ timeout: 30_000 });
  await c.walk.check(`${c.role} · documents · page viewer`);
  if (c.signedId) {
    await view.getByTestId('verify-signatures').click();
    await expect(view.getByTestId('verify-report')).toBeVisible({ timeout: 30_000 });
    await c.walk.check(`${c.role} · documents · signature check`);
  }
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  if (c.role !== 'admin') return;
  // the two scans imported for the walk are the newest: merged, then split again at page 2
  for (const id of c.looseIds) await page.getByTestId(`doc-row-${id}`).locator('.ant-checkbox-input').check();
  await c.walk.check(`${c.role} · documents · two selected`);
  await page.getByTestId('bulk-edit').click();
  await page.getByTestId('bulk-links').check();
  await c.walk.check(`${c.role} · documents · bulk edit`);
  await closeModal(page);
  await page.getByRole('button', { name: T(lang, 'pages.merge') }).click();
  await page.locator('.ant-popconfirm-buttons:visible button').last().click(); // the confirmation
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 }); // done and faded (an async confirm stays open while it works), so the next question is not taken for it
  await seeMessage(c, `${c.role} · documents · merged`);
  const merged = (await api<{ items: { id: number; pageCount: number }[] }>(page, 'documents.list', { sort: 'createdAt', order: 'desc', limit: 5 })).items.find((d) => d.pageCount === 2)!;
  await page.goto(`${c.host.url}#/documents/${merged.id}`);
  await expect(view.getByTestId('thumb-2')).toBeVisible({ timeout: 30_000 });
  await view.getByTestId('thumb-2').click();
  await view.getByRole('button', { name: T(lang, 'pages.remove') }).click();
  await expect(page.locator('.ant-popconfirm-title')).toBeVisible();
  await c.walk.check(`${c.role} · documents · delete page`);
  await page.locator('.ant-popconfirm-buttons button').first().click();
  // the delete confirmation fades out before the split's opens, or the click lands on the closing one
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 });
  await view.getByRole('button', { name: T(lang, 'pages.splitHere') }).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: T(lang, 'confirm.ok') }).click(); // the confirmation
  await expect(c.page.locator('.ant-message-notice').first()).toBeVisible({ timeout: 30_000 });
  await c.documentTitles();
  await c.walk.check(`${c.role} · documents · split`);
  await page.keyboard.press('Escape');
};

const importScreen: Opener = async (c) => {
  const { page } = c;
  const dir = fs.mkdtempSync(path.join(c.host.dataDir, 'walk-'));
  fs.writeFileSync(path.join(dir, 'trang-1.jpg'), await jpegScan({ title: 'trang 1' }));
  await page.getByTestId('file-input').setInputFiles(path.join(dir, 'trang-1.jpg'));
  await expect(page.getByTestId('start-import')).toBeVisible();
  await page.getByTestId('find-scanners').click();
  await expect(page.getByTestId('find-scanners')).not.toHaveClass(/loading/, { timeout: 30_000 });
  await c.walk.check(`${c.role} · import · queue and scanners`);
};

const review: Opener = async (c) => {
  const { page } = c;
  await page.goto(`${c.host.url}#/review/${c.readId}`);
  await expect(page.getByTestId('field-number')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('field-number').focus();
  await c.walk.check(`${c.role} · review · document`);
};

const register: Opener = async (c) => {
  const { page, lang } = c;
  await page.getByRole('button', { name: T(lang, 'register.add') }).click();
  await expect(modal(page)).toBeVisible();
  await modal(page).getByRole('button', { name: T(lang, 'common.save') }).click();
  await expect(modal(page).locator('.ant-form-item-explain-error').first()).toBeVisible();
  await c.walk.check(`${c.role} · register · add entry`);
  await closeModal(page);
  await page.getByRole('tab', { name: T(lang, 'register.importTab') }).click();
  await page.getByTestId('register-input').setInputFiles(c.registerCsv);
  await expect(page.getByTestId('register-import')).toBeVisible({ timeout: 30_000 });
  await c.walk.check(`${c.role} · register · import mapping`);
  await page.getByRole('tab', { name: T(lang, 'register.list') }).click();
  await page.getByTestId('view-save').click();
  await expect(page.getByTestId('view-name')).toBeVisible();
  await c.walk.check(`${c.role} · register · save view`);
  await closeModal(page);
  await page.getByTestId('view-manage').click();
  await expect(page.getByTestId('views-table')).toBeVisible();
  await c.walk.check(`${c.role} · register · manage views`);
  await closeModal(page);
};

/** The worklist's row dialog: import the result's scan, or link a document already archived. */
const work: Opener = async (c) => {
  const { page, lang } = c;
  await page.locator('[data-testid^="work-start-"]').first().click();
  await expect(modal(page)).toBeVisible();
  await c.walk.check(`${c.role} · work · import the scan`);
  await modal(page).getByRole('tab', { name: T(lang, 'work.existingTab') }).click();
  await expect(page.getByTestId('work-docs')).toBeVisible();
  await c.walk.check(`${c.role} · work · link a document`);
  await closeModal(page);
};

/** The signing dialog: token search, the .p12 tab, the copy preview; the officer signs one. */
const signing: Opener = async (c) => {
  const { page, lang } = c;
  await page.locator('.ant-table-tbody .ant-checkbox-input').first().check();
  await page.getByTestId('sign-selected').click();
  await expect(modal(page)).toBeVisible();
  await modal(page).getByRole('button', { name: T(lang, 'signing.findTokens') }).click();
  await expect(page.getByTestId('token-search')).toBeVisible({ timeout: 30_000 });
  await c.walk.check(`${c.role} · signing · token search`);
  await page.getByRole('tab', { name: T(lang, 'signing.p12') }).click();
  await modal(page).getByRole('button', { name: T(lang, 'signing.start') }).click();
  await expect(modal(page).locator('.ant-form-item-explain-error').first()).toBeVisible();
  await c.walk.check(`${c.role} · signing · key file`);
  if (c.role !== 'signing_officer') return closeModal(page);
  await expect(page.getByTestId('copy-preview')).toBeVisible({ timeout: 30_000 });
  c.signedId = Number((await page.locator('.ant-table-tbody tr.ant-table-row').first().getAttribute('data-row-key')) ?? 0);
  const p12 = path.join(c.host.dataDir, 'walk.p12');
  fs.writeFileSync(p12, c.pki.p12);
  await page.getByTestId('p12-input').setInputFiles(p12);
  await page.getByTestId('p12-password').fill(c.pki.password);
  await modal(page).getByRole('button', { name: T(lang, 'signing.start') }).click();
  await expect(page.getByTestId('sign-job').getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  await c.walk.check(`${c.role} · signing · signed`);
};

const units: Opener = async (c) => {
  const { page, lang } = c;
  await page.getByRole('button', { name: T(lang, 'units.add') }).click();
  await expect(modal(page)).toBeVisible();
  await c.walk.check(`${c.role} · units · add unit`);
  await closeModal(page);
  await page.getByRole('button', { name: T(lang, 'units.loadDemo') }).click();
  await expect(page.getByTestId('catalogue-report')).toBeVisible({ timeout: 60_000 });
  await c.walk.check(`${c.role} · units · catalogue report`);
  await closeModal(page);
};

const users: Opener = async (c) => {
  const { page, lang } = c;
  await page.getByRole('button', { name: T(lang, 'users.add') }).click();
  await expect(modal(page)).toBeVisible();
  await modal(page).getByRole('button', { name: T(lang, 'common.save') }).click();
  await expect(modal(page).locator('.ant-form-item-explain-error').first()).toBeVisible();
  await c.walk.check(`${c.role} · users · create account`);
  await closeModal(page);
};

const trust: Opener = async (c) => {
  const { page, lang } = c;
  const pem = path.join(c.host.dataDir, 'walk-root.pem');
  fs.writeFileSync(pem, c.pki.rootPem);
  await page.getByTestId('trust-input').setInputFiles(pem);
  await seeMessage(c, `${c.role} · trust · added`);
  await page.getByText(T(lang, 'trust.remove')).last().click();
  await expect(page.locator('.ant-popconfirm-title')).toBeVisible();
  await c.walk.check(`${c.role} · trust · remove`);
  await page.locator('.ant-popconfirm-buttons button').first().click();
};

const maintenance: Opener = async (c) => {
  const { page } = c;
  await page.getByTestId('backup-dir').fill(fs.mkdtempSync(path.join(path.dirname(c.host.dataDir), 'sohoa-walk-backup-')));
  for (const id of ['backup-passphrase', 'backup-passphrase-again']) await page.getByTestId(id).fill('mật khẩu sao lưu thử');
  await page.getByTestId('backup-start').click();
  await expect(page.getByTestId('backup-result')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('check-start').click();
  await expect(page.getByTestId('check-result')).toBeVisible({ timeout: 120_000 });
  await c.walk.check(`${c.role} · maintenance · backup and check`);
};

export const DIALOGS: Record<string, Opener> = { coverage, documents, work, import: importScreen, review, register, signing, units, users, trust, maintenance };

/** The user menu and the change-password dialog, on every role. */
export async function accountDialogs(c: WalkContext) {
  const { page, lang } = c;
  await page.getByTestId('user-menu').hover();
  await page.getByText(T(lang, 'header.changePassword')).click();
  await expect(modal(page)).toBeVisible();
  // saving the empty form shows the rules; on a loaded machine the first click can land before the form is live
  await expect(async () => {
    await modal(page).getByRole('button', { name: T(lang, 'common.save') }).click();
    await expect(modal(page).locator('.ant-form-item-explain-error').first()).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await c.walk.check(`${c.role} · change password`);
  await closeModal(page);
}
