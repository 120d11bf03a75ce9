// DocMDP and FieldMDP permissions applied to the changes of a real signed file: an annotation
// added after signing is allowed under P=3 and for an approval signature, refused under P=2
// and P=1; a second signature is refused under P=1 only; FieldMDP locks name their fields.
import { PDFArray, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { diffRevisions, lockCovers } from '../../../electron/signing/verify/diff-analysis';
import { openRevision, touch, writeIncrement } from '../../../electron/signing/pdf/incremental';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { PdfFile } from '../../../electron/signing/pdf/pdf-revisions';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { makePki } from '../../fixtures/pki';

const pki = makePki();
const signer = p12Signer(pki.p12, pki.password);

async function signedThenAnnotated() {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]);
  const signed = await signPdf(Buffer.from(await doc.save({ useObjectStreams: false })), { signer, appearance: 'none' });
  const rev = await openRevision(signed);
  const page = rev.doc.getPages()[0];
  const note = rev.doc.context.register(rev.doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 30, 30], Contents: 'Ghi chú' }));
  const annots = page.node.lookup(PDFName.of('Annots'), PDFArray);
  annots.push(note);
  const raw = page.node.get(PDFName.of('Annots'));
  touch(rev, raw instanceof PDFRef ? raw : page.ref);
  const annotated = await writeIncrement(rev);
  return { signed, annotated, twice: await signPdf(annotated, { signer, appearance: 'none' }) };
}

const changes = (pdf: Buffer, signedLength: number, docMdp: 1 | 2 | 3 | null, locked: (f: string) => boolean = () => false) => {
  const file = new PdfFile(pdf);
  return diffRevisions(file, file.revisionAt(signedLength), file.last, { docMdp, lockedFields: locked });
};

describe('DocMDP and FieldMDP', () => {
  it('allows an annotation for an approval signature and under P=3, refuses it under P=2 and P=1', async () => {
    const { signed, annotated } = await signedThenAnnotated();
    for (const p of [null, 3] as const) expect(changes(annotated, signed.length, p).modifiedAfter, String(p)).toBe(false);
    for (const p of [2, 1] as const) {
      const r = changes(annotated, signed.length, p);
      expect(r.modifiedAfter).toBe(true);
      expect(r.changes).toContainEqual(expect.objectContaining({ category: 'ANNOTATION', allowed: false, refusedBy: `DocMDP P=${p}` }));
    }
  });

  it('allows a further signature under P=2, refuses it under P=1', async () => {
    const { annotated, twice } = await signedThenAnnotated();
    expect(changes(twice, annotated.length, 2).modifiedAfter).toBe(false);
    const p1 = changes(twice, annotated.length, 1);
    expect(p1.changes).toContainEqual(expect.objectContaining({ category: 'SIGNATURE_ADDED', allowed: false, refusedBy: 'DocMDP P=1' }));
  });

  it('FieldMDP: All, Include and Exclude cover the fields they name and their children', () => {
    expect(lockCovers({ action: 'All', fields: [] }, 'a')).toBe(true);
    expect(lockCovers({ action: 'Include', fields: ['ho_ten'] }, 'ho_ten')).toBe(true);
    expect(lockCovers({ action: 'Include', fields: ['ho_ten'] }, 'ho_ten.dem')).toBe(true);
    expect(lockCovers({ action: 'Include', fields: ['ho_ten'] }, 'dia_chi')).toBe(false);
    expect(lockCovers({ action: 'Exclude', fields: ['ghi_chu'] }, 'ghi_chu')).toBe(false);
    expect(lockCovers({ action: 'Exclude', fields: ['ghi_chu'] }, 'so_tien')).toBe(true);
    expect(lockCovers(null, 'x')).toBe(false);
  });
});
