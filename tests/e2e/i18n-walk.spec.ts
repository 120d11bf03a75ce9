// Every screen of every role in both languages, and every dialog, drawer, menu and message
// those screens open: no untranslated key on screen, no English in the Vietnamese interface
// and no Vietnamese in the English one. Only the interface's own words are checked (see
// i18n-words.ts), not the archive's data (unit names, titles, people), Vietnamese in both.
import fs from 'node:fs';
import path from 'node:path';
import { CONG_VAN, DOCUMENT_TYPES } from '../../shared/document-fields';
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { makePki } from '../fixtures/pki';
import { jpegScan } from '../fixtures/scans';
import { api, expect, signIn, test, upload, type Host } from './fixtures';
import { accountDialogs, DIALOGS, type WalkContext } from './i18n-dialogs';
import { Walk, type Lang } from './i18n-words';
import type { Page } from '@playwright/test';

test.use({ hostArgs: ['--demo'] });

const ROLES = [
  ['quantri', 'admin'],
  ['lanhdao.tinh', 'unit_head'],
  ['vanthu.nhuxuan', 'records_staff'],
  ['kyso.nhuxuan', 'signing_officer'],
] as const;

// a one-stop export as it comes: Vietnamese headers, which are the file's data in either language
const REGISTER_HEADERS = ['Mã hồ sơ', 'Tên thủ tục', 'Ngày trả kết quả', 'Chủ hồ sơ'];
const REGISTER_ROWS = [['000.00.402.H56-210301-0001', 'Đăng ký khai sinh', '01/03/2021', 'Lê Thị Hoa']];
// the GSO catalogue's own column names, which the units screen quotes as they are
const GSO_HEADERS = ['Tỉnh Thành Phố', 'Quận Huyện', 'Phường Xã', 'Mã TP', 'Mã QH', 'Mã PX', 'Cấp', 'Hiệu lực từ', 'Hiệu lực đến'];

/** As the admin: scans for the walk (two loose ones, one read by OCR), and the archive's data to leave out. */
async function prepare(page: Page, host: Host, walk: Walk) {
  // in Như Xuân, so its records staff and the province's head see them too
  const unitId = ((await api(page, 'units.list', {})) as { id: number; code: string }[]).find((u) => u.code === '402')!.id;
  const imported = async (files: Record<string, Buffer>, ocr: boolean) => {
    const sources = [];
    for (const [n, b] of Object.entries(files)) sources.push(await upload(page, n, b));
    const { jobId } = await api(page, 'documents.import', { sources, ocr, unitId });
    await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 90_000 }).toBe('done');
    return ((await api(page, 'jobs.get', { id: jobId })).outcomes as { documentId: number }[]).map((o) => o.documentId);
  };
  const looseIds = await imported({ 'rieng-1.jpg': await jpegScan({ title: 'RIÊNG 1' }), 'rieng-2.jpg': await jpegScan({ title: 'RIÊNG 2' }) }, false);
  const [readId] = await imported({ 'qd-45.jpg': (await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 85 })).image }, true);
  await readDone(page, readId);
  const registerCsv = path.join(host.dataDir, 'so-theo-doi.csv');
  fs.writeFileSync(registerCsv, [REGISTER_HEADERS, ...REGISTER_ROWS].map((r) => r.join(',')).join('\n'));
  const register = (await api(page, 'register.list', { query: '', offset: 0, limit: 500 })).items as { procedureName: string | null; resultName: string | null }[];
  walk.addData(register.flatMap((r) => [r.procedureName, r.resultName]));
  walk.addData([...REGISTER_HEADERS, ...REGISTER_ROWS.flat(), ...GSO_HEADERS, CONG_VAN, ...DOCUMENT_TYPES.map(([, n]) => n), 'Số hóa Desk Test Root CA']);
  const documentTitles = async () => {
    const docs: { title: string; sourceName: string }[] = [];
    for (let total = 1; docs.length < total; ) {
      const r = await api(page, 'documents.list', { offset: docs.length, limit: 500 });
      docs.push(...r.items);
      total = r.items.length ? r.total : 0;
    }
    walk.addData(docs.flatMap((d) => [d.title, d.sourceName]));
  };
  await documentTitles();
  return { looseIds, readId, registerCsv, documentTitles };
}

/** Waits until the OCR of the walk's document is done, so its review shows what OCR read. */
async function readDone(page: Page, id: number) {
  // read, tagged (its title then comes from the tags) and its searchable PDF written
  const done = async () => {
    const d = await api(page, 'documents.get', { id });
    return d.hasSearchable && (d.pages as { ocrState: string }[]).every((p) => p.ocrState === 'done');
  };
  await expect.poll(done, { timeout: 180_000 }).toBe(true);
}

for (const lang of ['vi', 'en'] as const satisfies readonly Lang[]) {
  test(`every screen and dialog of every role in ${lang === 'vi' ? 'Vietnamese' : 'English'}`, async ({ page, host }, testInfo) => {
    test.setTimeout(900_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(host.launchUrl);
    const walk = new Walk(page, lang, testInfo);
    let context: WalkContext | null = null;
    const pki = makePki({ cn: 'Trần Văn Ký' });
    for (const [username, role] of ROLES) {
      await signIn(page, username, 'sohoa-demo');
      await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 30_000 });
      if (!context) context = { page, host, lang, walk, pki, role, ...(await prepare(page, host, walk)) };
      context.role = role;
      await context.documentTitles();
      await page.getByText(lang === 'en' ? 'English' : 'Tiếng Việt', { exact: true }).click();
      const screens = await page.locator('.ant-menu-item').count();
      for (let i = 0; i < screens; i++) {
        const item = page.locator('.ant-menu-item').nth(i);
        const name = (await item.innerText()).trim();
        await item.click();
        const key = new URL(page.url()).hash.replace(/^#\/?/, '').split('/')[0];
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await walk.check(`${username} · ${name}`);
        await DIALOGS[key]?.(context);
      }
      await accountDialogs(context);
      await page.getByText('Tiếng Việt', { exact: true }).click();
      await page.getByTestId('user-menu').hover();
      await page.getByText('Đăng xuất').click();
      await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
    }
    expect([...new Set(walk.problems)]).toEqual([]);
  });
}
