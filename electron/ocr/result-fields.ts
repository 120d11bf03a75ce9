// A result's own fields: its dossier code, TTHC code, holder and holder's ID, wherever the body
// prints them, and the QR code the TTHC systems print on it, which is read exactly.
import { parseQr } from './qr';
import type { FieldName } from '../../shared/document-fields';
import type { Fields, Layout, TagPage } from './field-layout';

/**
 * A dossier code as the public-service systems issue it: the receiving agency's identifier
 * (Decision 20/2020/QĐ-TTg: "000.00.00.H56", shortened "H56.38"), the day received as yymmdd and
 * a serial ("H56.38-240312-0042"), possibly with a result's "-KQ1"; or the register's own
 * dotted numeric form ("000.16222.000123"). Either is told by its shape, with or without "Mã hồ sơ:".
 */
const DOSSIER_CODE = /(?<![\w.])((?:\d{3}\.\d{2}\.\d{2}\.)?[A-Z]\d{2}(?:\.\d{1,3}){0,3}-\d{6}-\d{3,6}|\d{3}\.\d{5}\.\d{6})(?![\w.])/;
const DOSSIER_LABELLED = /M[ãa]\s*h[ồo]\s*s[ơo]\s*[:.]?\s*([A-Z0-9][\w.\-/]+)/iu;

export function resultFields(L: Layout): Partial<Fields> {
  const out: Partial<Fields> = {};
  const text = L.all.map((s) => s.text);
  const pick = (re: RegExp, name: FieldName, group = 1) => {
    const i = text.findIndex((t) => re.test(t));
    if (i >= 0) out[name] = L.norm([L.all[i]], re.exec(text[i])![group].trim().replace(/[.,;:]+$/, ''));
  };
  pick(DOSSIER_LABELLED, 'dossierCode');
  if (!out.dossierCode) pick(DOSSIER_CODE, 'dossierCode');
  pick(/(?:M[ãa]\s*(?:th[ủu]\s*t[ụu]c|TTHC)[^:]*[:.]?\s*)(\d\.\d{6})/iu, 'procedureCode');
  pick(/(?:Ông\s*\/\s*Bà|Họ\s*(?:và\s*)?tên|Chủ\s*hộ)\s*[:.]?\s*(\p{Lu}[\p{L}\s]+)/u, 'holderName');
  pick(/(?:CCCD|CMND|định\s*danh|Căn\s*cước)[^\d]{0,20}(\d{12})(?!\d)/iu, 'holderId');
  return out;
}

/** A QR code from the TTHC systems is read exactly: preferred to what OCR read. */
export function qrFields(pages: TagPage[]): Partial<Fields> {
  const out: Partial<Fields> = {};
  for (const [i, p] of pages.entries()) {
    if (!p.qr) continue;
    const q = parseQr(p.qr);
    const put = (name: FieldName, v: string | null) => {
      if (v) out[name] = { value: v, confidence: 1, page: i + 1, bbox: null, source: 'qr' };
    };
    put('dossierCode', q.dossierCode);
    put('procedureCode', q.procedureCode);
    put('holderId', q.holderId);
    put('holderName', q.holderName);
  }
  return out;
}
