// The closed vocabularies of an administrative header and signature block: the words of
// issuing bodies ("ỦY BAN NHÂN DÂN", "TỈNH"), province names, positions and common surnames.
// OCR drops or swaps accents on bold capitals ("NHÂN DẪN TÍNH QUANG NGÀI"); a word whose
// accent-free form is one of these, in the place it belongs, is put back as printed — and the
// value says it was corrected, with a lower confidence.
import { foldVietnamese } from '../archive/text';
import { isSyllable } from './spelling';

const f = (s: string) => foldVietnamese(s).replace(/[^a-z0-9 ]/g, '');

/**
 * Phrases an issuing body is made of, as printed: local government's, and the ministries' and
 * sector bodies' names that head a central or provincial body's header ("BỘ CÔNG AN", "CỤC
 * THUẾ"). A lone word that is also common Vietnamese (THUẾ, AN) is only put back inside its phrase.
 */
const BODY_PHRASES = [
  'ỦY BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN', 'VĂN PHÒNG', 'THÀNH PHỐ', 'THỊ XÃ', 'THỊ TRẤN', 'BỘ', 'SỞ', 'PHÒNG', 'CHI CỤC', 'CỤC', 'TỔNG CỤC',
  'TRUNG TÂM', 'HĐND', 'UBND', 'CÔNG AN', 'CẢNH SÁT', 'ĐIỀU TRA', 'QUỐC PHÒNG', 'TÀI CHÍNH', 'NỘI VỤ', 'TƯ PHÁP', 'NGOẠI GIAO', 'CÔNG THƯƠNG',
  'XÂY DỰNG', 'Y TẾ', 'GIÁO DỤC VÀ ĐÀO TẠO', 'KHOA HỌC VÀ CÔNG NGHỆ', 'NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN',
  'TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'KẾ HOẠCH VÀ ĐẦU TƯ', 'GIAO THÔNG VẬN TẢI', 'THÔNG TIN VÀ TRUYỀN THÔNG', 'DÂN TỘC VÀ TÔN GIÁO', 'THANH TRA',
  'NGÂN HÀNG NHÀ NƯỚC', 'KHO BẠC NHÀ NƯỚC', 'HẢI QUAN', 'CỤC THUẾ', 'CHI CỤC THUẾ', 'TỔNG CỤC THUẾ', 'BỘ CHỈ HUY QUÂN SỰ', 'BIÊN PHÒNG',
];
/** The level words that open a body's second line ("TỈNH QUẢNG NGÃI", "HUYỆN NHƯ XUÂN"). */
const LEVELS = ['TỈNH', 'HUYỆN', 'XÃ', 'QUẬN', 'PHƯỜNG'];
/** The provinces and centrally-run cities (before and after the 2025 mergers). */
const PROVINCES = [
  'AN GIANG', 'BÀ RỊA - VŨNG TÀU', 'BẮC GIANG', 'BẮC KẠN', 'BẠC LIÊU', 'BẮC NINH', 'BẾN TRE', 'BÌNH ĐỊNH', 'BÌNH DƯƠNG', 'BÌNH PHƯỚC',
  'BÌNH THUẬN', 'CÀ MAU', 'CAO BẰNG', 'ĐẮK LẮK', 'ĐẮK NÔNG', 'ĐIỆN BIÊN', 'ĐỒNG NAI', 'ĐỒNG THÁP', 'GIA LAI', 'HÀ GIANG', 'HÀ NAM',
  'HÀ TĨNH', 'HẢI DƯƠNG', 'HẬU GIANG', 'HÒA BÌNH', 'HƯNG YÊN', 'KHÁNH HÒA', 'KIÊN GIANG', 'KON TUM', 'LAI CHÂU', 'LÂM ĐỒNG', 'LẠNG SƠN',
  'LÀO CAI', 'LONG AN', 'NAM ĐỊNH', 'NGHỆ AN', 'NINH BÌNH', 'NINH THUẬN', 'PHÚ THỌ', 'PHÚ YÊN', 'QUẢNG BÌNH', 'QUẢNG NAM', 'QUẢNG NGÃI',
  'QUẢNG NINH', 'QUẢNG TRỊ', 'SÓC TRĂNG', 'SƠN LA', 'TÂY NINH', 'THÁI BÌNH', 'THÁI NGUYÊN', 'THANH HÓA', 'THỪA THIÊN HUẾ', 'TIỀN GIANG',
  'TRÀ VINH', 'TUYÊN QUANG', 'VĨNH LONG', 'VĨNH PHÚC', 'YÊN BÁI', 'HÀ NỘI', 'HẢI PHÒNG', 'ĐÀ NẴNG', 'HỒ CHÍ MINH', 'CẦN THƠ', 'HUẾ',
];

