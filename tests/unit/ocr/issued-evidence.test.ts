// The document as issued: whose text layer is the document's own, where an annotation's text
// sits on the page, what the signatures say about the signer and the date, and the type
// read from a title with a wrong letter or one letter from another type.
import { describe, expect, it } from 'vitest';
import { appearanceMatrix } from '../../../electron/ocr/annotation-text';
import { extractFields, type FieldValue, type Fields } from '../../../electron/ocr/fields';
import { nearTypes, typeOf } from '../../../electron/ocr/header-fields';
import type { OcrLine, OcrWord } from '../../../electron/ocr/pool';
import { applySignatureEvidence, isPersonCertificate, type SignatureEvidence } from '../../../electron/ocr/signature-evidence';
import { withoutRank } from '../../../electron/ocr/signature-block';
import { damagedCapitals } from '../../../electron/ocr/spelling';
import { isOwnText } from '../../../electron/ocr/text-layer';

const W = 2480;
const H = 3508;
function line(y: number, x: number, text: string): OcrLine {
  const words: OcrWord[] = [];
  let cx = x;
  for (const t of text.split(' ')) {
    words.push({ text: t, conf: 95, bbox: { x0: cx, y0: y, x1: cx + t.length * 22, y1: y + 40 } });
    cx += t.length * 22 + 16;
  }
  return { text, conf: 95, bbox: { x0: x, y0: y, x1: cx - 16, y1: y + 40 }, words };
}
const header = (number: string, title: string) => [
  line(240, 420, 'ỦY BAN NHÂN DÂN'),
  line(300, 400, 'TỈNH GIA LAI'),
  line(400, 380, number),
  line(400, 1300, 'Lâm Đồng, ngày 12 tháng 11 năm 2025'),
  line(560, 1100, title),
  line(620, 800, 'Về việc tổ chức hội nghị tổng kết năm'),
];
const typeOfPage = (number: string, title: string) => extractFields([{ lines: header(number, title), size: { width: W, height: H }, qr: null }]).type;

