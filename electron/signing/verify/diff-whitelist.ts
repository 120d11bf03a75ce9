// The whitelist's fine print, kept apart from the rules that call it: which keys of a page and
// of the structure tree root a later revision may touch, content compared through references
// (a dictionary rewritten under a new object number with the same content is no change), and
// the field a widget belongs to when the field lists it in /Kids without the widget naming its
// /Parent.
import { PDFArray, PDFDict, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { canon, n } from './diff-graph';
import type { ChangeCategory } from './diff-types';
import type { PdfFile, Revision } from '../pdf/pdf-revisions';

/** Page keys a later revision may change without changing the page: producers' private data. */
const PAGE_PRIVATE = new Set(['/PieceInfo', '/LastModified', '/Metadata', '/ITXT']);

/**
 * What a changed page key is (other than /Annots, which is judged item by item). Everything that
 * is not producers' private data is a change of the page, as pyHanko and EU DSS both hold: a tab
 * order or a marked-content link (/Tabs, /StructParents) added after signing is not explained by
 * signing, filling or annotating.
 */
export function pageKeyChange(key: string): { category: ChangeCategory; allowed: boolean } {
  if (PAGE_PRIVATE.has(key)) return { category: 'METADATA', allowed: true };
  return { category: 'PAGE_CONTENT', allowed: false };
}

/**
 * Keys of the structure tree root that tagging a new widget touches (its place in /K, the
 * /ParentTree entry of its /StructParent, the IDs): the same set EU DSS and iText allow. A new
 * role map, class map or namespace changes how the whole tree reads, so it is not allowed.
 */
export const STRUCT_ROOT_ALLOWED = new Set(['/K', '/ParentTree', '/ParentTreeNextKey', '/IDTree', '/Type']);

/** Whether two values hold the same content once references are followed (each in its own revision). */
export function sameContent(pdf: PdfFile, signed: Revision, b: PDFObject | undefined, final: Revision, a: PDFObject | undefined): boolean {
  const seen = new Set<string>();
  let budget = 20_000;
  const eq = (x: PDFObject | undefined, y: PDFObject | undefined, depth: number): boolean => {
    if (--budget < 0 || depth > 64) return false;
    if (x instanceof PDFRef || y instanceof PDFRef) {
      const key = `${x instanceof PDFRef ? x.objectNumber : canon(x)}|${y instanceof PDFRef ? y.objectNumber : canon(y)}`;
      // a pair already under comparison: equal unless something else differs
      if (seen.has(key)) return true;
      seen.add(key);
      return eq(x instanceof PDFRef ? pdf.resolve(signed, x.objectNumber) : x, y instanceof PDFRef ? pdf.resolve(final, y.objectNumber) : y, depth + 1);
    }
    if (x instanceof PDFRawStream || y instanceof PDFRawStream) {
      if (!(x instanceof PDFRawStream && y instanceof PDFRawStream)) return false;
      return Buffer.from(x.contents).equals(Buffer.from(y.contents)) && eq(x.dict, y.dict, depth + 1);
    }
    if (x instanceof PDFArray || y instanceof PDFArray) {
      if (!(x instanceof PDFArray && y instanceof PDFArray) || x.size() !== y.size()) return false;
      return x.asArray().every((v, i) => eq(v, y.get(i), depth + 1));
    }
    if (x instanceof PDFDict || y instanceof PDFDict) {
      if (!(x instanceof PDFDict && y instanceof PDFDict)) return false;
      const keys = new Set([...x.keys(), ...y.keys()].map((k) => k.asString()));
      // /Parent points back up the tree: the tree's own comparison covers it
      return [...keys].every((k) => k === '/Parent' || eq(x.get(n(k.slice(1))), y.get(n(k.slice(1))), depth + 1));
    }
    return canon(x) === canon(y);
  };
  return eq(b, a, 0);
}

/** The field whose /Kids (direct or an indirect array) list this widget, searched from the form's /Fields. */
export function fieldListing(pdf: PdfFile, rev: Revision, widget: number): PDFRef | undefined {
  const form = pdf.dict(rev, pdf.catalog(rev)?.get(n('AcroForm')));
  const stack: { items: PDFObject | undefined; depth: number }[] = [{ items: form?.get(n('Fields')), depth: 0 }];
  const seen = new Set<number>();
  while (stack.length) {
    const { items, depth } = stack.pop()!;
    if (depth > 20) continue;
    for (const r of (pdf.deref(rev, items) as PDFArray | undefined)?.asArray?.() ?? []) {
      if (!(r instanceof PDFRef) || seen.has(r.objectNumber)) continue;
      seen.add(r.objectNumber);
      const kids = pdf.dict(rev, r)?.get(n('Kids'));
      const list = (pdf.deref(rev, kids) as PDFArray | undefined)?.asArray?.() ?? [];
      if (list.some((k) => k instanceof PDFRef && k.objectNumber === widget)) return r;
      stack.push({ items: kids, depth: depth + 1 });
    }
  }
  return undefined;
}
