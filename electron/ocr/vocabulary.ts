// The closed vocabularies of an administrative header and signature block: the words of
// issuing bodies ("ỦY BAN NHÂN DÂN", "TỈNH"), province names, positions and common surnames.
// OCR drops or swaps accents on bold capitals ("NHÂN DẪN TÍNH QUANG NGÀI"); a word whose
// accent-free form is one of these, in the place it belongs, is put back as printed — and the
// value says it was corrected, with a lower confidence.
import { foldVietnamese } from '../archive/text';

const f = (s: string) => foldVietnamese(s).replace(/[^a-z0-9 ]/g, '');

/** Phrases an issuing body is made of, as printed. */
const BODY_PHRASES = ['ỦY BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN', 'VĂN PHÒNG', 'THÀNH PHỐ', 'THỊ XÃ', 'THỊ TRẤN', 'BỘ', 'SỞ', 'PHÒNG', 'CHI CỤC', 'CỤC', 'TRUNG TÂM', 'HĐND', 'UBND'];
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
const BODY = BODY_PHRASES.map(phrase);
const PROV = PROVINCES.map((p) => phrase(p.replace(' - ', ' '))).sort((a, b) => b.folded.length - a.folded.length);
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
  let i = 0;
  let afterLevel = true;
  while (i < words.length) {
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
      if (prov) {
        put(i, prov.printed);
        i += prov.printed.length;
      }
      afterLevel = false;
      continue;
    }
    afterLevel = false;
    i++;
  }
  if (/^HDND$/.test(words[0])) (words[0] = 'HĐND'), (changed = true);
  return { text: words.join(' '), changed };
}

/** Common Vietnamese surnames: a name's first word, whose accents OCR drops ("Trân", "Nguyên"). */
const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đoàn',
  'Vương', 'Trịnh', 'Trương', 'Đinh', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ', 'Lưu', 'Lương', 'Cao', 'Châu', 'Quách', 'Thái', 'Kiều',
  'Tăng', 'Lại', 'Nông', 'Hứa', 'Triệu', 'Chu', 'Bạch', 'Lục', 'Diệp', 'Mạc', 'Nghiêm', 'Thân', 'Tôn', 'Ngôn', 'Phí', 'Doãn', 'Lò', 'Lã',
];
const SURNAME = new Map(SURNAMES.map((s) => [f(s), s]));

export function snapSurname(name: string): { text: string; changed: boolean } {
  const [first, ...rest] = name.split(/\s+/);
  const s = SURNAME.get(f(first));
  if (!s || s === first) return { text: name, changed: false };
  return { text: [s, ...rest].join(' '), changed: true };
}

/** A line of a signature block's title: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC" … */
export function isPositionLine(t: string): boolean {
  return /\b(chu tich|pho|giam doc|chanh|truong|tm|kt|tl|tuq|q|uy ban|van phong|bi thu|nhan dan|hoi dong|thu ky|can bo|cong chuc)\b/.test(f(t));
}

const POSITION_WORDS = new Map(['CHỦ', 'TỊCH', 'PHÓ', 'GIÁM', 'ĐỐC', 'CHÁNH', 'TRƯỞNG', 'NHÂN', 'DÂN', 'PHÒNG', 'VĂN'].map((w) => [f(w), w]));
/** A title word printed without its accents ("PHO CHỦ TỊCH") was misread: say so by a low confidence. */
export function positionDoubtful(t: string): boolean {
  return t.split(/\s+/).some((w) => {
    const p = POSITION_WORDS.get(f(w));
    return p !== undefined && p !== w;
  });
}
