// The sharp steps of the page clean-up: grey copies, the quarter-turn, trim and deskew at any
// scale, and the colour preview. Pixels move through libvips; nothing here loops over them in
// JavaScript except where sharp hands back more bands than asked for.
import sharp from 'sharp';

export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The rectangle moved and shrunk to lie inside a w × h image (at least one pixel). */
export function clampRect(r: Rect, w: number, h: number): Rect {
  const left = Math.max(0, Math.min(r.left, w - 1));
  const top = Math.max(0, Math.min(r.top, h - 1));
  return { left, top, width: Math.max(1, Math.min(r.width, w - left)), height: Math.max(1, Math.min(r.height, h - top)) };
}

/** Raw pixels as a sharp pipeline (one band unless said). */
export const rawImage = (data: Buffer, width: number, height: number, channels: 1 | 3 = 1) => sharp(data, { raw: { width, height, channels } });

export async function grey(img: sharp.Sharp): Promise<GreyImage> {
  const { data, info } = await img.greyscale().raw().toBuffer({ resolveWithObject: true });
  // greyscale() may still hand back three channels; keep one
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  const one = Buffer.alloc(info.width * info.height);
  for (let i = 0; i < one.length; i++) one[i] = data[i * info.channels];
  return { data: one, width: info.width, height: info.height };
}

async function rawOf(img: sharp.Sharp): Promise<[Buffer, number, number, number]> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return [data, info.width, info.height, info.channels];
}

/**
 * A clockwise turn by a small angle about the centre, the canvas grown to hold the corners
 * (as rotate() does); nearest-neighbour is half the cost and as good for OCR at 200–300 dpi.
 */
export function turnBy(img: sharp.Sharp, degrees: number): sharp.Sharp {
  const a = (degrees * Math.PI) / 180;
  return img.affine(
    [
      [Math.cos(a), -Math.sin(a)],
      [Math.sin(a), Math.cos(a)],
    ],
    { background: '#ffffff', interpolator: 'nearest' },
  );
}

/** The turn, trim and deskew of a page, in the pixels of the image they are applied to. */
export interface PageTurn {
  /** the size of the image after the quarter-turn */
  turnedSize: { w: number; h: number };
  rotation: number;
  trim: Rect;
  skew: number;
}

/** Quarter-turn, trim, deskew: the same steps at any scale. */
export async function transform(img: sharp.Sharp, isGrey: boolean, t: PageTurn): Promise<[Buffer, number, number, number]> {
  // sharp hands a one-band image back as sRGB unless told it is grey
  const out = (i: sharp.Sharp) => rawOf(isGrey ? i.toColourspace('b-w') : i);
  let [data, w, h, c] = await out(img);
  const step = async (f: (i: sharp.Sharp) => sharp.Sharp) => {
    [data, w, h, c] = await out(f(sharp(data, { raw: { width: w, height: h, channels: c as 1 | 3 } })));
  };
  if (t.rotation) await step((i) => i.rotate(t.rotation));
  if (t.trim.width !== t.turnedSize.w || t.trim.height !== t.turnedSize.h) await step((i) => i.extract(clampRect(t.trim, w, h)));
  if (Math.abs(t.skew) >= 0.05) await step((i) => turnBy(i, t.skew));
  return [data, w, h, c];
}

/** What the preview needs of the clean-up: the original size and every step, at full scale. */
export interface PreviewPlan {
  width: number;
  height: number;
  rotation: number;
  trim: Rect;
  skew: number;
  crop: Rect;
}

/** The preview, `maxWidth` wide, made from a small copy with the clean-up scaled down; in grey when the page is (`isGrey`). */
export async function colourPreview(colour: sharp.Sharp, g: PreviewPlan, maxWidth: number, isGrey = false): Promise<Buffer> {
  const f = Math.min(1, maxWidth / g.crop.width);
  const smallW = Math.max(1, Math.round(g.width * f));
  const smallH = Math.round(g.height * f);
  const scaled = (r: Rect): Rect => ({ left: Math.round(r.left * f), top: Math.round(r.top * f), width: Math.round(r.width * f), height: Math.round(r.height * f) });
  const turnedSize = g.rotation % 180 ? { w: smallH, h: smallW } : { w: smallW, h: smallH };
  const [data, w, h, c] = await transform(colour.resize({ width: smallW, kernel: 'linear' }), isGrey, { turnedSize, rotation: g.rotation, trim: scaled(g.trim), skew: g.skew });
  const kept = sharp(data, { raw: { width: w, height: h, channels: c as 1 | 3 } }).extract(clampRect(scaled(g.crop), w, h));
  return (isGrey ? kept.toColourspace('b-w') : kept).jpeg({ quality: 80 }).toBuffer();
}

/** The pixels of a box of a grey image (clamped to it); null when less than 4 × 4 is left. */
export function cropGrey(page: GreyImage, a: { x0: number; y0: number; x1: number; y1: number }): GreyImage | null {
  const x0 = Math.max(0, Math.floor(a.x0));
  const y0 = Math.max(0, Math.floor(a.y0));
  const x1 = Math.min(page.width, Math.ceil(a.x1));
  const y1 = Math.min(page.height, Math.ceil(a.y1));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const w = x1 - x0;
  const data = Buffer.alloc(w * (y1 - y0));
  for (let y = y0; y < y1; y++) page.data.copy(data, (y - y0) * w, y * page.width + x0, y * page.width + x1);
  return { data, width: w, height: y1 - y0 };
}
