// A certified document's DocMDP level, read before signing: P=1 permits no change at all,
// not even another signature (ISO 32000-2 §12.8.2.2), so signing must refuse it.
import { PDFName } from 'pdf-lib';
import { signaturePermissions } from '../verify/diff-analysis';
import { PdfFile } from './pdf-revisions';

/** The DocMDP P of the document's certification signature (catalogue /Perms /DocMDP), or null. */
export function certificationLevel(pdf: Buffer): 1 | 2 | 3 | null {
  let file: PdfFile;
  try {
    file = new PdfFile(pdf);
  } catch {
    return null;
  }
  const rev = file.last;
  const perms = file.dict(rev, file.catalog(rev)?.get(PDFName.of('Perms')));
  const ref = perms?.get(PDFName.of('DocMDP'));
  const sig = file.dict(rev, ref);
  if (!sig) return null;
  return signaturePermissions(file, rev, sig, undefined).docMdp ?? 2;
}
