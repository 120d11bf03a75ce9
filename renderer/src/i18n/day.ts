// Strings of the officer's-day screens (date pickers, catalogue validity, audit wording,
// worklists…), kept apart from vi.ts/en.ts and merged into them key by key at start-up.
export const viDay = {
  auditAction: {"auth": {"signIn": "Đăng nhập", "signOut": "Đăng xuất", "changePassword": "Đổi mật khẩu"}, "setup": {"init": "Thiết lập lần đầu"}, "users": {"create": "Tạo tài khoản", "update": "Sửa tài khoản"}, "units": {"create": "Thêm đơn vị", "update": "Sửa đơn vị", "import": "Nhập danh mục đơn vị", "merges": "Nhập danh sách sắp xếp đơn vị"}, "documents": {"import": "Nhập tệp quét", "link": "Gắn hồ sơ với kết quả", "review": "Lưu soát xét", "accept": "Chấp nhận soát xét", "split": "Tách hồ sơ", "merge": "Gộp hồ sơ", "sign": "Ký số hồ sơ", "signFailed": "Ký số không thành công"}, "pages": {"delete": "Xóa trang", "reorder": "Sắp xếp lại trang", "rotate": "Xoay trang"}, "register": {"import": "Nhập sổ theo dõi kết quả", "save": "Lưu kết quả vào sổ theo dõi", "assign": "Chỉ định đơn vị cho kết quả"}, "targets": {"set": "Đặt chỉ tiêu"}, "trust": {"add": "Thêm chứng thư tin cậy", "remove": "Xóa chứng thư tin cậy"}, "signing": {"setConfig": "Cấu hình ký số"}, "coverage": {"exportPackage": "Xuất gói số liệu", "importPackage": "Nhập gói số liệu"}, "jobs": {"cancel": "Dừng tác vụ"}, "ocr": {"start": "Nhận dạng chữ"}, "scanner": {"scan": "Quét từ máy quét"}, "hotfolder": {"set": "Cấu hình thư mục theo dõi"}, "hub": {"enrol": "Đăng ký với máy chủ tỉnh", "push": "Gửi số liệu lên tỉnh", "lookup": "Tra cứu kết quả toàn tỉnh", "download": "Tải bản sao qua máy chủ tỉnh"}},
  auditObject: {"document": "Hồ sơ", "page": "Trang", "user": "Tài khoản", "unit": "Đơn vị", "job": "Tác vụ", "file": "Tệp", "catalogue": "Danh mục", "dossier": "Mã hồ sơ", "target": "Chỉ tiêu", "setting": "Cấu hình", "spki": "Chứng thư"},
  auditKey: {"created": "thêm mới", "updated": "cập nhật", "errors": "lỗi", "changed": "trường đã sửa", "registerId": "kết quả #", "signer": "người ký", "appearance": "hình thức", "timestamp": "dấu thời gian", "into": "thành hồ sơ", "merged": "đã gộp", "pages": "trang", "order": "thứ tự", "rotation": "góc xoay", "role": "vai trò", "unitId": "đơn vị #", "username": "tên đăng nhập", "dir": "thư mục", "enabled": "bật", "device": "thiết bị", "links": "quan hệ kế thừa", "ended": "hết hiệu lực", "passwordReset": "đặt lại mật khẩu", "active": "hoạt động", "added": "đã thêm", "resolution": "độ phân giải", "mode": "chế độ", "source": "nguồn", "count": "số lượng", "ok": "thành công", "failed": "thất bại", "reason": "lý do", "at": "ngày", "file": "tệp", "sha256": "mã băm", "adoptedDocuments": "hồ sơ nhận về", "mime": "loại tệp"},
  register: { unitName: 'Tên đơn vị (tìm theo tên, không cần dấu)' },
  units: { loadDemo: 'Nạp danh mục Thanh Hóa (trước và sau 1/7/2025)' },
  setup: {
    demoUnitHint:
      'Danh mục tỉnh Thanh Hóa của Tổng cục Thống kê: 26 huyện và 549 xã đến 30/6/2025, 166 xã, phường từ 1/7/2025. Đơn vị đã hết hiệu lực được ghi rõ.',
  },
  day: {
    refresh: 'Làm mới',
    importStopped: 'Đã nhập {{imported}}, trùng {{duplicates}}, lỗi {{failed}}; {{notDone}} tệp chưa nhập.',
    ocrStopped: 'Đọc được {{ok}} trang, lỗi {{failed}}; {{notRead}} trang chưa đọc.',
    notRead: 'Chưa đọc',
    unitEnded: 'hết hiệu lực từ {{date}}', unitFrom: 'hiệu lực từ {{date}}',
    unitEndedNotice: '{{name}} hết hiệu lực từ {{date}} (sắp xếp đơn vị hành chính). Số liệu hôm nay thuộc các đơn vị kế thừa.',
    viewLastDay: 'Xem số liệu ngày {{date}}', viewToday: 'Xem số liệu hôm nay',
    noToken: 'Không tìm thấy token nào qua thư viện {{module}}.', tokensFound: 'Tìm thấy {{count}} token.',
    checkModule: 'Đã cài phần mềm của nhà cung cấp chữ ký số và chọn đúng thư viện PKCS#11 của token chưa?',
    checkPlugged: 'Token đã cắm vào máy chưa (đèn trên token sáng)? Hãy rút ra cắm lại rồi tìm lại.',
    checkDriver: 'Driver của token đã được cài và máy đã nhận token chưa?',
    copyPreview: 'Trang 1 với chữ ký bản sao ở chỗ sẽ đặt (khoảng trắng góc trên bên phải)',
    noWhiteSpace: 'Không tìm thấy khoảng trắng đủ rộng ở góc trên bên phải trang 1: chữ ký sẽ được thu nhỏ ở góc trang.',
    previewFailed: 'Không xem trước được trang 1.', signedCopy: 'Bản đã ký', scanCopy: 'Bản quét',
    auditOther: 'Thao tác {{action}}', exportCsv: 'Xuất CSV', objectId: 'Số của đối tượng', fromDay: 'Từ ngày', toDay: 'đến ngày',
    duplicate: 'Có thể trùng: {{count}} hồ sơ khác của đơn vị có cùng số, ngày ban hành và cơ quan ban hành.',
    openExisting: 'Mở hồ sơ đã có #{{id}}: {{title}}',
    worklistTitle: 'Kết quả còn hiệu lực chưa số hóa của {{unit}} đến ngày {{date}}', worklistExport: 'Xuất danh sách cần số hóa (CSV)',
    worklistEmpty: 'Mọi kết quả còn hiệu lực đã được số hóa.', worklistTruncated: 'Chỉ hiện 5.000 kết quả đầu tiên.', worklistOpen: 'Xem các kết quả cần số hóa',
    validity: 'Hiệu lực', colDocument: 'Hồ sơ', colPage: 'Trang', signStopped: 'Đã ký {{signed}}, lỗi {{failed}}; {{notDone}} hồ sơ chưa ký.',
    signProgress: 'Đã ký {{done}}/{{total}} hồ sơ', signatureN: 'Chữ ký {{n}}', selectRow: 'Chọn hồ sơ {{title}}',
    openDoc: 'Mở hồ sơ #{{id}}',
    importedFrom: 'Nhập từ ngày', importedTo: 'đến ngày', issuedFrom: 'Ban hành từ ngày', issuedTo: 'đến ngày',
  },
};

