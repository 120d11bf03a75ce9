// Cutting the hand-written digits out of a blank: components of dark pixels, the printed rules
// and specks left out, pieces of one digit joined, digits written touching split apart.
import { cropGrey, type GreyImage } from './clean-image';
import { otsuLevel } from './page-analysis';
import type { Box } from './pool';

export interface InkImage {
  /** 0..1, 1 = ink */
  data: Float32Array;
  width: number;
  height: number;
}

interface Comp {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  px: number[];
}

type Grey = { data: Uint8Array | Buffer; width: number; height: number };

/** The level a blank is cut at: Otsu's split of its pixels, at most 160. */
export const cutThreshold = (grey: Grey): number => Math.min(otsuLevel(grey.data) + 1, 160);

/**
 * The digits written in a blank, left to right, as ink images: components of dark pixels
 * (below `threshold`), specks and dots dropped, pieces of one digit joined, touching digits split.
 * `endsAtSlash`: the blank is a number's, ending where the printed slash of its symbol begins.
 */
export function cutDigits(grey: Grey, threshold: number, endsAtSlash = false): InkImage[] {
  const { width: w, height: h } = grey;
  const comps = withoutMarks(joinStacked(digitLike(components(inkMask(grey, threshold), w, h), w, h)), w, endsAtSlash);
  return comps.flatMap((c) => splitTouching(inkOf(c, w)));
}

/**
 * A blank whose start cuts through hand-writing (OCR's box of "Số:" or "ngày" ran over the
 * first digit) starts where that ink starts, when it is whole within half a line height and
 * as tall as the other digits; ink that runs on further, a letter shorter than the writing,
 * or a mark alone in an empty blank are the printed word's.
 */
export function followClippedInk(page: GreyImage, area: Box, lineHeight: number): Box {
  const g = cropGrey(page, area);
  if (!g) return area;
  const t = cutThreshold(g);
  const p = clippedInk(g, t);
  if (!p) return area;
  const start = Math.max(0, Math.floor(area.x0));
  const wider = { ...area, x0: Math.max(0, area.x0 - lineHeight * 0.5) };
  const g2 = start > 0 ? cropGrey(page, wider) : null;
  if (!g2) return area;
  const left = Math.floor(wider.x0);
  const box = inkAround(g2, t, p.x + start - left, p.y);
  // whole, and as tall as the hand-writing beside it: a printed letter is shorter
  if (!box || box.x0 === 0 || box.y1 - box.y0 + 1 < p.tall * 0.8) return area;
  return { ...area, x0: left + box.x0 - 1 };
}

/**
 * Digit-high ink that the crop's left edge cuts through (the blank's start placed a little
 * late), beside other written ink: a pixel of it on that edge and the tallest other ink's
 * height, or null.
 */
function clippedInk(grey: Grey, threshold: number): { x: number; y: number; tall: number } | null {
  const { width: w, height: h } = grey;
  const comps = components(inkMask(grey, threshold), w, h).filter((c) => c.px.length >= 12);
  // written digits clear of the edge to measure it by: a mark alone at the edge is the printed word's
  const others = comps.filter((c) => c.x0 > 0);
  const tall = Math.max(0, ...others.map((o) => o.y1 - o.y0 + 1));
  const c = others.length ? comps.find((c) => c.x0 === 0 && c.y1 - c.y0 + 1 >= Math.max(tall * 0.6, h * 0.18)) : undefined;
  const p = c?.px.find((p) => p % w === 0);
  return p === undefined ? null : { x: 0, y: p / w, tall };
}

/** The box of the ink connected to (x, y), as cutDigits sees ink; null on paper. */
function inkAround(grey: Grey, threshold: number, x: number, y: number): Box | null {
  const { width: w, height: h } = grey;
  const at = y * w + x;
  const c = components(inkMask(grey, threshold), w, h).find((c) => c.px.includes(at));
  return c ? { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 } : null;
}

/** Ink below the threshold, without the printed rules (the line under the motto or the body) that cross the blank. */
function inkMask(grey: Grey, threshold: number): Uint8Array {
  const { data, width: w, height: h } = grey;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) ink[i] = data[i] < threshold ? 1 : 0;
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0; x < w; x++) n += ink[y * w + x];
    if (n > w * 0.55) ink.fill(0, y * w, (y + 1) * w);
  }
  return ink;
}

/** 8-connected components of the ink. */
function components(ink: Uint8Array, w: number, h: number): Comp[] {
  const seen = new Uint8Array(w * h);
  const comps: Comp[] = [];
  const stack: number[] = [];
  for (let i = 0; i < w * h; i++) {
    if (!ink[i] || seen[i]) continue;
    const c: Comp = { x0: w, y0: h, x1: 0, y1: 0, px: [] };
    stack.push(i);
    seen[i] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w, y = (p - x) / w;
      c.px.push(p);
      c.x0 = Math.min(c.x0, x);
      c.x1 = Math.max(c.x1, x);
      c.y0 = Math.min(c.y0, y);
      c.y1 = Math.max(c.y1, y);
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const X = x + dx, Y = y + dy;
          if (X < 0 || Y < 0 || X >= w || Y >= h) continue;
          const q = Y * w + X;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
    }
    comps.push(c);
  }
  return comps;
}

