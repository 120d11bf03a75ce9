// The installed app without the Electron binary: the resources folder laid out as
// electron-builder packs it (tests/fixtures/packaged-layout.ts), then every thread the app
// starts is started from where the packaged app starts it, with Electron's asar rule imitated
// on disk (inside app.asar everything the archive lists is visible; from app.asar.unpacked only
// the unpacked files). The worker threads do real work there (sharp, pdf.js, the embedded
// font, a spreadsheet, a signature check), tesseract reads a line, and every asset the code
// opens by path is where the packaged code looks for it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardedPool } from '../../../electron/workers/guarded-pool';
import { workerScript, WorkerPool } from '../../../electron/workers/pool';
import { rebuildError } from '../../../electron/workers/rebuild-error';
import { layOutPackagedApp, type PackagedLayout } from '../../fixtures/packaged-layout';
import { xlsxOf } from '../../fixtures/workbooks';
import { tempDir } from '../../helpers';

let app: PackagedLayout;
/** where the core's utility process runs from: main.cjs forks core-host.cjs beside itself */
let coreHost: string;
const pools: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  app = await layOutPackagedApp(tempDir('sohoa-packaged-'));
  coreHost = path.join(app.inArchive, 'dist-electron', 'core-host.cjs');
}, 240_000);
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** The text of a page as a JPEG, the way a scan arrives. */
const scanOf = (text: string) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200"><rect width="900" height="200" fill="white"/><text x="40" y="120" font-family="sans-serif" font-size="64">${text}</text></svg>`))
    .jpeg()
    .toBuffer();

