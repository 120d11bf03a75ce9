// Page clean-up before OCR, with sharp. The original stays untouched: the result is a
// geometry (quarter-turn, skew, crop) that the searchable PDF applies to the original
// image, plus a contrast-normalised grey image for OCR and a small colour preview.
import sharp from 'sharp';
import { qrCandidates, type Region } from './qr';

export interface Geometry {
  /** original size in pixels (after the file's own EXIF orientation) */
  width: number;
  height: number;
  /** clockwise quarter-turn that makes the page upright */
  rotation: 0 | 90 | 180 | 270;
  /** the part of the turned page kept before the deskew (a straight dark border cut off) */
  trim: Rect;
  /** small skew found, in degrees, counter-clockwise positive; corrected by turning clockwise */
  skew: number;
  /** size of the canvas after the turn and the deskew, in pixels */
  canvas: { width: number; height: number };
  /** the part of that canvas kept (dark scanner borders cut off) */
  crop: Rect;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

function clampRect(r: Rect, w: number, h: number): Rect {
  const left = Math.max(0, Math.min(r.left, w - 1));
  const top = Math.max(0, Math.min(r.top, h - 1));
  return { left, top, width: Math.max(1, Math.min(r.width, w - left)), height: Math.max(1, Math.min(r.height, h - top)) };
}

export interface CleanPage {
  geometry: Geometry;
  blank: boolean;
  /** grey (red channel), contrast-normalised pixels of the kept part: what OCR reads; boxes are in its pixels */
  ocrImage: GreyImage;
  /** the page, small and not turned, for orientation detection, with its resolution (made on demand) */
  orientationImage: () => Promise<{ png: Buffer; dpi: number }>;
  /** colour JPEG of the kept part, 1240 px wide, for the review screen */
  preview: Buffer;
  /** the places a QR code may be, cut from the kept part at a 1000-pixel page width */
  qrInputs: GreyImage[];
}

export interface CleanOptions {
  /** a turn chosen by the user; skips orientation detection */
  rotation?: 0 | 90 | 180 | 270;
  /** the original's resolution, when known */
  dpi?: number | null;
  /** keep the page as drawn (no trim, deskew or crop): a born-digital page whose text layer gives the boxes */
  asDrawn?: boolean;
}

export const PREVIEW_WIDTH = 1240;
/** the small copy every measurement (skew, border, blank, contrast) is made on */
const SMALL_SIDE = 1200;
/** orientation detection needs letters a little larger */
const OSD_SIDE = 1700;
const MIN_DESKEW = 0.3;

export async function cleanPage(input: sharp.Sharp, opts: CleanOptions = {}): Promise<CleanPage> {
  // decoded once: sharp resizing straight from a JPEG costs more than decoding it
  const rgb = await input.flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const W = rgb.info.width;
  const H = rgb.info.height;
  // Everything but the preview works on one channel, the red one: red stamps and seals turn
  // light there while black print stays black — and it is a third of the pixels to move.
  const red = { data: firstBand(rgb.data, rgb.info.channels, W * H) };
  const raw = (b: Buffer, w: number, h: number, c: 1 | 3 = 1) => sharp(b, { raw: { width: w, height: h, channels: c } });
  const k = Math.min(1, SMALL_SIDE / Math.max(W, H));
  const small = await grey(raw(red.data, W, H).resize({ width: Math.round(W * k), kernel: 'linear' }));

  // a page is assumed upright; the pipeline asks for orientation detection only when OCR
  // reads it badly, and cleans it again with the turn found
  const rotation = opts.rotation ?? 0;
  const upright = rotation ? await grey(raw(small.data, small.width, small.height).rotate(rotation)) : small;
  // a scanner's dark border is straight: cut it first, then measure the skew of the paper inside
  const whole = (g: GreyImage) => ({ left: 0, top: 0, right: g.width, bottom: g.height });
  const b0 = opts.asDrawn ? whole(upright) : darkBorder(upright);
  // tesseract reads a fraction of a degree as well as straight: only a visible skew is worth
  // turning the whole page for
  const measured = opts.asDrawn ? 0 : estimateSkew(inside(upright, b0));
  const skew = Math.abs(measured) >= MIN_DESKEW ? measured : 0;
  const tw = rotation % 180 ? H : W;
  const th = rotation % 180 ? W : H;
  const k0 = tw / upright.width;
  const trim = clampRect({ left: Math.round(b0.left * k0), top: Math.round(b0.top * k0), width: Math.round((b0.right - b0.left) * k0), height: Math.round((b0.bottom - b0.top) * k0) }, tw, th);

  // turn, trim and deskew the full page once; corners opened by the deskew are white
  const [data, cw, ch] = await transform(raw(red.data, W, H), true, { w: tw, h: th }, rotation, trim, skew);

  // what is left of a border after the deskew, on the small copy turned the same way
  const inner = inside(upright, b0);
  const analysis = skew ? await grey(turnBy(raw(inner.data, inner.width, inner.height), skew)) : inner;
  const s = cw / analysis.width;
  const border = opts.asDrawn ? whole(analysis) : darkBorder(analysis);
  const crop = clampRect(
    { left: Math.round(border.left * s), top: Math.round(border.top * s), width: Math.round((border.right - border.left) * s), height: Math.round((border.bottom - border.top) * s) },
    cw,
    ch,
  );
  const kept = () => raw(data, cw, ch).extract(crop);
  const [a, b] = stretch(analysis);
  // a 3×3 median removes scanner specks without eating strokes at 200–300 dpi, but costs
  // a third of the clean-up: only where there are specks
  const despeckle = speckled({ data, width: cw, height: ch });
  // QR candidates, found on the small copy, as rectangles of the kept part
  const bw = border.right - border.left;
  const bh = border.bottom - border.top;
  const qrAt = (r: Region) => {
    const f = Math.min(1, 1000 / crop.width);
    const rect = clampRect(
      {
        left: Math.round(((r.x0 * analysis.width - border.left) / bw) * crop.width),
        top: Math.round(((r.y0 * analysis.height - border.top) / bh) * crop.height),
        width: Math.round(((r.x1 - r.x0) * analysis.width * crop.width) / bw),
        height: Math.round(((r.y1 - r.y0) * analysis.height * crop.height) / bh),
      },
      crop.width,
      crop.height,
    );
    // one extract from the canvas (sharp keeps only one before a resize)
    const onCanvas = { ...rect, left: rect.left + crop.left, top: rect.top + crop.top };
    return grey(raw(data, cw, ch).extract(onCanvas).resize({ width: Math.max(1, Math.round(rect.width * f)) }));
  };
  const [ocr, preview, qr] = await Promise.all([
    // the stretch keeps paper white and ink black without darkening light marks
    despeckle
      ? kept().median(3).linear(a, b).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true })
      : Promise.resolve(levels({ data, width: cw, height: ch }, crop, a, b)),
    colourPreview(raw(rgb.data, W, H, rgb.info.channels as 3), { W, H, rotation, trim, skew, crop, cw }),
    Promise.all(qrCandidates(analysis).map(qrAt)),
  ]);
  return {
    geometry: { width: W, height: H, rotation, trim, skew, canvas: { width: cw, height: ch }, crop },
    blank: isBlank(analysis, border, inkThreshold(a, b)),
    ocrImage: { data: ocr.data, width: ocr.info.width, height: ocr.info.height },
    // tesseract's orientation detection reads the resolution from the file itself
    orientationImage: async () => {
      const f = Math.min(1, OSD_SIDE / Math.max(W, H));
      const dpi = Math.max(70, Math.round((opts.dpi ?? 300) * f));
      return { png: await raw(red.data, W, H).resize({ width: Math.round(W * f) }).withMetadata({ density: dpi }).png().toBuffer(), dpi };
    },
    preview,
    qrInputs: qr,
  };
}