const phrase = (p: string) => ({ printed: p.split(' '), folded: f(p).split(' ') });
// the longest phrase first: "CHI CỤC THUẾ" before "CHI CỤC", "CỤC THUẾ" before "CỤC"
const BODY = BODY_PHRASES.map(phrase).sort((a, b) => b.folded.length - a.folded.length);
const PROV = PROVINCES.map((p) => phrase(p.replace(' - ', ' '))).sort((a, b) => b.folded.length - a.folded.length);
/** a phrase's letters run together, as OCR reads a bold header with a narrow space ("CÔNGAN") */
const RUN_TOGETHER = new Map(BODY.filter((p) => p.folded.length > 1).map((p) => [p.folded.join(''), p.printed]));

/**
 * The province a misread name is one slip from ("QUANG NGAAI"): over the next one to three
 * words, the name whose letters (accents and spaces aside) are within one edit of them, for
 * names of six letters or more; none when two names are as close.
 */
function nearProvince(folded: string[], i: number): { span: number; printed: string[] } | null {
  let best: { span: number; printed: string[]; d: number } | null = null;
  let tie = false;
  for (const p of PROV) {
    const want = p.folded.join('');
    if (want.length < 6) continue;
    for (let span = 1; span <= 3 && i + span <= folded.length; span++) {
      const d = editDistance(folded.slice(i, i + span).join(''), want);
      if (d > 1) continue;
      if (best && d === best.d && best.printed !== p.printed) tie = true;
      if (!best || d < best.d) [best, tie] = [{ span, printed: p.printed, d }, false];
    }
  }
  return best && !tie ? best : null;
}
const LEVEL = new Map(LEVELS.map((l) => [f(l), l]));

/** ỦY and UỶ are both printed (new and old accent placement): either stays as it is. */
const keepAsPrinted = (read: string, printed: string) => read === printed || (f(read) === 'uy' && /^(ỦY|UỶ)$/.test(read));

/** One header line with its body words, level word and province name put back as printed. */
export function snapAgency(line: string): { text: string; changed: boolean } {
  const words = line.trim().split(/\s+/);
  const folded = words.map(f);
  let changed = false;
  const put = (i: number, printed: string[]) => {
    for (let k = 0; k < printed.length; k++) {
      if (keepAsPrinted(words[i + k], printed[k])) continue;
      words[i + k] = printed[k];
      changed = true;
    }
  };
  const matchAt = (i: number, p: { folded: string[] }) => p.folded.every((w, k) => folded[i + k] === w);
  // `span` words read in place of the printed ones (a name run together, or one slip off)
  const replace = (i: number, span: number, printed: string[]) => {
    words.splice(i, span, ...printed);
    folded.splice(i, span, ...printed.map(f));
    changed = true;
  };
  let i = 0;
  let afterLevel = true;
  while (i < words.length) {
    const joined = RUN_TOGETHER.get(folded[i]);
    if (joined) replace(i, 1, joined);
    const body = BODY.find((p) => matchAt(i, p));
    if (body) {
      put(i, body.printed);
      i += body.printed.length;
      afterLevel = true;
      continue;
    }
    let level = LEVEL.get(folded[i]);
    // a level word opens the line or follows a body ("ỦY BAN NHÂN DÂN TỈNH"), or names a province
    if (level && !afterLevel && !(level === 'TỈNH' && PROV.some((p) => matchAt(i + 1, p)))) level = undefined;
    if (level) {
      put(i, [level]);
      i++;
      // the name after "TỈNH" is a province's
      const prov = level === 'TỈNH' ? PROV.find((p) => matchAt(i, p)) : undefined;
      const near = level === 'TỈNH' && !prov ? nearProvince(folded, i) : null;
      if (prov) put(i, prov.printed);
      else if (near) replace(i, near.span, near.printed);
      i += (prov ?? near)?.printed.length ?? 0;
      afterLevel = false;
      continue;
    }
    afterLevel = false;
    i++;
  }
  if (/^HDND$/.test(words[0])) {
    words[0] = 'HĐND';
    changed = true;
  }
  return { text: words.join(' '), changed };
}

