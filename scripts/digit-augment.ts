// MNIST's digits made to look like what a văn thư writes into a blank and a scanner sends us:
// Vietnamese hands' hooked 1s, barred 7s, open 4s and 9s; a hand's own wobble (elastic
// distortion); slant, size and stroke width; a touching neighbour; the dotted leader written
// over; blue ballpoint, felt-tip or black ink on off-white paper, turned grey
// as the pipeline does (luminance or red channel); blur, noise, JPEG (through sharp) or bilevel.
// Then the reader's own path: ink below Otsu's level, cut as the app cuts it, normalised.
import sharp from 'sharp';
import { cutDigits, type InkImage } from '../electron/ocr/digit-cut';
import { normalisedDigit } from '../electron/ocr/digit-normalise';
import { otsu } from '../electron/ocr/handwritten-digits';

const S = 28;
export type Rng = () => number;
/** mulberry32: small, fast, the same sequence for the same seed */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (r: Rng, a: number, b: number) => a + (b - a) * r();

/** a round pen dab of radius `rad` onto a 28 × 28 ink image */
function dab(img: Float32Array, x: number, y: number, rad: number, v = 1): void {
  for (let Y = Math.floor(y - rad); Y <= Math.ceil(y + rad); Y++)
    for (let X = Math.floor(x - rad); X <= Math.ceil(x + rad); X++)
      if (X >= 0 && X < S && Y >= 0 && Y < S && (X - x) ** 2 + (Y - y) ** 2 <= rad * rad) img[Y * S + X] = v;
}
function line(img: Float32Array, ax: number, ay: number, bx: number, by: number, rad: number): void {
  for (let t = 0; t <= 1; t += 0.05) dab(img, ax + (bx - ax) * t, ay + (by - ay) * t, rad);
}
function extent(img: Float32Array) {
  let top = -1, bottom = -1, topX = 0, left = S, right = -1;
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++)
      if (img[y * S + x] > 0.5) {
        if (top < 0) [top, topX] = [y, x];
        bottom = y;
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return top < 0 ? null : { top, bottom, topX, left, right };
}

/** The shapes MNIST's American hands rarely write and Vietnamese ones do. */
function vietnameseShape(src: Float32Array, label: number, r: Rng): Float32Array {
  const img = Float32Array.from(src);
  const e = extent(img);
  if (!e) return img;
  const h = e.bottom - e.top;
  if (label === 1 && r() < 0.75) hook(img, e, h, r);
  else if (label === 7 && r() < 0.55) {
    const y = e.top + h * between(r, 0.4, 0.6);
    const xs = [...Array(S).keys()].filter((x) => img[Math.round(y) * S + x] > 0.5);
    if (xs.length) {
      const cx = (xs[0] + xs[xs.length - 1]) / 2, half = h * between(r, 0.15, 0.28);
      line(img, cx - half, y, cx + half, y - between(r, 0, 1.5), 0.9);
    }
    // a serif down from the top bar's left end, as many Vietnamese hands start a 7
    const top = [...Array(S).keys()].filter((x) => img[(e.top + 1) * S + x] > 0.5);
    if (top.length && r() < 0.3) line(img, top[0], e.top + 1, top[0] - between(r, 0, 1.5), e.top + 1 + h * between(r, 0.12, 0.25), 0.9);
  } else if ((label === 4 || label === 9) && r() < 0.45) {
    // open: the loop (9) or the top join (4) left unclosed
    const ys = Math.round(e.top + h * between(r, 0.05, 0.35));
    const xs = [...Array(S).keys()].filter((x) => img[ys * S + x] > 0.5);
    if (xs.length) dab(img, label === 9 ? xs[0] : xs[xs.length - 1], ys, between(r, 1.5, 2.5), 0);
  }
  return img;
}

