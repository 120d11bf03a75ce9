import { describe, expect, it } from 'vitest';
import { extractFields, fieldsJson, segments } from '../../../electron/ocr/fields';
import { parseTsv, type OcrLine, type OcrWord } from '../../../electron/ocr/pool';

// OCR lines as tesseract returns them on a 2480 × 3508 page (A4 at 300 dpi): words with boxes.
const W = 2480;
const H = 3508;
function line(y: number, ...runs: [number, string, number?][]): OcrLine {
  const words: OcrWord[] = [];
  for (const [x, text, conf] of runs) {
    let cx = x;
    for (const t of text.split(' ')) {
      words.push({ text: t, conf: conf ?? 95, bbox: { x0: cx, y0: y, x1: cx + t.length * 22, y1: y + 40 } });
      cx += t.length * 22 + 16;
    }
  }
  const b = { x0: words[0].bbox.x0, y0: y, x1: words[words.length - 1].bbox.x1, y1: y + 40 };
  return { text: words.map((w) => w.text).join(' '), conf: 95, bbox: b, words };
}
/** a line centred on the text block, as a title or subject is */
const centred = (y: number, text: string) => line(y, [Math.round(W * 0.535 - (text.replace(/ /g, '').length * 22 + (text.split(' ').length - 1) * 16) / 2), text]);
const page = (lines: OcrLine[], qr: string | null = null) => ({ lines, size: { width: W, height: H }, qr });

