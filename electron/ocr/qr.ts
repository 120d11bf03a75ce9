// QR codes printed by the TTHC systems (DOMAIN.md rule 5): dossier code, TTHC code, applicant
// ID, paper name, issuing system. The payload layout varies between systems, so this reads
// JSON, "key: value" lines, key=value query strings and bare codes alike.
import jsQR from 'jsqr';
import { foldVietnamese } from '../archive/text';
import { clampRect, grey, rawImage, type GreyImage, type Rect } from './clean-image';
import type { Box } from './page-analysis';

export interface QrData {
  raw: string;
  dossierCode: string | null;
  procedureCode: string | null;
  holderId: string | null;
  holderName: string | null;
  paperName: string | null;
}

/** Finds a QR code in an RGB (or RGBA) image; null when there is none. */
export function decodeQr(img: { data: Buffer; width: number; height: number }): string | null {
  const px = img.width * img.height;
  const channels = img.data.length / px;
  let rgba: Uint8ClampedArray;
  if (channels === 4) rgba = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  else {
    rgba = new Uint8ClampedArray(px * 4);
    for (let i = 0, j = 0; i < px; i++, j += channels) {
      rgba[i * 4] = img.data[j];
      rgba[i * 4 + 1] = img.data[j + (channels > 1 ? 1 : 0)];
      rgba[i * 4 + 2] = img.data[j + (channels > 2 ? 2 : 0)];
      rgba[i * 4 + 3] = 255;
    }
  }
  return jsQR(rgba, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where a QR code may be, as fractions of the page: squares of at least 3 × 3 cells of
 * about 4 mm whose ink covers a third to two thirds of each cell and changes often both
 * across and down, which print, rules and signatures do not. Decoding only there spares
 * most pages the (costly) full-page QR search.
 */
export function qrCandidates(g: { data: Buffer; width: number; height: number }, threshold = 128): Region[] {
  const cell = Math.max(8, Math.round(Math.min(g.width, g.height) / 60));
  const cols = Math.floor(g.width / cell);
  const rows = Math.floor(g.height / cell);
  const hit = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let ink = 0;
      let across = 0;
      let down = 0;
      for (let y = r * cell; y < (r + 1) * cell; y++)
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const i = y * g.width + x;
          const dark = g.data[i] < threshold;
          if (dark) ink++;
          if (x > c * cell && dark !== g.data[i - 1] < threshold) across++;
          if (y > r * cell && dark !== g.data[i - g.width] < threshold) down++;
        }
      const n = cell * cell;
      // a QR module is a few pixels here: many changes both ways, about half ink
      if (ink > n * 0.3 && ink < n * 0.7 && across > cell * 1.5 && down > cell * 1.5) hit[r * cols + c] = 1;
    }
  const regions: Region[] = [];
  const seen = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (!hit[r * cols + c] || seen[r * cols + c]) continue;
      // the connected group of hit cells
      let [c0, c1, r0, r1] = [c, c, r, r];
      const stack = [r * cols + c];
      seen[r * cols + c] = 1;
      while (stack.length) {
        const k = stack.pop()!;
        const [kr, kc] = [Math.floor(k / cols), k % cols];
        [c0, c1, r0, r1] = [Math.min(c0, kc), Math.max(c1, kc), Math.min(r0, kr), Math.max(r1, kr)];
        for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
          const [nr, nc] = [kr + dr, kc + dc];
          if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
          const j = nr * cols + nc;
          if (hit[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      const [w, h] = [c1 - c0 + 1, r1 - r0 + 1];
      if (w >= 3 && h >= 3 && w <= h * 2 && h <= w * 2) {
        const m = 1.5; // cells of margin: the quiet zone and the finder patterns' edges
        regions.push({
          x0: Math.max(0, (c0 - m) * cell) / g.width,
          y0: Math.max(0, (r0 - m) * cell) / g.height,
          x1: Math.min(g.width, (c1 + 1 + m) * cell) / g.width,
          y1: Math.min(g.height, (r1 + 1 + m) * cell) / g.height,
        });
      }
    }
  return regions;
}

/**
 * A candidate region, found on the analysis copy (fractions of it), as a rectangle of the kept
 * part of the page: the copy's border is the kept part's edge.
 */
export function qrRect(r: Region, analysed: { width: number; height: number }, border: Box, crop: Rect): Rect {
  const borderW = border.right - border.left;
  const borderH = border.bottom - border.top;
  return clampRect(
    {
      left: Math.round(((r.x0 * analysed.width - border.left) / borderW) * crop.width),
      top: Math.round(((r.y0 * analysed.height - border.top) / borderH) * crop.height),
      width: Math.round(((r.x1 - r.x0) * analysed.width * crop.width) / borderW),
      height: Math.round(((r.y1 - r.y0) * analysed.height * crop.height) / borderH),
    },
    crop.width,
    crop.height,
  );
}

/** The width the QR search reads a page at: a code's modules stay a few pixels wide. */
const QR_PAGE_WIDTH = 1000;

/**
 * The places a QR code may be, cut from the full-size canvas (the page turned and deskewed)
 * at a 1000-pixel width of its kept part `crop`, located on the analysis copy.
 */
export function qrInputs(canvas: GreyImage, analysis: GreyImage, border: Box, crop: Rect): Promise<GreyImage[]> {
  const shrink = Math.min(1, QR_PAGE_WIDTH / crop.width);
  return Promise.all(
    qrCandidates(analysis).map((region) => {
      const rect = qrRect(region, analysis, border, crop);
      // one extract from the canvas (sharp keeps only one before a resize)
      const onCanvas = { ...rect, left: rect.left + crop.left, top: rect.top + crop.top };
      return grey(rawImage(canvas.data, canvas.width, canvas.height).extract(onCanvas).resize({ width: Math.max(1, Math.round(rect.width * shrink)) }));
    }),
  );
}

/** The first QR code read in these places, or null. */
export function firstQr(inputs: GreyImage[]): string | null {
  for (const input of inputs) {
    const text = decodeQr(input);
    if (text) return text;
  }
  return null;
}

const KEYS: Record<string, keyof Omit<QrData, 'raw'>> = {
  mahoso: 'dossierCode',
  dossiercode: 'dossierCode',
  hoso: 'dossierCode',
  mathutuc: 'procedureCode',
  matthc: 'procedureCode',
  procedurecode: 'procedureCode',
  sodinhdanh: 'holderId',
  socccd: 'holderId',
  cccd: 'holderId',
  madinhdanh: 'holderId',
  holderid: 'holderId',
  hoten: 'holderName',
  chuhoso: 'holderName',
  nguoinop: 'holderName',
  tengiayto: 'paperName',
  tenketqua: 'paperName',
};

export function parseQr(raw: string): QrData {
  const out: QrData = { raw, dossierCode: null, procedureCode: null, holderId: null, holderName: null, paperName: null };
  const put = (k: string, v: unknown) => {
    const field = KEYS[foldVietnamese(k).replace(/[^a-z]/g, '')];
    if (field && v !== null && v !== undefined && String(v).trim() && !out[field]) out[field] = String(v).trim();
  };
  let pairs: [string, unknown][] = [];
  try {
    const j = JSON.parse(raw);
    if (j && typeof j === 'object') pairs = Object.entries(j);
  } catch {
    const parts = raw.includes('\n') || raw.includes('|') || raw.includes(';') ? raw.split(/[\n|;]/) : raw.split(/[?&]/);
    pairs = parts.map((p) => p.split(/[:=]/)).filter((kv) => kv.length >= 2).map(([k, ...v]) => [k, decodeURIComponentSafe(v.join(':'))]);
  }
  for (const [k, v] of pairs) put(k, v);
  // bare codes anywhere in the text
  out.procedureCode ??= /\b(\d\.\d{6})\b/.exec(raw)?.[1] ?? null;
  out.holderId ??= /(?<!\d)(\d{12})(?!\d)/.exec(raw)?.[1] ?? null;
  return out;
}

function decodeURIComponentSafe(s: string) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
