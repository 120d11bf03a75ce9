// The subject (trích yếu): "V/v …" under the number for a công văn, or the centred lines under
// a typed document's title. It ends where the body begins: the authority line of a decision
// ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"), "Căn cứ …", "Kính gửi …", or a paragraph at the margin.
import { fold, isUpper, letters, type Fields, type Layout, type Segment } from './field-layout';
import { impossibleSyllables, MISSPELT } from './spelling';
import { snapSubjectPhrases } from './subject-phrases';
import { snapProvinceLevel } from './vocabulary';

/** Lines that open the body, never part of a subject. */
const BODY_START = /^(can cu|kinh gui|xet|theo|thuc hien|de nghi cua)\b/;
/** The authority line's first words: who decides ("CHỦ TỊCH …", "GIÁM ĐỐC SỞ …", "ỦY BAN NHÂN DÂN …"). */
const AUTHORITY = /^(chu tich|pho chu tich|uy ban nhan dan|hoi dong nhan dan|giam doc|bo truong|thu tuong|truong ban|chanh van phong|tong cuc truong|cuc truong)\b/;

/**
 * The authority line, as a decision prints it between its subject and its body: in capitals
 * (OCR may lower a letter or two, or cut the line in two at a wide gap, so the opening words
 * alone also tell it).
 */
export function isAuthorityLine(t: string): boolean {
  const l = letters(t);
  const upper = l.length ? [...l].filter((c) => c === c.toUpperCase()).length / l.length : 0;
  // the opening words count in capitals only: a subject's own line may begin "Ủy ban nhân dân tỉnh …"
  return (upper >= 0.5 && AUTHORITY.test(fold(t).replace(/[^a-z ]/g, '').trim())) || (l.length >= 6 && upper >= 0.75);
}

export function subjectField(L: Layout, typeSeg: Segment | null): Partial<Fields> {
  const subj = typeSeg ? typedSubject(L, typeSeg) : congVanSubject(L);
  if (!subj.length) return {};
  // a speck OCR read before the first word (a quotation mark, a dot of the title's rule) is not the subject's
  const text = subj.map((s) => s.text).join(' ').replace(/^[^\p{L}\p{N}(]+/u, '');
  const subject = L.norm(subj, snapProvinceLevel(typeSeg ? text.replace(/^v\/v\s*/i, '') : text.replace(VV, '').replace(/[.;]$/, '')));
  // the set phrases' tone marks as printed, where OCR swapped them ("Vệ việc", "sửa đôi"); a text layer is the document's own
  if (subject.source !== 'text' && subject.value) subject.value = snapSubjectPhrases(subject.value).text;
  // a tone mark OCR dropped leaves a syllable Vietnamese cannot spell: review is asked to look
  if (subject.source !== 'text' && impossibleSyllables(subject.value ?? '').length) subject.confidence = Math.round(subject.confidence * MISSPELT * 100) / 100;
  return { subject };
}

/** The lines under a typed document's title: centred, close together, before the body. */
function typedSubject(L: Layout, typeSeg: Segment): Segment[] {
  const { first, pages } = L;
  const width = pages[0].size.width;
  const after = first.map(withoutSpecks).filter((s) => s.bbox.y0 > typeSeg.bbox.y0 && (s.col !== 'left' || isCentred(s, width)));
  // body lines start at the text margin; a subject is centred, indented on both sides
  const full = first.filter((s) => s.col === 'full');
  const margin = median(full.map((s) => s.bbox.x0)) ?? width * 0.12;
  const rightMargin = median(full.map((s) => s.bbox.x1)) ?? width * 0.9;
  const subj: Segment[] = [];
  let lastY = typeSeg.bbox.y1;
  const lh = typeSeg.bbox.y1 - typeSeg.bbox.y0;
  for (const s of after) {
    // the rest of a title that runs on ("QUYẾT ĐỊNH CỦA ỦY BAN …"), or noise under it
    if (!subj.length && (isUpper(s.text) || s.conf < 0.5 || !/\p{L}{2}/u.test(s.text))) {
      if (s.bbox.y0 - lastY > lh * 3) break;
      lastY = s.bbox.y1;
      continue;
    }
    // a speck in the margin beside the subject (a pen dot, a seal's edge) neither ends nor joins it
    if (subj.length && !isCentred(s, width) && (s.conf < 0.5 || !/\p{L}{2}/u.test(s.text))) continue;
    if (s.bbox.y0 - lastY > lh * (subj.length ? 1.6 : 3) || !isCentred(s, width) || BODY_START.test(fold(s.text))) break;
    if (isAuthorityLine(s.text)) break;
    // a body paragraph's first line is indented on the left only, its last line ends short
    if (subj.length && s.bbox.x0 - margin > width * 0.04 && s.bbox.x1 > rightMargin - width * 0.01) break;
    subj.push(s);
    lastY = s.bbox.y1;
  }
  return subj;
}

/** "V/v" (về việc) opening a công văn's subject; OCR reads its slash as A, 1, l, I or | ("VAv chính sách …"). */
const VV = /^v\s*[/\\|1lIA]\s*v\s*/i;
export const isVvLine = (t: string) => /^v\s*[/\\|1lia]\s*v\b/.test(fold(t));

/** A công văn's "V/v …" under the number, over as many close lines as it runs. */
function congVanSubject(L: Layout): Segment[] {
  const { left } = L;
  const vIdx = left.findIndex((s) => isVvLine(s.text));
  if (vIdx < 0) return [];
  const subj = [left[vIdx]];
  for (const s of left.slice(vIdx + 1)) {
    if (s.bbox.y0 - subj[subj.length - 1].bbox.y1 > (s.bbox.y1 - s.bbox.y0) * 1.2) break;
    subj.push(s);
  }
  return subj;
}

const inked = (w: { text: string }) => /[\p{L}\p{N}]/u.test(w.text);

/** The segment without the rules and specks OCR read at its ends ("——————. Ủy ban …"): they move its edges off centre. */
function withoutSpecks(s: Segment): Segment {
  let a = 0;
  let b = s.words.length;
  while (a < b && !inked(s.words[a])) a++;
  while (b > a && !inked(s.words[b - 1])) b--;
  if (a >= b || (a === 0 && b === s.words.length)) return s;
  const words = s.words.slice(a, b);
  const bbox = { x0: Math.min(...words.map((w) => w.bbox.x0)), y0: Math.min(...words.map((w) => w.bbox.y0)), x1: Math.max(...words.map((w) => w.bbox.x1)), y1: Math.max(...words.map((w) => w.bbox.y1)) };
  return { ...s, words, bbox, text: words.map((w) => w.text).join(' ') };
}

const median = (a: number[]) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : null);

export function isCentred(s: Segment, width: number): boolean {
  const mid = (s.bbox.x0 + s.bbox.x1) / 2;
  const w = s.bbox.x1 - s.bbox.x0;
  // a long subject line spans almost the text width, so its middle must sit closer to the centre
  return w < width * 0.6 ? Math.abs(mid - width * 0.53) < width * 0.1 : Math.abs(mid - width * 0.535) < width * 0.05;
}