/** The Vietnamese 1's lead-in: from the top down to the left, straight or bowed, a quarter to four fifths of the height. */
function hook(img: Float32Array, e: NonNullable<ReturnType<typeof extent>>, h: number, r: Rng): void {
  const len = h * between(r, 0.25, 0.8);
  const ex = e.topX - len * between(r, 0.35, 1.1), ey = e.top + len * between(r, 0.35, 1);
  const rad = between(r, 0.8, 1.4);
  if (r() < 0.6) line(img, e.topX, e.top, ex, ey, rad);
  else {
    // bowed up: a quadratic through a control point above the chord
    const mx = (e.topX + ex) / 2, my = (e.top + ey) / 2 - len * between(r, 0.1, 0.3);
    for (let t = 0; t <= 1; t += 0.05) dab(img, (1 - t) ** 2 * e.topX + 2 * t * (1 - t) * mx + t * t * ex, (1 - t) ** 2 * e.top + 2 * t * (1 - t) * my + t * t * ey, rad);
  }
  if (r() < 0.1) line(img, e.topX - h * 0.3, e.bottom, e.topX + h * 0.3, e.bottom, 0.8); // a foot
}

/** A hand's wobble: a smooth random displacement field (Simard et al.'s elastic distortion). */
function elastic(src: Float32Array, r: Rng): Float32Array {
  const sigma = 4, alpha = between(r, 18, 36), rad = 3 * sigma;
  const kernel = Array.from({ length: 2 * rad + 1 }, (_, i) => Math.exp(-((i - rad) ** 2) / (2 * sigma * sigma)));
  const ks = kernel.reduce((a, b) => a + b, 0);
  const field = () => {
    const f = Float32Array.from({ length: S * S }, () => 2 * r() - 1);
    const t = new Float32Array(S * S), o = new Float32Array(S * S);
    const blur = (inp: Float32Array, out: Float32Array, dx: number, dy: number) => {
      for (let y = 0; y < S; y++)
        for (let x = 0; x < S; x++) {
          let v = 0;
          for (let k = -rad; k <= rad; k++) {
            const X = Math.min(S - 1, Math.max(0, x + k * dx)), Y = Math.min(S - 1, Math.max(0, y + k * dy));
            v += kernel[k + rad] * inp[Y * S + X];
          }
          out[y * S + x] = v / ks;
        }
    };
    blur(f, t, 1, 0);
    blur(t, o, 0, 1);
    for (let i = 0; i < o.length; i++) o[i] *= alpha;
    return o;
  };
  const fx = field(), fy = field();
  const out = new Float32Array(S * S);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) out[y * S + x] = sample(src, x + fx[y * S + x], y + fy[y * S + x]);
  return out;
}

/** The dotted leader of the blank ("ngày ..... tháng"), written over near the digit's foot. */
function dottedLeader(c: Canvas, r: Rng): void {
  const y = c.h * between(r, 0.72, 0.95), gap = between(r, 3.5, 6) * (c.h / 28), rad = between(r, 0.5, 1) * (c.h / 28);
  for (let x = between(r, 0, gap); x < c.w; x += gap)
    for (let Y = Math.floor(y - rad); Y <= Math.ceil(y + rad); Y++)
      for (let X = Math.floor(x - rad); X <= Math.ceil(x + rad); X++)
        if (X >= 0 && X < c.w && Y >= 0 && Y < c.h && (X - x) ** 2 + (Y - y) ** 2 <= rad * rad) c.a[Y * c.w + X] = Math.max(c.a[Y * c.w + X], 0.85);
}

/** bilinear sample of a 28 × 28 image */
function sample(img: Float32Array, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  if (x0 < -1 || y0 < -1 || x0 >= S || y0 >= S) return 0;
  const at = (X: number, Y: number) => (X >= 0 && Y >= 0 && X < S && Y < S ? img[Y * S + X] : 0);
  const tx = x - x0, ty = y - y0;
  return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
}

