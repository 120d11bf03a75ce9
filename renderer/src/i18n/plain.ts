// Plain words for what the core records in codes: audit actions, keys and flags the log had
// no words for, signature formats and attack classes in the check panel (the code stays in a
// tooltip for IT), a level with nothing to judge, and a date that does not exist.
export const viPlain = {
  auditAction: {
    maintenance: {
      backup: 'Sao lưu kho', check: 'Kiểm tra kho', repair: 'Sửa lỗi kho', restore: 'Khôi phục kho từ bản sao lưu',
      restoreRefused: 'Khôi phục bị từ chối', schedule: 'Đặt lịch sao lưu hằng ngày',
    },
    documents: { trash: 'Chuyển hồ sơ vào Thùng rác', restore: 'Khôi phục hồ sơ từ Thùng rác', extend: 'Bổ sung dữ liệu kiểm tra dài hạn cho bản đã ký' },
    pages: { undo: 'Hoàn tác thao tác trang' },
    trash: { empty: 'Làm trống Thùng rác', expire: 'Tự xóa hẳn hồ sơ quá hạn trong Thùng rác' },
    trust: { builtin: { enable: 'Bật chứng thư gốc tích hợp', disable: 'Tắt chứng thư gốc tích hợp' } },
    signing: { addModule: 'Thêm thư viện USB token', removeModule: 'Bỏ thư viện USB token' },
    sign: 'Ký số tệp (dòng lệnh)',
  },
  auditObject: { trust_anchor: 'Chứng thư gốc', blob: 'Bản sao đã ký' },
  auditKey: {
    pageNumbers: 'trang', pageOrder: 'thứ tự mới (theo số trang cũ)', documents: 'hồ sơ', removed: 'hồ sơ bỏ đi', op: 'thao tác',
    keep: 'giữ số bản', from: 'từ', to: 'đến', keyFingerprint: 'dấu vân tay khóa kho', files: 'số tệp', code: 'mã lỗi', dossierCode: 'mã hồ sơ',
    rate: 'tỷ lệ', tsaUrl: 'máy chủ dấu thời gian', allowHosts: 'máy chủ được phép', path: 'đường dẫn', searchRows: 'dòng chỉ mục đã sửa',
    quarantined: 'tệp đã cách ly', type: 'loại văn bản', procedureCode: 'mã TTHC', successorId: 'đơn vị kế thừa #', results: 'kết quả',
    fingerprint: 'dấu vân tay', url: 'địa chỉ', backupCreatedAt: 'bản sao lưu lập lúc', name: 'tên'
  },
  auditWords: {
    oldPages: '{{count}} trang (bản ghi cũ không ghi số trang)',
    nameNow: 'tên hiện nay', nameNowHint: 'Bản ghi cũ không lưu tên lúc thao tác; đây là tên hồ sơ hiện nay.',
  },
  // a yes/no detail worded for what it means; an empty word leaves the detail out
  auditFlag: {
    repair: { yes: 'kiểm tra và sửa lỗi', no: 'chỉ kiểm tra, không sửa' },
    timestamp: { yes: 'có dấu thời gian', no: 'không có dấu thời gian' },
    digitized: { yes: 'đánh dấu đã số hóa', no: 'chưa đánh dấu số hóa' },
    active: { yes: 'đang hoạt động', no: 'bị khóa' },
    passwordReset: { yes: 'đặt lại mật khẩu', no: '' },
    again: { yes: 'nhận dạng lại', no: '' },
    scheduled: { yes: 'theo lịch hằng ngày', no: '' },
    complete: { yes: 'đầy đủ', no: 'chưa đầy đủ' },
    enabled: { yes: 'bật', no: 'tắt' },
  },
  sigplain: {
    kind: {
      'adbe.pkcs7.detached': 'Chữ ký PDF kiểu cũ (không theo chuẩn PAdES)', 'adbe.pkcs7.sha1': 'Chữ ký PDF kiểu cũ (SHA-1, không theo PAdES)',
      'adbe.x509.rsa_sha1': 'Chữ ký PDF kiểu cũ (không theo PAdES)', 'ETSI.CAdES.detached': 'Chữ ký theo chuẩn PAdES', 'ETSI.RFC3161': 'Dấu thời gian của tài liệu',
      other: 'Không rõ loại chữ ký',
    },
    level: {
      'B-B': 'PAdES cơ bản (B-B)', 'B-T': 'PAdES có dấu thời gian (B-T)', 'B-LT': 'PAdES lưu trữ dài hạn (B-LT)', 'B-LTA': 'PAdES lưu trữ dài hạn có dấu thời gian lưu trữ (B-LTA)',
      legacy: 'Không theo PAdES (chữ ký kiểu cũ)',
    },
    algorithmUnknown: 'Thuật toán không xác định được',
    shadow: { replace: 'kiểu tấn công thay nội dung sau khi ký', hide: 'kiểu tấn công che giấu nội dung', 'hide-and-replace': 'kiểu tấn công che giấu và thay nội dung' },
    object: 'Đối tượng PDF số {{n}}',
    code: 'Mã kỹ thuật (cho bộ phận CNTT): {{code}}',
  },
  coverage: { nothingToJudge: 'Không có kết quả còn hiệu lực' },
  dates: { notADay: '"{{text}}" không phải một ngày có thật; hãy nhập dạng dd/mm/yyyy.', retype: 'Ngày không có thật; hãy nhập lại dạng dd/mm/yyyy.' },
};