/**
 * "tỉnh" before a province's name in running text, where OCR read "tính" or "tinh" ("trên địa
 * bàn tính Quảng Ngãi"): the name settles which word it is.
 */
export function snapProvinceLevel(text: string): string {
  const words = text.split(' ');
  const folded = words.map(f);
  for (let i = 0; i + 1 < words.length; i++) {
    if (folded[i] !== 'tinh' || /^t[ỉỈ]nh$/iu.test(words[i]) || !/^\p{Lu}/u.test(words[i + 1])) continue;
    if (PROV.some((p) => p.folded.every((w, k) => folded[i + 1 + k] === w))) words[i] = words[i][0] === 'T' ? 'Tỉnh' : 'tỉnh';
  }
  return words.join(' ');
}

/**
 * Vietnamese surnames: a name's first word, whose accents OCR drops ("Trân", "Nguyên"). The
 * common Kinh surnames, the rarer ones a province's officials carry (Thạch, Khổng, Giáp …) and
 * those of the ethnic minorities (Tày, Thái, Mường, H'Mông, Dao; the Ê Đê and Jrai "Y" that opens
 * a man's name, and their clan names). Left out: surnames that are as often a middle or given
 * name (Văn, Kim, Sơn, Tất, Giang …), since a name that lost its surname to a seal would then read
 * as whole. Where two are spelt alike without accents, the commoner comes first: OCR's
 * accentless spelling is put back as it ("Luong" → Lương, not Lường), flagged.
 */
const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đoàn',
  'Vương', 'Trịnh', 'Trương', 'Đinh', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ', 'Lưu', 'Lương', 'Cao', 'Châu', 'Quách', 'Thái', 'Kiều',
  'Tăng', 'Lại', 'Nông', 'Hứa', 'Triệu', 'Chu', 'Bạch', 'Lục', 'Diệp', 'Mạc', 'Nghiêm', 'Thân', 'Tôn', 'Ngôn', 'Phí', 'Doãn', 'Lò', 'Lã',
  'Âu', 'Biện', 'Cù', 'Cung', 'Đàm', 'Đồng', 'Giáp', 'Hàn', 'Hầu', 'Kha', 'Khổng', 'Khúc', 'Khương', 'La', 'Lạc', 'Lăng', 'Lư', 'Mã',
  'Mẫn', 'Nhâm', 'Ninh', 'Quản', 'Thạch', 'Thiều', 'Tiêu', 'Tống', 'Trình', 'Từ', 'Ứng', 'Viên', 'Yên', 'Bế', 'Cầm', 'Điêu', 'Lường',
  'Quàng', 'Sầm', 'Vi', 'Ma', 'Mông', 'Giàng', 'Sùng', 'Thào', 'Mùa', 'Lầu', 'Phàn', 'Bàn', 'Chảo', 'Tẩn', 'Y', 'Ksor', 'Siu', 'Nay',
  'Kpă', 'Rmah', 'Rcom',
];
/** folded → the surnames spelt so, the commoner first */
const SURNAME = new Map<string, string[]>();
for (const s of SURNAMES) SURNAME.set(f(s), [...(SURNAME.get(f(s)) ?? []), s]);
const isSurnameAsPrinted = (w: string) => SURNAME.get(f(w))?.includes(w) ?? false;

/**
 * A person's name as a signature block prints it: two to six capitalised words ("Trần Hoàng
 * Tuấn"), once the specks OCR reads beside it (a pen stroke's "|", a seal's edge) are taken off
 * its ends; null when the line is no name.
 */
