// A born-digital document issued through e-office: the leader signs the draft with a personal
// certificate (number and day blank), then the văn thư writes the number and the day into the
// blanks in a later revision (an annotation's appearance, as e-office draws them) and the
// agency signs that. The tags are read from the document as issued: number and day from the
// last revision, the date confirmed by the agency's signature, the signer by the leader's
// certificate. Real pdf.js, pdf-lib, the project's own signer and verifier, real tesseract.js.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFName, PDFRef, type PDFPage } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrFiles } from '../../../electron/ocr/ocr-files';
import { OcrPool } from '../../../electron/ocr/pool';
import { openPdfForRender } from '../../../electron/ocr/render-pdf';
import { signatureEvidence } from '../../../electron/ocr/signature-evidence';
import { ensureTessdata } from '../../../electron/ocr/tessdata';
import { openRevision, touch, writeIncrement } from '../../../electron/signing/pdf/incremental';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { renderPdf, SAMPLE_DOCS, type AdminDoc } from '../../fixtures/admin-docs';
import { makePki } from '../../fixtures/pki';

let dir: string;
let pool: OcrPool;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-issued-'));
  pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: 1 });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Text in an annotation's appearance stream at (x, baseline y) in points, as an e-office stamp writes it. */
function stampText(page: PDFPage, rev: Awaited<ReturnType<typeof openRevision>>, text: string, x: number, y: number): void {
  const ctx = rev.doc.context;
  const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Times-Roman', Encoding: 'WinAnsiEncoding' }));
  const ap = ctx.register(
    ctx.stream(`BT /F1 13 Tf 0 4 Td (${text}) Tj ET`, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 30, 18], Resources: { Font: { F1: font } } }),
  );
  const annot = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Stamp', F: 4 + 128, Rect: [x, y - 4, x + 30, y + 14], AP: { N: ap } }));
  const annots = page.node.Annots();
  if (annots) {
    annots.push(annot);
    if (page.node.get(PDFName.of('Annots')) instanceof PDFRef) touch(rev, page.node.get(PDFName.of('Annots')) as PDFRef);
  } else page.node.set(PDFName.of('Annots'), ctx.obj([annot]));
  touch(rev, page.ref);
}

/** Where a word of the page's own text sits, in points from the bottom left. */
async function wordAt(pdf: Buffer, match: RegExp): Promise<{ x1: number; baseline: number }> {
  const doc = await openPdfForRender(pdf, 'draft.pdf');
  try {
    const lines = (await doc.textLines(1, 72))!;
    const w = lines.flatMap((l) => l.words).find((x) => match.test(x.text))!;
    const { height } = await doc.size(1);
    return { x1: w.bbox.x1, baseline: height - (w.bbox.y1 - (w.bbox.y1 - w.bbox.y0) * 0.2) };
  } finally {
    await doc.close();
  }
}

describe('a document read as issued', () => {
  it('takes the number and day written in a later signed revision, the date and signer from the signatures', async () => {
    const doc: AdminDoc = { ...SAMPLE_DOCS[1], number: null, date: { ...SAMPLE_DOCS[1].date, d: null } }; // Chỉ thị, blanks left
    const leader = makePki({ cn: doc.signer }); // the leader's personal certificate
    const agency = makePki({ cn: 'Ủy ban nhân dân tỉnh Thanh Hóa' });
    const draft = await renderPdf(doc);
    const signedByLeader = await signPdf(draft, { signer: p12Signer(leader.p12, leader.password), appearance: 'none', time: new Date('2020-04-01T02:00:00Z') });

    // the văn thư's revision: "12" after "Số:" and "01" after "ngày"
    const so = await wordAt(signedByLeader, /^Số:$/);
    const ngay = await wordAt(signedByLeader, /^ngày$/);
    const rev = await openRevision(signedByLeader);
    const page = rev.doc.getPage(0);
    stampText(page, rev, '12', so.x1 + 12, so.baseline);
    stampText(page, rev, '01', ngay.x1 + 8, ngay.baseline);
    const numbered = await writeIncrement(rev);
    const issued = await signPdf(numbered, { signer: p12Signer(agency.p12, agency.password), appearance: 'none', time: new Date('2020-04-01T03:00:00Z') });

    const ev = await signatureEvidence(issued, 'issued.pdf');
    expect(ev).toMatchObject({ organisation: 'Ủy ban nhân dân tỉnh Thanh Hóa', person: doc.signer, date: '2020-04-01' });

    const file = path.join(dir, 'issued.pdf');
    fs.writeFileSync(file, issued);
    const { files } = await ocrFiles([{ path: file, name: 'issued.pdf' }], pool);
    const f = files[0].fields!;
    expect(files[0].pages.map((p) => p.read)).toEqual(['text']);
    expect(f.number).toBe('12/CT-UBND');
    expect(f.date).toBe('2020-04-01');
    expect(f.signer).toBe(doc.signer);

    // the leader's draft alone: no number, and no day on the page (the date comes from the signature)
    fs.writeFileSync(file, signedByLeader);
    const draftFields = (await ocrFiles([{ path: file, name: 'issued.pdf' }], pool)).files[0].fields!;
    expect(draftFields.number).toBeNull();
  }, 300_000);
});
