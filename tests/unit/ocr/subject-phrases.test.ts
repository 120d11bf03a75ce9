import { describe, expect, it } from 'vitest';
import { snapSubjectPhrases } from '../../../electron/ocr/subject-phrases';

describe("the subject's set phrases", () => {
  it('puts back the tone marks OCR swapped or dropped in set phrases, punctuation and case kept', () => {
    expect(snapSubjectPhrases('Vệ việc phê duyêt kế hoach (sửa đôi, bô sung) quy chê thi đua')).toEqual({
      text: 'Về việc phê duyệt kế hoạch (sửa đổi, bổ sung) quy chế thi đua',
      changed: true,
    });
    expect(snapSubjectPhrases('VỆ VIỆC BAN HANH KẾ HOẠCH').text).toBe('VỀ VIỆC BAN HÀNH KẾ HOẠCH');
    expect(snapSubjectPhrases('tăng cường công tác phòng chống dịch bênh').text).toBe('tăng cường công tác phòng chống dịch bệnh');
  });

  it('leaves alone what a phrase could also be, a phrase with a second spelling, and words outside the phrases', () => {
    for (const t of ['công nhân nhà máy', 'công tắc điện', 'uỷ quyền ký', 'quản lí đất đai', 'đôi giày bô', 'Về việc thành lập Hội đồng', 'khen thưởng ông Lê Văn Tài, Nguyễn Văn Bình', 'thiên tài', 'tài Nguyễn'])
      expect(snapSubjectPhrases(t)).toEqual({ text: t, changed: false });
  });
});
