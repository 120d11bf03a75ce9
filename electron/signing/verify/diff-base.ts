// The common ground of revision analysis: the two revisions, the signed one's object graph,
// the changes found so far, comparison by content, the shadow-attack class of a disallowed
// change, and the judgement of list items (annotations, fields) added or taken away.
import { PDFArray, PDFDict, PDFRef, type PDFObject } from 'pdf-lib';
import { ALLOWED_CATEGORIES, type Change, type ChangeCategory, type ShadowClass } from './diff-types';
import { buildGraph, canon, compareDicts, fieldType, n, refsIn, type Graph } from './diff-graph';
import { fieldListing, sameContent } from './diff-whitelist';
import type { PdfFile, Revision } from '../pdf/pdf-revisions';

export class DiffBase {
  readonly g: Graph;
  readonly out: Change[] = [];
  readonly signedRoot: number;

  constructor(
    readonly pdf: PdfFile,
    readonly signed: Revision,
    readonly final: Revision,
  ) {
    this.g = buildGraph(pdf, signed);
    this.signedRoot = (signed.trailer.get(n('Root')) as PDFRef | undefined)?.objectNumber ?? -2;
  }

  add = (c: Change) => {
    this.out.push(c);
  };

  /** Keys whose values differ in content: a value moved to a new object with the same content is no change. */
  compare = (before: PDFDict, after: PDFDict, rule: (key: string, b: PDFObject | undefined, a: PDFObject | undefined) => void) =>
    compareDicts(before, after, (key, b, a) => {
      if (!sameContent(this.pdf, this.signed, b, this.final, a)) rule(key, b, a);
    });

  existedUnreachable = (x: number) => {
    const { signed, g, signedRoot } = this;
    return signed.entries.has(x) && signed.entries.get(x)!.kind !== 'free' && !g.roles.has(x) && x !== signedRoot;
  };

  // a disallowed change that points at objects prepared, unreferenced, before signing is hide-and-replace
  shadowOf = (before: PDFObject | undefined, after: PDFObject | undefined, removal: boolean): ShadowClass => {
    const { existedUnreachable } = this;
    const fresh = [...refsIn(after)].filter((r) => !refsIn(before).has(r));
    if (fresh.some(existedUnreachable)) return 'hide-and-replace';
    return removal ? 'hide' : 'replace';
  };

  /** A new field (with its widget) added to the form: a signature or timestamp, or a new form field. */
  newFieldCategory = (ref: PDFObject): ChangeCategory => {
    const { pdf, final } = this;
    const f = pdf.dict(final, ref);
    if (!f) return 'FIELD_ADDED';
    if (fieldType(pdf, final, f) !== '/Sig') return 'FIELD_ADDED';
    const v = pdf.dict(final, f.get(n('V')));
    return v?.get(n('SubFilter'))?.toString() === '/ETSI.RFC3161' ? 'DOC_TIMESTAMP' : 'SIGNATURE_ADDED';
  };

  listDiff = (before: PDFObject | undefined, after: PDFObject | undefined, kind: 'annots' | 'fields', self: number | null) => {
    const { pdf, signed, final, g, add, newFieldCategory } = this;
    const a = ((pdf.deref(signed, before) as PDFArray | undefined)?.asArray?.() ?? []).map(canon);
    const bItems = (pdf.deref(final, after) as PDFArray | undefined)?.asArray?.() ?? [];
    const b = bItems.map(canon);
    for (const x of a)
      if (!b.includes(x)) add({ category: kind === 'annots' ? 'ANNOTATION_REMOVED' : 'FIELD_REMOVED', allowed: false, object: self, detail: x, shadow: 'hide' });
    for (const [i, x] of b.entries()) {
      if (a.includes(x)) continue;
      const item = bItems[i];
      const d = pdf.dict(final, item);
      const isField = !!d && (d.get(n('Subtype'))?.toString() === '/Widget' || d.has(n('FT')) || d.has(n('Parent')));
      if (kind === 'annots' && !isField) {
        add({ category: 'ANNOTATION', allowed: true, object: item instanceof PDFRef ? item.objectNumber : self });
        continue;
      }
      // a widget of a new field, or a field: find its field dictionary
      let field: PDFObject = item;
      for (let k = 0, cur = d; cur && !cur.has(n('FT')) && cur.has(n('Parent')) && k < 10; k++) {
        field = cur.get(n('Parent'))!;
        cur = pdf.dict(final, field);
      }
      // a widget need not name its /Parent when the field lists it in /Kids
      if (field === item && item instanceof PDFRef && !d?.has(n('FT'))) field = fieldListing(pdf, final, item.objectNumber) ?? item;
      const existedBefore = field instanceof PDFRef && g.roles.has(field.objectNumber);
      const cat = existedBefore ? 'FORM_FILLED' : newFieldCategory(field);
      add({ category: cat, allowed: ALLOWED_CATEGORIES.has(cat), object: item instanceof PDFRef ? item.objectNumber : self });
    }
  };
}
