// The scanner-output folder: a file is imported once it is fully written, then moved aside;
// a bad file goes to "loi" with the others unaffected.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DONE_DIR, FAILED_DIR, HotFolderWatcher } from '../../../electron/capture/hot-folder';
import { jpegScan } from '../../fixtures/scans';
import { must, setUpCore, tempDir } from '../../helpers';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hot folder', () => {
  it('hands over a file only after it stops growing, once', async () => {
    const dir = tempDir();
    const handed: string[][] = [];
    const w = new HotFolderWatcher({ dir, intervalMs: 60_000, onReady: async (f) => (handed.push(f.map((x) => path.basename(x))), { failed: [] }) });
    w.start();
    const file = path.join(dir, 'scan-001.jpg');
    const bytes = await jpegScan();
    fs.writeFileSync(file, bytes.subarray(0, 1000)); // the scanner is still writing
    await w.look(); // first seen: wait for a second look
    fs.appendFileSync(file, bytes.subarray(1000, 3000));
    await w.look(); // grew since: wait
    fs.appendFileSync(file, bytes.subarray(3000));
    await w.look(); // grew again: wait
    expect(handed).toEqual([]);
    await w.look(); // unchanged since the last look: ready
    expect(handed).toEqual([['scan-001.jpg']]);
    expect(fs.existsSync(path.join(dir, DONE_DIR, 'scan-001.jpg'))).toBe(true);
    await w.look();
    expect(handed).toHaveLength(1);
    w.close();
  });

  it('imports what a scanner drops into the configured folder, and sets refused files aside', async () => {
    const { core, admin, byCode } = await setUpCore();
    const dir = tempDir();
    const hf = await must(core.call('hotfolder.set', { dir, enabled: true, unitId: byCode('402'), ocr: false }, admin));
    expect(hf).toMatchObject({ dir, enabled: true, error: null });
    fs.writeFileSync(path.join(dir, 'trang-1.jpg'), await jpegScan({ title: 'TRANG MỘT' }));
    fs.writeFileSync(path.join(dir, 'hong.jpg'), 'not a jpeg');
    fs.writeFileSync(path.join(dir, 'ghi-chu.txt'), 'ignored');
    for (let i = 0; i < 100 && !fs.existsSync(path.join(dir, DONE_DIR, 'trang-1.jpg')); i++) await wait(200);
    expect(fs.existsSync(path.join(dir, DONE_DIR, 'trang-1.jpg'))).toBe(true);
    expect(fs.existsSync(path.join(dir, FAILED_DIR, 'hong.jpg'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'ghi-chu.txt'))).toBe(true);
    const list = await must(core.call('documents.list', {}, admin));
    expect(list.items.map((d: any) => d.sourceName)).toEqual(['trang-1.jpg']);

    const missing = await must(core.call('hotfolder.set', { dir: path.join(dir, 'khong-co'), enabled: true, unitId: null, ocr: true }, admin));
    expect(missing.error).toMatch(/khong-co không tồn tại/);
    await core.close();
  });
});
