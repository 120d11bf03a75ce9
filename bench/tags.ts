// npm run bench:tags — how often the tagger is right, field by field, on the real documents in
// ../shared/realdocs (when present) and on rendered fixture documents, and whether its
// confidence tells right from wrong (so review can sort by doubt):
//   right: share of documents whose value matches the truth (a null where the truth has a
//          value is wrong; the subject is right within 5% character errors);
//   conf right / conf wrong: mean confidence the app gave to right and to wrong values;
//   wrong < right: share of (wrong value, right value) pairs, all fields pooled, where the
//          wrong one has the lower confidence (goal ≥ 90%).
// Goals: every field ≥ 90% right on the real set, ≥ 95% on the fixtures.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FileKind } from '../electron/capture/sniff';
import type { DigitReading } from '../electron/ocr/digits';
import { extractFields, type Fields } from '../electron/ocr/fields';
import { ocrFile, type PageOcr } from '../electron/ocr/pipeline';
import { defaultPoolSize, OcrPool } from '../electron/ocr/pool';
import { applySignatureEvidence, signatureEvidence } from '../electron/ocr/signature-evidence';
import { ensureTessdata } from '../electron/ocr/tessdata';
import { FIXTURE_SET } from '../tests/fixtures/tag-fixtures';
import { isRight, loadRealDocs, realdocsPresent, REALDOCS_DIR, TAG_FIELDS, type TagField } from '../tests/fixtures/realdocs';

interface Case {
  name: string;
  /** a PDF is read as issued: the pages named (those the truth was read from), and its signatures as evidence */
  files: { bytes: Buffer; kind: FileKind; pages?: number[] }[];
  truth: Record<TagField, string | null>;
  /** how the number and the date were written on the page, to report them apart */
  written?: Record<'number' | 'date', Written>;
}
type Written = 'hand-written' | 'typed' | 'born-digital';
interface Outcome {
  name: string;
  field: TagField;
  got: string | null;
  want: string | null;
  right: boolean;
  confidence: number;
  source: string;
  written?: Written;
}

const kindOf = (b: Buffer): FileKind => (b.subarray(0, 4).toString('latin1') === '%PDF' ? 'pdf' : b[0] === 0xff ? 'jpeg' : b[0] === 0x49 || b[0] === 0x4d ? 'tiff' : 'png');

// BENCH_CACHE=dir keeps what the pipeline read per input, to score changes to the tagging alone
const CACHE = process.env.BENCH_CACHE;
type Read = Pick<PageOcr, 'lines' | 'size' | 'qr' | 'digits'>;
async function readFile(pool: OcrPool, f: Case['files'][number], name: string): Promise<Read[]> {
  const key = CACHE && path.join(CACHE, `${createHash('sha256').update(f.bytes).update(String(f.pages ?? '')).digest('hex').slice(0, 24)}.json`);
  if (key && fs.existsSync(key)) return JSON.parse(fs.readFileSync(key, 'utf8'));
  const pages = (await ocrFile(f.bytes, f.kind, name, pool, { pages: f.pages?.map((page) => ({ page })) })).map((p) => ({ lines: p.lines, size: p.size, qr: p.qr, digits: p.digits }));
  if (key) {
    fs.mkdirSync(CACHE!, { recursive: true });
    fs.writeFileSync(key, JSON.stringify(pages));
  }
  return pages;
}

async function tagCase(pool: OcrPool, c: Case): Promise<{ fields: Fields; digits: DigitReading[] }> {
  const pages: Read[] = [];
  for (const f of c.files) pages.push(...(await readFile(pool, f, c.name)));
  const pdf = c.files.find((f) => f.kind === 'pdf');
  const evidence = pdf ? await signatureEvidence(pdf.bytes, c.name) : null;
  return { fields: applySignatureEvidence(extractFields(pages), evidence), digits: pages.flatMap((p) => p.digits) };
}

/** The digit readers side by side on the blanks they re-read: which reads the truth more often. */
const readerTally: Record<'ocr' | 'classifier' | 'tesseract' | 'chosen', number> & { blanks: number } = { ocr: 0, classifier: 0, tesseract: 0, chosen: 0, blanks: 0 };
function tallyDigits(digits: DigitReading[], truth: Case['truth']): void {
  const want: Record<DigitReading['kind'], string | null> = {
    number: truth.number?.split('/')[0] ?? null,
    day: truth.date ? String(Number(truth.date.slice(8, 10))) : null,
    month: truth.date ? String(Number(truth.date.slice(5, 7))) : null,
  };
  const same = (got: string | null, w: string | null) => got !== null && w !== null && Number(got) === Number(w) && got.length >= w.length - 1;
  for (const d of digits) {
    const w = want[d.kind];
    if (w === null) continue;
    readerTally.blanks++;
    if (same(d.ocr.replace(/\D/g, '') || null, w)) readerTally.ocr++;
    if (same(d.classifier, w)) readerTally.classifier++;
    if (same(d.tesseract, w)) readerTally.tesseract++;
    if (same(d.chosen, w)) readerTally.chosen++;
  }
}

