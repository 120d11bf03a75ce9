// The scan job: SANE pages become one document (a lossless multi-page TIFF), read by OCR when asked.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { BlobStore } from '../archive/blobs';
import type { Db } from '../archive/db';
import { toAppError } from '../errors';
import type { JobContext, JobRunner } from '../jobs/jobs';
import type { OcrJobs } from '../ocr/ocr-job';
import { importFile } from './import-file';
import { scan, type ScanRequest } from './scanner';

interface ScanPayload {
  req: ScanRequest;
  userId: number;
  unitId: number;
  ocr: boolean;
}

export class ScanJobs {
  constructor(private readonly d: { db: Db; blobs: BlobStore; jobs: JobRunner; ocr: OcrJobs; workDir: string }) {
    d.jobs.register('scan', (ctx, payload, done) => this.run(ctx, payload as ScanPayload, done));
  }

  start(req: ScanRequest, userId: number, unitId: number, ocr: boolean): number {
    return this.d.jobs.start('scan', { req, userId, unitId, ocr } satisfies ScanPayload, 1, userId);
  }

  private async run(ctx: JobContext, p: ScanPayload, done: number) {
    if (done) return; // a scan cut short by a restart cannot continue: paper must be fed again
    const dir = fs.mkdtempSync(path.join(this.d.workDir, 'scan-'));
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    const name = `quet-${stamp}.tif`;
    try {
      ctx.setCurrent('Đang quét…');
      const files = await scan(p.req, dir, { onPage: (n) => ctx.setCurrent(`Đã quét ${n} trang`), cancelled: () => ctx.cancelled });
      if (ctx.cancelled || !files.length) return;
      const file = path.join(dir, name);
      await writeScanTiff(files, p.req, file);
      const outcome = await importFile({ db: this.d.db, blobs: this.d.blobs, userId: p.userId, unitId: p.unitId }, { path: file, name });
      ctx.addOutcome(outcome);
      if (p.ocr && outcome.status === 'imported' && outcome.documentId) this.d.ocr.start([outcome.documentId], p.userId);
    } catch (e) {
      const err = toAppError(e);
      ctx.addOutcome({ file: name, status: 'error', documentId: null, pages: 0, code: err.code, message: err.message, params: err.params, warnings: [] });
    } finally {
      ctx.setCurrent(null);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The scanner's pixels, deflated, one TIFF for the whole batch, with the resolution in its header. */
async function writeScanTiff(files: string[], req: ScanRequest, file: string): Promise<void> {
  const pages = await Promise.all(files.map((f) => fs.promises.readFile(f)));
  // joining pages adds an alpha band the scan never had
  let img = (pages.length > 1 ? sharp(pages, { join: { animated: true } }) : sharp(pages[0])).removeAlpha();
  // a grey or line-art scan stays grey, so the colour rule (DOMAIN.md 3) can see it
  if (!/colou?r/i.test(req.mode)) img = img.toColourspace('b-w');
  // pixels per mm; withMetadata would turn grey into sRGB
  const ppmm = req.resolution / 25.4;
  await img.tiff({ compression: 'deflate', xres: ppmm, yres: ppmm, resolutionUnit: 'inch' }).toFile(file);
}
