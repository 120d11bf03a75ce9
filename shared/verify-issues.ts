// What signature verification can find wrong, in Vietnamese and English. The verifier
// records codes with their details; each reader (CLI, app, export) words them in its language.
type P = Record<string, string | number>;

/** The change categories of revision analysis (diff-analysis.ts), in both languages. */
export const CHANGE_VI: Record<string, string> = {
  SIGNATURE_ADDED: 'thêm chữ ký', DOC_TIMESTAMP: 'thêm dấu thời gian tài liệu', FORM_FILLED: 'điền biểu mẫu', ANNOTATION: 'thêm/sửa chú thích', DSS: 'dữ liệu kiểm tra dài hạn (DSS)',
  METADATA: 'siêu dữ liệu', STRUCTURE: 'cây cấu trúc', PAGE_CONTENT: 'nội dung trang', PAGE_ADDED: 'thêm trang', PAGE_REMOVED: 'xóa trang', PAGE_TREE: 'cây trang',
  APPEARANCE_OVERWRITTEN: 'ghi đè hình hiển thị dùng chung', ANNOTATION_REMOVED: 'xóa chú thích', FIELD_ADDED: 'thêm trường biểu mẫu', FIELD_REMOVED: 'xóa trường biểu mẫu',
  FIELD_CHANGED: 'sửa thuộc tính trường biểu mẫu', SIGNATURE_REPLACED: 'thay chữ ký đã có', CATALOG: 'danh mục tài liệu', OBJECT_CHANGED: 'đối tượng khác',
};
export const CHANGE_EN: Record<string, string> = {
  SIGNATURE_ADDED: 'signature added', DOC_TIMESTAMP: 'document timestamp added', FORM_FILLED: 'form filled', ANNOTATION: 'annotation added/changed', DSS: 'long-term validation data (DSS)',
  METADATA: 'metadata', STRUCTURE: 'structure tree', PAGE_CONTENT: 'page content', PAGE_ADDED: 'page added', PAGE_REMOVED: 'page removed', PAGE_TREE: 'page tree',
  APPEARANCE_OVERWRITTEN: 'shared appearance overwritten', ANNOTATION_REMOVED: 'annotation removed', FIELD_ADDED: 'form field added', FIELD_REMOVED: 'form field removed',
  FIELD_CHANGED: 'form field properties changed', SIGNATURE_REPLACED: 'existing signature replaced', CATALOG: 'document catalogue', OBJECT_CHANGED: 'other object',
};

/** The shadow-attack classes in words (the report's JSON keeps the class for IT). */
export const SHADOW_VI: Record<string, string> = {
  hide: 'kiểu tấn công che giấu nội dung', replace: 'kiểu tấn công thay nội dung sau khi ký', 'hide-and-replace': 'kiểu tấn công che giấu và thay nội dung',
};
export const SHADOW_EN: Record<string, string> = {
  hide: 'a hide-content attack', replace: 'a replace-content attack after signing', 'hide-and-replace': 'a hide-and-replace attack',
};

/** Why an outbound fetch (CRL, OCSP, AIA certificate, timestamp) was not made or its answer not kept. */
export const FETCH_WHY_VI: Record<string, string> = {
  scheme: 'chỉ tải qua http/https', internal: 'địa chỉ nội bộ (máy này hoặc mạng cơ quan) không được phép; quản trị viên có thể cho phép máy chủ này',
  budget: 'đã hết hạn mức số lần tải cho lần ký/kiểm tra này, không tải thêm', redirects: 'chuyển hướng quá nhiều lần', 'too-large': 'dữ liệu trả về vượt giới hạn kích thước',
  timeout: 'hết thời gian chờ', http: 'máy chủ báo lỗi', network: 'không kết nối được', invalid: 'dữ liệu nhận được không đúng loại yêu cầu nên không được lưu',
};
export const FETCH_WHY_EN: Record<string, string> = {
  scheme: 'only http/https is fetched', internal: 'internal addresses (this machine or the office network) are not allowed; an admin may allow this host',
  budget: 'the fetch budget of this signing/verification is spent, nothing more is fetched', redirects: 'too many redirects', 'too-large': 'the answer exceeds the size limit',
  timeout: 'timed out', http: 'the server reported an error', network: 'could not connect', invalid: 'the answer is not what was asked for, so it is not kept',
};