describe('the packaged app (electron-builder layout, asar rules imitated)', () => {
  it('keeps the bundles in the archive and unpacks the native modules', () => {
    for (const f of ['main.cjs', 'core-host.cjs', 'worker.cjs', 'guarded-worker.cjs', 'preload.cjs']) expect(app.entries.get(`dist-electron/${f}`)).toBe(false);
    for (const m of ['better-sqlite3', 'sharp', 'pdfjs-dist', 'tesseract.js-core']) expect(fs.existsSync(path.join(app.unpacked, 'node_modules', m, 'package.json'))).toBe(true);
    // what the unpacked sharp needs stays in the archive: a script started from the unpacked folder would not find it
    expect(app.entries.get('node_modules/detect-libc/package.json')).toBe(false);
    expect(() => createRequire(path.join(app.unpacked, 'node_modules', 'sharp', 'lib', 'index.js')).resolve('detect-libc')).toThrow(/detect-libc/);
    expect(createRequire(path.join(app.inArchive, 'node_modules', 'sharp', 'lib', 'index.js')).resolve('detect-libc')).toContain(app.inArchive);
    expect(fs.statSync(app.archive).size).toBeGreaterThan(1_000_000);
  });

  it('starts the page workers inside app.asar, where they clean a scan, read a PDF and embed the font', { timeout: 120_000 }, async () => {
    const script = workerScript(pathToFileURL(coreHost).href);
    const pool = new WorkerPool({ size: 1, rebuildError, script });
    pools.push(pool);
    const slot = pool.pick();
    const cleaned = (await pool.run(slot, 'clean', [{ bytes: await scanOf('SO HOA 2025'), exifTurn: true }, { dpi: 200 }])) as { geometry: { crop: { width: number } } };
    expect(cleaned.geometry.crop.width).toBeGreaterThan(0);
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawText('Trang 1', { x: 20, y: 100 });
    const bytes = Buffer.from(await doc.save());
    expect(await pool.run(slot, 'pdfOpen', [1, bytes, 'mot-trang.pdf'])).toBe(1);
    const rendered = (await pool.run(slot, 'pdfRender', [1, 1, 72])) as { png: Buffer };
    expect(Buffer.isBuffer(rendered.png)).toBe(true);
    await pool.run(slot, 'pdfClose', [1]);
    const page = { source: { kind: 'pdf', bytes, page: 1, renderDpi: 72 }, geometry: cleaned.geometry, dpi: 200, lines: [{ text: 'HOA', conf: 90, bbox: { x0: 10, y0: 10, x1: 90, y1: 40 }, words: [{ text: 'HOA', conf: 90, bbox: { x0: 10, y0: 10, x1: 90, y1: 40 } }] }] };
    const searchable = (await pool.run(slot, 'searchablePdf', [[page], { title: 'Đóng gói' }])) as Buffer;
    expect(searchable.subarray(0, 5).toString()).toBe('%PDF-');
    expect(searchable.toString('latin1')).toContain('LiberationSans');
    expect(script.url.href).toBe(pathToFileURL(path.join(app.inArchive, 'dist-electron', 'worker.cjs')).href);
  });

  it('starts the guarded workers inside app.asar, where they read a workbook and check a PDF', { timeout: 120_000 }, async () => {
    const script = workerScript(pathToFileURL(coreHost).href, 'guarded-entry', 'guarded-worker');
    const pool = new GuardedPool({ size: 1, script, rebuildError });
    pools.push(pool);
    const limits = { memoryMb: 256, timeMs: 60_000 };
    expect(await pool.run('tableHead', ['so.xlsx', xlsxOf([['Mã hồ sơ'], ['HS-001']]), 5], { file: 'so.xlsx', limits })).toMatchObject({ rows: 2 });
    const doc = await PDFDocument.create();
    doc.addPage([100, 100]);
    const checked = (await pool.run('verifyPdf', [Buffer.from(await doc.save()), { file: 'a.pdf', trust: [] }], { file: 'a.pdf', limits })) as { report: { signatures: unknown[] } };
    expect(checked.report.signatures).toEqual([]);
    expect(script.url.href).toBe(pathToFileURL(path.join(app.inArchive, 'dist-electron', 'guarded-worker.cjs')).href);
  });

  it('starts tesseract from its packaged folder, with its core and the shipped trained data', { timeout: 120_000 }, async () => {
    const fromCore = createRequire(coreHost);
    const tesseract = fromCore('tesseract.js') as typeof import('tesseract.js');
    const data = path.join(path.dirname(fromCore.resolve('@tesseract.js-data/eng/package.json')), '4.0.0', 'eng.traineddata.gz');
    expect(data.startsWith(app.inArchive + path.sep)).toBe(true);
    const langPath = tempDir();
    fs.copyFileSync(data, path.join(langPath, 'eng.traineddata.gz'));
    const worker = await tesseract.createWorker('eng', 1, { langPath, gzip: true, cacheMethod: 'none' });
    pools.push({ close: async () => void (await worker.terminate()) });
    const { data: read } = await worker.recognize(await scanOf('PACKAGED 2025'));
    expect(read.text).toContain('2025');
  });

  it('has every asset the code opens by path where the packaged code looks', () => {
    // paths.ts: APP_ROOT is the folder above dist-electron holding assets/, from the core and the workers alike
    const appRoot = [path.dirname(path.dirname(coreHost))].find((p) => fs.existsSync(path.join(p, 'assets')));
    expect(appRoot).toBe(app.inArchive);
    const source = fs.readdirSync('electron', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const opened = new Set<string>();
    for (const f of source) for (const m of fs.readFileSync(path.join('electron', f), 'utf8').matchAll(/assetPath\(((?:'[^']+'(?:,\s*)?)+)\)/g)) opened.add(path.join(...m[1].split(',').map((s) => s.trim().slice(1, -1))));
    expect([...opened]).toEqual(expect.arrayContaining([path.join('fonts', 'LiberationSans-Regular.ttf'), path.join('ocr', 'digit-net.bin.gz'), 'trust']));
    for (const a of opened) expect(fs.existsSync(path.join(app.inArchive, 'assets', a)), a).toBe(true);
    expect(fs.readdirSync(path.join(app.inArchive, 'assets', 'trust')).filter((f) => f.endsWith('.pem')).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(app.inArchive, 'package.json'))).toBe(true);
    const fromCore = createRequire(coreHost);
    for (const lang of ['vie', 'eng', 'osd']) expect(fs.existsSync(path.join(path.dirname(fromCore.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0', `${lang}.traineddata.gz`))).toBe(true);
    expect(fs.existsSync(path.join(app.unpacked, 'node_modules', 'tesseract.js-core', 'tesseract-core-simd-lstm.wasm'))).toBe(true);
    if (fs.existsSync('dist/renderer/index.html')) expect(fs.existsSync(path.join(app.inArchive, 'dist', 'renderer', 'index.html'))).toBe(true);
  });
});
