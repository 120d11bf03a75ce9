// The set phrases of an administrative subject ("Về việc sửa đổi, bổ sung …", "phê duyệt kế
// hoạch …"). OCR swaps or drops the tone marks of ordinary lower-case print ("Vệ việc", "sửa
// đôi, bô sung") and the syllables it leaves are still Vietnamese, so no spelling rule sees
// them; as a phrase they are plain. The phrases are ones no other Vietnamese phrase spells alike
// without accents ("công nhận" is also "công nhân", "thiên tai" also "thiên tài": left out) and
// with one spelling ("quản lý"/"quản lí", "uỷ"/"ủy": left out); a phrase is matched only within
// a run of words in one case with no punctuation inside, so a name ("… Tài, Nguyễn Văn …")
// is never taken for one.
import { foldVietnamese } from '../archive/text';

const PHRASES = [
  'về việc', 'sửa đổi', 'bổ sung', 'ban hành', 'phê duyệt', 'kế hoạch', 'thành lập', 'tổ chức', 'triển khai', 'thực hiện', 'quy định',
  'quy chế', 'điều lệ', 'hội đồng', 'chương trình', 'dự án', 'đầu tư', 'xây dựng', 'giải quyết', 'thủ tục hành chính',
  'hỗ trợ', 'bồi thường', 'tái định cư', 'đất đai', 'quyền sử dụng đất', 'giấy chứng nhận', 'ngân sách', 'nhà nước', 'điều chỉnh',
  'báo cáo', 'tờ trình', 'chỉ thị', 'nghị quyết', 'quyết định', 'thông báo', 'hướng dẫn', 'tăng cường',
  'đề án', 'phát triển', 'kinh tế', 'xã hội', 'giáo dục', 'môi trường', 'tài nguyên', 'hồ sơ', 'khen thưởng', 'bổ nhiệm',
  'miễn nhiệm', 'điều động', 'tuyển dụng', 'cán bộ', 'công chức', 'viên chức', 'chính sách', 'doanh nghiệp', 'chuyển đổi số',
  'cải cách hành chính', 'an toàn giao thông', 'dự toán', 'quyết toán', 'kiểm tra', 'thanh tra', 'tổng kết', 'sơ kết',
  'nhiệm vụ', 'giải pháp', 'trọng tâm', 'phân công', 'phân cấp', 'giao nhiệm vụ', 'khắc phục', 'hậu quả',
  'dịch bệnh', 'quốc phòng', 'an ninh', 'trật tự', 'cấp phép', 'hộ tịch', 'chứng thực',
];

const fold = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]/g, '');
const SET = PHRASES.map((p) => ({ printed: p.split(' '), folded: p.split(' ').map(fold) })).sort((a, b) => b.folded.length - a.folded.length);

/** A word as its punctuation ("(sửa", "đổi,"), its letters and what follows; null when letters do not make it up. */
const parts = (w: string) => /^([^\p{L}]*)(\p{L}+)([^\p{L}]*)$/u.exec(w);

/** The letters in the case of the word they replace: capitals stay capitals, a capital first letter stays. */
function inCaseOf(read: string, printed: string): string {
  if (read.length > 1 && read === read.toUpperCase()) return printed.toUpperCase();
  return read[0] === read[0].toUpperCase() ? printed[0].toUpperCase() + printed.slice(1) : printed;
}

/** The subject with the accents of its set phrases as they are printed; `changed` when OCR had them otherwise. */
export function snapSubjectPhrases(text: string): { text: string; changed: boolean } {
  const words = text.split(' ');
  const split = words.map(parts);
  const folded = split.map((p) => (p ? fold(p[2]) : null));
  const fits = (i: number, n: number) => {
    const run = split.slice(i, i + n);
    if (run.length < n || run.some((p) => !p)) return false;
    // punctuation only before the first word and after the last
    if (run.some((p, k) => (k > 0 && p![1]) || (k < n - 1 && p![3]))) return false;
    const letters = run.map((p) => p![2]);
    const lower = (w: string) => w === w.toLowerCase();
    const upper = (w: string) => w === w.toUpperCase();
    // in lower case after its first word ("Điều lệ"), or all in capitals: never a run of capitalised words, as a name is
    return letters.slice(1).every(lower) || letters.every(upper);
  };
  let changed = false;
  for (let i = 0; i < words.length; i++) {
    const phrase = SET.find((p) => p.folded.every((w, k) => folded[i + k] === w) && fits(i, p.folded.length));
    if (!phrase) continue;
    phrase.printed.forEach((printed, k) => {
      const [, before, read, after] = split[i + k]!;
      const put = inCaseOf(read, printed);
      if (put === read) return;
      words[i + k] = before + put + after;
      changed = true;
    });
    i += phrase.printed.length - 1;
  }
  return { text: words.join(' '), changed };
}
