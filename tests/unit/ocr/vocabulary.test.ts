import { describe, expect, it } from 'vitest';
import { knownSurname, personName, positionDoubtful, recipientDoubtful, sealedSurname, snapAgency, snapPosition, snapProvinceLevel, snapSurname } from '../../../electron/ocr/vocabulary';
import { typeOf } from '../../../electron/ocr/fields';

describe('header vocabularies', () => {
  it('puts an issuing body back as printed, and says it did', () => {
    expect(snapAgency('ỦY BAN NHÂN DẪN')).toEqual({ text: 'ỦY BAN NHÂN DÂN', changed: true });
    expect(snapAgency('TÍNH QUANG NGÀI')).toEqual({ text: 'TỈNH QUẢNG NGÃI', changed: true });
    expect(snapAgency('SỞ GIAO THÔNG VẬN TẢI TÍNH THANH HÓA').text).toBe('SỞ GIAO THÔNG VẬN TẢI TỈNH THANH HÓA');
    // both accent placements are printed: either stays
    expect(snapAgency('UỶ BAN NHÂN DÂN')).toEqual({ text: 'UỶ BAN NHÂN DÂN', changed: false });
    // a name it does not know is left as read
    expect(snapAgency('HUYỆN NHƯ XUÂN')).toEqual({ text: 'HUYỆN NHƯ XUÂN', changed: false });
  });

  it('puts back a province one slip off, a ministry or sector body, and a phrase run together', () => {
    // a letter doubled on a bold capital: one edit from one province only
    expect(snapAgency('ỦY BAN NHÂN DÂN TỈNH QUANG NGÀAI')).toEqual({ text: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', changed: true });
    expect(snapAgency('TỈNH GIALAI')).toEqual({ text: 'TỈNH GIA LAI', changed: true });
    // two provinces as close: left as read ("QUANGNAI" is one edit from Quảng Nam and from Quảng Ngãi)
    expect(snapAgency('TỈNH QUANG NAI').text).toBe('TỈNH QUANG NAI');
    // the tone marks of a sector body's name, inside its phrase only
    expect(snapAgency('BỘ TÀI CHÍNH CỤC THUÊ TỈNH NGHỆ AN')).toEqual({ text: 'BỘ TÀI CHÍNH CỤC THUẾ TỈNH NGHỆ AN', changed: true });
    expect(snapAgency('CỤC CANH SÁT ĐIỀU TRA').text).toBe('CỤC CẢNH SÁT ĐIỀU TRA');
    expect(snapAgency('BỘ CÔNGAN')).toEqual({ text: 'BỘ CÔNG AN', changed: true });
    expect(snapAgency('BỘ CÔNG AN')).toEqual({ text: 'BỘ CÔNG AN', changed: false });
    // a word of the vocabulary outside its phrase is left as read
    expect(snapAgency('CHO THUÊ').text).toBe('CHO THUÊ');
  });

  it('reads "tỉnh" before a province named in running text, and leaves "tính" elsewhere', () => {
    expect(snapProvinceLevel('trên địa bàn tính Quảng Ngãi năm 2024')).toBe('trên địa bàn tỉnh Quảng Ngãi năm 2024');
    expect(snapProvinceLevel('Tinh Thanh Hóa')).toBe('Tỉnh Thanh Hóa');
    expect(snapProvinceLevel('cách tính thuế thu nhập')).toBe('cách tính thuế thu nhập');
    expect(snapProvinceLevel('tính Nguyễn Văn A')).toBe('tính Nguyễn Văn A');
  });

  it('repairs a surname OCR read without its accents, and flags a title read without them', () => {
    expect(snapSurname('Nguyên Thành Công')).toEqual({ text: 'Nguyễn Thành Công', changed: true });
    expect(snapSurname('Trân Đình Lộc')).toEqual({ text: 'Trần Đình Lộc', changed: true });
    expect(snapSurname('Lê Văn Hùng')).toEqual({ text: 'Lê Văn Hùng', changed: false });
    // a stroke read as a short word before the surname is left out; a real two-surname name stays
    expect(snapSurname('Ta Nguỹên Văn Thịnh')).toEqual({ text: 'Nguyễn Văn Thịnh', changed: true });
    expect(snapSurname('Tạ Nguyễn Văn Thịnh')).toEqual({ text: 'Tạ Nguyễn Văn Thịnh', changed: false });
    expect(snapSurname('Lê Văn Hùng').changed).toBe(false);
    // a letter put in or left out of a long surname; none for a short one, where a letter makes another name
    expect(snapSurname('Nguÿễn Hòa Bình')).toEqual({ text: 'Nguyễn Hòa Bình', changed: true });
    expect(snapSurname('Hoàg Văn Nam')).toEqual({ text: 'Hoàng Văn Nam', changed: true });
    expect(snapSurname('Lêe Văn Hùng')).toEqual({ text: 'Lêe Văn Hùng', changed: false });
    // a word Vietnamese spells is a name's own, not a surname misread ("Thanh" is one letter from Thạch)
    expect(snapSurname('Thanh Hùng')).toEqual({ text: 'Thanh Hùng', changed: false });
    // rarer surnames and the minorities' are names as printed, not a name that lost its surname
    for (const name of ['Thạch Văn Sang', 'Khổng Minh Đức', 'Bế Thị Hoa', 'Giàng A Páo', 'Y Ngông Niê']) {
      expect(snapSurname(name), name).toEqual({ text: name, changed: false });
      expect(knownSurname(name), name).toBe(true);
    }
    // a middle name is no surname: a name whose surname a seal hid stays doubtful
    expect(knownSurname('Văn Thịnh')).toBe(false);
    expect(knownSurname('Tất Thành')).toBe(false);
    // two surnames folded alike ("La", "Lã"; "Lương", "Lường"): either as printed stands, and
    // accents OCR lost are put back as the commoner's, flagged
    expect(snapSurname('La Văn Cầu').changed).toBe(false);
    expect(snapSurname('Lã Văn Cầu').changed).toBe(false);
    expect(snapSurname('Lường Văn Hải').changed).toBe(false);
    expect(snapSurname('Luong Văn Hải')).toEqual({ text: 'Lương Văn Hải', changed: true });
    expect(snapSurname('Lă Văn Cầu')).toEqual({ text: 'Lã Văn Cầu', changed: true });
    // a one-letter stroke before a surname is a stroke, though "Y" opens an Ê Đê name
    expect(snapSurname('Y Nguyễn Văn Thịnh')).toEqual({ text: 'Nguyễn Văn Thịnh', changed: true });
    expect(positionDoubtful('PHO CHỦ TỊCH')).toBe(true);
    expect(positionDoubtful('PHÓ CHỦ TỊCH')).toBe(false);
  });

  it('reads a title whose letters OCR ran together or that runs on', () => {
    expect(typeOf('CHỈ THỊ')).toEqual({ name: 'Chỉ thị', exact: true });
    expect(typeOf('CHÍTHỊI')).toEqual({ name: 'Chỉ thị', exact: false });
    expect(typeOf('TỜTRÌNH')).toEqual({ name: 'Tờ trình', exact: false });
    expect(typeOf('QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH')).toEqual({ name: 'Quyết định', exact: false });
    expect(typeOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeNull();
  });
});

describe('signature block vocabulary', () => {
  it('puts a title back as printed and says when it had to, keeping either ỦY accent', () => {
    expect(snapPosition('PHÓ CHỦ TỊCH')).toEqual({ text: 'PHÓ CHỦ TỊCH', changed: false });
    expect(snapPosition('TM. UỶ BAN NHÂN DÂN')).toEqual({ text: 'TM. UỶ BAN NHÂN DÂN', changed: false });
    expect(snapPosition('TM. UỶ BAN NHÂN DẪN')).toEqual({ text: 'TM. UỶ BAN NHÂN DÂN', changed: true });
    expect(snapPosition('PHO CHU TỊCH')).toEqual({ text: 'PHÓ CHỦ TỊCH', changed: true });
    expect(snapPosition('O. GIÁM ĐỐC')).toEqual({ text: 'Q. GIÁM ĐỐC', changed: true });
    // a title it does not know stays as read
    expect(snapPosition('TRƯỞNG ĐOÀN KIỂM TRA')).toEqual({ text: 'TRƯỞNG ĐOÀN KIỂM TRA', changed: false });
  });

  it('tells an archive line OCR damaged from a clean one', () => {
    expect(recipientDoubtful('Lưu: VT, KSTTHCNC')).toBe(false);
    expect(recipientDoubtful('Lưu: VT, NC(Vi270)')).toBe(false);
    expect(recipientDoubtful('Lưu: Văn thư')).toBe(false);
    expect(recipientDoubtful('Lưu: VỊ, VP')).toBe(true);
    expect(recipientDoubtful('Lưu: VT, P.KTTHs27')).toBe(true);
    expect(recipientDoubtful('Như Điều 3')).toBe(false);
  });
});

describe('a signer\'s name', () => {
  it('gets back a surname a seal partly covers when its last letters are one surname\'s alone', () => {
    expect(sealedSurname('-—TSpxyễn Văn Hùng')).toBe('Nguyễn Văn Hùng');
    expect(sealedSurname('rrHoàng Thị Lan')).toBe('Hoàng Thị Lan');
    // "inh" ends Đinh and Ninh: no guess
    expect(sealedSurname('xĐxinh Văn Tú')).toBeNull();
    // a clean first word is a name's own, though no surname ("Đức Phớc" lost its surname whole)
    expect(sealedSurname('Đức Phớc')).toBeNull();
    // too little left to tell, or one word only
    expect(sealedSurname('Xễn Minh')).toBeNull();
    expect(sealedSurname('TSpxyễn')).toBeNull();
  });

  it('is two to six capitalised words, with the specks OCR reads beside it taken off', () => {
    expect(personName('Trần Minh Khoa')).toBe('Trần Minh Khoa');
    expect(personName('Trần Minh Khoa |')).toBe('Trần Minh Khoa');
    // signature strokes read as a word with a comma before the name
    expect(personName('Na, Nguyễn Hòa Bình')).toBe('Nguyễn Hòa Bình');
    expect(personName('Lê, Văn Tám')).toBeNull();
    expect(personName('| Võ Thắng.')).toBe('Võ Thắng');
    expect(personName('x Đỗ Minh Tuấn')).toBe('Đỗ Minh Tuấn');
    expect(personName('S Nguyễn Thành Công')).toBe('Nguyễn Thành Công');
    expect(personName('Nguyễn Thị Ý')).toBe('Nguyễn Thị Ý');
    expect(personName('S Võ Thắng')).toBe('Võ Thắng');
    // the Ê Đê and Ba Na prefixes are the name's own
    expect(personName('Y Thông')).toBe('Y Thông');
    expect(personName('A Sang')).toBe('A Sang');
  });

  it('is not a title, a recipient or a sentence', () => {
    expect(personName('PHÓ CHỦ TỊCH')).toBeNull();
    expect(personName('- Như trên;')).toBeNull();
    expect(personName('Kính gửi Sở Nội vụ')).toBeNull();
  });
});
