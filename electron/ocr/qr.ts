// QR codes printed by the TTHC systems (DOMAIN.md rule 5): dossier code, TTHC code, applicant
// ID, paper name, issuing system. The payload layout varies between systems, so this reads
// JSON, "key: value" lines, key=value query strings and bare codes alike.
import jsQR from 'jsqr';
import { foldVietnamese } from '../archive/text';

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
