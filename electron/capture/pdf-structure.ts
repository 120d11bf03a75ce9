// Limits on a PDF's structure, checked on pdf-lib's parse before anything renders it: a
// small file can declare ten thousand pages or a page tree that points back at itself.
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';
import { CoreError } from '../errors';
import { IMPORT_LIMITS } from './limits';

/** Walks the page tree without recursion, refusing loops, too many pages or objects. */
export function checkPdfStructure(doc: PDFDocument, file: string): number {
  const objects = doc.context.enumerateIndirectObjects().length;
  if (objects > IMPORT_LIMITS.maxPdfObjects) throw new CoreError('PDF_TOO_COMPLEX', { file, detail: `${objects} đối tượng, tối đa ${IMPORT_LIMITS.maxPdfObjects}` });
  const root = doc.catalog.get(PDFName.of('Pages'));
  const seen = new Set<PDFRef>();
  const stack: unknown[] = [root];
  let pages = 0;
  while (stack.length) {
    const item = stack.pop();
    if (item instanceof PDFRef) {
      if (seen.has(item)) throw new CoreError('PDF_TOO_COMPLEX', { file, detail: 'cây trang lặp vòng' });
      seen.add(item);
    }
    const node = item instanceof PDFRef ? doc.context.lookup(item) : item;
    if (!(node instanceof PDFDict)) continue;
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i++) stack.push(kids.get(i));
    } else if (node.get(PDFName.of('Type')) !== PDFName.of('Pages')) {
      if (++pages > IMPORT_LIMITS.maxPdfPages) throw new CoreError('PDF_TOO_MANY_PAGES', { file, pages: `> ${IMPORT_LIMITS.maxPdfPages}`, limit: IMPORT_LIMITS.maxPdfPages });
    }
  }
  return pages;
}
