import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../../electron/ocr/clean';
import { firstQr } from '../../../electron/ocr/qr';
import { openPdfForRender } from '../../../electron/ocr/render-pdf';
import { buildSearchablePdf } from '../../../electron/ocr/searchable-pdf';
import { CoreError } from '../../../electron/errors';
import { cleanInWorker, firstQrInWorker, openPdfInWorker, searchablePdfInWorker } from '../../../electron/workers/page-work';
import { WorkerPool } from '../../../electron/workers/pool';
import { closeWorkers, rebuildError } from '../../../electron/workers/run';
import { renderPdf, renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';

const root = path.resolve(__dirname, '../../..');

describe('page work in worker threads', () => {
  let scan: Buffer;
  beforeAll(async () => {
    scan = (await renderScan(SAMPLE_DOCS[3], { dpi: 200, skew: 1.5, jpegQuality: 85 })).image; // carries a QR code
  });
  afterAll(() => closeWorkers());

  it('cleans a page in a worker exactly as on this thread, with Buffers back', async () => {
    const [there, here] = await Promise.all([cleanInWorker({ bytes: scan, exifTurn: true }), cleanPage(sharp(scan).rotate())]);
    expect(there.geometry).toEqual(here.geometry);
    expect(there.geometry.skew).not.toBe(0);
    expect(there.blank).toBe(false);
    expect(Buffer.isBuffer(there.ocrImage.data)).toBe(true);
    expect(there.ocrImage.data.equals(here.ocrImage.data)).toBe(true);
    expect(there.preview.equals(here.preview)).toBe(true);
    expect(there.qrInputs.length).toBeGreaterThan(0);
    // the orientation copy is made in the worker on demand, from the same page
    const [osdThere, osdHere] = await Promise.all([there.orientationImage(), here.orientationImage()]);
    expect(osdThere.dpi).toBe(osdHere.dpi);
    expect(osdThere.png.equals(osdHere.png)).toBe(true);
    // the QR search in a worker reads the same code
    const code = await firstQrInWorker(there.qrInputs);
    expect(code).toContain('maHoSo');
    expect(code).toBe(firstQr(here.qrInputs));
  });

  it('renders and reads a PDF in a worker as pdf.js does here, and keeps the error code of a bad PDF', async () => {
    const bytes = await renderPdf(SAMPLE_DOCS[0]);
    const [there, here] = await Promise.all([openPdfInWorker(bytes, 'a.pdf'), openPdfForRender(bytes, 'a.pdf')]);
    try {
      expect(there.pageCount).toBe(here.pageCount);
      const [a, b] = await Promise.all([there.render(1, 100), here.render(1, 100)]);
      expect({ ...a, png: null }).toEqual({ ...b, png: null });
      expect(Buffer.isBuffer(a.png) && a.png.equals(b.png)).toBe(true);
      expect(await there.textLines(1, 100)).toEqual(await here.textLines(1, 100));
      expect(await there.scanDpi(1)).toBeNull();
    } finally {
      await Promise.all([there.close(), here.close()]);
    }
    const err = await openPdfInWorker(Buffer.from('%PDF-1.7\nnot a pdf'), 'broken.pdf').catch((e) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('FILE_CORRUPT');
  });

  it('builds the same searchable PDF in a worker, a source file shared by its pages embedded once', async () => {
    const doc = await PDFDocument.create();
    const img = await doc.embedJpg(scan);
    for (let i = 0; i < 2; i++) doc.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    const bytes = Buffer.from(await doc.save());
    const cleaned = await cleanInWorker({ bytes: scan, exifTurn: true });
    const line = { text: 'QUYẾT ĐỊNH', conf: 90, bbox: { x0: 100, y0: 100, x1: 400, y1: 140 }, words: [{ text: 'QUYẾT', conf: 90, bbox: { x0: 100, y0: 100, x1: 240, y1: 140 } }, { text: 'ĐỊNH', conf: 90, bbox: { x0: 260, y0: 100, x1: 400, y1: 140 } }] };
    const pages = [1, 2].map((page) => ({ source: { kind: 'pdf' as const, bytes, page, renderDpi: 200 }, geometry: cleaned.geometry, dpi: 200, lines: [line] }));
    const meta = { title: 'Quyết định 45/QĐ-UBND', createdAt: new Date('2024-03-12T02:00:00Z') };
    const [there, here] = await Promise.all([searchablePdfInWorker(pages, meta), buildSearchablePdf(pages, meta)]);
    expect(Buffer.isBuffer(there)).toBe(true);
    expect(there.length).toBe(here.length); // only the random file ID differs
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-workers-'));
    fs.writeFileSync(path.join(dir, 'w.pdf'), there);
    expect(execFileSync('pdfinfo', [path.join(dir, 'w.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
    expect(execFileSync('pdftotext', [path.join(dir, 'w.pdf'), '-'], { encoding: 'utf8' })).toContain('QUYẾT ĐỊNH');
  });

  it('runs from the bundle the desktop app ships (dist-electron/worker.cjs)', async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'pipe' });
    const pool = new WorkerPool({ size: 1, rebuildError, script: { url: pathToFileURL(path.join(root, 'dist-electron', 'worker.cjs')) } });
    try {
      const cleaned = (await pool.run(pool.pick(), 'clean', [{ bytes: scan, exifTurn: true }, {}])) as Awaited<ReturnType<typeof cleanInWorker>>;
      expect(cleaned.geometry).toEqual((await cleanPage(sharp(scan).rotate())).geometry);
      const doc = await PDFDocument.create();
      doc.addPage([200, 200]);
      const slot = pool.pick();
      expect(await pool.run(slot, 'pdfOpen', [1, Buffer.from(await doc.save()), 'one.pdf'])).toBe(1);
      await pool.run(slot, 'pdfClose', [1]);
    } finally {
      await pool.close();
    }
  });

  it('does not keep a process alive once its tasks are done', () => {
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-workers-')), 'one-task.mts');
    fs.writeFileSync(script, `import { runTask } from ${JSON.stringify(pathToFileURL(path.join(root, 'electron/workers/run.ts')).href)};
      const r = await runTask('firstQr', []); console.log('done', r);`);
    // the child must end by itself: a pool that held it open would run into the timeout
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(out.trim()).toBe('done null');
  });
});