async function runSet(pool: OcrPool, cases: Case[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: pool.size }, async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const { fields: f, digits } = await tagCase(pool, c);
        tallyDigits(digits, c.truth);
        for (const field of TAG_FIELDS) {
          const got = f[field].value;
          const want = c.truth[field];
          const written = field === 'number' || field === 'date' ? c.written?.[field] : undefined;
          out.push({ name: c.name, field, got, want, right: isRight(field, got, want), confidence: f[field].confidence, source: f[field].source, written });
        }
      }
    }),
  );
  return out;
}

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(0)}%` : '–');
const mean = (a: number[]) => (a.length ? (a.reduce((s, x) => s + x, 0) / a.length).toFixed(2) : '–');

function report(title: string, res: Outcome[], goal: number): void {
  const docs = new Set(res.map((r) => r.name)).size;
  console.log(`\n${title} (${docs} documents)`);
  console.log('field    right          conf right  conf wrong  wrong < right');
  for (const field of TAG_FIELDS) {
    const r = res.filter((x) => x.field === field);
    const right = r.filter((x) => x.right);
    const wrong = r.filter((x) => !x.right && x.got !== null);
    const pairs = wrong.length * right.length;
    const below = wrong.reduce((s, w) => s + right.filter((x) => w.confidence < x.confidence).length, 0);
    const share = right.length / r.length;
    console.log(
      `${field.padEnd(8)} ${`${right.length}/${r.length} ${pct(right.length, r.length)}`.padEnd(14)} ${mean(right.map((x) => x.confidence)).padEnd(11)} ${mean(wrong.map((x) => x.confidence)).padEnd(11)} ${pairs ? pct(below, pairs) : '–'}${share >= goal ? '' : '   below goal'}`,
    );
  }
  const right = res.filter((x) => x.right);
  const wrong = res.filter((x) => !x.right && x.got !== null);
  const below = wrong.reduce((s, w) => s + right.filter((x) => w.confidence < x.confidence).length, 0);
  console.log(`all      ${pct(right.length, res.length).padEnd(14)} ${mean(right.map((x) => x.confidence)).padEnd(11)} ${mean(wrong.map((x) => x.confidence)).padEnd(11)} ${pct(below, wrong.length * right.length)} (goal ≥ 90%)`);
  // review shows a value under 0.6 as doubtful (renderer review-fields' LOW); a wrong empty value is flagged too
  const flagged = (x: Outcome) => x.got === null || x.confidence < 0.6;
  const flagLine = (label: string, r: Outcome[]) => {
    const w = r.filter((x) => !x.right), ok = r.filter((x) => x.right);
    return `${label}: wrong flagged ${w.filter(flagged).length}/${w.length} ${pct(w.filter(flagged).length, w.length)}, right flagged ${ok.filter(flagged).length}/${ok.length} ${pct(ok.filter(flagged).length, ok.length)}`;
  };
  console.log(`flagged (< 0.6) · ${flagLine('all', res)} (goals ≥ 90%, ≤ 20%) · ${flagLine('number+date', res.filter((x) => x.field === 'number' || x.field === 'date'))}`);
  const by = (['hand-written', 'typed', 'born-digital'] as const).flatMap((w) => {
    const part = (field: TagField) => {
      const r = res.filter((x) => x.field === field && x.written === w);
      return `${field} ${r.filter((x) => x.right).length}/${r.length}`;
    };
    return res.some((x) => x.written === w) ? [`${w}: ${part('number')}, ${part('date')}`] : [];
  });
  if (by.length) console.log(`number and date as written · ${by.join(' · ')}`);
  if (!process.env.BENCH_VERBOSE) return;
  for (const x of res.filter((r) => !r.right)) console.log(`  ✗ ${x.name} ${x.field}: ${JSON.stringify(x.got)} (${x.confidence}, ${x.source}) ≠ ${JSON.stringify(x.want)}`);
  // right values review would still ask about: what the right-flagged share is made of
  for (const x of res.filter((r) => r.right && flagged(r))) console.log(`  ? ${x.name} ${x.field}: ${JSON.stringify(x.got)} (${x.confidence}, ${x.source})`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-tags-'));
  const pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: defaultPoolSize() });
  const t0 = performance.now();
  try {
    console.log(`bench:tags · ${new Date().toISOString().slice(0, 10)} · cores: ${pool.size}`);
    if (realdocsPresent()) {
      const real = await loadRealDocs();
      // a document kept with its published PDF is read from it, as the app would get it (BENCH_IMAGES=1: from the page renders)
      const asIssued = (d: (typeof real)[number]) => !!d.pdf && !process.env.BENCH_IMAGES;
      const cases: Case[] = real.map((d) => ({
        name: d.slug,
        files: asIssued(d) ? [{ bytes: d.pdf!, kind: 'pdf' as const, pages: d.pages.map((p) => p.page) }] : d.pages.map((p) => ({ bytes: p.image, kind: kindOf(p.image) })),
        truth: d.fields,
        written: {
          number: d.kind === 'born-digital' ? 'born-digital' : d.handwritten.includes('number') ? 'hand-written' : 'typed',
          date: d.kind === 'born-digital' ? 'born-digital' : d.handwritten.some((f) => ['date', 'day', 'month'].includes(f)) ? 'hand-written' : 'typed',
        },
      }));
      report(`Real documents, ${REALDOCS_DIR}`, await runSet(pool, cases), 0.9);
      const t = readerTally;
      console.log(
        `hand-written/unsure digits read again: ${t.blanks} blanks · right: OCR as read ${t.ocr}, digit classifier ${t.classifier}, tesseract digits-only ${t.tesseract}, kept ${t.chosen}`,
      );
    } else console.log(`\nReal documents: ${REALDOCS_DIR} is absent, skipped`);
    const fixtures = await FIXTURE_SET();
    report('Rendered fixtures', await runSet(pool, fixtures.map((f) => ({ name: f.name, files: f.files.map((b) => ({ bytes: b, kind: kindOf(b) })), truth: f.truth }))), 0.95);
    console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
