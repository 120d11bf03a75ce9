// A fresh archive and browser host per test: the real `electron/web/main.ts` entry in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface Host {
  url: string;
  launchUrl: string;
  dataDir: string;
}

/** Starts the browser host on a fresh archive in a child process; `stop` ends it and removes the archive. */
export async function launchHost(hostArgs: string[] = []): Promise<{ host: Host; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--data-dir', dataDir, '--no-open', ...hostArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[a-f0-9]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { host: { launchUrl, url: launchUrl.replace(/\?token=.*/, ''), dataDir }, stop };
}

export const test = base.extend<{ host: Host; hostArgs: string[] }>({
  hostArgs: [[], { option: true }],
  host: async ({ hostArgs }, use) => {
    const { host, stop } = await launchHost(hostArgs);
    await use(host);
    await stop();
  },
});
export { expect };

/**
 * The page's launch secret as the header its renderer sends (from the page's session storage):
 * the browser's cookies alone open nothing, as they would for another program on 127.0.0.1.
 */
export async function launchHeaders(page: Page): Promise<Record<string, string>> {
  const secret = await page.evaluate(() => sessionStorage.getItem('sohoa.launch'));
  return secret ? { Authorization: `Bearer ${secret}` } : {};
}

/** Calls the contract with the page's own cookies and secret, i.e. as the page's signed-in client. */
export async function api<T = any>(page: Page, method: string, req: unknown = {}): Promise<T> {
  const headers = { 'Content-Type': 'application/json', ...(await launchHeaders(page)) };
  const res = await page.request.post(new URL(`api/${method}`, page.url()).href, { data: req, headers });
  const body = await res.json();
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.value as T;
}

/** Uploads bytes as the page's signed-in client (a browser names no local paths): an import source. */
export async function upload(page: Page, name: string, bytes: Buffer): Promise<{ stagedId: string; name: string }> {
  const headers = { 'Content-Type': 'application/octet-stream', ...(await launchHeaders(page)) };
  const res = await page.request.post(new URL('upload', page.url()).href, { data: bytes, headers });
  const body = await res.json();
  if (!body.ok) throw new Error(`upload: ${body.error.code} ${body.error.message}`);
  return { stagedId: body.value.stagedId, name };
}

/** First-run setup through the API: the demo catalogue, admin "quantri" at Huyện Như Xuân. */
export async function setUp(page: Page, host: Host) {
  await page.goto(host.launchUrl);
  const units = await api<{ id: number; code: string }[]>(page, 'setup.demoUnits');
  const byCode = (c: string) => units.find((u) => u.code === c)!.id;
  await api(page, 'setup.init', { unit: { unitId: byCode('402') }, admin: { username: 'quantri', fullName: 'Quản Trị Viên', password: 'matkhau-quantri' } });
  return { byCode };
}

export async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