export function personName(t: string): string | null {
  const words = t.trim().split(/\s+/);
  // a speck before the name; a single capital is kept when it is a name's own ("Y Thông", "A Sang":
  // the Ê Đê and Ba Na prefixes) or all that stands before a short name
  // a word with a comma after it is a stroke read as letters, a name has no comma in it (unless
  // the word is a surname: the comma is then the speck)
  const speck = (i: number) =>
    !/\p{L}{2}|^\p{Lu}$/u.test(words[i]) || (/^\p{Lu}$/u.test(words[i]) && !/^[YA]$/.test(words[i]) && words.length >= 3) || (/[,;]$/.test(words[i]) && words.length >= 3 && !SURNAME.has(f(words[i])));
  while (words.length && speck(0)) words.shift();
  while (words.length && !/\p{L}{2}|^\p{Lu}\P{L}*$/u.test(words[words.length - 1])) words.pop();
  const name = words.join(' ').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return /^\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*){1,5}$/u.test(name) && name !== name.toUpperCase() ? name : null;
}

/**
 * A name whose surname a seal or a signature stroke partly covers ("TSpxyễn Minh"): a damaged
 * first word that ends as exactly one surname ends, tone mark included (3 letters or more),
 * read as that surname. Null when no single surname fits.
 */
export function sealedSurname(t: string): string | null {
  const words = t.trim().split(/\s+/);
  const first = words[0].replace(/^[^\p{L}]+/u, '').toLowerCase();
  if (words.length < 2 || !/^\p{L}{4,}$/u.test(first) || /^\p{Lu}\p{Ll}*$/u.test(words[0])) return null;
  for (let k = first.length - 1; k >= 3; k--) {
    const fits = SURNAMES.filter((s) => s.length >= k && s.toLowerCase().endsWith(first.slice(-k)));
    if (fits.length) return fits.length === 1 ? personName([fits[0], ...words.slice(1)].join(' ')) : null;
  }
  return null;
}

/** A name led by none of the surnames may have lost its first word to a seal or a stroke ("Đức Lượng"). */
export const knownSurname = (name: string) => SURNAME.has(f(name.split(/\s+/)[0]));

export function snapSurname(name: string): { text: string; changed: boolean } {
  const words = name.split(/\s+/);
  // a stroke of the signature read as a short word before the surname ("Ta Nguỹên Văn Thịnh"):
  // the first word is no surname as printed, the second is one
  // (a one-letter word is a stroke there, though "Y" opens an Ê Đê name: none has a surname after it)
  if (words.length >= 4 && words[0].length <= 2 && (words[0].length === 1 || !isSurnameAsPrinted(words[0])) && SURNAME.has(f(words[1]))) {
    const rest = snapSurname(words.slice(1).join(' '));
    return { text: rest.text, changed: true };
  }
  const [first, ...rest] = words;
  // a letter OCR put in or left out of a long surname, leaving letters no syllable spells ("Nguÿễn",
  // "Hoàg"): the one surname a letter away ("Thanh", a name's own word, stays)
  const near = SURNAME.has(f(first)) || isSyllable(first) ? [] : [...SURNAME.keys()].filter((k) => k.length >= 5 && editDistance(k, f(first)) === 1);
  const spelt = SURNAME.get(f(first)) ?? (near.length === 1 ? SURNAME.get(near[0]) : undefined);
  if (!spelt || spelt.includes(first)) return { text: name, changed: false };
  return { text: [spelt[0], ...rest].join(' '), changed: true };
}

/** A line of a signature block's title: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC" … */
export function isPositionLine(t: string): boolean {
  return /\b(chu tich|tich|pho|giam doc|chanh|truong|tm|kt|tl|tuq|q|uy ban|van phong|bi thu|nhan dan|hoi dong|thu ky|can bo|cong chuc)\b/.test(f(t)) || nearestTitle(t) !== null;
}

