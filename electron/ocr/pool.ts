// A pool of tesseract.js workers (worker threads, never the main thread), one per core by
// default, plus one orientation (OSD) worker started on first use.
import os from 'node:os';
import { createScheduler, createWorker, OEM, type Scheduler, type Worker } from 'tesseract.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface OcrWord {
  text: string;
  conf: number;
  bbox: Box;
}
export interface OcrLine {
  text: string;
  conf: number;
  bbox: Box;
  words: OcrWord[];
}
export interface OcrResult {
  text: string;
  confidence: number;
  lines: OcrLine[];
}

export interface PoolOptions {
  langPath: string;
  /** recognition languages, e.g. 'vie' or 'vie+eng' */
  languages?: string;
  size?: number;
}

export const defaultPoolSize = () => Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));

export class OcrPool {
  readonly size: number;
  private scheduler: Scheduler | null = null;
  private starting: Promise<Scheduler> | null = null;
  private osd: Promise<Worker> | null = null;

  constructor(private readonly opts: PoolOptions) {
    this.size = opts.size ?? defaultPoolSize();
  }

  private workerOptions() {
    return { langPath: this.opts.langPath, gzip: true, cacheMethod: 'none', errorHandler: () => undefined } as const;
  }

  private start(): Promise<Scheduler> {
    return (this.starting ??= (async () => {
      const scheduler = createScheduler();
      const workers = await Promise.all(
        Array.from({ length: this.size }, () => createWorker(this.opts.languages ?? 'vie', OEM.LSTM_ONLY, this.workerOptions())),
      );
      for (const w of workers) scheduler.addWorker(w);
      this.scheduler = scheduler;
      return scheduler;
    })());
  }

  /** Recognises one page image (encoded bytes, or grey pixels); boxes are in that image's pixels. */
  async recognize(input: Buffer | { data: Buffer; width: number; height: number }, dpi: number | null): Promise<OcrResult> {
    const s = await this.start();
    // grey pixels go in as PGM: nothing to compress or decompress on either side
    const image = Buffer.isBuffer(input) ? input : Buffer.concat([Buffer.from(`P5\n${input.width} ${input.height}\n255\n`), input.data]);
    // no retry of every unsure line as white-on-black: scans are black on white, and it costs time
    const params: Record<string, string> = { tessedit_do_invert: '0' };
    if (dpi) params.user_defined_dpi = String(Math.round(dpi));
    const r = (await s.addJob('recognize', image, params as any, { text: true, blocks: true })) as any;
    const lines: OcrLine[] = [];
    for (const b of r.data.blocks ?? [])
      for (const p of b.paragraphs)
        for (const l of p.lines) {
          const words = l.words
            .filter((w: any) => w.text.trim())
            .map((w: any) => ({ text: w.text.trim(), conf: w.confidence, bbox: box(w.bbox) }));
          if (words.length) lines.push({ text: words.map((w: OcrWord) => w.text).join(' '), conf: l.confidence, bbox: box(l.bbox), words });
        }
    return { text: r.data.text ?? '', confidence: r.data.confidence ?? 0, lines };
  }

  /** Clockwise rotation (0/90/180/270) that makes the page upright, with tesseract's confidence. */
  async orientation(image: Buffer, dpi = 150): Promise<{ degrees: number; confidence: number }> {
    const w = await (this.osd ??= createWorker('osd', OEM.TESSERACT_ONLY, { ...this.workerOptions(), legacyCore: true, legacyLang: true }));
    try {
      // the analysis image carries no usable resolution; say it, or tesseract complains on stdout
      await w.setParameters({ user_defined_dpi: String(Math.round(dpi)) });
      const d = (await w.detect(image)).data;
      return { degrees: d.orientation_degrees ?? 0, confidence: d.orientation_confidence ?? 0 };
    } catch {
      return { degrees: 0, confidence: 0 }; // too little text to tell (blank page)
    }
  }

  async close(): Promise<void> {
    const s = this.scheduler ?? (this.starting ? await this.starting.catch(() => null) : null);
    await s?.terminate();
    if (this.osd) await (await this.osd.catch(() => null))?.terminate();
    this.scheduler = null;
    this.starting = null;
    this.osd = null;
  }
}

const box = (b: Box): Box => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
