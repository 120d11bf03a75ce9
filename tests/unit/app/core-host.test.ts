// The core's host process for real: core-host.ts in a Node child with a stand-in
// process.parentPort, a real archive in a temp folder, spoken to in core-protocol.ts messages.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromCore, ToCore } from '../../../electron/app/core-protocol';
import type { FakeUtilityProcess } from '../../fixtures/utility-process.cjs';
import { jpegScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { exitOf, forkSource, nextMessage } from './core-child';

let child: FakeUtilityProcess;
let dataDir: string;
let nextId = 1;
const send = (m: ToCore) => child.postMessage(m);

/** A request and its reply, matched by id as CoreProcess does. */
function ask(m: { type: 'call'; method: string; payload: unknown } | { type: 'asset'; kind: string; assetId: number } | { type: 'download'; name: string; query: string }, clientId = 1): Promise<any> {
  const id = nextId++;
  return new Promise((resolve) => {
    const listener = (r: FromCore) => {
      if (r.type !== 'reply' || r.id !== id) return;
      child.off('message', listener);
      resolve(r.result);
    };
    child.on('message', listener);
    send({ ...m, id, clientId } as ToCore);
  });
}
const call = (method: string, payload: unknown = {}, clientId = 1) => ask({ type: 'call', method, payload }, clientId);

beforeAll(async () => {
  dataDir = tempDir();
  child = forkSource('electron/app/core-host.ts');
  const ready = nextMessage(child, 'ready');
  send({ type: 'open', dataDir, demo: false });
  await ready;
  send({ type: 'client.open', clientId: 1 });
  send({ type: 'client.open', clientId: 2 });
}, 120_000);
afterAll(() => {
  child.kill();
});

describe('core host (utility process entry)', () => {
  it('answers contract calls with the core envelope, one sign-in per client', async () => {
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite'))).toBe(true);
    expect(await call('app.info')).toMatchObject({ ok: true, value: { shell: 'electron', firstRun: true } });
    const units = await call('setup.demoUnits');
    expect(units.ok).toBe(true);
    const unitId = units.value.find((u: { code: string }) => u.code === '402').id;
    const init = await call('setup.init', { unit: { unitId }, admin: { username: 'admin', fullName: 'Quản trị', password: 'admin-pass-1' } });
    expect(init).toMatchObject({ ok: true, value: { username: 'admin', role: 'admin' } });
    expect(await call('auth.me')).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(await call('app.info')).toMatchObject({ ok: true, value: { firstRun: false } });
    // the other window has not signed in; a window never opened gets nothing
    expect(await call('auth.me', {}, 2)).toEqual({ ok: true, value: null });
    expect(await call('auth.me', {}, 99)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // the core still parses every payload
    expect(await call('documents.get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('no.such')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('sends job events to the client whose user started the job, and names archived files for the main process to stream', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'giay-phep.jpg'), await jpegScan({ title: 'Giấy phép' }));
    const events: FromCore[] = [];
    child.on('message', (m: FromCore) => m.type === 'event' && events.push(m));
    const done = new Promise<void>((resolve) => child.on('message', (m: FromCore) => m.type === 'event' && m.payload.state === 'done' && resolve()));
    const started = await call('documents.import', { sources: [{ path: path.join(dir, 'giay-phep.jpg') }] });
    expect(started.ok).toBe(true);
    await done;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.type === 'event' && e.clientId === 1 && e.payload.id === started.value.jobId)).toBe(true);

    const list = await call('documents.list', {});
    const doc = list.value.items.find((d: { sourceName: string }) => d.sourceName === 'giay-phep.jpg');
    const asset = await ask({ type: 'asset', kind: 'file', assetId: doc.id });
    expect(asset).toMatchObject({ ok: true, value: { mime: 'image/jpeg' } });
    expect(fs.readFileSync(asset.value.path)).toEqual(fs.readFileSync(path.join(dir, 'giay-phep.jpg')));
    expect(path.basename(asset.value.path)).toBe(asset.value.sha256);
    // not to a client that has not signed in, not for a kind that does not exist
    expect(await ask({ type: 'asset', kind: 'file', assetId: doc.id }, 2)).toEqual({ ok: true, value: null });
    expect(await ask({ type: 'asset', kind: 'database', assetId: doc.id })).toEqual({ ok: true, value: null });
  });

  it('builds downloads as bytes, and drops a closed client', async () => {
    const csv = await ask({ type: 'download', name: 'coverage.csv', query: 'at=2021-06-30' });
    expect(csv.ok).toBe(true);
    expect(csv.value).toMatchObject({ mime: expect.stringMatching(/^text\/csv/), fileName: expect.stringContaining('2021-06-30') });
    expect(csv.value.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(csv.value.bytes).toString('utf8')).toContain('Mã,Đơn vị,Cấp');
    expect(await ask({ type: 'download', name: 'coverage.csv', query: 'at=2021-02-30' })).toEqual({ ok: true, value: null });
    send({ type: 'client.close', clientId: 1 });
    expect(await call('auth.me')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('closes the archive and exits on its own when asked to close', async () => {
    const exit = exitOf(child);
    send({ type: 'close' });
    expect(await exit).toBe(0);
    // closed cleanly: SQLite folded its write-ahead log back into the database
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite-wal'))).toBe(false);
  });
});

describe('core host start-up', () => {
  it('reports an archive it cannot open with the core error, instead of dying silently', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const probe = forkSource('electron/app/core-host.ts');
    try {
      // a database from a newer version of the app
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(path.join(dir, 'archive.sqlite'));
      db.pragma('user_version = 999');
      db.close();
      const failed = nextMessage(probe, 'failed');
      probe.postMessage({ type: 'open', dataDir: dir, demo: false });
      expect((await failed).error).toMatchObject({ code: 'DB_TOO_NEW', params: { found: 999 } });
    } finally {
      probe.kill();
    }
  });
});
