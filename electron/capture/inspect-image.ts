// Decodes every page of a JPEG, PNG or TIFF once with sharp: size, resolution, colour,
// a thumbnail, and (for TIFF, which browsers cannot show) a JPEG preview.
import sharp from 'sharp';
import { CoreError } from '../errors';
import { unreadableFile } from './unreadable';
import { IMPORT_LIMITS } from './limits';
import type { FileKind } from './sniff';

export interface InspectedPage {
  width: number;
  height: number;
  dpi: number | null;
  colour: boolean;
  thumb: Buffer;
  preview: Buffer | null;
}

export async function inspectImage(bytes: Buffer, kind: Exclude<FileKind, 'pdf'>, file: string): Promise<InspectedPage[]> {
  const limit = IMPORT_LIMITS.maxPixelsPerPage;
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw unreadableFile(file, e);
  }
  const pageCount = kind === 'tiff' ? meta.pages ?? 1 : 1;
  const pages: InspectedPage[] = [];
  for (let page = 0; page < pageCount; page++) {
    // Check the header's size before decoding, so an image bomb is refused without allocating it.
    const pm = page === 0 ? meta : await sharp(bytes, { page, limitInputPixels: false }).metadata();
    const w = pm.width ?? 0;
    const h = pageCount > 1 && pm.pageHeight ? pm.pageHeight : pm.height ?? 0;
    if (w * h > limit)
      throw new CoreError('FILE_TOO_LARGE', { file, pixels: Math.round((w * h) / 1e6), limit: Math.round(limit / 1e6) });
    const img = () => sharp(bytes, { page, limitInputPixels: limit, failOn: 'error' }).rotate();
    try {
      const thumb = await img().resize({ width: IMPORT_LIMITS.thumbWidth, withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
      const preview =
        kind === 'tiff'
          ? await img().resize({ width: IMPORT_LIMITS.previewWidth, withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer()
          : null;
      pages.push({
        width: w,
        height: h,
        dpi: pm.density ? Math.round(pm.density) : null, // sharp reports pixels per inch
        colour: (pm.channels ?? 1) >= 3 && pm.space !== 'b-w' && pm.space !== 'grey16',
        thumb,
        preview,
      });
    } catch (e) {
      if (e instanceof CoreError) throw e;
      throw unreadableFile(file, e);
    }
  }
  return pages;
}
