// An import of ~30 mixed files killed with SIGKILL at random points, round after round, then
// run to the end: the archive is intact, every file is there exactly once, every stored file
// matches its name, and what the kills left behind is swept. SOHOA_CRASH_ROUNDS sets N.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BlobStore, sweepOrphanBlobs } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { Core } from '../../../electron/core';
import { jpegScan, pdfScan, tiffScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const ROUNDS = Number(process.env.SOHOA_CRASH_ROUNDS) || 3;

async function mixedFolder(dir: string): Promise<number> {
  let valid = 0;
  const put = (name: string, bytes: Buffer | string, ok = true) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    if (ok) valid++;
  };
  for (let i = 0; i < 12; i++) put(`${String(i).padStart(2, '0')}-quyet-dinh.jpg`, await jpegScan({ title: `QĐ ${i}` }));
  for (let i = 0; i < 6; i++) put(`${12 + i}-giay-phep.png`, await sharp(await jpegScan({ title: `GP ${i}` })).png().toBuffer());
  for (let i = 0; i < 4; i++) put(`${18 + i}-ho-so.tif`, await tiffScan(2 + i));
  for (let i = 0; i < 5; i++) put(`${22 + i}-van-ban.pdf`, await pdfScan(1 + i));
  put('27-hong.jpg', 'không phải ảnh', false);
  put('28-rong.pdf', '', false);
  put('29-cut.png', (await sharp(await jpegScan()).png().toBuffer()).subarray(0, 100), false);
  return valid;
}

/** Runs `sohoa import` on the folder; with `killAt`, SIGKILLs it as it starts that file. */
function importRun(cwd: string, killAt: number | null): Promise<{ killed: boolean; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('bin/sohoa.js'), 'import', 'scans', '--data-dir', 'D'], { cwd, env: { ...process.env, SOHOA_DATA_DIR: '' } });
    let killed = false;
    let err = '';
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => {
      err += c;
      const at = [...err.matchAll(/\[(\d+)\/\d+\]/g)].map((m) => Number(m[1])).pop() ?? 0;
      if (killAt !== null && at >= killAt && !killed) {
        killed = true;
        // a moment into that file: reading, inspecting, writing blobs or committing
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 120));
      }
    });
    // killed only when the signal got there: a run past its last files may finish first
    child.on('close', (code, signal) => resolve({ killed: killed && signal === 'SIGKILL', code, out: out + err }));
  });
}

describe('imports killed at random', () => {
  it(`keep the archive whole after ${ROUNDS} or more SIGKILLed runs and a final run`, async () => {
    const cwd = tempDir();
    fs.mkdirSync(path.join(cwd, 'scans'));
    const valid = await mixedFolder(path.join(cwd, 'scans'));
    // N rounds, and more (up to 4N) until a kill has landed: late in a run whose files are
    // already in the archive, the run can end before the signal comes
    let kills = 0;
    let runs = 0;
    while ((runs < ROUNDS || kills === 0) && runs < ROUNDS * 4) {
      const r = await importRun(cwd, 1 + Math.floor(Math.random() * 29));
      runs++;
      if (r.killed) kills++;
    }
    expect(kills).toBeGreaterThan(0);
    const final = await importRun(cwd, null);
    // three files are broken, and say so; the rest are imported or found imported already
    expect(final.out.split('\n').filter((l) => l.startsWith('✗') && !l.includes('đã có trong kho'))).toEqual([expect.stringMatching(/^✗ scans\/27-hong\.jpg: /), expect.stringMatching(/^✗ scans\/28-rong\.pdf: /), expect.stringMatching(/^✗ scans\/29-cut\.png: /)]);
    expect(final.code).toBe(1);

    const dataDir = path.join(cwd, 'D');
    const db = openDatabase(path.join(dataDir, 'archive.sqlite'));
    const blobs = new BlobStore(dataDir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // every file exactly once, each with all its pages
      expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(valid);
      expect(db.prepare('SELECT count(DISTINCT import_sha256) FROM documents').pluck().get()).toBe(valid);
      expect(db.prepare('SELECT count(*) FROM documents d WHERE page_count <> (SELECT count(*) FROM pages p WHERE p.document_id = d.id)').pluck().get()).toBe(0);
      // every recorded file is on disk under its own hash
      for (const sha of db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[])
        expect(createHash('sha256').update(blobs.read(sha)).digest('hex')).toBe(sha);
      // what the kills left on disk without a row is swept (no import runs now), nothing else
      const recorded = db.prepare('SELECT count(*) FROM blobs').pluck().get() as number;
      sweepOrphanBlobs(db, blobs, 0);
      const onDisk = (fs.readdirSync(blobs.root, { recursive: true }) as string[]).filter((f) => /^[a-f0-9]{64}$/.test(path.basename(f)));
      expect(onDisk).toHaveLength(recorded);
    } finally {
      db.close();
    }

    // the app opening this archive marks the killed CLI runs interrupted and re-runs none of them
    const core = Core.open({ dataDir, shell: 'web' });
    try {
      await core.jobs.idle();
      const jobs = core.db.prepare('SELECT state, count(*) n FROM jobs GROUP BY state').all() as { state: string; n: number }[];
      expect(jobs.find((j) => j.state === 'running' || j.state === 'queued')).toBeUndefined();
      // each run is one job: the killed ones interrupted, the ones that got to the end done
      expect(jobs.reduce((n, j) => n + j.n, 0)).toBe(runs + 1);
      expect(jobs.find((j) => j.state === 'failed')?.n ?? 0).toBeGreaterThan(0);
      expect(core.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(valid);
    } finally {
      await core.close();
    }
  }, 600_000);
});