/** The components that can be digits, left to right. */
function digitLike(comps: Comp[], w: number, h: number): Comp[] {
  // a digit stands at least a third of the blank's height; dots, specks and rules do not
  const tall = Math.max(0, ...comps.map((c) => c.y1 - c.y0 + 1));
  return (
    comps
      .filter((c) => c.y1 - c.y0 + 1 >= Math.max(tall * 0.4, h * 0.18) && c.px.length >= 12 && c.x1 - c.x0 + 1 < w * 0.95)
      // a sliver at the crop's edge is the end of the printed "Số:" or the slash, not a digit
      .filter((c) => !((c.x0 === 0 || c.x1 === w - 1) && c.x1 - c.x0 + 1 < (c.y1 - c.y0 + 1) * 0.3))
      .sort((a, b) => a.x0 - b.x0)
  );
}

/** Pieces one above the other belong to one digit (a 5's flag, a broken 7). */
function joinStacked(comps: Comp[]): Comp[] {
  const joined: Comp[] = [];
  for (const c of comps) {
    const prev = joined[joined.length - 1];
    const overlap = prev ? Math.min(prev.x1, c.x1) - Math.max(prev.x0, c.x0) : -1;
    if (prev && overlap >= 0.5 * Math.min(prev.x1 - prev.x0, c.x1 - c.x0)) {
      prev.px.push(...c.px);
      prev.x0 = Math.min(prev.x0, c.x0);
      prev.x1 = Math.max(prev.x1, c.x1);
      prev.y0 = Math.min(prev.y0, c.y0);
      prev.y1 = Math.max(prev.y1, c.y1);
    } else joined.push({ ...c, px: [...c.px] });
  }
  return joined;
}

/**
 * What is left of the printed line in the blank: a mark much shorter than the digits written,
 * with little ink (the colon of "Số:", an accent; a small round 0 beside a tall 1 has as much
 * ink as a digit), and the printed slash before the symbol, a thin stroke at the blank's right
 * edge leaning right, or in a number's blank also one shorter than the hand-writing (the edge
 * clips its top; a day's or month's short last 1 stays).
 */
function withoutMarks(comps: Comp[], w: number, endsAtSlash: boolean): Comp[] {
  const tall = Math.max(0, ...comps.map((c) => c.y1 - c.y0 + 1));
  const most = Math.max(0, ...comps.map((c) => c.px.length));
  return comps.filter((c) => {
    const ch = c.y1 - c.y0 + 1;
    if (ch < tall * 0.6 && c.px.length < most * 0.6) return false;
    if (c.x1 < w - 2) return true;
    return !(c.x1 - c.x0 + 1 < ch * 0.45 && (lean(c, w) > ch * 0.15 || (endsAtSlash && ch < tall * 0.85)));
  });
}

/** How far right the top of a component lies from its bottom. */
function lean(c: Comp, w: number): number {
  const rows = (from: number, to: number) => {
    let sx = 0, n = 0;
    for (const p of c.px) {
      const y = (p - (p % w)) / w;
      if (y >= from && y <= to) {
        sx += p % w;
        n++;
      }
    }
    return n ? sx / n : 0;
  };
  const band = Math.max(1, Math.round((c.y1 - c.y0) * 0.2));
  return rows(c.y0, c.y0 + band) - rows(c.y1 - band, c.y1);
}

function inkOf(c: Comp, w: number): InkImage {
  const cw = c.x1 - c.x0 + 1;
  const ch = c.y1 - c.y0 + 1;
  const img = new Float32Array(cw * ch);
  for (const p of c.px) {
    const x = p % w, y = (p - x) / w;
    img[(y - c.y0) * cw + (x - c.x0)] = 1;
  }
  return { data: img, width: cw, height: ch };
}

/** Digits written touching: a component much wider than tall is cut where least ink crosses. */
function splitTouching(img: InkImage): InkImage[] {
  const { width: cw, height: ch } = img;
  const parts = cw > ch * 1.15 ? Math.min(4, Math.round(cw / (ch * 0.7))) : 1;
  return parts <= 1 ? [img] : splitInto(img, parts);
}

/** The ink cut into `parts` side by side, each cut where least ink crosses near its share of the width. */
export function splitInto(img: InkImage, parts: number): InkImage[] {
  const { data, width: cw, height: ch } = img;
  const col = new Array(cw).fill(0);
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) col[x] += data[y * cw + x];
  const cuts = [0];
  for (let k = 1; k < parts; k++) {
    const centre = Math.round((cw * k) / parts);
    let best = centre;
    for (let x = Math.max(1, centre - Math.round(cw / parts / 3)); x < Math.min(cw - 1, centre + Math.round(cw / parts / 3)); x++) if (col[x] < col[best]) best = x;
    cuts.push(best);
  }
  cuts.push(cw);
  return cutAt(img, cuts);
}

/** The ink cut at the columns `cuts` (the first 0, the last the width). */
export function cutAt(img: InkImage, cuts: number[]): InkImage[] {
  const { data, width: cw, height: ch } = img;
  const out: InkImage[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const pw = cuts[k + 1] - cuts[k];
    const part = new Float32Array(pw * ch);
    for (let y = 0; y < ch; y++) for (let x = 0; x < pw; x++) part[y * pw + x] = data[y * cw + cuts[k] + x];
    out.push({ data: part, width: pw, height: ch });
  }
  return out;
}
