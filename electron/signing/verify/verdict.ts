// The one-line verdict of a signature, in Vietnamese, worst finding first.
import { CHANGE_VI } from '../../../shared/verify-issues';
import type { SignatureReport } from './verify-report';

export function verdictLine(s: SignatureReport): string {
  if (s.kind === 'damaged') return 'Trường chữ ký hỏng: /Contents không phải dữ liệu chữ ký (CMS) đọc được, không tính là chữ ký';
  const what = s.kind === 'doc_timestamp' ? 'Dấu thời gian tài liệu' : 'Chữ ký';
  if (s.crypto.reason === 'NOT_DER') return `${what}: không xác nhận được (thuộc tính đã ký không mã hóa DER như CAdES yêu cầu)`;
  if (s.crypto.status === 'unknown') return `${what}: không kiểm tra được (thuật toán chưa được hỗ trợ)`;
  if (!s.intact) return `${what} KHÔNG toàn vẹn: dữ liệu đã ký bị thay đổi hoặc ByteRange sai`;
  if (!s.cryptoValid) return `${what} KHÔNG hợp lệ về mật mã`;
  if (s.modifiedAfter) {
    const bad = [...new Set(s.changes.filter((c) => !c.allowed).map((c) => CHANGE_VI[c.category] ?? c.category))];
    return `${what} hợp lệ cho phiên bản ${s.revision}, nhưng tài liệu BỊ SỬA sau khi ký (${bad.join(', ') || 'không phân tích được'})`;
  }
  if (s.coverage === 'partial') return `${what} hợp lệ nhưng không bao phủ trọn tệp: phần cuối không được ký`;
  if (s.certValidAtSigning === false) return `${what} toàn vẹn nhưng chứng thư không còn hiệu lực hoặc đã bị thu hồi lúc ký`;
  if (!s.trusted) return `${what} toàn vẹn, nhưng chưa có đường tin cậy tới chứng thư gốc nào`;
  const allowed = [...new Set(s.changes.map((c) => CHANGE_VI[c.category] ?? c.category))];
  return `${what} hợp lệ, tin cậy${allowed.length ? `; sau khi ký chỉ có thay đổi được phép (${allowed.join(', ')})` : ', tài liệu nguyên vẹn'}`;
}
