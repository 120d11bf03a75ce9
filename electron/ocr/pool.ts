// A pool of tesseract.js workers (worker threads, never the main thread), one per core by
// default, plus one orientation (OSD) worker started on first use.
import os from 'node:os';
import { createScheduler, createWorker, OEM, type Scheduler, type Worker } from 'tesseract.js';
import { enableRelaxedSimd } from './wasm-simd';

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
  /** where the word came from when not from reading the page: the PDF's text layer, or a re-read of handwritten/unsure digits */
  from?: 'text' | 'digits';
  /** another reader's reading of these digits, for when the document rules this one out (a date before a cited document) */
  alt?: string;
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

/** A stop came before a worker took the page: nothing of it was read. */
export class PageNotStarted extends Error {
  constructor() {
    super('stopped before this page was read');
  }
}

export const defaultPoolSize = () => Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));

export class OcrPool {
  readonly size: number;
  private scheduler: Scheduler | null = null;
  private starting: Promise<Scheduler> | null = null;
  private osd: Promise<Worker> | null = null;
  // recognitions handed to the workers: at most one per worker, so a page waiting for a
  // worker has not started and a stop can still keep it from being read
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: PoolOptions) {
    this.size = opts.size ?? defaultPoolSize();
  }

  /**
   * How many pages to have in flight: twice the workers, so the next pages are decoded and
   * cleaned while the workers read, and no worker waits for the clean-up.
   */
  get lanes(): number {
    return this.size * 2;
  }

  private workerOptions() {
    enableRelaxedSimd();
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

  private acquire(): Promise<void> {
    if (this.busy < this.size) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve)); // the slot is handed over on release
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }

  /**
   * Recognises one page image (encoded bytes, or grey pixels); boxes are in that image's
   * pixels. With `cancelled`, a stop that comes while the page waits for a worker throws
   * PageNotStarted instead of reading it. `extra` adds tesseract parameters (a digits-only re-read).
   */
  async recognize(
    input: Buffer | { data: Buffer; width: number; height: number },
    dpi: number | null,
    extra: Record<string, string> = {},
    cancelled?: () => boolean,
  ): Promise<OcrResult> {
    await this.acquire();
    try {
      if (cancelled?.()) throw new PageNotStarted();
      return await this.read(input, dpi, extra);
    } finally {
      this.release();
    }
  }

  private async read(input: Buffer | { data: Buffer; width: number; height: number }, dpi: number | null, extra: Record<string, string>): Promise<OcrResult> {
    const s = await this.start();
    // grey pixels go in as PGM: nothing to compress or decompress on either side
    const image = Buffer.isBuffer(input) ? input : Buffer.concat([Buffer.from(`P5\n${input.width} ${input.height}\n255\n`), input.data]);
    // no retry of every unsure line as white-on-black: scans are black on white, and it costs time
    const params: Record<string, string> = { tessedit_do_invert: '0' };
    if (dpi) params.user_defined_dpi = String(Math.round(dpi));
    Object.assign(params, extra);
    // TSV carries every word with its box and confidence, and costs far less to build and
    // pass back than the full block tree (symbols, choices)
    // tesseract.js's scheduler typings know neither free-form parameters nor the TSV output
    const r = (await s.addJob('recognize', image, params as Partial<Tesseract.RecognizeOptions>, { tsv: true } as unknown as Tesseract.OutputFormats)) as unknown as { data: { tsv?: string } };
    return parseTsv(r.data.tsv ?? '');
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


/**
 * Tesseract's TSV: level, page, block, paragraph, line, word, left, top, width, height,
 * confidence, text. Lines (level 4) give the line boxes, words (level 5) the rest; the text
 * keeps tesseract's layout (a line per line, a blank line between blocks).
 */
export function parseTsv(tsv: string): OcrResult {
  const lines: (OcrLine & { block: string })[] = [];
  let line: (OcrLine & { block: string }) | null = null;
  let sum = 0;
  let n = 0;
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const [left, top, width, height, conf] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9]), Number(f[10])];
    const bbox = { x0: left, y0: top, x1: left + width, y1: top + height };
    if (f[0] === '4') lines.push((line = { text: '', conf: 0, bbox, words: [], block: f[2] }));
    else if (f[0] === '5' && line && f[11].trim()) {
      line.words.push({ text: f[11].trim(), conf, bbox });
      sum += conf;
      n++;
    }
  }
  const kept = lines.filter((l) => l.words.length);
  const text: string[] = [];
  kept.forEach((l, i) => {
    l.text = l.words.map((w) => w.text).join(' ');
    l.conf = l.words.reduce((s, w) => s + w.conf, 0) / l.words.length;
    if (i > 0 && kept[i - 1].block !== l.block) text.push(''); // a blank line between blocks
    text.push(l.text);
  });
  return { text: text.join('\n'), confidence: n ? sum / n : 0, lines: kept.map(({ block: _b, ...l }) => l) };
}
