// Where the agency's copy signature ("SAO Y", agency, time) goes on page 1: in free white
// space at the top right, never over ink. Page 1's ink is found at 72 dpi (from its scan
// image decoded small when the page is just that, page-image-ink.ts; else rendered with
// pdf.js), and the first box of the right size that holds no ink (with a margin) is taken,
// searching from the top-right corner down and to the left; the box shrinks (to 60%) before
// it gives up. A place is kept per source file and text, so signing puts the box where the
// preview showed it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { openPdfForRender } from '../../ocr/render-pdf';
import { assetPath } from '../../paths';
import { INK_BELOW, inkMapFromPageImage, type InkMap } from './page-image-ink';

export type { InkMap } from './page-image-ink';

/** The box's bottom-left corner in points from the page's bottom-left, its size, and the text scale. */
export interface CopyPlace {
  x: number;
  y: number;
  w: number;
  h: number;
  scale: number;
  /** false when no white space was found and the box sits at the default corner */
  clear: boolean;
}

const DPI = 72;
/** The box is looked for in the top 40% of the page, right of its first 40% */
const SEARCH_DEPTH = 0.4;
const SEARCH_LEFT = 0.4;
const SCALES = [1, 0.9, 0.8, 0.7, 0.6];
export const COPY_FONT_SIZE = 10;
export const COPY_LINE = 12;

/** The copy signature's lines; the time is written when signing, at this length. */
export const copyLines = (copyForm: string, agency: string, time = '0000-00-00T00:00:00+07:00') => [copyForm, agency, time];

const boxSizes = new Map<string, Promise<{ w: number; h: number }>>();

/** The box the lines need at scale 1, in points (what sign-pdf draws); measured once per text, as a batch repeats it. */
export function copyBoxSize(lines: string[]): Promise<{ w: number; h: number }> {
  const key = lines.join('\n');
  let size = boxSizes.get(key);
  if (!size) {
    if (boxSizes.size > 100) boxSizes.clear();
    boxSizes.set(key, (size = measureBox(lines)));
  }
  return size;
}

async function measureBox(lines: string[]): Promise<{ w: number; h: number }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(assetPath('fonts', 'LiberationSerif-Regular.ttf')), { subset: true });
  return { w: Math.ceil(Math.max(...lines.map((l) => font.widthOfTextAtSize(l, COPY_FONT_SIZE)))) + 8, h: lines.length * COPY_LINE + 6 };
}

/** Finds the place on an ink map of the page (`page` in points). */
export function placeInWhiteSpace(map: InkMap, page: { width: number; height: number }, box: { w: number; h: number }): CopyPlace {
  const { ink, width, height } = map;
  const px = width / page.width; // pixels per point
  const margin = Math.round(20 * px); // the page's own margin, ~7 mm
  const pad = Math.max(2, Math.round(4 * px)); // clear space kept around the text
  // summed-area table, the ink in any rectangle in four lookups, over the rows the search reaches
  const rows = Math.min(height, Math.round(height * SEARCH_DEPTH) + pad);
  const W = width + 1;
  const sum = new Int32Array(W * (rows + 1));
  for (let y = 0; y < rows; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += ink[y * width + x];
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1] + row;
    }
  }
  const inkIn = (x0: number, y0: number, x1: number, y1: number) => sum[y1 * W + x1] - sum[y0 * W + x1] - sum[y1 * W + x0] + sum[y0 * W + x0];
  for (const scale of SCALES) {
    const bw = Math.ceil(box.w * scale * px);
    const bh = Math.ceil(box.h * scale * px);
    const maxY = Math.round(height * SEARCH_DEPTH) - bh;
    const minX = Math.round(width * SEARCH_LEFT);
    for (let y = margin; y <= maxY; y += 2) {
      for (let x = width - margin - bw; x >= minX; x -= 2) {
        const x0 = Math.max(0, x - pad);
        const y0 = Math.max(0, y - pad);
        const x1 = Math.min(width, x + bw + pad);
        const y1 = Math.min(rows, y + bh + pad);
        if (inkIn(x0, y0, x1, y1) === 0) {
          return { x: x / px, y: page.height - (y + bh) / px, w: box.w * scale, h: box.h * scale, scale, clear: true };
        }
      }
    }
  }
  const scale = SCALES[SCALES.length - 1];
  return { x: page.width - 28 - box.w * scale, y: page.height - 28 - box.h * scale, w: box.w * scale, h: box.h * scale, scale, clear: false };
}

