// The whitelist of changes after signing, on generated files: each later revision is the one a
// tool (or an attacker) would append, and every object it changes must be explained by an
// allowed change. Page keys beyond producers' data, a structure tree's role map, a catalogue
// swapped for one prepared before signing are modifications; the same content under a new
// object number, an indirect /Extensions dictionary and a widget listed only in its field's
// /Kids are not.
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
const N = PDFName.of;
type Rev = Awaited<ReturnType<typeof openRevision>>;

/** A tagged one-page document (a structure tree with a role map), signed. */
async function signedTagged(extra?: (doc: PDFDocument) => void) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([300, 200]);
  page.drawText('Quyet dinh so 12/QD-UBND', { x: 20, y: 150, size: 12, font });
  const ctx = doc.context;
  const parentTree = ctx.register(ctx.obj({ Nums: [] }));
  const root = ctx.register(ctx.obj({ Type: 'StructTreeRoot', K: [], ParentTree: parentTree, RoleMap: { Standard: 'P' } }));
  doc.catalog.set(N('StructTreeRoot'), root);
  extra?.(doc);
  return signPdf(Buffer.from(await doc.save({ useObjectStreams: false })), { signer, appearance: 'none' });
}

async function verdict(signed: Buffer, edit: (rev: Rev) => void) {
  const rev = await openRevision(signed);
  edit(rev);
  const r = await verifyPdf(await writeIncrement(rev), { file: 'x.pdf', trust });
  const s = r.signatures[0];
  expect(s).toMatchObject({ intact: true, cryptoValid: true });
  return { modified: s.modifiedAfter, valid: r.valid, refused: s.changes.filter((c) => !c.allowed), changes: s.changes };
}

const page0 = (rev: Rev) => rev.doc.getPages()[0];
const structRoot = (rev: Rev) => rev.doc.catalog.get(N('StructTreeRoot')) as PDFRef;

