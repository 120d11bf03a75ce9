// node --import tsx scripts/digit-agreement.ts [blanks] — how sure a re-read blank is when its
// readers agree. Writes blanks of 1–4 held-out digits as office paper shows them
// (digit-augment's officeBlank), reads each as the app does (the digit network on the cut
// digits, tesseract digits-only on the blank alone) and prints, for the network's readings under
// its review threshold, how often the value is wrong when tesseract read the same digits and
// when it did not; then the share of wrong and right values review is asked about under each
// rule. Its figures are why digit-choice.ts does not pass such agreement (docs/tags-as-issued.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tesseractDigits } from '../electron/ocr/digits';
import { digitThreshold, readHandwrittenDigits } from '../electron/ocr/handwritten-digits';
import { OcrPool } from '../electron/ocr/pool';
import { ensureTessdata } from '../electron/ocr/tessdata';
import { officeBlank, rng } from './digit-augment';
import { mnistSplits } from './digit-eval';

interface Reading {
  truth: string;
  net: string | null;
  weakest: number;
  tesseract: string | null;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 600);
  const { test } = mnistSplits();
  const r = rng(20261207);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-digit-agreement-'));
  const pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: 2 });
  const threshold = digitThreshold();
  const out: Reading[] = [];
  try {
    const jobs = Array.from({ length: n }, (_, i) => {
      // a day or month is one or two digits, a number one to four
      const k = 1 + (i % 4);
      const digits = Array.from({ length: k }, () => test[Math.floor(r() * test.length)]);
      return { digits, seed: Math.floor(r() * 2 ** 32) };
    });
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < jobs.length) {
          const { digits, seed } = jobs[next++];
          const drawnBlank = await officeBlank(digits, rng(seed));
          const grey = { ...drawnBlank, data: Buffer.from(drawnBlank.data) };
          const hw = readHandwrittenDigits(grey);
          const ts = hw ? await tesseractDigits(pool, grey, 300, [hw.text]) : null;
          out.push({ truth: digits.map((d) => d.label).join(''), net: hw?.text ?? null, weakest: hw?.weakest ?? 0, tesseract: ts?.text ?? null });
        }
      }),
    );
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const read = out.filter((x) => x.net);
  const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '–');
  const line = (label: string, set: Reading[]) => console.log(`${label.padEnd(58)} ${String(set.length).padStart(5)}   wrong ${pct(set.filter((x) => x.net !== x.truth).length, set.length)}`);
  console.log(`${n} blanks of 1–4 held-out digits as office writing; the network read ${read.length}; review threshold ${threshold}\n`);
  line('network over the threshold', read.filter((x) => x.weakest >= threshold));
  const under = read.filter((x) => x.weakest < threshold);
  line('under it', under);
  for (const k of [1, 2, 3, 4]) {
    const len = under.filter((x) => x.net!.length === k);
    line(`  ${k} digit${k > 1 ? 's' : ''}, tesseract read the same`, len.filter((x) => x.tesseract === x.net));
    line(`  ${k} digit${k > 1 ? 's' : ''}, tesseract read otherwise`, len.filter((x) => x.tesseract !== x.net));
  }
  // review is asked about a value unless the network is sure (the rule before) / or, from two
  // digits up, tesseract read the same digits (the rule measured)
  const rules: [string, (x: Reading) => boolean][] = [
    ['sure: every digit over the threshold', (x) => x.weakest >= threshold],
    ['sure: that, or two digits or more that tesseract read alike', (x) => x.weakest >= threshold || (x.net!.length >= 2 && x.tesseract === x.net)],
  ];
  console.log('');
  const wrong = read.filter((x) => x.net !== x.truth);
  const right = read.filter((x) => x.net === x.truth);
  for (const [label, sure] of rules) {
    console.log(`${label.padEnd(58)} wrong values flagged ${pct(wrong.filter((x) => !sure(x)).length, wrong.length)} (${wrong.length}), right values flagged ${pct(right.filter((x) => !sure(x)).length, right.length)} (${right.length})`);
  }
}

void main();
