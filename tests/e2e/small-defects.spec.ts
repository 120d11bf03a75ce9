// Issue 22 item 9, the smaller defects, as a clerk meets them in Chromium: a date that does
// not exist is named (not silently put back) and a typed ISO date is shown back as dd/mm/yyyy,
// in the review and in the register's own dialog;
// page tools say what they do; the audit log words actions, flags, fields and page numbers and
// names a document by the title it had then; the signature check speaks in words with the codes
// in tooltips; a level with no valid result is neither met nor missed; a scan cut short is said
// so without the decoder's words; a born-digital PDF is not asked to be a colour photo; a drop
// that gives a plain file list is taken.
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { makePki } from '../fixtures/pki';
import { jpegScan } from '../fixtures/scans';
import { api, expect, setUp, test, upload } from './fixtures';
import { importWithOcr, shot, SIZES, twoPagePdf } from './day-helpers';

test('dates, page tools, the audit log and the signature check in words', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize(SIZES[0]);
  await setUp(page, host);
  await page.goto(host.url);
  const [doc] = await importWithOcr(page, host, { 'qd-45.pdf': await twoPagePdf() }, 2);
  const current = (await api(page, 'documents.get', { id: doc.id })).title as string;
  expect(current).not.toBe('qd-45');

  // review: 31/02/2017 is refused out loud; an ISO date typed is shown back as dd/mm/yyyy
  await page.getByRole('menuitem', { name: /Soát xét/ }).click();
  const date = page.locator('#field-date');
  await date.click();
  await date.fill('31/02/2017');
  await date.press('Enter');
  await expect(page.getByText('"31/02/2017" không phải một ngày có thật; hãy nhập dạng dd/mm/yyyy.')).toBeVisible();
  await expect(page.locator('.ant-picker-status-error')).toHaveCount(1);
  await shot(page, testInfo, 'impossible-date');
  await date.click();
  await date.fill('2017-02-28');
  await date.press('Enter');
  await expect(date).toHaveValue('28/02/2017');
  await expect(page.locator('.ant-picker-status-error')).toHaveCount(0);
  await api(page, 'documents.review', { id: doc.id, fields: { agency: 'UBND huyện Như Xuân' }, dossierCode: null, accept: false });

  // page tools say what they do; page 2 deleted, the check run without repair
  await page.goto(`${host.url}#/documents/${doc.id}`);
  const tools = page.getByTestId('page-tools');
  for (const words of ['Xoay trái', 'Xoay phải', 'Chuyển lên', 'Chuyển xuống', 'Xóa trang']) await expect(tools.getByRole('button', { name: words })).toContainText(words);
  await shot(page, testInfo, 'page-tools');
  const pages = (await api(page, 'documents.get', { id: doc.id })).pages as { id: number }[];
  await api(page, 'pages.delete', { documentId: doc.id, pageIds: [pages[1].id] });
  const { jobId } = await api(page, 'maintenance.check', { repair: false });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 60_000 }).toBe('done');

  // the audit log: words, page numbers, the title of the time
  await page.goto(`${host.url}#/audit`);
  const table = page.locator('.ant-table-tbody');
  const row = (action: string) => table.locator('tr', { has: page.getByTestId('audit-action-text').getByText(action, { exact: true }) }).first();
  await expect(row('Kiểm tra kho').getByTestId('audit-details')).toHaveText('chỉ kiểm tra, không sửa');
  await expect(row('Xóa trang').getByTestId('audit-details')).toHaveText('trang: 2');
  await expect(row('Lưu soát xét').getByTestId('audit-details')).toContainText('trường đã sửa: Cơ quan ban hành');
  await expect(row('Nhập tệp quét').getByTestId('audit-object')).toHaveText('Hồ sơ qd-45');
  await expect(table).not.toContainText(/maintenance\.|repair|agency/);
  await shot(page, testInfo, 'audit-words');
  await page.getByText('English').click();
  await expect(row('Checked the archive').getByTestId('audit-details')).toHaveText('check only, no repair');
  await expect(row('Saved review').getByTestId('audit-details')).toContainText('fields changed: Issuing body');
  await page.getByText('Tiếng Việt').click();

  // signed with the officer's key, then checked: the kind in words, the code behind it
  const pki = makePki({ cn: 'Quản Trị Viên' });
  await api(page, 'trust.add', { source: await upload(page, 'root.pem', Buffer.from(pki.rootPem)) });
  await api(page, 'documents.link', { id: doc.id, dossierCode: null, digitized: true });
  const sign = await api(page, 'signing.sign', { documentIds: [doc.id], key: { p12: { source: await upload(page, 'k.p12', pki.p12), password: pki.password } }, appearance: 'none' });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: sign.jobId })).state, { timeout: 90_000 }).toBe('done');
  await page.goto(`${host.url}#/documents/${doc.id}`);
  await page.getByTestId('verify-signatures').click();
  const report = page.getByTestId('verify-report');
  await expect(report.getByTestId('signature-kind')).toHaveText(/^PAdES /);
  await expect(report).not.toContainText(/ETSI\.|adbe\.|unknown|\[replace\]/);
  await report.getByTestId('signature-kind').locator('[data-code]').hover();
  await expect(page.getByRole('tooltip')).toContainText(/Mã kỹ thuật \(cho bộ phận CNTT\): ETSI\.CAdES\.detached/);
  await shot(page, testInfo, 'signature-words');
});