export const ISSUES = {
  BYTERANGE_INVALID: { vi: () => 'ByteRange không hợp lệ: chữ ký không bao đúng tệp', en: () => 'invalid ByteRange: the signature does not cover the file properly' },
  BYTERANGE_NOT_OWN: { vi: () => 'ByteRange không trỏ vào giá trị /Contents của chính chữ ký này', en: () => 'the ByteRange does not point at this signature’s own /Contents' },
  CMS_UNREADABLE: { vi: (p: P) => `không đọc được dữ liệu chữ ký (${p.detail})`, en: (p: P) => `the signature data cannot be read (${p.detail})` },
  HASH_UNSUPPORTED: { vi: () => 'thuật toán băm không được hỗ trợ', en: () => 'unsupported hash algorithm' },
  SHA1: { vi: () => 'dùng thuật toán băm SHA-1, không còn an toàn (Thông tư 15/2025 yêu cầu SHA-2 trở lên)', en: () => 'uses SHA-1, no longer safe (Circular 15/2025 requires SHA-2 or better)' },
  DIGEST_MISMATCH: { vi: () => 'dữ liệu đã ký bị thay đổi (mã băm không khớp)', en: () => 'the signed data was altered (digest mismatch)' },
  SIGNATURE_INVALID: { vi: () => 'chữ ký không hợp lệ về mật mã', en: () => 'the cryptographic signature is not valid' },
  TS_MISMATCH: { vi: () => 'dấu thời gian không khớp với chữ ký', en: () => 'the timestamp does not match the signature' },
  TS_UNREADABLE: { vi: () => 'không đọc được dấu thời gian', en: () => 'the timestamp cannot be read' },
  TS_SIGNATURE_INVALID: { vi: () => 'chữ ký của đơn vị cấp dấu thời gian không hợp lệ: dấu thời gian không có giá trị', en: () => 'the time-stamping authority’s signature is not valid: the timestamp does not count' },
  TS_SIGNER_UNKNOWN: { vi: () => 'thiếu chứng thư của đơn vị cấp dấu thời gian: không kiểm tra được dấu thời gian', en: () => 'the time-stamping authority’s certificate is missing: the timestamp cannot be checked' },
  NO_TRUST_PATH: { vi: () => 'không có đường tin cậy tới chứng thư gốc trong kho tin cậy', en: () => 'no path to a root certificate in the trust store' },
  CERT_NOT_VALID_AT: { vi: (p: P) => `chứng thư không còn hiệu lực vào thời điểm ${p.at}`, en: (p: P) => `a certificate was not valid at ${p.at}` },
  KEY_USAGE: { vi: () => 'chứng thư không có mục đích ký số (digitalSignature/nonRepudiation)', en: () => 'the certificate is not meant for signing (digitalSignature/nonRepudiation)' },
  NO_SIGNING_CERT_ATTR: { vi: () => 'thiếu thuộc tính signing-certificate: chưa đạt PAdES', en: () => 'no signing-certificate attribute: not PAdES' },
  LEGACY: { vi: () => 'định dạng cũ adbe.pkcs7 (không phải PAdES)', en: () => 'legacy adbe.pkcs7 format (not PAdES)' },
  PAGE_ADDED: { vi: () => 'đã thêm trang sau khi ký', en: () => 'a page was added after signing' },
  PAGES_REPLACED: { vi: () => 'cây trang đã bị thay sau khi ký', en: () => 'the page tree was replaced after signing' },
  PAGE_CONTENT: { vi: (p: P) => `nội dung trang (đối tượng ${p.object}) đã bị thay đổi sau khi ký`, en: (p: P) => `page content (object ${p.object}) changed after signing` },
  PAGE_COUNT: { vi: () => 'số trang hoặc thứ tự trang đã bị thay đổi sau khi ký', en: () => 'the pages or their order changed after signing' },
  OBJECT_CHANGED: { vi: (p: P) => `đối tượng ${p.object} có sẵn khi ký đã bị thay đổi`, en: (p: P) => `object ${p.object}, present when signed, was changed` },
  STREAM_OVERWRITTEN: { vi: (p: P) => `dữ liệu ${p.object} có sẵn khi ký (${p.type}) đã bị ghi đè`, en: (p: P) => `data ${p.object} present when signed (${p.type}) was overwritten` },
  REVOKED: { vi: (p: P) => `chứng thư đã bị thu hồi từ ${p.at} (theo ${p.source}), trước thời điểm ký`, en: (p: P) => `the certificate was revoked on ${p.at} (per ${p.source}), before the signing time` },
  NO_REVOCATION_DATA: { vi: () => 'tệp không kèm dữ liệu thu hồi (CRL/OCSP) cho chứng thư người ký', en: () => 'the file carries no revocation data (CRL/OCSP) for the signer’s certificate' },
  TAIL_ALLOWED: { vi: () => 'phần cuối tệp không được chữ ký bao phủ, nhưng chỉ gồm thay đổi được phép', en: () => 'the end of the file is not covered by the signature, but holds only allowed changes' },
  TAIL_UNPARSED: { vi: (p: P) => `không phân tích được phần thêm sau khi ký (${p.detail})`, en: (p: P) => `the part added after signing cannot be analysed (${p.detail})` },
  // revision analysis, algorithms, coverage
  CHANGE_DISALLOWED: {
    vi: (p: P) => `thay đổi không được phép sau khi ký: ${CHANGE_VI[p.category as string] ?? p.category} (đối tượng ${p.object})${p.by ? `, ${p.by} không cho phép` : ''}${p.shadow ? `; ${SHADOW_VI[p.shadow as string] ?? `dạng tấn công bóng "${p.shadow}"`}` : ''}`,
    en: (p: P) => `disallowed change after signing: ${CHANGE_EN[p.category as string] ?? p.category} (object ${p.object})${p.by ? `, not permitted by ${p.by}` : ''}${p.shadow ? `; ${SHADOW_EN[p.shadow as string] ?? `shadow attack class "${p.shadow}"`}` : ''}`,
  },
  COVERAGE_PARTIAL: { vi: () => 'chữ ký không bao phủ trọn một phiên bản của tệp (phần cuối không được ký)', en: () => 'the signature does not cover a whole revision of the file (an unsigned tail)' },
  EMBEDDED_CONTENT: { vi: () => 'dữ liệu chữ ký chứa nội dung nhúng trong khi SubFilter là dạng tách rời: không phải chữ ký trên tệp này', en: () => 'the CMS embeds content under a detached SubFilter: it does not sign this file' },
  ALGORITHM_UNKNOWN: { vi: (p: P) => `thuật toán ${p.oid} chưa được hỗ trợ: không kiểm tra được chữ ký`, en: (p: P) => `algorithm ${p.oid} is not supported: the signature cannot be checked` },
  ALG_IS_CURVE: { vi: () => 'mã thuật toán ký là tên một đường cong elliptic, không phải thuật toán ký', en: () => 'the signature algorithm OID names an elliptic curve, not an algorithm' },
  ALG_KEY_MISMATCH: { vi: () => 'thuật toán ký không khớp với loại khóa của chứng thư', en: () => 'the signature algorithm does not match the certificate’s key type' },
  CRYPTO_POLICY: {
    vi: (p: P) => `ngoài chính sách mật mã (${p.rule}): thuật toán băm không được phép với khóa này`,
    en: (p: P) => `outside the crypto policy (${p.rule}): digest not allowed with this key`,
  },
  SIGNED_ATTRS_NOT_DER: {
    vi: () => 'thuộc tính đã ký không theo thứ tự DER (RFC 5652): kiểm tra theo byte lưu trong tệp, một số phần mềm (như EU DSS) sẽ coi chữ ký này không hợp lệ',
    en: () => 'the signed attributes are not in DER order (RFC 5652): checked as stored; some verifiers (EU DSS) will call this signature invalid',
  },
  SIGNED_ATTRS_NOT_DER_CADES: {
    vi: () => 'thuộc tính đã ký không theo thứ tự DER mà CAdES/PAdES bắt buộc (RFC 5652, EN 319 122-1): chữ ký chỉ khớp với byte lưu trong tệp, không khớp bản mã hóa DER, nên không xác nhận được',
    en: () => 'the signed attributes are not in the DER order CAdES/PAdES requires (RFC 5652, EN 319 122-1): the signature matches only the stored bytes, not the DER encoding, so it cannot be confirmed',
  },
  TS_TYPED_SIG: {
    vi: () => 'dấu thời gian RFC 3161 nằm trong từ điển kiểu /Sig: không phải dấu thời gian tài liệu (phải là /DocTimeStamp), không tính cho mức PAdES',
    en: () => 'an RFC 3161 timestamp in a dictionary typed /Sig: not a document timestamp (it must be /DocTimeStamp), not counted for the PAdES level',
  },
  WEAK_KEY: { vi: (p: P) => `khóa ngắn hơn mức chính sách yêu cầu (${p.rule}); chữ ký vẫn kiểm tra được`, en: (p: P) => `the key is shorter than the policy asks (${p.rule}); the signature still checks` },
  INTERMEDIATE_MISSING: {
    vi: (p: P) => `thiếu chứng thư trung gian "${p.issuer}"${p.url ? `, được công bố tại ${p.url}` : ''}: chưa tải được, đường tin cậy chưa đầy đủ`,
    en: (p: P) => `the intermediate certificate "${p.issuer}" is missing${p.url ? `; it is published at ${p.url}` : ''}: not fetched, the path is incomplete`,
  },
  FETCH_REFUSED: {
    vi: (p: P) => `Không tải ${p.url}${p.more ? ` và ${p.more} địa chỉ khác` : ''} vì ${FETCH_WHY_VI[p.why as string] ?? p.why}${p.detail ? ` (${p.detail})` : ''}`,
    en: (p: P) => `${p.url}${p.more ? ` and ${p.more} more` : ''} not fetched: ${FETCH_WHY_EN[p.why as string] ?? p.why}${p.detail ? ` (${p.detail})` : ''}`,
  },
} satisfies Record<string, { vi: (p: P) => string; en: (p: P) => string }>;

export type IssueCode = keyof typeof ISSUES;
export interface Issue {
  code: IssueCode;
  params?: P;
}

export const issueText = (i: Issue, lang: 'vi' | 'en' = 'vi') => ISSUES[i.code][lang](i.params ?? {});
