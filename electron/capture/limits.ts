/** Limits on what an import accepts; an A3 page at 600 dpi is about 70 megapixels. */
export const IMPORT_LIMITS = {
  maxPixelsPerPage: 150_000_000,
  maxFileBytes: 1024 * 1024 * 1024,
  thumbWidth: 320,
  previewWidth: 2000,
  /** DOMAIN.md rule 3: electronic copies are colour, at least 200 dpi. */
  minDpi: 200,
  /** a dossier is tens of pages; a scanned register volume a few hundred */
  maxPdfPages: 2000,
  maxPdfObjects: 500_000,
};
