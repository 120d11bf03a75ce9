// The PDF to sign for an archived document: its latest signed version, the original PDF, or
// for scanned images a PDF holding each page image at its own resolution (JPEG pages are
// embedded as they are, never re-encoded).
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import type { BlobStore } from '../../archive/blobs';
import type { Db } from '../../archive/db';
import { paperResolution } from '../../ocr/page-dpi';

/** The SHA-256 of a document's newest signed copy, if it was ever signed. */
export function latestSignedCopy(db: Db, documentId: number): string | undefined {
  return db.prepare('SELECT output_sha256 FROM signatures WHERE document_id = ? ORDER BY id DESC LIMIT 1').pluck().get(documentId) as string | undefined;
}

export async function documentPdf(db: Db, blobs: BlobStore, documentId: number): Promise<{ bytes: Buffer; signedBefore: boolean }> {
  const latest = latestSignedCopy(db, documentId);
  if (latest) return { bytes: blobs.read(latest), signedBefore: true };
  const doc = db.prepare('SELECT d.kind, d.sha256, d.title, b.mime FROM documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ?').get(documentId) as
    | { kind: string; sha256: string; title: string; mime: string }
    | undefined;
  if (!doc) throw new Error(`không có hồ sơ #${documentId}`);
  const original = blobs.read(doc.sha256);
  if (doc.kind === 'pdf') return { bytes: original, signedBefore: false };
  const pdf = await PDFDocument.create();
  pdf.setTitle(doc.title);
  pdf.setProducer('Số hóa Desk');
  const pages = doc.mime === 'image/tiff' ? ((await sharp(original).metadata()).pages ?? 1) : 1;
  for (let i = 0; i < pages; i++) {
    const meta = await sharp(original, { page: i }).metadata();
    const image =
      doc.mime === 'image/jpeg'
        ? await pdf.embedJpg(original)
        : doc.mime === 'image/png'
          ? await pdf.embedPng(original)
          : await pdf.embedJpg(await sharp(original, { page: i }).jpeg({ quality: 92 }).toBuffer());
    // page size from the scan's own resolution: an A4 at 200 dpi becomes an A4 page, and an
    // A4 scan that says 72 dpi an A4 page too (the paper inferred), not an 87 cm one
    const dpi = paperResolution(meta.density, image.width, image.height)?.dpi ?? 200;
    const w = (image.width / dpi) * 72;
    const h = (image.height / dpi) * 72;
    pdf.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  return { bytes: Buffer.from(await pdf.save({ useObjectStreams: false })), signedBefore: false };
}