/**
 * Contrast normalisation as one linear pass: the darkest ink to black, the paper (98th
 * percentile) to white — measured on the small analysis copy, since a full-size histogram
 * costs more than the OCR it helps.
 */
function stretch(g: GreyImage): [number, number] {
  const hist = new Array(256).fill(0);
  for (const v of g.data) hist[v]++;
  const at = (q: number) => {
    let n = 0;
    for (let i = 0; i < 256; i++) if ((n += hist[i]) >= q * g.data.length) return i;
    return 255;
  };
  const lo = at(0.002);
  const hi = Math.max(lo + 32, at(0.98));
  const a = 255 / (hi - lo);
  return [a, -lo * a];
}

/** The crop with the linear stretch applied, in plain code: cheaper than a sharp pipeline here. */
/** The first band of interleaved pixels (locals only: this loop runs over every pixel). */
function firstBand(src: Buffer, bands: number, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0, j = 0; i < n; i++, j += bands) out[i] = src[j];
  return out;
}

function levels(g: GreyImage, r: Rect, a: number, b: number): { data: Buffer; info: { width: number; height: number } } {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(a * v + b)));
  const { width, height, left, top } = r;
  const src = g.data;
  const stride = g.width;
  const out = Buffer.allocUnsafe(width * height);
  for (let y = 0; y < height; y++) {
    const from = (top + y) * stride + left;
    const to = y * width;
    for (let x = 0; x < width; x++) out[to + x] = lut[src[from + x]];
  }
  return { data: out, info: { width: r.width, height: r.height } };
}