export interface Canvas {
  a: Float32Array; // ink coverage 0..1
  w: number;
  h: number;
}
/** The digit drawn into a canvas `h` high: slanted, turned, narrowed, at horizontal offset `dx`. */
function warpInto(c: Canvas, img: Float32Array, r: Rng, dx: number): void {
  const scale = (c.h / S) * between(r, 0.8, 1.05);
  const shear = between(r, -0.15, 0.5); // Vietnamese hands slant right, seldom left
  const rot = between(r, -0.12, 0.12);
  const sx = between(r, 0.75, 1.2);
  const cos = Math.cos(rot), sin = Math.sin(rot);
  const cx = c.w / 2 + dx, cy = c.h / 2;
  for (let y = 0; y < c.h; y++)
    for (let x = 0; x < c.w; x++) {
      // inverse: canvas → digit
      let u = (x - cx) / scale, v = (y - cy) / scale;
      u += shear * v;
      [u, v] = [cos * u + sin * v, -sin * u + cos * v];
      const val = sample(img, u / sx + S / 2, v + S / 2);
      if (val > c.a[y * c.w + x]) c.a[y * c.w + x] = val;
    }
}

/** stroke width: a max filter widens the pen (felt-tip), a min filter thins it */
function morph(c: Canvas, times: number, widen: boolean): void {
  for (let t = 0; t < times; t++) {
    const o = new Float32Array(c.a.length);
    for (let y = 0; y < c.h; y++)
      for (let x = 0; x < c.w; x++) {
        let v = c.a[y * c.w + x];
        for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
          const X = x + dx, Y = y + dy;
          const n = X >= 0 && Y >= 0 && X < c.w && Y < c.h ? c.a[Y * c.w + X] : 0;
          v = widen ? Math.max(v, n) : Math.min(v, n);
        }
        o[y * c.w + x] = v;
      }
    c.a = o;
  }
}

function crop(c: Canvas, x0: number, x1: number): void {
  const w = x1 - x0;
  const a = new Float32Array(w * c.h);
  for (let y = 0; y < c.h; y++) a.set(c.a.subarray(y * c.w + x0, y * c.w + x1), y * w);
  c.a = a;
  c.w = w;
}

/** ink on paper, photographed into grey: 0 = black */
function inked(c: Canvas, r: Rng): Uint8Array {
  const pen = r();
  // blue ballpoint, blue-black felt-tip, black
  const ink = pen < 0.5 ? [between(r, 20, 70), between(r, 40, 90), between(r, 120, 210)] : pen < 0.8 ? [between(r, 10, 40), between(r, 20, 50), between(r, 70, 140)] : [between(r, 15, 60), between(r, 15, 60), between(r, 15, 60)];
  const strength = pen < 0.5 ? between(r, 0.6, 1) : 1;
  const paper = [between(r, 215, 255), between(r, 210, 250), between(r, 195, 245)];
  const red = r() < 0.4; // the pipeline's red channel, which drops red seals
  const sigma = between(r, 0, 12);
  const g = new Uint8Array(c.w * c.h);
  for (let i = 0; i < g.length; i++) {
    const a = Math.min(1, c.a[i] * strength);
    const rgb = [0, 1, 2].map((k) => paper[k] * (1 - a) + ink[k] * a);
    const grey = red ? rgb[0] : 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    // Box–Muller from two draws
    const n = sigma ? sigma * Math.sqrt(-2 * Math.log(r() + 1e-9)) * Math.cos(2 * Math.PI * r()) : 0;
    g[i] = Math.max(0, Math.min(255, Math.round(grey + n)));
  }
  return g;
}

/** One training digit as office paper shows it, then read as the app reads it: the network's input. */
export async function officeDigit(src: Float32Array, label: number, r: Rng, neighbour?: Float32Array): Promise<Float32Array> {
  const c = drawn(src, label, r, neighbour);
  // the dotted leader written over, kept only when the reader still cuts one digit out of it
  // (else the app reads other digits than this one, and the example teaches nothing)
  if (!neighbour && r() < 0.2) {
    const dotted = { ...c, a: Float32Array.from(c.a) };
    dottedLeader(dotted, r);
    const grey = await scanned(dotted, r);
    const parts = cutDigits(grey, inkLevel(grey.data));
    if (parts.length === 1) return normalisedDigit(parts[0]);
  }
  return readAsApp(await scanned(c, r), neighbour !== undefined);
}