describe('changes after signing: the whitelist', () => {
  it('a tab order or a marked-content link added to a page is a change of the page', async () => {
    const signed = await signedTagged();
    for (const [key, value] of [['Tabs', N('S')], ['StructParents', PDFNumber.of(0)]] as const) {
      const v = await verdict(signed, (rev) => {
        page0(rev).node.set(N(key), value);
        touch(rev, page0(rev).ref);
      });
      expect(v.modified, key).toBe(true);
      expect(v.valid).toBe(false);
      expect(v.refused).toContainEqual(expect.objectContaining({ category: 'PAGE_CONTENT', detail: `/${key}` }));
    }
  });

  it("the structure tree: a widget's place in /K and /ParentTree is allowed, a new role map is not", async () => {
    const signed = await signedTagged();
    const tagged = await verdict(signed, (rev) => {
      const ctx = rev.doc.context;
      const elem = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Form', P: structRoot(rev) }));
      const root = ctx.lookup(structRoot(rev), PDFDict);
      (root.lookup(N('K'), PDFArray) as PDFArray).push(elem);
      root.set(N('ParentTreeNextKey'), ctx.obj(1));
      touch(rev, structRoot(rev));
    });
    expect(tagged.modified).toBe(false);
    expect(tagged.changes).toContainEqual(expect.objectContaining({ category: 'STRUCTURE', allowed: true, detail: '/StructTreeRoot /ParentTreeNextKey' }));

    const remapped = await verdict(signed, (rev) => {
      rev.doc.context.lookup(structRoot(rev), PDFDict).set(N('RoleMap'), rev.doc.context.obj({ Standard: 'Artifact' }));
      touch(rev, structRoot(rev));
    });
    expect(remapped.modified).toBe(true);
    expect(remapped.refused).toContainEqual(expect.objectContaining({ category: 'CATALOG', detail: '/StructTreeRoot /RoleMap' }));
  });

  it('a page whose resources move to a new object with the same content is unchanged; other content is a change', async () => {
    const signed = await signedTagged();
    for (const same of [true, false]) {
      const v = await verdict(signed, (rev) => {
        const page = page0(rev);
        const res = page.node.lookup(N('Resources'), PDFDict).clone(rev.doc.context);
        if (!same) res.set(N('ProcSet'), rev.doc.context.obj([N('PDF'), N('ImageB')]));
        page.node.set(N('Resources'), rev.doc.context.register(res));
        touch(rev, page.ref);
      });
      expect(v.modified, String(same)).toBe(!same);
      if (!same) expect(v.refused).toContainEqual(expect.objectContaining({ category: 'PAGE_CONTENT', detail: '/Resources' }));
    }
  });

  it('an indirect /Extensions dictionary may be filled in, unless something else also uses that object', async () => {
    for (const shared of [false, true]) {
      const signed = await signedTagged((doc) => {
        const ext = doc.context.register(doc.context.obj({}));
        doc.catalog.set(N('Extensions'), ext);
        if (shared) doc.catalog.set(N('DontOverrideMe'), ext);
      });
      const v = await verdict(signed, (rev) => {
        const ref = rev.doc.catalog.get(N('Extensions')) as PDFRef;
        rev.doc.context.lookup(ref, PDFDict).set(N('ESIC'), rev.doc.context.obj({ BaseVersion: N('1.7'), ExtensionLevel: 5 }));
        touch(rev, ref);
      });
      expect(v.modified, `shared ${shared}`).toBe(shared);
    }
  });

  it('a new signature field whose widget is listed only in its /Kids (an indirect array) is a signature added', async () => {
    const signed = await signedTagged();
    const v = await verdict(signed, (rev) => {
      const ctx = rev.doc.context;
      const page = page0(rev);
      const widget = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', F: 4, Rect: [20, 20, 80, 40], P: page.ref }));
      const field = ctx.register(ctx.obj({ FT: 'Sig', T: ctx.obj('Sig2'), Kids: ctx.register(ctx.obj([widget])) }));
      const form = rev.doc.catalog.lookup(N('AcroForm'), PDFDict);
      const fields = form.lookup(N('Fields'), PDFArray);
      fields.push(field);
      const annots = page.node.lookup(N('Annots'));
      if (annots instanceof PDFArray) annots.push(widget);
      else page.node.set(N('Annots'), ctx.obj([widget]));
      touch(rev, page.ref);
      const formRef = rev.doc.catalog.get(N('AcroForm'));
      touch(rev, formRef instanceof PDFRef ? formRef : rev.doc.context.trailerInfo.Root as PDFRef);
      const fieldsRef = form.get(N('Fields'));
      if (fieldsRef instanceof PDFRef) touch(rev, fieldsRef);
    });
    expect(v.refused).toEqual([]);
    expect(v.changes).toContainEqual(expect.objectContaining({ category: 'SIGNATURE_ADDED', allowed: true }));
  });

  it('the catalogue rewritten under a new number with the same keys and a DSS is allowed; pointing at one prepared before signing is hide-and-replace', async () => {
    let prepared: PDFRef | undefined;
    const signed = await signedTagged((doc) => {
      // an unreferenced copy of the catalogue, with an action the signed one does not have
      const copy = doc.catalog.clone(doc.context);
      copy.set(N('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: doc.context.obj('app.alert(1)') }));
      prepared = doc.context.register(copy);
    });
    const moved = await verdict(signed, (rev) => {
      const copy = rev.doc.catalog.clone(rev.doc.context);
      copy.set(N('DSS'), rev.doc.context.register(rev.doc.context.obj({ Type: 'DSS', Certs: [] })));
      rev.doc.context.trailerInfo.Root = rev.doc.context.register(copy);
    });
    expect(moved.refused).toEqual([]);
    const swapped = await verdict(signed, (rev) => {
      rev.doc.context.trailerInfo.Root = prepared!;
    });
    expect(swapped.modified).toBe(true);
    expect(swapped.refused).toContainEqual(expect.objectContaining({ category: 'CATALOG', detail: '/Root', shadow: 'hide-and-replace' }));
  });
});