describe('the text layer is the document’s own', () => {
  const prose =
    'Thực hiện Công văn số 1670 của Sở Thông tin và Truyền thông về việc báo cáo kết quả tiếp nhận, giải quyết thủ tục hành chính trên môi trường điện tử, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành thực hiện nghiêm các nội dung sau đây.';
  it('takes Vietnamese as printed', () => expect(isOwnText(prose)).toBe(true));
  it('refuses a scanner’s OCR without Vietnamese', () => {
    const scanner =
      'uY BAN NgAN nAN ceNG HoA xA ugr cuu xcuia vrET NAM TINH GIALAI DQc l$p - Tg do - H4nh phric Gia Lai, ngdy fithdng 10 ndm 2025 THONGBAo k6t lu4n cria tldng chi Nguy6n V6n Bdo Tinh ry vi6n, Ph6 Ch[ tich LJBND tinh t4i cu6c hQp nghe b6o c6o ti6n tlQ tri6n khai dq 6n chuyin tl6i s6';
    expect(isOwnText(scanner)).toBe(false);
    // the same words, spelt right but with every accent lost, are no born-digital layer either
    expect(isOwnText(prose.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd'))).toBe(false);
  });
});

describe('an annotation’s appearance on its page', () => {
  it('maps the form’s box onto the annotation’s rectangle', () => {
    expect(appearanceMatrix([100, 700, 130, 718], [0, 0, 30, 18])).toEqual([1, 0, 0, 1, 100, 700]);
    expect(appearanceMatrix([100, 700, 160, 736], [0, 0, 30, 18])).toEqual([2, 0, 0, 2, 100, 700]);
    expect(appearanceMatrix([0, 0, 10, 10], [0, 0, 0, 18])).toBeNull(); // an empty box draws nothing
  });
});

describe('signatures as evidence', () => {
  const v = (value: string | null, confidence: number, source: FieldValue['source'] = 'ocr'): FieldValue => ({ value, confidence, page: 1, bbox: null, source });
  const fields = (over: Partial<Fields>): Fields => ({ ...extractFields([]), ...over });
  const ev: SignatureEvidence = { organisation: 'Ủy ban nhân dân tỉnh Gia Lai', person: 'Nguyễn Văn Bảo', date: '2025-12-09', signedAt: '2025-12-09T02:17:09Z' };

  it('tells a person’s certificate from a body’s', () => {
    expect(isPersonCertificate('Nguyễn Văn An')).toBe(true);
    expect(isPersonCertificate('Mạnh Thị Thu Hà')).toBe(true);
    expect(isPersonCertificate('Bộ Nội vụ')).toBe(false);
    expect(isPersonCertificate('Văn phòng Chính phủ')).toBe(false);
    expect(isPersonCertificate('Bộ Tư Pháp')).toBe(false);
    expect(isPersonCertificate('CÔNG AN TỈNH GIA LAI')).toBe(false);
  });

  it('takes the signer from the personal certificate when the page has none', () => {
    const f = applySignatureEvidence(fields({}), ev);
    expect(f.signer).toMatchObject({ value: 'Nguyễn Văn Bảo', source: 'signature' });
    expect(f.signer.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('confirms a signer the page agrees on and flags one it does not, keeping the page’s', () => {
    expect(applySignatureEvidence(fields({ signer: v('Nguyễn Văn Bảo', 0.7) }), ev).signer.confidence).toBeGreaterThanOrEqual(0.9);
    const other = applySignatureEvidence(fields({ signer: v('Nguyễn Văn Bảy', 0.95) }), ev).signer;
    expect(other.value).toBe('Nguyễn Văn Bảy');
    expect(other.confidence).toBeLessThan(0.6);
  });

  it('flags a date after the agency signed, and a typed date that is not its signing day', () => {
    expect(applySignatureEvidence(fields({ date: v('2025-12-17', 0.9) }), ev).date.confidence).toBeLessThan(0.6);
    expect(applySignatureEvidence(fields({ date: v('2025-12-08', 0.99, 'text') }), ev).date.confidence).toBeLessThan(0.6);
    // a scan signed when it was digitised: an earlier hand-written date stands
    expect(applySignatureEvidence(fields({ date: v('2025-12-08', 0.9) }), ev).date.confidence).toBe(0.9);
    expect(applySignatureEvidence(fields({ date: v(null, 0) }), ev).date).toMatchObject({ value: '2025-12-09', source: 'signature' });
  });

  it('flags a page date months before the agency signed in the same year (a month misread), not a paper digitised years later', () => {
    const issued = (date: string) => fields({ agency: v('UBND TỈNH GIA LAI', 0.9), date: v(date, 0.93) });
    expect(applySignatureEvidence(issued('2025-06-09'), ev).date.confidence).toBeLessThan(0.6);
    expect(applySignatureEvidence(issued('2025-11-15'), ev).date.confidence).toBe(0.93);
    expect(applySignatureEvidence(issued('1998-03-26'), ev).date.confidence).toBe(0.93);
  });

  it('does not doubt a date months before a copy that another office certified', () => {
    const copy = { ...ev, organisation: 'Sở Tư pháp tỉnh Gia Lai' };
    expect(applySignatureEvidence(fields({ agency: v('UBND TỈNH GIA LAI', 0.9), date: v('2025-06-09', 0.93) }), copy).date.confidence).toBe(0.93);
  });
});

describe('the type from the title as printed', () => {
  it('reads a title with one wrong letter as its type, with less confidence', () => {
    const t = typeOfPage('Số: 12/QĐ-UBND', 'QUYẾT ĐINK');
    expect(t.value).toBe('Quyết định');
    expect(t.confidence).toBeLessThanOrEqual(0.8);
  });

  it('does not doubt a title that spells a name of the closed list exactly for one unsure word', () => {
    const lines = header('Số: 12/QĐ-UBND', 'QUYẾT ĐỊNH');
    lines[4].words[0].conf = 43;
    lines[4].words[1].conf = 97;
    const t = extractFields([{ lines, size: { width: W, height: H }, qr: null }]).type;
    expect(t.value).toBe('Quyết định');
    // the line's confidence (0.70), as a title a slip away would get, not free text's (0.70 + 0.43) / 2
    expect(t.confidence).toBe(0.7);
  });

  it('settles two types a letter apart by the symbol, and flags it', () => {
    expect(nearTypes('Thông báo')).toContain('Thông cáo');
    const misread = typeOfPage('Số: 512/TB-UBND', 'THÔNG CÁO');
    expect(misread.value).toBe('Thông báo');
    expect(misread.confidence).toBeLessThan(0.6);
    // the symbol agrees with the title: sure
    expect(typeOfPage('Số: 512/TB-UBND', 'THÔNG BÁO').confidence).toBeGreaterThan(0.6);
    // no symbol to tell: the title's type, flagged
    expect(typeOfPage('Số: /UBND', 'THÔNG BÁO').confidence).toBeLessThan(0.6);
  });

  it('types a compound title by the closed list’s name that opens it, flagged, and reads the subject under it', () => {
    const compound = typeOfPage('Số: 07/BCTK-UBND', 'BÁO CÁO TỔNG KẾT');
    expect(compound.value).toBe('Báo cáo');
    expect(compound.confidence).toBeLessThan(0.6);
    // a subject in brackets under it, "(V/v …)", over two centred lines
    const lines = [...header('Số: 07/BCTK-UBND', 'BÁO CÁO TỔNG KẾT').slice(0, 5), line(620, 850, '(V/v Tổng kết công tác chuyển đổi số'), line(670, 1218, 'năm 2025)')];
    expect(extractFields([{ lines, size: { width: W, height: H }, qr: null }]).subject.value).toBe('(V/v Tổng kết công tác chuyển đổi số năm 2025)');
    // a title with a speck or a mark after it is the title alone, not a compound
    for (const t of ['TỜ TRÌNH |', 'QUYẾT ĐỊNH .', 'CHỈ THỊ 1']) expect(typeOf(t)?.compound, t).not.toBe(true);
    expect(typeOfPage('Số: 512/TB-UBND', 'THÔNG CÁO ,').value).toBe('Thông báo');
    // a sentence in capitals is no title
    expect(typeOf('BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025 CỦA SỞ')?.compound).not.toBe(true);
  });
});

describe('the number as OCR reads it', () => {
  const numberOf = (n: string) => extractFields([{ lines: header(n, 'Kính gửi: Sở Nội vụ'), size: { width: W, height: H }, qr: null }]);
  it('takes "Sô" for "Số", and a công văn from its symbol', () => {
    const f = numberOf('Sô:2244/BCA-C04');
    expect(f.number.value).toBe('2244/BCA-C04');
    expect(f.type.value).toBe('Công văn');
  });
  it('takes a type from the symbol alone as a guess when no title was read', () => {
    const f = numberOf('Số: 2764/CT-KK');
    expect(f.type.value).toBe('Chỉ thị');
    expect(f.type.confidence).toBeLessThan(0.6);
  });
  it('flags a number with a mark glued to it', () => {
    const f = numberOf('số: 276} /CT-KK');
    expect(f.number.value).toBe('276/CT-KK');
    expect(f.number.confidence).toBeLessThan(0.6);
  });
});

describe('the issuing body as OCR reads it', () => {
  it('tells a damaged word in capitals from an abbreviation', () => {
    expect(['CIIÍNH', 'CÔNGAN', 'ĐIỀÊU'].every(damagedCapitals)).toBe(true);
    expect(['UBND', 'HĐND', 'KBNN', 'CHÍNH', 'THUẾ', 'TUÝ', 'NGHĨA'].some(damagedCapitals)).toBe(false);
  });
  it('flags a body with such a word, and keeps a clean one sure', () => {
    const agencyOf = (top: string) => extractFields([{ lines: [line(240, 420, top), ...header('Số: 12/QĐ-UBND', 'QUYẾT ĐỊNH').slice(1)], size: { width: W, height: H }, qr: null }]).agency;
    expect(agencyOf('ỦY BAN NHÂN DÂN').confidence).toBeGreaterThan(0.6);
    expect(agencyOf('ỦY BAN NIIÂN DÂN').confidence).toBeLessThan(0.6);
  });
});

describe('the signer as printed', () => {
  it('leaves out a rank or an academic title before the name, not a surname', () => {
    expect(withoutRank('Thiếu tướng Lê Quang Thắng')).toBe('Lê Quang Thắng');
    expect(withoutRank('Thiêu tướng Lê Quang Thắng')).toBe('Lê Quang Thắng'); // OCR lost an accent
    // "Thiếu" cut onto the line above but for its last letter
    expect(withoutRank('u tướng Lê Quang Thắng')).toBe('Lê Quang Thắng');
    expect(withoutRank('tướng Ngô Đức Hải')).toBe('Ngô Đức Hải'); // "Thiếu" read on a line of its own
    expect(withoutRank('Đại tá Lê Văn Hải')).toBe('Lê Văn Hải');
    expect(withoutRank('PGS.TS. Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(withoutRank('Tạ Quang Bửu')).toBe('Tạ Quang Bửu');
  });

  it('finds a ranked name under the title and flags a name without a known surname', () => {
    const block = (name: string) =>
      extractFields([
        {
          lines: [...header('Số: 12/CV-CAT', 'CÔNG VĂN'), line(2200, 1550, 'GIÁM ĐỐC'), line(2750, 1330, 'Thiếu'), line(2760, 1490, name)],
          size: { width: W, height: H },
          qr: null,
        },
      ]).signer;
    const ranked = block('tướng Lê Quang Thắng');
    expect(ranked.value).toBe('Lê Quang Thắng');
    expect(ranked.confidence).toBeGreaterThan(0.6);
    expect(block('Đức Lượng').confidence).toBeLessThan(0.6);
  });

  it('puts back a surname lost under the seal from where the document names the same person, still doubtful', () => {
    const block = (recipients: string[], name: string) =>
      extractFields([
        {
          lines: [
            ...header('Số: 1053/QĐ-TTg', 'QUYẾT ĐỊNH'),
            line(2728, 415, 'Nơi nhận:'),
            ...recipients.map((r, i) => line(2790 + i * 60, 418, r)),
            line(2740, 1500, 'KT. THỦ TƯỚNG'),
            line(2800, 1480, 'PHÓ THỦ TƯỚNG'),
            line(3170, 1333, name),
          ],
          size: { width: W, height: H },
          qr: null,
        },
      ]).signer;
    const named = block(['- Như Điều 3;', '- Thủ tướng CP, PTTg Hồ Đức Phóc;', '- Lưu: VT, KTTH.'], 'n ô Đức Phớc :');
    expect(named.value).toBe('Hồ Đức Phớc');
    expect(named.confidence).toBeLessThan(0.6);
    // two people with those given names, or the given names nowhere else: the name stays as read
    expect(block(['- PTTg Hồ Đức Phóc;', '- Ông Lê Đức Phớc;'], 'n ô Đức Phớc :').value).toBe('Đức Phớc');
    expect(block(['- Như Điều 3;', '- Lưu: VT.'], 'n ô Đức Phớc :').value).toBe('Đức Phớc');
    // one given name alone matches too many people
    expect(block(['- Ông Hồ Phớc;'], 'n ô Phớc :').value).not.toBe('Hồ Phớc');
    // a place named after a person has no title before it
    expect(block(['- UBND TP Hồ Chí Minh;', '- Lưu: VT.'], 'n ô Chí Minh :').value).toBe('Chí Minh');
    expect(block(['- Đồng chí Hồ Chí Minh;'], 'n ô Chí Minh :').value).toBe('Hồ Chí Minh');
  });
});
