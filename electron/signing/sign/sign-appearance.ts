// The visible appearance of a signature on its page: for documents issued electronically the
// signer's signature image with the agency seal over a third of it (Decree 30/2020 App. I),
// else three lines of text: the agency's copy signature (rule 3) at the place found for it, or
// the digitizing officer's personal signature (rule 2) at the top left.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { beginText, concatTransformationMatrix, drawObject, endText, moveText, popGraphicsState, pushGraphicsState, rgb, setFillingColor, setFontAndSize, showText, type PDFFont, type PDFPage, type PDFRef } from 'pdf-lib';
import { CoreError } from '../../errors';
import { assetPath } from '../../paths';
import type { Revision } from '../pdf/incremental';
import { isoVietnam } from './sign-names';
import type { SignOptions } from './sign-options';

/**
 * Liberation Serif, read and parsed once for all signatures: fontkit's parse took about half
 * of an appearance's time, and pdf-lib only reads the parsed font (each document still gets
 * its own subset).
 */
let serif: { bytes: Buffer; font: ReturnType<typeof fontkit.create> } | null = null;
const serifFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    return serif && data === serif.bytes ? serif.font : fontkit.create(data, postscriptName);
  },
} as typeof fontkit;
function serifBytes(): Buffer {
  if (!serif) {
    const bytes = fs.readFileSync(assetPath('fonts', 'LiberationSerif-Regular.ttf'));
    serif = { bytes, font: fontkit.create(bytes) };
  }
  return serif.bytes;
}

export interface Appearance {
  rect: number[];
  ap: PDFRef | null;
}

/** The signature image and the seal, centred at the place asked for (default: lower right of the page). */
async function issuedAppearance(rev: Revision, page: PDFPage, issued: NonNullable<SignOptions['issued']>): Promise<Appearance> {
  const { doc } = rev;
  const { width: pw, height: ph } = page.getSize();
  const mm = 72 / 25.4;
  const sigImg = await doc.embedPng(issued.signatureImage);
  const sealImg = await doc.embedPng(issued.sealImage);
  const sw = (issued.signatureWidthMm ?? 45) * mm;
  const sh = (sw * sigImg.height) / sigImg.width;
  const seal = (issued.sealDiameterMm ?? 36) * mm;
  // the seal covers about a third of the signature, on its left
  const w = seal + sw - sw / 3;
  const h = Math.max(seal, sh);
  const cx = issued.place?.x ?? pw * 0.72;
  const cy = issued.place?.y ?? ph * 0.25;
  const ops = [
    pushGraphicsState(),
    concatTransformationMatrix(sw, 0, 0, sh, seal - sw / 3, (h - sh) / 2),
    drawObject('Sig'),
    popGraphicsState(),
    pushGraphicsState(),
    concatTransformationMatrix(seal, 0, 0, seal, 0, (h - seal) / 2),
    drawObject('Seal'),
    popGraphicsState(),
  ];
  const ap = doc.context.register(doc.context.formXObject(ops, { BBox: [0, 0, w, h], Resources: { XObject: { Sig: sigImg.ref, Seal: sealImg.ref } } }));
  return { rect: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], ap };
}

/** Three lines of text in Liberation Serif (subset), scaled as the copy placement decided. */
async function textAppearance(rev: Revision, page: PDFPage, opts: SignOptions, certName: string, time: Date): Promise<Appearance> {
  const { doc } = rev;
  const { width: pw, height: ph } = page.getSize();
  doc.registerFontkit(serifFontkit);
  const font = await doc.embedFont(serifBytes(), { subset: true });
  const lines =
    opts.appearance === 'copy'
      ? [opts.copyForm ?? 'SAO Y', opts.agency ?? certName, isoVietnam(time)]
      : [`Người số hóa: ${opts.signerName ?? certName}`, `Thời gian: ${isoVietnam(time)}`, 'Đã ký số'];
  const place = opts.appearance === 'copy' ? opts.copyPlace : undefined;
  const k = place?.scale ?? 1;
  const size = 10 * k;
  const w = Math.ceil(Math.max(...lines.map((l) => font.widthOfTextAtSize(l, size)))) + 8 * k;
  const h = (lines.length * 12 + 6) * k;
  // rule 3: the agency's copy signature top-right of page 1; rule 2: the scanner's top-left
  const margin = 28;
  const x = place ? place.x : opts.appearance === 'copy' ? pw - margin - w : margin;
  const y = place ? place.y : ph - margin - h;
  return { rect: [x, y, x + w, y + h], ap: appearanceStream(rev, font, lines, w, h, size, 12 * k) };
}

function appearanceStream(rev: Revision, font: PDFFont, lines: string[], w: number, h: number, size: number, lineHeight = 12): PDFRef {
  const ops = [setFillingColor(rgb(0, 0, 0)), beginText(), setFontAndSize('F1', size), moveText((4 * size) / 10, h - (4 * size) / 10 - size)];
  lines.forEach((l, i) => {
    if (i > 0) ops.push(moveText(0, -lineHeight));
    ops.push(showText(font.encodeText(l)));
  });
  ops.push(endText());
  const stream = rev.doc.context.formXObject(ops, { BBox: [0, 0, w, h], Resources: { Font: { F1: font.ref } } });
  return rev.doc.context.register(stream);
}

/** The widget's rectangle and appearance stream for the kind of signature asked for ('none': invisible). */
export async function signatureAppearance(rev: Revision, page: PDFPage, opts: SignOptions, certName: string, time: Date, file: string): Promise<Appearance> {
  if (opts.appearance === 'issued') {
    if (!opts.issued) throw new CoreError('SIGN_FAILED', { file, detail: 'thiếu ảnh chữ ký và ảnh con dấu' });
    return issuedAppearance(rev, page, opts.issued);
  }
  if (opts.appearance === 'none') return { rect: [0, 0, 0, 0], ap: null };
  return textAppearance(rev, page, opts, certName, time);
}
