// The signature block of the last page that has one: "Nơi nhận:" and its dash items at the
// bottom left; at the bottom right the authority and position lines ("TM. ỦY BAN NHÂN DÂN",
// "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and, under the signature and seal, the signer's name.
import { fold, isRecipientsHeading, isUpper, letters, type Fields, type Layout, type Segment } from './field-layout';
import { isPositionLine, knownSurname, personName, recipientDoubtful, sealedSurname, snapPosition, snapSurname } from './vocabulary';

/** below review's 0.6: a title or recipient list OCR damaged is shown as doubtful */
const DOUBTFUL = 0.45;

export function signatureFields(L: Layout): Partial<Fields> {
  const { all, pages } = L;
  const nhanIdx = findLastIndex(all, (s) => isRecipientsHeading(s.text) && s.col === 'left');
  // without "Nơi nhận" (cut off, or under a seal): the right half of the last page's lower part
  const lastPage = all.length ? all[all.length - 1].page : 1;
  const anchor = nhanIdx >= 0 ? all[nhanIdx] : null;
  const page = anchor?.page ?? lastPage;
  const size = pages[page - 1]?.size;
  if (!size) return {};
  const top = anchor ? anchor.bbox.y0 - (anchor.bbox.y1 - anchor.bbox.y0) * 2 : size.height * 0.35;
  const below = all.filter((s) => s.page === page && s.bbox.y0 >= top);
  // the signature block's own lines: confidently read words (a QR code or a seal below it
  // reads as scattered low-confidence letters) made mostly of letters
  const wordy = (t: string) => (t.match(/[\p{L}\s.]/gu)?.length ?? 0) >= t.length * 0.85;
  const sig = below.filter((s) => (s.bbox.x0 + s.bbox.x1) / 2 > size.width * 0.5 && s.col !== 'full' && s.conf >= 0.6 && wordy(s.text));
  let upper = sig.filter((s) => isUpper(s.text) && letters(s.text).length > 2 && isPositionLine(s.text));
  if (!anchor) upper = upper.slice(-4);
  const rec = anchor ? recipientLines(below, anchor) : [];
  const out: Partial<Fields> = { ...positionField(L, upper), ...signerField(L, sig, upper, !!anchor, rec) };
  if (rec.length) Object.assign(out, recipientsField(L, rec));
  return out;
}

/** The title lines, each put back as printed from the vocabulary; a word that needed it makes the value doubtful. */
function positionField(L: Layout, upper: Segment[]): Partial<Fields> {
  if (!upper.length) return {};
  const snapped = upper.map((s) => snapPosition(s.text));
  const conf = Math.min(...upper.map((s, i) => (snapped[i].changed ? DOUBTFUL : s.conf)));
  const text = snapped.map((x) => x.text).join(' ');
  return { signerPosition: L.norm(upper, text, conf) };
}

/**
 * A police or army rank, or an academic title, printed before the name ("Thiếu tướng Lê
 * Quang Thắng", "PGS.TS. Nguyễn Văn A"): not part of it. OCR may split "Thiếu" onto a line of
 * its own, leaving "tướng …" or "u tướng …"; accents are compared folded, as OCR slips on them ("Thiêu").
 */
const RANK_GRADE = /^(thieu|trung|thuong|dai)$/;
const RANK = /^(tuong|ta|uy)$/;
const TITLES = /^((gs|pgs|ts|ths|bs|ks)\.)+$/;
export function withoutRank(t: string): string {
  const w = t.trim().split(/\s+/);
  let i = 0;
  while (i < w.length - 1 && TITLES.test(fold(w[i]))) i++;
  // the rank word itself is lower case ("tướng"): a capitalised "Tạ" is a surname
  const rank = (x?: string) => !!x && /^\p{Ll}/u.test(x) && RANK.test(fold(x));
  // the grade whole, or the last letters of it OCR cut off the line above ("Thiếu" / "u tướng …")
  if ((RANK_GRADE.test(fold(w[i] ?? '')) || /^\p{Ll}{1,2}$/u.test(w[i] ?? '')) && rank(w[i + 1])) i += 2;
  else if (rank(w[i])) i++;
  return w.slice(i).join(' ');
}
/** the name as printed, or with the surname a seal partly covers put back (`sealed`) */
function signerName(t: string): { name: string; sealed: boolean } | null {
  const line = withoutRank(t);
  const name = personName(line);
  if (name) return { name, sealed: false };
  const sealed = sealedSurname(line);
  return sealed ? { name: sealed, sealed: true } : null;
}

