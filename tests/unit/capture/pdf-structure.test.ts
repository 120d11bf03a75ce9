// The page-tree walk before a PDF is rendered or signed: loops by object identity, depth,
// page and node limits, each refusal naming the file.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdfStructure, MAX_PAGE_TREE_DEPTH } from '../../../electron/capture/pdf-structure';
import { IMPORT_LIMITS } from '../../../electron/capture/limits';
import { loopedPageTree, nestedPageTree, onePageListed } from '../../fixtures/page-trees';

const load = async (bytes: Buffer) => PDFDocument.load(bytes, { updateMetadata: false });
const refusal = (f: () => unknown) => {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
};

describe('PDF page tree check', () => {
  it('refuses a page tree that lists itself, naming the file', async () => {
    const doc = await load(await loopedPageTree());
    expect(refusal(() => checkPdfStructure(doc, 'vong-lap.pdf'))).toBe('PDF_TOO_COMPLEX: vong-lap.pdf: cấu trúc PDF bất thường (cây trang lặp vòng); không nhập được.');
  });

  it('counts a page listed ten thousand times as ten thousand pages, not as a loop', async () => {
    const doc = await load(await onePageListed(10_000));
    expect(checkPdfStructure(doc, 'so-dang-ky.pdf', 10_000)).toBe(10_000);
    // past the import's own page limit it is refused for its size, by name
    expect(refusal(() => checkPdfStructure(doc, 'so-dang-ky.pdf'))).toMatch(new RegExp(`^PDF_TOO_MANY_PAGES: so-dang-ky\\.pdf: PDF có > ${IMPORT_LIMITS.maxPdfPages} trang`));
  });

  it('walks a deep tree without recursion and refuses one deeper than any real PDF', async () => {
    expect(checkPdfStructure(await load(await nestedPageTree(MAX_PAGE_TREE_DEPTH - 1)), 'sau.pdf')).toBe(1);
    const deeper = await load(await nestedPageTree(MAX_PAGE_TREE_DEPTH + 1));
    expect(refusal(() => checkPdfStructure(deeper, 'qua-sau.pdf'))).toMatch(/^PDF_TOO_COMPLEX: qua-sau\.pdf: .*sâu quá 256 tầng/);
  });
});