/** The titles a signature block prints (Decree 30 App. IV), after an optional "TM." / "KT." / "TL." / "TUQ." / "Q.". */
const TITLES = [
  'CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'TỔNG GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'TRƯỞNG PHÒNG',
  'PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'CỤC TRƯỞNG', 'CHI CỤC TRƯỞNG', 'CHÁNH THANH TRA',
  'ỦY BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN', 'THƯỜNG TRỰC HĐND', 'BÍ THƯ', 'THỦ TƯỚNG',
];
const squeeze = (s: string) => f(s).replace(/[^a-z]/g, '');
const TITLE_BY_SQUEEZED = new Map(TITLES.map((t) => [squeeze(t), t]));
/** thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền */
const PREFIXES = ['TM', 'KT', 'TL', 'TUQ', 'Q'];

/** The known title a line's words are within a slip or two of ("CITỦ TỊCH" → "CHỦ TỊCH"), or null. */
function nearestTitle(body: string): string | null {
  const sq = squeeze(body);
  if (sq.length < 5) return null;
  const exact = TITLE_BY_SQUEEZED.get(sq);
  if (exact) return exact;
  let best: { t: string; d: number } | null = null;
  for (const [k, t] of TITLE_BY_SQUEEZED) {
    if (Math.abs(k.length - sq.length) > 2) continue;
    const d = editDistance(sq, k);
    if (d <= Math.max(1, Math.round(k.length / 4)) && (!best || d < best.d)) best = { t, d };
  }
  return best?.t ?? null;
}

const POSITION_WORDS = new Map(['CHỦ', 'TỊCH', 'PHÓ', 'GIÁM', 'ĐỐC', 'CHÁNH', 'TRƯỞNG', 'NHÂN', 'DÂN', 'PHÒNG', 'VĂN', 'ỦY', 'HỘI', 'ĐỒNG', 'THƯỜNG', 'TRỰC'].map((w) => [f(w), w]));
const positionWord = (w: string) => POSITION_WORDS.get(f(w));

/**
 * A title line put back as printed: the whole title when it is a slip or two from a known one
 * ("CITỦ TỊCH"), else word by word ("PHO CHU TỊCH" → "PHÓ CHỦ TỊCH"). `changed` says a letter had
 * to be put back: the line was misread, and review must be asked.
 */
export function snapPosition(line: string): { text: string; changed: boolean } {
  const read = line.trim().replace(/\s+/g, ' ');
  const head = /^([A-Z]{1,3})\.\s*/.exec(read);
  const prefix = head ? PREFIXES.find((p) => p === head[1]) ?? PREFIXES.find((p) => p.length === head[1].length && editDistance(p, head[1]) === 1) : undefined;
  const body = prefix ? read.slice(head![0].length) : read;
  const title = nearestTitle(body)?.split(' ');
  const bodyWords = body.split(' ');
  // a word as read stays when it is the printed one (either placement of the ỦY accent)
  const words = title && title.length === bodyWords.length ? title.map((w, i) => (keepAsPrinted(bodyWords[i], w) ? bodyWords[i] : w)) : title ?? bodyWords.map((w) => {
    const p = positionWord(w);
    return p !== undefined && !keepAsPrinted(w, p) ? p : w;
  });
  const text = [...(prefix ? [`${prefix}.`] : []), ...words].join(' ');
  return { text, changed: text !== read };
}

/** A title word printed without its accents ("PHO CHỦ TỊCH") was misread: say so by a low confidence. */
export function positionDoubtful(t: string): boolean {
  return snapPosition(t).changed;
}

/** Levenshtein distance: how many letters to insert, delete or change to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A recipient line OCR damaged: the archive line lists the keeping offices' abbreviations
 * ("Lưu: VT, KSTTHCNC"), plain capitals; one with an accent ("VỊ" for VT), a stray mark
 * ("TT]HC") or a lower-case tail ("KGVXss") was misread.
 */
export function recipientDoubtful(item: string): boolean {
  const m = /^l[uư]u\s*[:.]?\s*(.*)$/iu.exec(item.trim());
  if (!m) return false;
  return m[1]
    .split(/[,;]\s*/)
    .map((c) => c.trim().replace(/\s*\([^)]*\)$/, ''))
    .filter(Boolean)
    .some((c) => !/^[A-ZĐ0-9][A-ZĐ0-9.&-]*$/.test(c) && !/^\p{Lu}\p{Ll}+(\s\p{Ll}+)*$/u.test(c));
}
