// Issue 22 item 3: review's register matches follow the fields. A dossier code typed into a
// document read without one, Enter, "Lưu thông tin": the register entry shows at 100% and is
// taken for the link at once, without leaving the document and coming back.
import { jpegScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { importWithOcr, shot, SIZES } from './day-helpers';

test('a dossier code typed and saved in review shows its register entry at once', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize(SIZES[0]);
  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  await api(page, 'register.save', { dossierCode: 'H56.38-240312-0042', unitId: byCode('402'), holderName: 'Trần Thị Mai', holderId: '038190004512', issuedOn: '2024-03-12' });
  await importWithOcr(page, host, { 'giay-chung-nhan.jpg': await jpegScan({ title: 'GIẤY CHỨNG NHẬN' }) }, 1);

  await page.getByRole('menuitem', { name: /Soát xét/ }).click();
  await expect(page.getByTestId('review-counter')).toHaveText('Hồ sơ 1/1');
  await expect(page.getByText('Không tìm thấy kết quả khớp trong sổ theo dõi.')).toBeVisible();
  await page.getByTestId('field-dossierCode').fill('H56.38-240312-0042');
  await page.getByTestId('field-dossierCode').press('Enter');
  await page.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(page.getByText('Đã lưu.', { exact: true })).toBeVisible();
  const proposal = page.getByTestId('proposal');
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toContainText('H56.38-240312-0042');
  await expect(proposal).toContainText('Độ khớp 100%');
  await expect(page.getByText('Không tìm thấy kết quả khớp trong sổ theo dõi.')).toHaveCount(0);
  // the 100% match is taken for the link, as when a document opens with it
  await expect(page.getByTestId('review-dossier')).toHaveValue('H56.38-240312-0042');
  await proposal.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'match-after-save');
  await page.setViewportSize(SIZES[1]);
  await proposal.scrollIntoViewIfNeeded();
  await expect(proposal).toBeInViewport();
  await shot(page, testInfo, 'match-after-save-1280');

  // a field changed without saving moves the matches too: the code taken out, the match goes
  await page.getByTestId('field-dossierCode').fill('');
  await expect(page.getByText('Không tìm thấy kết quả khớp trong sổ theo dõi.')).toBeVisible();
});