// errors.* are English only: the core words them in Vietnamese itself
export const enPlain = {
  errors: {
    FILE_TRUNCATED: '{{file}}: the file is cut short (its end is missing), usually a copy or download that did not finish; copy or scan it again, then import.',
    FILE_DAMAGED: '{{file}}: the file is damaged and cannot be read; try opening it on this computer, then scan or export it again.',
  },
  auditAction: {
    maintenance: {
      backup: 'Backed up the archive', check: 'Checked the archive', repair: 'Repaired the archive', restore: 'Restored the archive from a backup',
      restoreRefused: 'Restore refused', schedule: 'Set the daily backup',
    },
    documents: { trash: 'Moved a document to the trash', restore: 'Restored a document from the trash', extend: 'Added long-term validation data to a signed copy' },
    pages: { undo: 'Undid a page operation' },
    trash: { empty: 'Emptied the trash', expire: 'Deleted expired documents from the trash' },
    trust: { builtin: { enable: 'Turned on a built-in root certificate', disable: 'Turned off a built-in root certificate' } },
    signing: { addModule: 'Added a USB token library', removeModule: 'Removed a USB token library' },
    sign: 'Signed a file (command line)',
  },
  auditObject: { trust_anchor: 'Root certificate', blob: 'Signed copy' },
  auditKey: {
    pageNumbers: 'pages', pageOrder: 'new order (by former page numbers)', documents: 'documents', removed: 'documents removed', op: 'operation',
    keep: 'copies kept', from: 'from', to: 'to', keyFingerprint: 'archive key fingerprint', files: 'files', code: 'error code', dossierCode: 'dossier code',
    rate: 'rate', tsaUrl: 'timestamp server', allowHosts: 'allowed servers', path: 'path', searchRows: 'search index rows repaired',
    quarantined: 'files set aside', type: 'document type', procedureCode: 'procedure code', successorId: 'successor unit #', results: 'results',
    fingerprint: 'fingerprint', url: 'address', backupCreatedAt: 'backup made at', name: 'name'
  },
  auditWords: {
    oldPages: '{{count}} page(s) (older rows did not record page numbers)',
    nameNow: 'today’s name', nameNowHint: 'Older rows did not keep the name at the time; this is the document’s name today.',
  },
  auditFlag: {
    repair: { yes: 'check and repair', no: 'check only, no repair' },
    timestamp: { yes: 'with a timestamp', no: 'no timestamp' },
    digitized: { yes: 'marked digitized', no: 'not marked digitized' },
    active: { yes: 'active', no: 'locked' },
    passwordReset: { yes: 'password reset', no: '' },
    again: { yes: 'read again', no: '' },
    scheduled: { yes: 'daily schedule', no: '' },
    complete: { yes: 'complete', no: 'incomplete' },
    enabled: { yes: 'on', no: 'off' },
  },
  sigplain: {
    kind: {
      'adbe.pkcs7.detached': 'Older PDF signature (not PAdES)', 'adbe.pkcs7.sha1': 'Older PDF signature (SHA-1, not PAdES)',
      'adbe.x509.rsa_sha1': 'Older PDF signature (not PAdES)', 'ETSI.CAdES.detached': 'PAdES signature', 'ETSI.RFC3161': 'Document timestamp',
      other: 'Unknown kind of signature',
    },
    level: {
      'B-B': 'PAdES basic (B-B)', 'B-T': 'PAdES with a timestamp (B-T)', 'B-LT': 'PAdES long-term (B-LT)', 'B-LTA': 'PAdES long-term with archive timestamp (B-LTA)',
      legacy: 'Not PAdES (older signature)',
    },
    algorithmUnknown: 'Algorithm not identified',
    shadow: { replace: 'a replace-content attack after signing', hide: 'a hide-content attack', 'hide-and-replace': 'a hide-and-replace attack' },
    object: 'PDF object {{n}}',
    code: 'Technical code (for IT): {{code}}',
  },
  coverage: { nothingToJudge: 'No valid result' },
  dates: { notADay: '"{{text}}" is not a real date; type it as dd/mm/yyyy.', retype: 'Not a real date; type it again as dd/mm/yyyy.' },
};