export const enDay: typeof viDay = {
  auditAction: {"auth": {"signIn": "Signed in", "signOut": "Signed out", "changePassword": "Changed password"}, "setup": {"init": "First-run setup"}, "users": {"create": "Created account", "update": "Edited account"}, "units": {"create": "Added unit", "update": "Edited unit", "import": "Imported unit catalogue", "merges": "Imported unit reorganisation list"}, "documents": {"import": "Imported scans", "link": "Linked document to a result", "review": "Saved review", "accept": "Accepted review", "split": "Split document", "merge": "Merged documents", "sign": "Signed document", "signFailed": "Signing failed"}, "pages": {"delete": "Deleted page", "reorder": "Reordered pages", "rotate": "Turned page"}, "register": {"import": "Imported results register", "save": "Saved register entry", "assign": "Assigned a result to a unit"}, "targets": {"set": "Set target"}, "trust": {"add": "Added trusted certificate", "remove": "Removed trusted certificate"}, "signing": {"setConfig": "Changed signing settings"}, "coverage": {"exportPackage": "Exported figures package", "importPackage": "Imported figures package"}, "jobs": {"cancel": "Stopped job"}, "ocr": {"start": "Started text recognition"}, "scanner": {"scan": "Scanned"}, "hotfolder": {"set": "Set up watched folder"}, "hub": {"enrol": "Enrolled with the province hub", "push": "Sent figures to the province", "lookup": "Looked up a result in the province", "download": "Downloaded a copy through the province hub"}},
  auditObject: {"document": "Document", "page": "Page", "user": "Account", "unit": "Unit", "job": "Job", "file": "File", "catalogue": "Catalogue", "dossier": "Dossier", "target": "Target", "setting": "Setting", "spki": "Certificate"},
  auditKey: {"created": "created", "updated": "updated", "errors": "errors", "changed": "fields changed", "registerId": "result #", "signer": "signer", "appearance": "appearance", "timestamp": "timestamp", "into": "into documents", "merged": "merged", "pages": "pages", "order": "order", "rotation": "rotation", "role": "role", "unitId": "unit #", "username": "user name", "dir": "folder", "enabled": "enabled", "device": "device", "links": "succession links", "ended": "ended", "passwordReset": "password reset", "active": "active", "added": "added", "resolution": "resolution", "mode": "mode", "source": "source", "count": "count", "ok": "succeeded", "failed": "failed", "reason": "reason", "at": "date", "file": "file", "sha256": "hash", "adoptedDocuments": "documents taken over", "mime": "file type"},
  register: { unitName: 'Unit name (found by name, accents optional)' },
  units: { loadDemo: 'Load the Thanh Hóa catalogue (before and after 1/7/2025)' },
  setup: {
    demoUnitHint: 'The GSO catalogue of Thanh Hóa: 26 districts and 549 communes until 30/6/2025, 166 communes and wards from 1/7/2025. Units that ended are marked.',
  },
  day: {
    refresh: 'Refresh',
    importStopped: 'Imported {{imported}}, duplicates {{duplicates}}, errors {{failed}}; {{notDone}} files not imported.',
    ocrStopped: 'Read {{ok}} pages, errors {{failed}}; {{notRead}} pages not read.',
    notRead: 'Not read',
    unitEnded: 'ended on {{date}}', unitFrom: 'valid from {{date}}',
    unitEndedNotice: '{{name}} ceased to exist on {{date}} (administrative reorganisation). Today\'s figures belong to its successor units.',
    viewLastDay: 'Figures on {{date}}', viewToday: 'Figures today',
    noToken: 'No token found through the library {{module}}.', tokensFound: 'Found {{count}} token(s).',
    checkModule: "Is the signing provider's software installed, and is the token's PKCS#11 library the one chosen?",
    checkPlugged: 'Is the token plugged in (its light on)? Unplug it, plug it in again and search again.',
    checkDriver: "Is the token's driver installed, and does the computer see the token?",
    copyPreview: 'Page 1 with the copy signature where it will go (white space at the top right)',
    noWhiteSpace: 'No white space large enough at the top right of page 1: the signature will be shrunk into the corner.',
    previewFailed: 'Page 1 could not be previewed.', signedCopy: 'Signed copy', scanCopy: 'Scan',
    auditOther: 'Action {{action}}', exportCsv: 'Export CSV', objectId: 'Object number', fromDay: 'From', toDay: 'to',
    duplicate: 'Possible copy: {{count}} other document(s) of the unit have the same number, issue date and issuing body.',
    openExisting: 'Open the existing document #{{id}}: {{title}}',
    worklistTitle: 'Valid results of {{unit}} not yet digitized on {{date}}', worklistExport: 'Export the worklist (CSV)',
    worklistEmpty: 'Every valid result has been digitized.', worklistTruncated: 'Only the first 5,000 results are shown.', worklistOpen: 'See the results to digitize',
    validity: 'Validity', colDocument: 'Document', colPage: 'Page', signStopped: 'Signed {{signed}}, failed {{failed}}; {{notDone}} documents not signed.',
    signProgress: 'Signed {{done}}/{{total}} documents', signatureN: 'Signature {{n}}', selectRow: 'Select document {{title}}',
    openDoc: 'Open document #{{id}}',
    importedFrom: 'Imported from', importedTo: 'to', issuedFrom: 'Issued from', issuedTo: 'to',
  },
};

type Tree = { [k: string]: unknown };
/** `base` with `extra` merged in depth: extra adds keys, including inside existing groups. */
export function withDay<T extends object>(base: T, extra: Tree): T {
  const out: Tree = { ...(base as Tree) };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    out[k] = b && typeof b === 'object' && v && typeof v === 'object' ? withDay(b as Tree, v as Tree) : v;
  }
  return out as T;
}
