// Real scanned documents from ../shared/realdocs (hand-written numbers and days, red seals,
// rendered signature stamps): skipped with a message when the folder is absent. The real
// documents are never copied into the project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFields, type Fields } from '../../../electron/ocr/fields';
import { ocrFile } from '../../../electron/ocr/pipeline';
import { OcrPool } from '../../../electron/ocr/pool';
import { ensureTessdata } from '../../../electron/ocr/tessdata';
import { isRight, loadRealDocs, realdocsPresent, REALDOCS_DIR, TAG_FIELDS, type RealDoc } from '../../fixtures/realdocs';

const present = realdocsPresent();
if (!present) console.warn(`real documents not found at ${REALDOCS_DIR}: the real-paper tests are skipped`);

describe.skipIf(!present)('tags on real documents', () => {
  let dir: string;
  let pool: OcrPool;
  let docs: RealDoc[];
  const tagged = new Map<string, Fields>();
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-real-'));
    pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: 2 });
    docs = await loadRealDocs();
    await Promise.all(
      docs.map(async (d) => {
        const pages = [];
        for (const p of d.pages) pages.push(...(await ocrFile(p.image, p.composed ? 'png' : 'jpeg', d.slug, pool)));
        tagged.set(d.slug, extractFields(pages));
      }),
    );
  }, 600_000);
  afterAll(async () => {
    await pool?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const right = (field: (typeof TAG_FIELDS)[number]) => docs.filter((d) => isRight(field, tagged.get(d.slug)![field].value, d.fields[field])).length;

  it('reads the type and the issuing body of nearly every document', () => {
    expect(right('type')).toBeGreaterThanOrEqual(11);
    expect(right('agency')).toBeGreaterThanOrEqual(11);
  });

  it('never leaves a written-in number silently empty, and lets a hand-written number pass unflagged only when it is right most of the time', () => {
    // the digit network's calibrated-sure readings pass review (≥ 0.6); the rest stay flagged
    const sure = docs.filter((d) => tagged.get(d.slug)!.number.source === 'digits' && tagged.get(d.slug)!.number.confidence >= 0.6);
    expect(sure.filter((d) => isRight('number', tagged.get(d.slug)!.number.value, d.fields.number)).length).toBeGreaterThanOrEqual(sure.length * 0.75);
    expect(docs.filter((d) => tagged.get(d.slug)!.number.value !== null).length).toBeGreaterThanOrEqual(10);
    expect(right('number')).toBeGreaterThanOrEqual(11);
    expect(right('date')).toBeGreaterThanOrEqual(10);
  });

  it('flags what it gets wrong: most wrong numbers and dates are under review\'s 0.6', () => {
    // an aggregate, not every one: a calibrated network is sometimes surely wrong (bench:tags: 19 of 22 flagged)
    const wrong = (['number', 'date'] as const).flatMap((field) => docs.map((d) => ({ f: tagged.get(d.slug)![field], ok: isRight(field, tagged.get(d.slug)![field].value, d.fields[field]) })).filter((r) => !r.ok && r.f.value !== null));
    expect(wrong.filter((w) => w.f.confidence < 0.6).length).toBeGreaterThanOrEqual(wrong.length * 0.8);
  });

  it('finds the subject and the signer, accents and all, on nearly every document', () => {
    expect(right('subject')).toBeGreaterThanOrEqual(10);
    // the names under a seal that whole-page OCR loses or reads without their tone marks
    expect(right('signer')).toBeGreaterThanOrEqual(10);
  });

  it('keeps every title line of the signature block, and no authority line in a subject', () => {
    const withTitle = docs.filter((d) => d.fields.signerPosition !== null);
    // the same words: 'KT.BỘ TRƯỞNG' as printed is 'KT. BỘ TRƯỞNG' as the tagger writes it
    const same = (s: string) => s.replace(/UỶ/g, 'ỦY').replace(/\.\s*/g, '. ');
    const kept = withTitle.filter((d) => same(tagged.get(d.slug)!.signerPosition.value ?? '') === same(d.fields.signerPosition!.split(' / ').join(' ')));
    // a floor, not the goal: "all but two" held on the first 12 documents; on the 26 of the set now
    // (14 added from other bodies) it reads 19 of 25 (2026-12-07)
    expect(kept.length / withTitle.length).toBeGreaterThanOrEqual(0.75);
    for (const d of docs) expect(tagged.get(d.slug)!.subject.value ?? '', d.slug).not.toMatch(/CHỦ TỊCH (ỦY|UỶ) BAN/);
  });
});

