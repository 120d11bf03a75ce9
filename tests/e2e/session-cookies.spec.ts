// Two launches of the browser host in one Chromium: cookies are sent to every port of
// 127.0.0.1, so each host names its cookies by port and neither sees or clobbers the other's.
import { api, expect, launchHost, setUp, test } from './fixtures';

test('two hosts on one machine keep their own sessions in the same browser', async ({ page, host, context }) => {
  const second = await launchHost();
  try {
    await setUp(page, host);
    expect(await api(page, 'auth.me')).toMatchObject({ username: 'quantri' });
    // the browser's cookies alone, as any program on 127.0.0.1 the browser visits receives them, open nothing
    expect((await page.request.post(new URL('api/auth.me', host.url).href, { data: {} })).status()).toBe(401);
    const other = await context.newPage();
    await other.goto(second.host.launchUrl);
    // the first host's session cookies reach the second host, which ignores them: not signed in there
    expect(await api(other, 'auth.me')).toBeNull();
    const port = (u: string) => new URL(u).port;
    const names = (await context.cookies()).map((c) => c.name).sort();
    expect(names).toEqual(
      [`sohoa_client_${port(host.url)}`, `sohoa_client_${port(second.host.url)}`, `sohoa_token_${port(host.url)}`, `sohoa_token_${port(second.host.url)}`].sort(),
    );
    // and the second launch did not overwrite the first's token or session
    expect(await api(page, 'auth.me')).toMatchObject({ username: 'quantri' });
    await page.reload();
    await expect(page.getByText('Quản Trị Viên').first()).toBeVisible();
  } finally {
    await second.stop();
  }
});

test('a sign-in replaces the session id the browser had before it', async ({ page, host, context }) => {
  await page.goto(host.launchUrl);
  await api(page, 'app.info');
  const before = (await context.cookies()).find((c) => c.name.startsWith('sohoa_client_'))!;
  await setUp(page, host);
  const after = (await context.cookies()).find((c) => c.name.startsWith('sohoa_client_'))!;
  expect(after.value).not.toBe(before.value);
  expect(after.httpOnly).toBe(true);
  expect(after.sameSite).toBe('Strict');
});
