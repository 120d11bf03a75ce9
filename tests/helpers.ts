// Temp folders and a real core on them, cleaned after each test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { Core, type Client } from '../electron/core';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

export function tempDir(prefix = 'sohoa-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** A core on a fresh archive, set up with the demo catalogue and an admin signed in on `admin`. */
export async function setUpCore(shell: 'web' | 'cli' | 'electron' = 'web') {
  const core = Core.open({ dataDir: tempDir(), shell });
  const admin = core.newClient({ localFiles: true });
  const units = await must(core.call('setup.demoUnits', {}, admin));
  const byCode = (code: string) => (units as { id: number; code: string }[]).find((u) => u.code === code)!.id;
  await must(core.call('setup.init', { unit: { unitId: byCode('402') }, admin: { username: 'admin', fullName: 'Quản trị', password: 'admin-pass-1' } }, admin));
  return { core, admin, byCode };
}

/** Unwraps a core call's envelope; untyped on purpose, as the tests assert on the shape. */
export async function must(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<any> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export async function signedInAs(core: Core, username: string, password: string): Promise<Client> {
  const c = core.newClient({ localFiles: true });
  await must(core.call('auth.signIn', { username, password }, c));
  return c;
}