const congVan = [
  // tesseract joins the two header columns into one line
  line(240, [420, 'ỦY BAN NHÂN DÂN'], [1250, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
  line(300, [400, 'HUYỆN NHƯ XUÂN'], [1400, 'Độc lập - Tự do - Hạnh phúc']),
  line(400, [380, 'Số: 1147/UBND-VP'], [1300, 'Như Xuân, ngày 19 tháng 04 năm 2021']),
  line(460, [300, 'V/v chấn chỉnh công tác giải quyết']),
  line(510, [280, 'thủ tục hành chính trên địa bàn huyện']),
  line(640, [600, 'Kính gửi: Chủ tịch UBND các xã, thị trấn.']),
  line(760, [360, 'Thực hiện Công văn số 1670/STTTT-CNTT ngày 16/9/2020 của Sở Thông tin và Truyền thông']),
  line(1400, [360, 'Nơi nhận:'], [1500, 'KT. CHỦ TỊCH']),
  line(1450, [360, '- Như trên;'], [1480, 'PHÓ CHỦ TỊCH']),
  line(1500, [360, '- Lưu: VT.']),
  line(1750, [1520, 'Lê Văn Hùng']),
];

describe('field tagging', () => {
  it('cuts a line that joins the two header columns into a left and a right segment', () => {
    const s = segments([congVan[2]], W, 1);
    expect(s.map((x) => [x.col, x.text])).toEqual([
      ['left', 'Số: 1147/UBND-VP'],
      ['right', 'Như Xuân, ngày 19 tháng 04 năm 2021'],
    ]);
  });

  it('tags a công văn: body, number, place, date, multi-line V/v subject, KT. signer and recipients', () => {
    const f = extractFields([page(congVan)]);
    expect(fieldsJson(f)).toEqual({
      agency: 'ỦY BAN NHÂN DÂN HUYỆN NHƯ XUÂN',
      number: '1147/UBND-VP',
      date: '2021-04-19',
      place: 'Như Xuân',
      type: 'Công văn',
      subject: 'chấn chỉnh công tác giải quyết thủ tục hành chính trên địa bàn huyện',
      signer: 'Lê Văn Hùng',
      signerPosition: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
      recipients: ['Như trên', 'Lưu: VT'],
      dossierCode: null,
      procedureCode: null,
      holderId: null,
    });
    // each field says where it was read, as a fraction of the page
    expect(f.number.page).toBe(1);
    expect(f.number.bbox!.x0).toBeCloseTo(380 / W, 3);
    expect(f.number.bbox!.y0).toBeCloseTo(400 / H, 3);
    expect(f.number.confidence).toBeCloseTo(0.95, 2);
  });

  it('leaves the number and date empty on a draft with blanks, and takes a typed document’s type and subject from its title', () => {
    const lines = [
      line(240, [420, 'ỦY BAN NHÂN DÂN'], [1250, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
      line(300, [420, 'TỈNH THANH HÓA'], [1400, 'Độc lập - Tự do - Hạnh phúc']),
      line(400, [380, 'Số: /QĐ-UBND'], [1300, 'Thanh Hóa, ngày tháng 9 năm 2020']),
      centred(600, 'QUYẾT ĐỊNH'),
      centred(660, 'Về việc cấp giấy chứng nhận đăng ký'),
      centred(710, 'hộ kinh doanh'),
      line(820, [360, 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và Luật sửa đổi']),
      line(1400, [360, 'Nơi nhận:'], [1500, 'TL. CHỦ TỊCH']),
      line(1450, [360, '- Như Điều 3;'], [1450, 'CHÁNH VĂN PHÒNG']),
      line(1750, [1480, 'Phạm Thị Thu Hà']),
    ];
    const f = fieldsJson(extractFields([page(lines)]));
    expect(f.number).toBeNull();
    expect(f.date).toBeNull();
    expect(f.place).toBe('Thanh Hóa');
    expect(f.type).toBe('Quyết định');
    expect(f.subject).toBe('Về việc cấp giấy chứng nhận đăng ký hộ kinh doanh');
    expect(f.signerPosition).toBe('TL. CHỦ TỊCH CHÁNH VĂN PHÒNG');
    expect(f.signer).toBe('Phạm Thị Thu Hà');
  });

  it('reads the type from the symbol when the title is missing, and ignores a receipt stamp over the header', () => {
    const lines = [
      line(240, [420, 'ỦY BAN NHÂN DÂN'], [1250, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
      line(300, [420, 'TỈNH THANH HÓA'], [1400, 'Độc lập - Tự do - Hạnh phúc']),
      line(350, [300, 'CÔNG VĂN ĐẾN']),
      line(380, [300, 'Số: 327 Ngày: 05/5']),
      line(420, [380, 'Số: 12/CT-UBND'], [1300, 'Thanh Hóa, ngày 01 tháng 4 năm 2020']),
    ];
    const f = fieldsJson(extractFields([page(lines)]));
    expect(f.number).toBe('12/CT-UBND');
    expect(f.type).toBe('Chỉ thị');
    expect(f.agency).toBe('ỦY BAN NHÂN DÂN TỈNH THANH HÓA');
    expect(f.date).toBe('2020-04-01');
  });

  it('reads "V/v" with its slash misread, and takes a V/v document for a công văn whatever its symbol', () => {
    for (const vv of ['VAv', 'V1v', 'V|v']) {
      const lines = congVan.map((l) => (l.text.startsWith('V/v') ? line(460, [300, `${vv} chính sách thuế`]) : l.text.startsWith('Số:') ? line(400, [380, 'Số: 2764/CT-KK'], [1300, 'Như Xuân, ngày 19 tháng 04 năm 2021']) : l));
      const f = fieldsJson(extractFields([page(lines)]));
      expect(f.subject).toBe('chính sách thuế thủ tục hành chính trên địa bàn huyện');
      expect(f.type).toBe('Công văn');
    }
  });

  it('is sure of a công văn from its V/v line however unsure its hand-written number, and doubts one with neither V/v nor title', () => {
    const handNumber = congVan.map((l) => (l.text.startsWith('Số:') ? line(400, [380, 'Số:'], [470, '87', 31], [520, '/UBND-VP'], [1300, 'Như Xuân, ngày 19 tháng 04 năm 2021']) : l));
    const sure = extractFields([page(handNumber)]).type;
    expect(sure.value).toBe('Công văn');
    expect(sure.confidence).toBeGreaterThan(0.9);
    const guess = extractFields([page(handNumber.filter((l) => !/^(V\/v|thủ tục)/.test(l.text)))]).type;
    expect(guess.value).toBe('Công văn');
    expect(guess.confidence).toBeLessThan(0.6);
  });

  it('leaves out a rule read before the issuing body, and doubts another speck there', () => {
    const body = (first: string) => [line(240, [300, first], [1250, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']), line(300, [420, 'CÔNG AN TỈNH GIA LAI']), line(400, [380, 'Số: 12/CAT-PC06'])];
    const ruled = extractFields([page(body('_.... BỘ CÔNG AN'))]).agency;
    expect(ruled.value).toBe('BỘ CÔNG AN CÔNG AN TỈNH GIA LAI');
    expect(ruled.confidence).toBeGreaterThan(0.9);
    const specked = extractFields([page(body('§ BỘ CÔNG AN'))]).agency;
    expect(specked.confidence).toBeLessThan(0.6);
  });

  it('gives a handwritten number the low confidence OCR gave it', () => {
    const lines = [line(240, [420, 'ỦY BAN NHÂN DÂN']), line(300, [420, 'XÃ CÁT TÂN']), line(400, [380, 'Số:'], [470, '87', 31], [520, '/UBND-VP'])];
    // "Số: 87 /UBND-VP": the handwritten digits sit apart from the printed symbol
    lines[2].words[1].bbox.x1 = lines[2].words[2].bbox.x0 - 10;
    const f = extractFields([page(lines)]);
    expect(f.number.value).toBe('87/UBND-VP');
    expect(f.number.confidence).toBeLessThan(0.5);
  });

  it('reads a result’s dossier code, TTHC code and holder ID, and prefers the QR code’s data', () => {
    const lines = [
      line(900, [360, 'Mã hồ sơ: H56.38-240312-0042']),
      line(950, [360, 'Mã thủ tục: 1.001612']),
      line(1000, [360, 'Ông/Bà: Trần Thị Mai']),
      line(1050, [360, 'Số CCCD: 038190004512']),
    ];
    const plain = extractFields([page(lines)]);
    expect([plain.dossierCode.value, plain.procedureCode.value, plain.holderId.value, plain.holderName.value]).toEqual([
      'H56.38-240312-0042',
      '1.001612',
      '038190004512',
      'Trần Thị Mai',
    ]);
    const qr = JSON.stringify({ maHoSo: 'H56.38-240312-0099', maTTHC: '1.001612', soDinhDanh: '038190004599' });
    const withQr = extractFields([page(lines, qr)]);
    expect(withQr.dossierCode).toMatchObject({ value: 'H56.38-240312-0099', source: 'qr', confidence: 1 });
    expect(withQr.holderId.value).toBe('038190004599');
  });
});

describe('tesseract TSV', () => {
  it('becomes lines of words with boxes and confidences, blocks separated by a blank line', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t',
      '4\t1\t1\t1\t1\t0\t500\t290\t400\t50\t-1\t',
      '5\t1\t1\t1\t1\t1\t504\t296\t70\t43\t96\tỦY',
      '5\t1\t1\t1\t1\t2\t589\t305\t104\t34\t90\tBAN',
      '4\t1\t2\t1\t1\t0\t500\t400\t200\t50\t-1\t',
      '5\t1\t2\t1\t1\t1\t500\t400\t200\t50\t60\tSố:',
    ].join('\n');
    const r = parseTsv(tsv);
    expect(r.text).toBe('ỦY BAN\n\nSố:');
    expect(r.confidence).toBeCloseTo(82, 5);
    expect(r.lines[0]).toEqual({
      text: 'ỦY BAN',
      conf: 93,
      bbox: { x0: 500, y0: 290, x1: 900, y1: 340 },
      words: [
        { text: 'ỦY', conf: 96, bbox: { x0: 504, y0: 296, x1: 574, y1: 339 } },
        { text: 'BAN', conf: 90, bbox: { x0: 589, y0: 305, x1: 693, y1: 339 } },
      ],
    });
  });
});

// a decision's page: title, subject, the authority line, the body and a TM. signature block
function decision(opts: { authority: OcrLine[]; position: string; archive: string; body?: string }): OcrLine[] {
  return [
    line(240, [420, 'ỦY BAN NHÂN DÂN'], [1250, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
    line(300, [420, 'XÃ THANH SƠN'], [1400, 'Độc lập - Tự do - Hạnh phúc']),
    line(400, [380, 'Số: 45/QĐ-UBND'], [1300, 'Thanh Sơn, ngày 12 tháng 03 năm 2024']),
    centred(600, 'QUYẾT ĐỊNH'),
    centred(660, 'Về việc cấp giấy chứng nhận đăng ký'),
    centred(710, 'hộ kinh doanh'),
    ...opts.authority,
    line(880, [360, 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và Luật sửa đổi']),
    line(940, [360, opts.body ?? 'Xét đề nghị của công chức Tài chính - Kế toán xã về việc cấp giấy chứng nhận']),
    line(1400, [360, 'Nơi nhận:'], [1500, 'TM. ỦY BAN NHÂN DÂN']),
    line(1450, [360, '- Như Điều 3;'], [1560, opts.position]),
    line(1500, [360, opts.archive]),
    line(1750, [1520, 'Nguyễn Văn Bình']),
  ];
}

describe('a decision’s subject, signer position, doubtful lines and dossier code', () => {
  it('never glues the authority line onto the subject, however OCR cut or cased it', () => {
    const whole = [centred(760, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN')];
    // cut in two at a wide gap, the first part too short to look like a heading
    const cut = [line(760, [1150, 'CHỦ TỊCH'], [1420, 'ỦY BAN NHÂN DÂN XÃ THANH SƠN'])];
    // a capital or two read as lower case
    const lowered = [centred(760, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SơN')];
    for (const authority of [whole, cut, lowered]) {
      const f = fieldsJson(extractFields([page(decision({ authority, position: 'CHỦ TỊCH', archive: '- Lưu: VT.' }))]));
      expect(f.subject).toBe('Về việc cấp giấy chứng nhận đăng ký hộ kinh doanh');
    }
  });

  it('reads a subject whose next line begins "Ủy ban nhân dân …", past a speck in the margin and a rule read into the line', () => {
    const lines = decision({ authority: [centred(860, 'THỦ TƯỚNG CHÍNH PHỦ')], position: 'THỦ TƯỚNG', archive: '- Lưu: VT.' });
    const at = lines.findIndex((l) => l.text === 'Về việc cấp giấy chứng nhận đăng ký');
    const rule = centred(710, 'Ủy ban nhân dân xã Thanh Sơn nhiệm kỳ 2021 - 2026');
    const ruleWord: OcrWord = { text: '——————.', conf: 40, bbox: { x0: rule.bbox.x0 - 620, y0: 710, x1: rule.bbox.x0 - 20, y1: 750 } };
    const ruled: OcrLine = { ...rule, text: `${ruleWord.text} ${rule.text}`, words: [ruleWord, ...rule.words], bbox: { ...rule.bbox, x0: ruleWord.bbox.x0 } };
    lines.splice(at, 2, centred(660, '„ Phê chuẩn kết quả bầu chức vụ Phó Chủ tịch'), line(690, [2250, '5', 26]), ruled);
    const f = fieldsJson(extractFields([page(lines)]));
    expect(f.subject).toBe('Phê chuẩn kết quả bầu chức vụ Phó Chủ tịch Ủy ban nhân dân xã Thanh Sơn nhiệm kỳ 2021 - 2026');
  });

  it('keeps "TM. ỦY BAN NHÂN DÂN" with the title under it, and a title read without accents is put right but doubtful', () => {
    const authority = [centred(760, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN')];
    const sure = extractFields([page(decision({ authority, position: 'CHỦ TỊCH', archive: '- Lưu: VT.' }))]);
    expect(sure.signerPosition.value).toBe('TM. ỦY BAN NHÂN DÂN CHỦ TỊCH');
    expect(sure.signerPosition.confidence).toBeGreaterThan(0.9);
    for (const misread of ['PHO CHỦ TỊCH', 'PHÓ CHU TỊCH', 'CITỦ TỊCH']) {
      const f = extractFields([page(decision({ authority, position: misread, archive: '- Lưu: VT.' }))]);
      expect(f.signerPosition.value).toBe(misread === 'CITỦ TỊCH' ? 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH' : 'TM. ỦY BAN NHÂN DÂN PHÓ CHỦ TỊCH');
      expect(f.signerPosition.confidence).toBeLessThan(0.6);
    }
  });

  it('flags an archive line OCR damaged ("Lưu: VỊ, VP") and leaves a clean one sure', () => {
    const authority = [centred(760, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN')];
    const clean = extractFields([page(decision({ authority, position: 'CHỦ TỊCH', archive: '- Lưu: VT, VP.' }))]);
    expect(clean.recipients.value).toBe('Như Điều 3\nLưu: VT, VP');
    expect(clean.recipients.confidence).toBeGreaterThan(0.9);
    for (const damaged of ['- Lưu: VỊ, VP.', '- Lưu: VT, TT]HC.', '- Lưu: VT, KGVXss.']) {
      const f = extractFields([page(decision({ authority, position: 'CHỦ TỊCH', archive: damaged }))]);
      expect(f.recipients.confidence).toBeLessThan(0.6);
    }
  });

  it('finds a dossier code in the body without the "Mã hồ sơ" label, in the portal’s and the register’s forms', () => {
    const authority = [centred(760, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN')];
    const code = (body: string) => extractFields([page(decision({ authority, position: 'CHỦ TỊCH', archive: '- Lưu: VT.', body }))]).dossierCode.value;
    expect(code('Xét hồ sơ H56.38-240312-0042 của hộ kinh doanh Trần Thị Mai.')).toBe('H56.38-240312-0042');
    expect(code('Xét hồ sơ số 000.00.36.H56-240312-0007-KQ1 đã tiếp nhận.')).toBe('000.00.36.H56-240312-0007');
    expect(code('Đăng ký khai sinh 000.16222.000123')).toBe('000.16222.000123');
    // a number and symbol, a procedure code and a date are not dossier codes
    expect(code('Căn cứ Quyết định số 45/QĐ-UBND, thủ tục 1.001612 ngày 12/03/2024.')).toBeNull();
  });
});

describe('a date line OCR damaged', () => {
  it('doubts a date whose year was read with a digit too many', () => {
    const header = (date: string) => [
      line(240, [420, 'ỦY BAN NHÂN DÂN'], [1250, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
      line(300, [420, 'TỈNH SƠN LA'], [1400, 'Độc lập - Tự do - Hạnh phúc']),
      line(400, [380, 'Số: 87/QĐ-UB'], [1300, date]),
    ];
    const sure = extractFields([page(header('Sơn La, ngày 26 tháng 3 năm 1998'))]).date;
    expect(sure).toMatchObject({ value: '1998-03-26' });
    expect(sure.confidence).toBeGreaterThan(0.9);
    const misread = extractFields([page(header('Sơn La, ngày 26 tháng 3 năm 19989'))]).date;
    expect(misread.confidence).toBeLessThan(0.6);
  });
});