test('the register\'s own dialog takes a typed ISO or dotted date and names one that does not exist', async ({ page, host }, testInfo) => {
  await page.setViewportSize(SIZES[0]);
  await setUp(page, host);
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: 'Sổ theo dõi kết quả' }).click();
  await page.getByRole('button', { name: 'Thêm kết quả' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Mã hồ sơ').fill('H56.38-240312-0099');
  const issued = dialog.locator('#issuedOn');
  await issued.click();
  await issued.fill('2024-03-12');
  await issued.press('Enter');
  await expect(issued).toHaveValue('12/03/2024');
  const until = dialog.locator('#validUntil');
  await until.click();
  await until.fill('31.02.2031');
  await until.press('Enter');
  await expect(page.getByText('"31.02.2031" không phải một ngày có thật; hãy nhập dạng dd/mm/yyyy.')).toBeVisible();
  await expect(dialog.locator('.ant-picker-status-error')).toHaveCount(1);
  await shot(page, testInfo, 'register-impossible-date');
  // saved now, the old (empty) value would go in unnoticed: Save stops at the field instead
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Ngày không có thật; hãy nhập lại dạng dd/mm/yyyy.')).toBeVisible();
  await expect(dialog).toBeVisible();
  await until.click();
  await until.fill('12.03.2031');
  await until.press('Enter');
  await expect(until).toHaveValue('12/03/2031');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  const { items } = await api(page, 'register.list', { query: 'H56.38-240312-0099' });
  expect(items).toEqual([expect.objectContaining({ dossierCode: 'H56.38-240312-0099', issuedOn: '2024-03-12', validUntil: '2031-03-12' })]);
});

test('a level with no valid result is neither met nor missed', async ({ page, host }, testInfo) => {
  await page.setViewportSize(SIZES[0]);
  await setUp(page, host);
  await page.goto(host.url);
  // targets set, no valid result anywhere yet: nothing to judge, no gap below the target
  const year = new Date().getFullYear();
  for (const level of ['province', 'district', 'commune']) await api(page, 'targets.set', { year, level, rate: 0.15 });
  await page.getByRole('menuitem', { name: /Tiến độ số hóa/ }).click();
  for (const level of ['province', 'commune']) {
    const card = page.getByTestId(`level-${level}`);
    await expect(card.getByTestId('level-nothing')).toHaveText('Không có kết quả còn hiệu lực');
    await expect(card).toContainText('—');
    await expect(card).not.toContainText('Chưa đạt');
  }
  await expect(page.getByTestId('ranking').locator('tr.ant-table-row').first()).toBeVisible();
  await expect(page.getByTestId('ranking').locator('tr', { hasText: /[−-]15/ })).toHaveCount(0);
  await shot(page, testInfo, 'levels');
});

test('import: a cut-short scan in words, a born-digital PDF unwarned, a plain dropped file list taken', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize(SIZES[1]);
  await setUp(page, host);
  await page.goto(host.url);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  fs.writeFileSync(path.join(dir, 'cat-do.jpg'), (await jpegScan()).subarray(0, 4000));
  const born = await PDFDocument.create();
  born.addPage([595, 842]).drawText('Cong van so 12/UBND', { x: 72, y: 760, size: 14, font: await born.embedFont(StandardFonts.Helvetica) });
  fs.writeFileSync(path.join(dir, 'cong-van.pdf'), Buffer.from(await born.save()));
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('ocr-after-import').uncheck();

  // a drop whose items give no entries (as some browsers and file managers send): the files still queue
  const jpg = await jpegScan({ title: 'keo-tha' });
  await page.getByTestId('dropzone').evaluate((zone, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'keo-tha.jpg', { type: 'image/jpeg' }));
    Object.defineProperty(dt, 'items', { value: [] });
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...jpg]);
  await expect(page.locator('.ant-list-item', { hasText: 'keo-tha.jpg' })).toBeVisible();

  await page.getByTestId('file-input').setInputFiles(['cat-do.jpg', 'cong-van.pdf'].map((n) => path.join(dir, n)));
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 2', { timeout: 60_000 });
  const card = page.locator('.ant-card', { has: page.getByTestId('import-summary') });
  await expect(card).toContainText('cat-do.jpg: tệp bị cắt cụt (thiếu phần cuối)');
  await expect(card).not.toContainText(/Vips|premature/i);
  await expect(card).not.toContainText('không phải ảnh màu');
  await shot(page, testInfo, 'import-words');
});
