// Limits on a PDF's structure, checked on pdf-lib's parse before anything renders or signs
// it: a small file can declare ten thousand pages, or a page tree that points back at itself
// (pdf-lib's own walk recurses and would exhaust the stack).
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';
import { CoreError } from '../errors';
import { IMPORT_LIMITS } from './limits';

/** Deeper than any real page tree (a balanced one of a million pages is a handful of levels), shallow enough for a recursive reader. */
export const MAX_PAGE_TREE_DEPTH = 256;

type Step = { item: unknown; depth: number } | { leave: PDFDict };

/**
 * Walks the page tree without recursion and returns its page count. A loop is an inner node
 * met again below itself (by object identity, whether referenced or direct); a page or a
 * subtree listed twice is no loop, it counts twice. Refuses loops, trees deeper than
 * MAX_PAGE_TREE_DEPTH, more than `maxPages` pages, and more nodes or objects than the import allows.
 */
export function checkPdfStructure(doc: PDFDocument, file: string, maxPages = IMPORT_LIMITS.maxPdfPages): number {
  const objects = doc.context.enumerateIndirectObjects().length;
  const tooComplex = (detail: string) => new CoreError('PDF_TOO_COMPLEX', { file, detail });
  if (objects > IMPORT_LIMITS.maxPdfObjects) throw tooComplex(`${objects} đối tượng, tối đa ${IMPORT_LIMITS.maxPdfObjects}`);
  const onPath = new Set<PDFDict>();
  const stack: Step[] = [{ item: doc.catalog.get(PDFName.of('Pages')), depth: 0 }];
  let pages = 0;
  let visits = 0;
  while (stack.length) {
    const step = stack.pop()!;
    if ('leave' in step) {
      onPath.delete(step.leave);
      continue;
    }
    const node = step.item instanceof PDFRef ? doc.context.lookup(step.item) : step.item;
    if (!(node instanceof PDFDict)) continue;
    // a tree whose subtrees are listed many times can be small on disk and huge to walk
    if (++visits > IMPORT_LIMITS.maxPdfObjects) throw tooComplex(`cây trang quá ${IMPORT_LIMITS.maxPdfObjects} nút`);
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      if (onPath.has(node)) throw tooComplex('cây trang lặp vòng');
      if (step.depth >= MAX_PAGE_TREE_DEPTH) throw tooComplex(`cây trang sâu quá ${MAX_PAGE_TREE_DEPTH} tầng`);
      onPath.add(node);
      stack.push({ leave: node });
      for (let i = kids.size() - 1; i >= 0; i--) stack.push({ item: kids.get(i), depth: step.depth + 1 });
    } else if (node.get(PDFName.of('Type')) !== PDFName.of('Pages')) {
      if (++pages > maxPages) throw new CoreError('PDF_TOO_MANY_PAGES', { file, pages: `> ${maxPages}`, limit: maxPages });
    }
  }
  return pages;
}
