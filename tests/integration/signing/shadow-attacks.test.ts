// Shadow attacks (PDF-Insecurity: hide, replace, hide-and-replace) made here on a document we
// sign, each as the incremental update an attacker would append, and the allowed changes
// that must not raise an alarm.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openRevision, touch, writeIncrement } from '../../../electron/signing/pdf/incremental';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { makePki } from '../../fixtures/pki';

const pki = makePki();
const trust = pemToDer(pki.rootPem);
const signer = p12Signer(pki.p12, pki.password);

/** A page saying "Số tiền: 1.000.000 đồng", a white box annotation over nothing, and an unreferenced stream with other text (the shadow). */
async function prepared() {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([300, 200]);
  page.drawText('So tien: 1.000.000 dong', { x: 20, y: 150, size: 14, font });
  const ctx = doc.context;
  const shadow = ctx.register(ctx.stream('BT /F1 14 Tf 20 150 Td (So tien: 9.000.000 dong) Tj ET'));
  const box = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Square', Rect: [10, 10, 100, 40], F: 4, C: [1, 1, 1] }));
  page.node.set(PDFName.of('Annots'), ctx.obj([box]));
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
  return { signed: await signPdf(bytes, { signer, appearance: 'none' }), shadow, box };
}

const firstPage = (doc: PDFDocument) => doc.getPages()[0];
const disallowed = async (pdf: Buffer) => {
  const r = await verifyPdf(pdf, { file: 'x.pdf', trust });
  const s = r.signatures[0];
  expect(s).toMatchObject({ intact: true, cryptoValid: true, modifiedAfter: true });
  expect(r.valid).toBe(false);
  return s.changes.filter((c) => !c.allowed);
};

describe('shadow attacks on a signed document', () => {
  it('hide-and-replace: the page is pointed at content prepared, unreferenced, before signing', async () => {
    const { signed, shadow } = await prepared();
    const rev = await openRevision(signed);
    const page = firstPage(rev.doc);
    page.node.set(PDFName.of('Contents'), shadow);
    touch(rev, page.ref);
    const bad = await disallowed(await writeIncrement(rev));
    expect(bad).toContainEqual(expect.objectContaining({ category: 'PAGE_CONTENT', shadow: 'hide-and-replace', object: page.ref.objectNumber }));
  });

  it('replace: the signed content stream is overwritten under its own object number', async () => {
    const { signed } = await prepared();
    const rev = await openRevision(signed);
    const page = firstPage(rev.doc);
    const contents = page.node.get(PDFName.of('Contents'));
    const ref = (contents instanceof PDFArray ? contents.get(0) : contents) as PDFRef;
    rev.doc.context.assign(ref, rev.doc.context.stream('BT /F1 14 Tf 20 150 Td (So tien: 9.000.000 dong) Tj ET'));
    touch(rev, ref);
    const bad = await disallowed(await writeIncrement(rev));
    expect(bad).toContainEqual(expect.objectContaining({ category: 'PAGE_CONTENT', shadow: 'replace', object: ref.objectNumber }));
  });

  it('hide: an annotation shown when signed is made hidden, or taken off the page', async () => {
    for (const how of ['flag', 'remove'] as const) {
      const { signed, box } = await prepared();
      const rev = await openRevision(signed);
      const page = firstPage(rev.doc);
      if (how === 'flag') {
        (rev.doc.context.lookup(box) as PDFDict).set(PDFName.of('F'), PDFNumber.of(2));
        touch(rev, box);
      } else {
        page.node.set(PDFName.of('Annots'), rev.doc.context.obj([]));
        touch(rev, page.ref);
      }
      const bad = await disallowed(await writeIncrement(rev));
      expect(bad, how).toContainEqual(expect.objectContaining({ category: 'ANNOTATION_REMOVED', shadow: 'hide' }));
    }
  });

  it('a page added is disallowed; metadata, a second signature and a new annotation are not', async () => {
    const { signed } = await prepared();
    const added = await openRevision(signed);
    added.doc.addPage();
    touch(added, added.doc.catalog.get(PDFName.of('Pages')) as PDFRef);
    expect(await disallowed(await writeIncrement(added))).toContainEqual(expect.objectContaining({ category: 'PAGE_ADDED' }));

    const allowed = await openRevision(signed);
    const page = firstPage(allowed.doc);
    const note = allowed.doc.context.register(allowed.doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [200, 150, 220, 170], Contents: 'Đã đối chiếu' }));
    (page.node.lookup(PDFName.of('Annots'), PDFArray) as PDFArray).push(note);
    touch(allowed, page.ref);
    const infoRef = allowed.doc.context.trailerInfo.Info as PDFRef | undefined;
    if (infoRef) {
      (allowed.doc.context.lookup(infoRef) as PDFDict).set(PDFName.of('Title'), allowed.doc.context.obj('Bản sao'));
      touch(allowed, infoRef);
    }
    const twice = await signPdf(await writeIncrement(allowed), { signer, appearance: 'copy', agency: 'UBND huyện Như Xuân' });
    const r = await verifyPdf(twice, { file: 'x.pdf', trust });
    expect(r.valid).toBe(true);
    expect(r.signatures[0].modifiedAfter).toBe(false);
    expect(new Set(r.signatures[0].changes.map((c) => c.category))).toEqual(new Set(['ANNOTATION', 'SIGNATURE_ADDED', ...(infoRef ? ['METADATA'] : [])]));
  });

  it('replace: a form field redrawn over its unchanged value (a new appearance, or the old one overwritten); filling it is allowed', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 200]);
    const field = doc.getForm().createTextField('SoTien');
    field.setText('1.000.000');
    field.addToPage(page, { x: 20, y: 120, width: 200, height: 30 });
    const signed = await signPdf(Buffer.from(await doc.save({ useObjectStreams: false })), { signer, appearance: 'none' });
    const redraw = (rev: Awaited<ReturnType<typeof openRevision>>) => rev.doc.context.stream('BT /Helv 12 Tf 2 8 Td (9.000.000) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 200, 30] });
    for (const how of ['new appearance', 'overwritten in place', 'filled'] as const) {
      const rev = await openRevision(signed);
      const widget = rev.doc.getForm().getTextField('SoTien').acroField.getWidgets()[0];
      const widgetRef = rev.doc.context.getObjectRef(widget.dict)!;
      const apRef = (widget.dict.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N')) as PDFRef);
      if (how === 'overwritten in place') {
        rev.doc.context.assign(apRef, redraw(rev));
        touch(rev, apRef);
      } else {
        widget.dict.set(PDFName.of('AP'), rev.doc.context.obj({ N: rev.doc.context.register(redraw(rev)) }));
        if (how === 'filled') widget.dict.set(PDFName.of('V'), rev.doc.context.obj('9.000.000'));
        touch(rev, widgetRef);
      }
      const out = await writeIncrement(rev);
      if (how === 'filled') {
        const r = await verifyPdf(out, { file: 'x.pdf', trust });
        expect(r.signatures[0].modifiedAfter, how).toBe(false);
        continue;
      }
      expect(await disallowed(out), how).toContainEqual(expect.objectContaining({ category: 'APPEARANCE_OVERWRITTEN', shadow: 'replace' }));
    }
  });
});