/** Page 1 of a PDF as an ink map, with its size in points. */
export async function inkMapOfFirstPage(pdf: Buffer, file = 'document.pdf'): Promise<{ map: InkMap; page: { width: number; height: number }; png: Buffer }> {
  const doc = await openPdfForRender(pdf, file);
  try {
    const page = await doc.size(1);
    const r = await doc.render(1, DPI);
    const { data, info } = await sharp(r.png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const ink = new Uint8Array(info.width * info.height);
    // anything clearly darker than paper is ink (text, rules, the red motto lines)
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * info.channels] < INK_BELOW ? 1 : 0;
    return { map: { ink, width: info.width, height: info.height }, page, png: r.png };
  } finally {
    await doc.close();
  }
}

const places = new Map<string, CopyPlace>();
const placeKey = (pdf: Buffer, lines: string[]) => `${createHash('sha256').update(pdf).digest('hex')}\n${lines.join('\n')}`;
function keepPlace(key: string, place: CopyPlace): CopyPlace {
  if (places.size >= 500) places.delete(places.keys().next().value!);
  places.set(key, place);
  return place;
}

/** Page 1's ink map: from its scan image when that is all the page is, else rendered. */
export async function inkMapForPlacement(pdf: Buffer, file?: string): Promise<{ map: InkMap; page: { width: number; height: number } }> {
  // the search reaches SEARCH_DEPTH and the pad below it: a little more is read
  return (await inkMapFromPageImage(pdf, SEARCH_DEPTH + 0.05)) ?? (await inkMapOfFirstPage(pdf, file));
}

/** Where the copy signature of these lines goes on page 1 of `pdf`. */
export async function copyPlacement(pdf: Buffer, lines: string[], file?: string): Promise<CopyPlace> {
  const key = placeKey(pdf, lines);
  const kept = places.get(key);
  if (kept) return kept;
  const [{ map, page }, box] = await Promise.all([inkMapForPlacement(pdf, file), copyBoxSize(lines)]);
  return keepPlace(key, placeInWhiteSpace(map, page, box));
}

/**
 * Page 1 with the copy signature drawn where it will go (before signing), as a PNG: the
 * same box and lines sign-pdf writes, in the same place.
 */
export async function copyPreview(pdf: Buffer, lines: string[], file?: string): Promise<{ png: Buffer; place: CopyPlace }> {
  const [{ map, page, png }, box] = await Promise.all([inkMapOfFirstPage(pdf, file), copyBoxSize(lines)]);
  const place = keepPlace(placeKey(pdf, lines), placeInWhiteSpace(map, page, box));
  const k = map.width / page.width;
  const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const top = (page.height - place.y - place.h) * k;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${map.width}" height="${map.height}">
    <rect x="${place.x * k}" y="${top}" width="${place.w * k}" height="${place.h * k}" fill="none" stroke="#1677ff" stroke-width="1" stroke-dasharray="3,2"/>
    ${lines
      .map((l, i) => `<text x="${(place.x + 4 * place.scale) * k}" y="${top + (4 + COPY_FONT_SIZE + i * COPY_LINE) * place.scale * k}" font-family="Liberation Serif, serif" font-size="${COPY_FONT_SIZE * place.scale * k}">${esc(l)}</text>`)
      .join('')}
  </svg>`;
  const out = await sharp(png).composite([{ input: Buffer.from(svg) }]).png().toBuffer();
  return { png: out, place };
}
