// Issue 22 item 4: the signing outcome where the officer looks. A key whose certificate the
// trust store does not reach, held by someone else than the signed-in officer: the result
// shows at the top, in view, saying nothing was signed (no "Đã ký 1/1" beside "đã ký 0, lỗi 1"),
// warns of the holder, and the failed attempt (and a wrong password) is in the audit log. The
// officer's own trusted key then signs, and the result says so.
import fs from 'node:fs';
import path from 'node:path';
import { makePki } from '../fixtures/pki';
import { pdfScan } from '../fixtures/scans';
import { api, expect, setUp, signIn, test, upload } from './fixtures';
import { shot, SIZES } from './day-helpers';

test('a failed batch says so at the top, warns of another holder and is audited', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(SIZES[1]);
  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  const own = makePki({ cn: 'NGUYỄN THỊ LAN' });
  const other = makePki({ cn: 'Trần Văn Ký' });
  await api(page, 'trust.add', { source: await upload(page, 'root.pem', Buffer.from(own.rootPem)) });
  // many documents waiting, so the queue is long; one of them is signed
  const ids: number[] = [];
  for (let n = 1; n <= 12; n++) {
    const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, `ho-so-${n}.pdf`, await pdfScan(1 + (n % 2), `HỒ SƠ ${n}`))] });
    await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 60_000 }).toBe('done');
    const id = (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId;
    await api(page, 'documents.link', { id, dossierCode: null, digitized: true });
    ids.push(id);
  }
  await api(page, 'users.save', { username: 'lan', fullName: 'Nguyễn Thị Lan', role: 'signing_officer', unitId: byCode('402'), password: 'mat-khau-1' });
  await api(page, 'auth.signOut');
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'keys-'));
  fs.writeFileSync(path.join(dir, 'ky.p12'), other.p12);
  fs.writeFileSync(path.join(dir, 'lan.p12'), own.p12);

  await page.goto(host.url);
  await signIn(page, 'lan', 'mat-khau-1');
  await expect(page.getByText('Hồ sơ chờ ký số')).toBeVisible();
  const signWith = async (file: string, password: string) => {
    const row = page.getByRole('checkbox', { name: 'Chọn hồ sơ ho-so-12' });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.check();
    await expect(page.getByTestId('sign-selected')).toHaveText('Ký 1 hồ sơ đã chọn');
    await page.getByTestId('sign-selected').click();
    await page.getByRole('tab', { name: /Tệp chứng thư/ }).click();
    await page.getByTestId('p12-input').setInputFiles(path.join(dir, file));
    await page.getByTestId('p12-password').fill(password);
    await page.getByRole('button', { name: 'Ký', exact: true }).click();
  };

  // a wrong password: refused in the dialog, and audited
  await signWith('ky.p12', 'sai-mat-khau');
  await expect(page.getByText(/sai mật khẩu của tệp chứng thư số/)).toBeVisible();
  await page.getByRole('button', { name: 'Hủy' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // someone else's key, not trusted: nothing signed, said at the top of the screen
  await signWith('ky.p12', other.password);
  const result = page.getByTestId('sign-result');
  await expect(result.getByTestId('sign-failed')).toHaveText('Không ký được hồ sơ nào: lỗi 1. Xem lý do ở từng hồ sơ bên dưới.', { timeout: 30_000 });
  await expect(result).toBeInViewport();
  await expect(result.getByTestId('sign-job')).toContainText('Kết quả ký số: đã ký 0/1 hồ sơ');
  await expect(result.getByTestId('sign-job')).toContainText('Hoàn tất: đã ký 0, lỗi 1.');
  await expect(result).not.toContainText('Đã ký 1/1');
  await expect(result.getByTestId('sign-holder')).toHaveText('Chứng thư số mang tên Trần Văn Ký, không phải người đang đăng nhập (Nguyễn Thị Lan).');
  // the result sits above the queue, which still lists the document
  const top = async (l: ReturnType<typeof page.getByTestId>) => (await l.boundingBox())!.y;
  expect(await top(result)).toBeLessThan(await top(page.getByText('Hồ sơ chờ ký số')));
  await shot(page, testInfo, 'failed-batch-1280');
  await page.setViewportSize(SIZES[0]);
  await shot(page, testInfo, 'failed-batch-1440');

  // her own key: signed, no holder warning (the CN matches her name without case or accents)
  await signWith('lan.p12', own.password);
  await expect(result.getByTestId('sign-job')).toContainText('Kết quả ký số: đã ký 1/1 hồ sơ', { timeout: 30_000 });
  await expect(result.getByTestId('sign-job')).toContainText('Hoàn tất: đã ký 1, lỗi 0.');
  await expect(result.getByTestId('sign-failed')).toHaveCount(0);
  await expect(result.getByTestId('sign-holder')).toHaveCount(0);
  await shot(page, testInfo, 'signed-batch-1440');

  // the audit log has both failed attempts on the document, and the signature
  await api(page, 'auth.signOut');
  await page.reload();
  await signIn(page, 'quantri', 'matkhau-quantri');
  await expect(page.getByRole('menuitem', { name: /Nhật ký thao tác/ })).toBeVisible();
  const doc = ids[11];
  const log = await api(page, 'audit.list', { offset: 0, limit: 50, objectType: 'document', objectId: String(doc) });
  const actions = log.items.map((r: any) => r.action);
  expect(actions.filter((a: string) => a === 'documents.signFailed')).toHaveLength(2);
  expect(actions).toContain('documents.sign');
  const refused = log.items.find((r: any) => r.action === 'documents.signFailed' && JSON.parse(r.details).signer);
  expect(JSON.parse(refused.details)).toMatchObject({ code: 'CERT_REFUSED', signer: 'Trần Văn Ký' });
});