/**
 * A clockwise turn by a small angle about the centre, the canvas grown to hold the corners
 * (as rotate() does); nearest-neighbour is half the cost and as good for OCR at 200–300 dpi.
 */
function turnBy(img: sharp.Sharp, degrees: number): sharp.Sharp {
  const a = (degrees * Math.PI) / 180;
  return img.affine(
    [
      [Math.cos(a), -Math.sin(a)],
      [Math.sin(a), Math.cos(a)],
    ],
    { background: '#ffffff', interpolator: 'nearest' },
  );
}

/** Quarter-turn, trim, deskew: the same steps at any scale. */
async function transform(
  img: sharp.Sharp,
  grey: boolean,
  turnedSize: { w: number; h: number },
  rotation: number,
  trim: Rect,
  skew: number,
): Promise<[Buffer, number, number, number]> {
  // sharp hands a one-band image back as sRGB unless told it is grey
  const out = (i: sharp.Sharp) => rawOf(grey ? i.toColourspace('b-w') : i);
  let [data, w, h, c] = await out(img);
  const step = async (f: (i: sharp.Sharp) => sharp.Sharp) => {
    [data, w, h, c] = await out(f(sharp(data, { raw: { width: w, height: h, channels: c as 1 | 3 } })));
  };
  if (rotation) await step((i) => i.rotate(rotation));
  if (trim.width !== turnedSize.w || trim.height !== turnedSize.h) await step((i) => i.extract(clampRect(trim, w, h)));
  if (Math.abs(skew) >= 0.05) await step((i) => turnBy(i, skew));
  return [data, w, h, c];
}

/** The colour preview, made from a small copy with the clean-up scaled down. */
async function colourPreview(colour: sharp.Sharp, g: { W: number; H: number; rotation: number; trim: Rect; skew: number; crop: Rect; cw: number }): Promise<Buffer> {
  const f = Math.min(1, PREVIEW_WIDTH / g.crop.width);
  const sw = Math.max(1, Math.round(g.W * f));
  const sc = (r: Rect): Rect => ({ left: Math.round(r.left * f), top: Math.round(r.top * f), width: Math.round(r.width * f), height: Math.round(r.height * f) });
  const turned = g.rotation % 180 ? { w: Math.round(g.H * f), h: sw } : { w: sw, h: Math.round(g.H * f) };
  const [data, w, h, c] = await transform(colour.resize({ width: sw, kernel: 'linear' }), false, turned, g.rotation, sc(g.trim), g.skew);
  return sharp(data, { raw: { width: w, height: h, channels: c as 3 } }).extract(clampRect(sc(g.crop), w, h)).jpeg({ quality: 80 }).toBuffer();
}

/**
 * Scanner specks: dark pixels with no dark neighbour, counted at full resolution in the
 * middle of the page (a 600-pixel square is enough to tell).
 */
export function speckled(g: GreyImage): boolean {
  const side = Math.min(600, g.width - 2, g.height - 2);
  const x0 = Math.floor((g.width - side) / 2);
  const y0 = Math.floor((g.height - side) / 2);
  let lone = 0;
  for (let y = y0; y < y0 + side; y++)
    for (let x = x0; x < x0 + side; x++) {
      const i = y * g.width + x;
      if (g.data[i] >= 100) continue;
      const w = g.width;
      if (g.data[i - 1] >= 100 && g.data[i + 1] >= 100 && g.data[i - w] >= 100 && g.data[i + w] >= 100 && g.data[i - w - 1] >= 100 && g.data[i + w + 1] >= 100) lone++;
    }
  return lone > side * side * 0.0002;
}

export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

async function grey(img: sharp.Sharp): Promise<GreyImage> {
  const { data, info } = await img.greyscale().raw().toBuffer({ resolveWithObject: true });
  // greyscale() may still hand back three channels; keep one
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  const one = Buffer.alloc(info.width * info.height);
  for (let i = 0; i < one.length; i++) one[i] = data[i * info.channels];
  return { data: one, width: info.width, height: info.height };
}

function inside(g: GreyImage, b: { left: number; top: number; right: number; bottom: number }): GreyImage {
  const width = Math.max(1, b.right - b.left);
  const height = Math.max(1, b.bottom - b.top);
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) g.data.copy(data, y * width, (b.top + y) * g.width + b.left, (b.top + y) * g.width + b.left + width);
  return { data, width, height };
}

async function rawOf(img: sharp.Sharp): Promise<[Buffer, number, number, number]> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return [data, info.width, info.height, info.channels];
}