/** The digit's ink drawn at a size, slant and pen width, with a touching neighbour's sliver if given. */
export function drawn(src: Float32Array, label: number, r: Rng, neighbour?: Float32Array, height?: number): Canvas {
  const h = height ?? Math.round(between(r, 20, 56));
  const c: Canvas = { a: new Float32Array(Math.round(h * 1.6) * h), w: Math.round(h * 1.6), h };
  const shaped = vietnameseShape(src, label, r);
  warpInto(c, r() < 0.7 ? elastic(shaped, r) : shaped, r, 0);
  // a neighbour written touching: a slice of another digit at one side
  if (neighbour) warpInto(c, neighbour, r, (r() < 0.5 ? -1 : 1) * h * between(r, 0.55, 0.75));
  // thinning only where the stroke is wide enough to survive it
  const pen = Math.round(between(r, h > 36 ? -1 : 0, (h / 28) * 1.7));
  if (pen) morph(c, Math.abs(pen), pen > 0);
  // only a sliver of the neighbour stays: cutting (digit-cut.ts) has split the rest away
  if (neighbour) crop(c, Math.round(c.w / 2 - h * 0.4), Math.round(c.w / 2 + h * 0.4));
  return c;
}

/** The ink on paper as the scanner sends it: grey, sometimes through JPEG, sometimes bilevel. */
async function scanned(c: Canvas, r: Rng): Promise<{ data: Uint8Array; width: number; height: number }> {
  let g = inked(c, r);
  if (r() < 0.2) {
    const { data } = await sharp(Buffer.from(g), { raw: { width: c.w, height: c.h, channels: 1 } })
      .jpeg({ quality: Math.round(between(r, 20, 75)) })
      .toBuffer({ resolveWithObject: true })
      .then(({ data: j }) => sharp(j).greyscale().raw().toBuffer({ resolveWithObject: true }));
    g = Uint8Array.from(data.length === g.length ? data : data.filter((_, i) => i % (data.length / g.length) === 0));
  }
  if (r() < 0.25) {
    const t = between(r, 90, 190);
    g = g.map((v) => (v < t ? 0 : 255));
  }
  return { data: g, width: c.w, height: c.h };
}

/** the app's ink level: Otsu's, at most 160 */
const inkLevel = (data: Uint8Array) => Math.min(otsu(data), 160);

/**
 * A blank written with several digits (a number, a day) as office paper shows it: each digit drawn
 * on a canvas of the writer's one height (its own scale and slant within it, as drawn()), side
 * by side at a hand's spacing (now and then touching), then scanned as one. For measuring the
 * readers on whole blanks, as the app meets them.
 */
export async function officeBlank(srcs: { image: Float32Array; label: number }[], r: Rng): Promise<{ data: Uint8Array; width: number; height: number }> {
  const h = Math.round(between(r, 24, 56));
  const parts = srcs.map((s) => drawn(s.image, s.label, r, undefined, h));
  const step = Math.round(h * between(r, 0.65, 0.95));
  const margin = Math.round(h * 0.4);
  const w = margin * 2 + step * (parts.length - 1) + parts[0].w;
  const c: Canvas = { a: new Float32Array(w * (h + 2 * margin)), w, h: h + 2 * margin };
  parts.forEach((p, k) => {
    const x0 = margin + k * step + Math.round((parts[0].w - p.w) / 2);
    for (let y = 0; y < p.h; y++) for (let x = 0; x < p.w; x++) {
      const i = (y + margin) * c.w + x + x0;
      c.a[i] = Math.max(c.a[i], p.a[y * p.w + x]);
    }
  });
  return scanned(c, r);
}

/** The reader's own path: ink below Otsu's level (at most 160), cut into digits, the one digit normalised. */
export function readAsApp(grey: { data: Uint8Array; width: number; height: number }, whole = false): Float32Array {
  const t = inkLevel(grey.data);
  const parts = whole ? [] : cutDigits(grey, t);
  if (parts.length === 1) return normalisedDigit(parts[0]);
  const mask: InkImage = { data: Float32Array.from(grey.data, (v) => (v < t ? 1 : 0)), width: grey.width, height: grey.height };
  return normalisedDigit(mask);
}

/** An MNIST digit as given (thresholded like the app's ink), normalised: the clean held-out check. */
export const cleanDigit = (src: Float32Array) => normalisedDigit({ data: Float32Array.from(src, (v) => (v > 0.5 ? 1 : 0)), width: S, height: S });
