// The measurements of the page clean-up: loops over the pixels of the small analysis copy
// (skew, dark border, contrast, blank) and over full-size pixels where sharp has no such step
// (specks). Plain functions of pixels, so they run in a worker as well.
import type { GreyImage } from './clean-image';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Contrast normalisation as one linear pass: the darkest ink to black, the paper (98th
 * percentile) to white — measured on the small analysis copy, since a full-size histogram
 * costs more than the OCR it helps.
 */
export function stretch(g: GreyImage): [number, number] {
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

/** The part of the image inside the box. */
export function inside(g: GreyImage, b: Box): GreyImage {
  const width = Math.max(1, b.right - b.left);
  const height = Math.max(1, b.bottom - b.top);
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) g.data.copy(data, y * width, (b.top + y) * g.width + b.left, (b.top + y) * g.width + b.left + width);
  return { data, width, height };
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
export function darkBorder(g: GreyImage): Box {
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

/**
 * What counts as ink before the stretch: half-way between the darkest ink and the paper, so a
 * faded or light grey scan (ink at 150 on paper at 225) is not taken for a blank page; a page
 * whose tones span less than that is only paper and grain.
 */
export function inkThreshold(a: number, b: number): number {
  const lo = -b / a;
  const hi = lo + 255 / a;
  return hi - lo >= 48 ? Math.max(128, (lo + hi) / 2) : 128;
}

/** Blank: almost no ink left inside the margins once specks are ignored. */
export function isBlank(g: GreyImage, b: Box, threshold = 128): boolean {
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