/** Otsu's split of grey pixels (0 = black): the last level of the darker (ink) class. */
export function otsuLevel(px: Uint8Array | Buffer): number {
  const hist = new Array(256).fill(0);
  for (const v of px) hist[v]++;
  const total = px.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let t = 128;
  for (let i = 0; i < 256; i++) {
    wB += hist[i];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += i * hist[i];
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      t = i;
    }
  }
  return t;
}

/**
 * Projection profile: text lines make the sharpest row histogram at the angle they run at.
 * Searches ±6° coarsely then finely; positive means the text rises to the right.
 */
export function estimateSkew(g: GreyImage): number {
  const t = Math.min(otsuLevel(g.data), 160);
  const { data, width, height } = g;
  const xs = new Int32Array(width * height);
  const ys = new Int32Array(width * height);
  let count = 0;
  // isolated specks (noise) carry no line direction: keep ink with an inked neighbour
  for (let y = 1; y < height - 1; y++)
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      if (data[i] < t && (data[i - 1] < t || data[i + 1] < t)) {
        xs[count] = x;
        ys[count++] = y;
      }
    }
  if (count < 200) return 0;
  const score = (deg: number) => {
    const tan = Math.tan((deg * Math.PI) / 180);
    const off = Math.ceil(Math.abs(tan) * width) + 1;
    const rows = new Float64Array(height + 2 * off);
    for (let i = 0; i < count; i++) rows[(ys[i] + xs[i] * tan + off + 0.5) | 0]++;
    let s = 0;
    for (let i = 1; i < rows.length; i++) s += (rows[i] - rows[i - 1]) ** 2;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let a = -6; a <= 6; a += 0.5) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  const coarse = best;
  for (let a = coarse - 0.4; a <= coarse + 0.4; a += 0.1) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  return Math.abs(best) < 0.1 ? 0 : Math.round(best * 100) / 100;
}

/** The page inside a dark scanner border: edge rows/columns mostly dark are cut off. */
export function darkBorder(g: GreyImage): { left: number; top: number; right: number; bottom: number } {
  const dark = (v: number) => v < 90;
  const rowDark = (y: number) => {
    let n = 0;
    for (let x = 0; x < g.width; x++) if (dark(g.data[y * g.width + x])) n++;
    return n / g.width;
  };
  const colDark = (x: number, y0: number, y1: number) => {
    let n = 0;
    for (let y = y0; y < y1; y++) if (dark(g.data[y * g.width + x])) n++;
    return n / Math.max(1, y1 - y0);
  };
  const limit = 0.25; // never cut more than a quarter from a side
  let top = 0;
  while (top < g.height * limit && rowDark(top) > 0.4) top++;
  let bottom = g.height;
  while (bottom > g.height * (1 - limit) && rowDark(bottom - 1) > 0.4) bottom--;
  let left = 0;
  while (left < g.width * limit && colDark(left, top, bottom) > 0.4) left++;
  let right = g.width;
  while (right > g.width * (1 - limit) && colDark(right - 1, top, bottom) > 0.4) right--;
  // a little more, for the grey fringe between border and paper
  const pad = (n: number) => (n > 0 ? n + 2 : 0);
  return { left: pad(left), top: pad(top), right: right < g.width ? right - 2 : right, bottom: bottom < g.height ? bottom - 2 : bottom };
}

/** Blank: almost no ink left inside the margins once specks are ignored. */
/**
 * What counts as ink before the stretch: half-way between the darkest ink and the paper, so a
 * faded or light grey scan (ink at 150 on paper at 225) is not taken for a blank page; a page
 * whose tones span less than that is only paper and grain.
 */
function inkThreshold(a: number, b: number): number {
  const lo = -b / a;
  const hi = lo + 255 / a;
  return hi - lo >= 48 ? Math.max(128, (lo + hi) / 2) : 128;
}

export function isBlank(g: GreyImage, b: { left: number; top: number; right: number; bottom: number }, threshold = 128): boolean {
  const mx = Math.round((b.right - b.left) * 0.04);
  const my = Math.round((b.bottom - b.top) * 0.04);
  let ink = 0;
  let n = 0;
  for (let y = b.top + my + 1; y < b.bottom - my - 1; y++)
    for (let x = b.left + mx + 1; x < b.right - mx - 1; x++) {
      n++;
      const i = y * g.width + x;
      // ink with an inked neighbour: printed strokes, not scanner specks
      if (g.data[i] < threshold && (g.data[i + 1] < threshold || g.data[i + g.width] < threshold)) ink++;
    }
  return n > 0 && ink / n < 0.0015;
}