/** The name: a line of capitalised words under the title lines. */
function signerField(L: Layout, sig: Segment[], upper: Segment[], anchored: boolean, recipients: Segment[]): Partial<Fields> {
  const names = sig.filter((s) => signerName(s.text) !== null);
  const name = names.filter((s) => !upper.length || s.bbox.y0 > upper[upper.length - 1].bbox.y0).pop();
  if (!name || !(anchored || upper.length)) return {};
  const read = signerName(name.text)!;
  let fixed = snapSurname(read.name);
  // a surname lost under the seal, written out where the recipients name the same person after
  // a title ("PTTg Hồ Đức Phóc"): put back, and still shown as doubtful
  const named = knownSurname(fixed.text) ? null : surnameInRecipients(recipients, fixed.text);
  if (named) fixed = { text: named, changed: true };
  const guessed = fixed.changed || !knownSurname(fixed.text) || read.sealed;
  return { signer: L.norm([name], fixed.text, guessed ? Math.min(name.conf, 0.5) : undefined) };
}

/**
 * The signer's given names as read, found in the recipients after a person's title and a
 * surname ("PTTg Hồ Đức Phóc", "đồng chí Lê Văn A"): the whole name, with the given names as the
 * signature block prints them. Null unless exactly one surname stands there, and for two given
 * names at least: a place named after a person ("UBND TP Hồ Chí Minh") has no title before it,
 * and one given name alone would match too many people.
 */
function surnameInRecipients(recipients: Segment[], given: string): string | null {
  const want = fold(given).split(' ');
  if (want.length < 2) return null;
  const found = new Set<string>();
  for (const s of recipients) {
    const words = s.text.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}/]+$/gu, ''));
    for (let j = 2; j + want.length <= words.length; j++) {
      if (!want.every((w, k) => fold(words[j + k]) === w && /^\p{Lu}/u.test(words[j + k]))) continue;
      const surname = words[j - 1];
      const titled = PERSON_TITLE.test(fold(words[j - 2])) || (fold(words[j - 2]) === 'chi' && fold(words[j - 3] ?? '') === 'dong');
      if (titled && /^\p{Lu}\p{Ll}*$/u.test(surname) && knownSurname(surname)) found.add(snapSurname(`${surname} ${given}`).text);
    }
  }
  return found.size === 1 ? [...found][0] : null;
}
/** a person's title or office before a name in a recipients list, folded: "PTTg", "CT", "GĐ", "Thủ tướng", "Chủ tịch", "Giám đốc", "đ/c", "ông", "bà" … */
const PERSON_TITLE = /^(ttg|pttg|ct|pct|bt|pbt|tt|gd|pgd|tgd|cvp|pcvp|vt|pvt|tuong|truong|tich|doc|d\/c|dc|ong|ba)$/;

/** The dash items under "Nơi nhận:", in the left column. */
function recipientLines(below: Segment[], anchor: Segment): Segment[] {
  const rec: Segment[] = [];
  for (const s of below.filter((x) => x.col === 'left' && x.bbox.y0 > anchor.bbox.y0)) {
    if (!/^[-–•+]/.test(s.text.trim())) {
      if (rec.length) break;
      continue;
    }
    rec.push(s);
  }
  return rec;
}

/** The recipients, one an item; an archive line OCR damaged ("Lưu: VỊ, VP") is doubtful. */
function recipientsField(L: Layout, rec: Segment[]): Partial<Fields> {
  const items = rec.map((s) => cleanRecipient(s.text));
  return { recipients: L.norm(rec, items.join('\n'), items.some(recipientDoubtful) ? DOUBTFUL : undefined) };
}

function cleanRecipient(t: string): string {
  return t.trim().replace(/^[-–•+]\s*/, '').replace(/[;.,]+$/, '').trim();
}

function findLastIndex<T>(a: T[], p: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (p(a[i])) return i;
  return -1;
}
