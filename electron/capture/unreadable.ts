// Why a scan could not be read, in words an office can act on. The decoder's own message
// (libvips, pdf.js, pdf-lib: "VipsJpeg: premature end of JPEG image") is for IT: it stays
// in the error's params as `technical`, never in the sentence a clerk reads.
import { CoreError } from '../errors';

// a file cut short: a copy or download that did not finish
const TRUNCATED = /premature end|truncated|unexpected end|end of (file|data|stream)|\bEOF\b|short read|not enough (image )?data|read past end/i;

/** The error for a file a decoder could not read: cut short, or damaged. */
export function unreadableFile(file: string, e: unknown): CoreError {
  if (e instanceof CoreError) return e;
  const technical = (e instanceof Error ? e.message : String(e)).slice(0, 300);
  return new CoreError(TRUNCATED.test(technical) ? 'FILE_TRUNCATED' : 'FILE_DAMAGED', { file, technical });
}
