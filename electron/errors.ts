// Errors the core reports to people. Messages are plain Vietnamese (the renderer
// translates by code for English); params name the file, row or limit involved.
import type { AppError } from '../shared/result';

const MESSAGES = {
  BAD_REQUEST: (p) => `Yêu cầu không hợp lệ: ${p.detail}`,
  UNKNOWN_METHOD: (p) => `Không có chức năng "${p.method}".`,
  NOT_SIGNED_IN: () => 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.',
  FORBIDDEN: () => 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  NOT_FOUND: (p) => `Không tìm thấy ${p.what}.`,
  BAD_CREDENTIALS: () => 'Tên đăng nhập hoặc mật khẩu không đúng.',
  ACCOUNT_LOCKED: (p) => `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${p.seconds} giây.`,
  ACCOUNT_DISABLED: () => 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên.',
  ALREADY_SET_UP: () => 'Ứng dụng đã được thiết lập; không thể tạo lại tài khoản quản trị.',
  USERNAME_TAKEN: (p) => `Tên đăng nhập "${p.username}" đã được dùng.`,
  UNIT_CODE_TAKEN: (p) => `Mã đơn vị "${p.code}" đã tồn tại.`,
  UNIT_PARENT_LEVEL: () => 'Đơn vị cấp trên không hợp lệ: tỉnh không có cấp trên; huyện thuộc tỉnh; xã thuộc huyện hoặc tỉnh.',
  PASSWORD_REQUIRED: () => 'Cần đặt mật khẩu cho tài khoản mới.',
  LAST_ADMIN: () => 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.',
  FILE_NOT_FOUND: (p) => `${p.file}: không tìm thấy tệp.`,
  FILE_EMPTY: (p) => `${p.file}: tệp rỗng (0 byte).`,
  FILE_UNSUPPORTED: (p) => `${p.file}: định dạng không hỗ trợ (chỉ nhận JPEG, PNG, TIFF, PDF).`,
  FILE_EXTENSION_MISMATCH: (p) => `${p.file}: phần mở rộng .${p.ext} không khớp nội dung tệp (${p.actual}).`,
  FILE_CORRUPT: (p) => `${p.file}: tệp bị hỏng hoặc không đọc được (${p.detail}).`,
  FILE_TRUNCATED: (p) => `${p.file}: tệp bị cắt cụt (thiếu phần cuối), thường do sao chép hoặc tải về chưa xong; hãy chép lại hoặc quét lại rồi nhập.`,
  FILE_DAMAGED: (p) => `${p.file}: nội dung tệp bị hỏng nên không đọc được; hãy mở thử trên máy, rồi quét lại hoặc xuất lại tệp.`,
  FILE_TOO_LARGE: (p) => `${p.file}: ảnh quá lớn (${p.pixels} megapixel, tối đa ${p.limit}).`,
  FILE_TOO_BIG_BYTES: (p) => `${p.file}: tệp quá lớn (${p.size} MB, tối đa ${p.limit} MB).`,
  PDF_ENCRYPTED: (p) => `${p.file}: PDF được mã hóa bằng mật khẩu; hãy gỡ mật khẩu trước khi nhập.`,
  PDF_NO_PAGES: (p) => `${p.file}: PDF không có trang nào.`,
  PAGE_LOW_DPI: (p) => `Trang ${p.page}: độ phân giải ${p.dpi} dpi, dưới ${p.min} dpi.`,
  PAGE_NOT_COLOUR: (p) => `Trang ${p.page}: ảnh không phải ảnh màu.`,
  PAGE_PAPER_INFERRED: (p) => `Trang ${p.page}: tệp ghi ${p.stated} dpi, tức một trang lớn hơn mọi khổ giấy; đã coi là khổ ${p.paper}, ${p.dpi} dpi.`,
  SIGN_HOLDER_MISMATCH: (p) => `Chứng thư số mang tên ${p.holder}, không phải người đang đăng nhập (${p.user}).`,
  DUPLICATE: (p) => `${p.file}: đã có trong kho (hồ sơ số ${p.documentId}).`,
  TABLE_NO_HEADER: (p) => `${p.file}: không tìm thấy dòng tiêu đề với các cột ${p.columns}.`,
  TABLE_UNREADABLE: (p) => `${p.file}: không đọc được bảng tính (${p.detail}).`,
  PACKAGE_REJECTED: (p) => `${p.file}: gói số liệu bị từ chối — ${p.reason}.`,
  REGISTER_NO_HEADER: (p) => `${p.file}: không tìm thấy dòng tiêu đề có cột Mã hồ sơ và Ngày cấp.`,
  REGISTER_NOT_FOUND: (p) => `Không có kết quả nào mang mã hồ sơ ${p.dossier} trong sổ theo dõi.`,
  P12_PASSWORD: (p) => `${p.file}: sai mật khẩu của tệp chứng thư số.`,
  P12_UNREADABLE: (p) => `${p.file}: không đọc được tệp chứng thư số (${p.detail}).`,
  CERT_REFUSED: (p) => `Không ký được: ${p.reason}.`,
  SIGN_FAILED: (p) => `${p.file}: không ký được (${p.detail}).`,
  TOKEN_MODULE: (p) => `Không nạp được thư viện PKCS#11 ${p.module} (${p.detail}). Kiểm tra phần mềm của nhà cung cấp chữ ký số.`,
  TOKEN_NOT_FOUND: (p) => `Không thấy USB token "${p.token}". Hãy cắm token và thử lại.`,
  TOKEN_NO_KEY: (p) => `Token "${p.token}" không có khóa bí mật kèm chứng thư số.`,
  PIN_WRONG: (p) => `Mã PIN của token "${p.token}" không đúng. Đã dừng, không thử lại để tránh khóa token.`,
  PIN_LOCKED: (p) => `Token "${p.token}" đã bị khóa PIN. Liên hệ nhà cung cấp chữ ký số.`,
  TSA_FAILED: (p) => `Không lấy được dấu thời gian từ ${p.url} (${p.detail}).`,
  SIGN_INTERRUPTED: () => 'Phiên ký đã dừng khi ứng dụng đóng; hãy chọn lại và ký.',
  PDF_NO_IMAGES: (p) => `${p.file}: PDF không có ảnh quét nào (văn bản điện tử hoặc trang trống); không có gì để nhận dạng.`,
  OCR_FAILED: (p) => `${p.file}: không nhận dạng được trang ${p.page} (${p.detail}).`,
  PAGE_BLANK: (p) => `Trang ${p.page}: trang trắng; có thể bỏ khỏi hồ sơ.`,
  SCANNER_NONE: () => 'Không tìm thấy máy quét nào. Kiểm tra cáp, nguồn và trình điều khiển SANE.',
  SCANNER_FAILED: (p) => `Máy quét ${p.device} báo lỗi: ${p.detail}`,
  SCANNER_UNAVAILABLE: () => 'Máy này chưa cài SANE (scanimage); hãy quét bằng phần mềm của máy quét vào thư mục theo dõi.',
  HOT_FOLDER_MISSING: (p) => `Thư mục theo dõi ${p.dir} không tồn tại hoặc không đọc được.`,
  PAGE_OP_INVALID: (p) => `Không thực hiện được: ${p.detail}.`,
  DB_TOO_NEW: (p) => `Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ v${p.found}); hãy cập nhật ứng dụng.`,
  BACKUP_TARGET_NOT_EMPTY: (p) => `${p.dir}: thư mục không trống và không phải một bản sao lưu của Số hóa Desk; hãy chọn thư mục trống.`,
  BACKUP_INSIDE_ARCHIVE: (p) => `${p.dir}: không thể sao lưu vào bên trong thư mục kho lưu trữ.`,
  BACKUP_SOURCE_MISSING: (p) => `${p.file}: tệp của kho bị thiếu nên bản sao lưu chưa đầy đủ; hãy chạy "sohoa check" để xem chi tiết.`,
  BACKUP_SOURCE_CORRUPT: (p) => `${p.file}: tệp của kho bị hỏng (mã băm không khớp tên) nên không sao lưu; hãy chạy "sohoa check".`,
  BACKUP_NO_MANIFEST: (p) => `${p.dir}: không có manifest.json — bản sao lưu chưa hoàn tất (bị dừng giữa chừng) hoặc không phải bản sao lưu.`,
  BACKUP_MANIFEST_BAD: (p) => `${p.file}: manifest của bản sao lưu không hợp lệ (${p.detail}).`,
  BACKUP_FILE_MISSING: (p) => `${p.file}: thiếu trong bản sao lưu — bản sao lưu không đầy đủ, không khôi phục.`,
  BACKUP_FILE_TAMPERED: (p) => `${p.file}: nội dung không khớp mã SHA-256 trong manifest — bản sao lưu bị hỏng hoặc bị sửa, không khôi phục.`,
  BACKUP_INCOMPLETE: (p) => `${p.file}: cơ sở dữ liệu của bản sao lưu cần tệp này nhưng manifest không có — bản sao lưu không đầy đủ, không khôi phục.`,
  BACKUP_COUNTS_DIFFER: (p) => `archive.sqlite: số ${p.what} là ${p.found}, manifest ghi ${p.expected} — bản sao lưu không nhất quán, không khôi phục.`,
  BACKUP_TOO_NEW: (p) => `Bản sao lưu có lược đồ v${p.found}, mới hơn ứng dụng này (v${p.latest}); hãy cập nhật ứng dụng.`,
  EXTEND_BUSY: (p) => `Đang có một lượt gia hạn bản đã ký chạy (tác vụ #${p.job}); hãy đợi nó xong.`,
  EXTEND_CHANGED: () => 'Bản đã ký của hồ sơ vừa thay đổi trong lúc gia hạn (có chữ ký mới); hãy gia hạn lại hồ sơ này.',
  EXTEND_NO_REVOCATION: (p) => `chứng thư "${p.name}" không nêu nơi tra cứu thu hồi (CRL/OCSP): bản này có dấu thời gian lưu trữ nhưng chưa đủ dữ liệu kiểm tra dài hạn (B-LT)`,
  NOT_SIGNED: () => 'Hồ sơ chưa có bản đã ký số.',
  MAINTENANCE_BUSY: (p) => `Đang có một lượt sao lưu hoặc kiểm tra kho chạy (tác vụ #${p.job}); hãy đợi nó xong.`,
  TRASH_SIGNED: (p) => `Hồ sơ #${p.id} đã ký số: bản đã ký là hồ sơ lưu trữ, không xóa được.`,
  TRASH_LINKED: (p) => `Hồ sơ #${p.id} đang gắn với một kết quả trong sổ theo dõi; hãy bỏ gắn trước khi xóa.`,
  RESTORE_INSIDE_ARCHIVE: (p) => `${p.dir}: không khôi phục vào thư mục kho đang dùng hoặc nằm trong nó; hãy chọn một thư mục mới.`,
  RESTORE_TARGET_NOT_EMPTY: (p) => `${p.dir}: thư mục đích đã có dữ liệu; chỉ khôi phục vào thư mục mới hoặc trống.`,
  // why a restore was refused: what a backup must prove (docs/backup.md)
  BACKUP_UNSIGNED: (p) => `${p.dir}: bản sao lưu không có chữ ký của kho (định dạng cũ) nên không chứng minh được là nguyên vẹn; không khôi phục. Hãy sao lưu lại bằng phiên bản này.`,
  BACKUP_SIGNATURE_BAD: (p) => `${p.file}: chữ ký của manifest không khớp nội dung — bản sao lưu đã bị sửa sau khi sao lưu, không khôi phục.`,
  RESTORE_KEY_UNCONFIRMED: (p) =>
    `${p.dir}: bản sao lưu được ký bằng khóa kho có dấu vân tay ${p.fingerprint}. Hãy đối chiếu với dấu vân tay kho gốc in ra khi sao lưu (báo cáo sao lưu), rồi chạy lại với --trust-key ${p.fingerprint}; hoặc --trust-archive <thư mục kho> để dùng khóa của một kho có sẵn.`,
  BACKUP_KEY_MISMATCH: (p) => `Bản sao lưu được ký bằng khóa ${p.fingerprint}, không phải khóa được tin (${p.expected}) — bản sao lưu không do kho này lập, không khôi phục.`,
  BACKUP_KEYS_DIFFER: (p) => `${p.file}: khóa kho trong bản sao lưu khác khóa đã ký manifest — khóa bị tráo, không khôi phục.`,
  BACKUP_UNSAFE_FILE: (p) => `${p.file}: ${p.reason} — bản sao lưu chỉ được chứa tệp thường có trong manifest, không khôi phục.`,
  BACKUP_AUDIT_BROKEN: (p) => `archive.sqlite: nhật ký thao tác của bản sao lưu bị sửa hoặc xóa tại dòng #${p.id} (${p.reason}) — không khôi phục.`,
  BACKUP_AUDIT_HEAD_DIFFERS: (p) => `archive.sqlite: dòng nhật ký cuối của bản sao lưu là #${p.found}, manifest ghi #${p.expected} — nhật ký bị cắt hoặc tính lại, không khôi phục.`,
  INTERNAL: (p) => `Lỗi không mong muốn: ${p.detail}`,
  // hardening: what a client may name, inputs that would stall or exhaust the app
  JOB_INTERRUPTED: (p) => `Tác vụ của dòng lệnh (tiến trình ${p.pid}) đã dừng giữa chừng; các mục chưa làm không được làm tiếp. Hãy chạy lại lệnh.`,
  // the backup passphrase: it seals the keys in a backup and authenticates its manifest
  BACKUP_PASSPHRASE_REQUIRED: () =>
    'Cần mật khẩu sao lưu (mật khẩu khóa kho trong bản sao lưu, chỉ quản trị viên biết): trong ứng dụng nhập vào ô "Mật khẩu sao lưu"; dòng lệnh dùng --passphrase-env TÊN_BIẾN (biến môi trường chứa mật khẩu); tác vụ tự chạy lại sau khi khởi động đọc biến SOHOA_BACKUP_PASSPHRASE.',
  BACKUP_PASSPHRASE_WEAK: (p) => `Mật khẩu sao lưu phải dài ít nhất ${p.min} ký tự: ai có bản sao lưu đều có thể thử đoán mật khẩu.`,
  BACKUP_PASSPHRASE_WRONG: (p) => `${p.file}: mật khẩu sao lưu không mở được khóa của kho — sai mật khẩu, hoặc bản sao lưu không do người biết mật khẩu lập; không khôi phục.`,
  BACKUP_PASSPHRASE_MAC: (p) =>
    `${p.file}: manifest có chữ ký của kho nhưng không được lập bằng mật khẩu sao lưu này — khóa kho đã lộ và bản sao lưu bị giả, không khôi phục.`,
  BACKUP_KEYS_UNSEALED: (p) =>
    `${p.dir}: bản sao lưu định dạng cũ (2) chứa khóa của kho không mã hóa, nên ai đọc được nó đều có thể giả một bản như vậy; không khôi phục. Hãy sao lưu lại bằng phiên bản này (có mật khẩu sao lưu).`,
  LOCAL_PATH_REFUSED: () => 'Trình duyệt không được chỉ đường dẫn tệp trên máy; hãy chọn hoặc kéo thả tệp để tải lên.',
  PATH_IN_ARCHIVE: (p) => `${p.file}: tệp nằm trong thư mục dữ liệu của ứng dụng; không nhập được.`,
  UPLOAD_NOT_FOUND: () => 'Tệp tải lên không còn (quá một giờ hoặc đã dùng); hãy chọn lại tệp.',
  UPLOAD_QUOTA: (p) => `Đã vượt hạn mức tải lên (${p.limit} MB đang chờ xử lý); hãy nhập các tệp đã tải lên trước.`,
  TOKEN_MODULE_NOT_ALLOWED: (p) => `Thư viện PKCS#11 ${p.module} không có trong danh sách quản trị viên cho phép.`,
  TOKEN_MODULE_INVALID: (p) => `Không thêm được thư viện PKCS#11 ${p.module}: ${p.detail}.`,
  REGISTER_CODE_AMBIGUOUS: (p) =>
    `Mã hồ sơ ${p.dossier} có ở nhiều đơn vị (${p.units}); hãy gắn từ kết quả của đúng đơn vị trên trang Việc cần số hóa.`,
  // the records staff's work: saved views and bulk edits (electron/archive/bulk-edit.ts)
  VIEW_NAME_TAKEN: (p) => `Đã có bộ lọc đã lưu tên "${p.name}"; hãy chọn tên khác.`,
  BULK_OTHER_UNIT: (p) => `Hồ sơ #${p.id} không thuộc đơn vị của bạn; không sửa hàng loạt được, không hồ sơ nào đã chọn bị thay đổi.`,
  BULK_UNDO_REFUSED: (p) => `Không hoàn tác được lần sửa hàng loạt: hồ sơ #${p.id} ${p.reason}.`,
  TABLE_TOO_BIG: (p) => `${p.file}: bảng tính giải nén quá lớn (${p.detail}); hãy tách thành nhiều tệp nhỏ hơn.`,
  TABLE_TOO_MANY_ROWS: (p) => `${p.file}: bảng tính có ${Number(p.count).toLocaleString('vi-VN')} dòng, vượt giới hạn ${Number(p.limit).toLocaleString('vi-VN')} dòng; hãy tách thành nhiều tệp nhỏ hơn.`,
  TABLE_TOO_MANY_CELLS: (p) => `${p.file}: bảng tính có ${Number(p.count).toLocaleString('vi-VN')} ô, vượt giới hạn ${Number(p.limit).toLocaleString('vi-VN')} ô; hãy tách thành nhiều tệp nhỏ hơn.`,
  WORK_TIMEOUT: (p) => `${p.file}: xử lý quá ${p.seconds} giây nên đã dừng (tệp quá lớn hoặc quá phức tạp).`,
  WORK_OUT_OF_MEMORY: (p) => `${p.file}: xử lý cần hơn ${p.limit} MB bộ nhớ nên đã dừng (tệp quá lớn hoặc quá phức tạp).`,
  WORK_CANCELLED: (p) => `${p.file}: đã dừng xử lý.`,
  PDF_TOO_MANY_PAGES: (p) => `${p.file}: PDF có ${p.pages} trang, vượt giới hạn ${p.limit} trang; hãy tách tệp.`,
  PDF_TOO_COMPLEX: (p) => `${p.file}: cấu trúc PDF bất thường (${p.detail}); không nhập được.`,
  BAD_DATE: (p) => `${p.value}: ngày không có thật (cần dạng YYYY-MM-DD hợp lệ).`,
  // the province hub (electron/sync/): what went wrong, in words an office can act on
  HUB_NOT_ENROLLED: () => 'Máy này chưa đăng ký với máy chủ tỉnh; quản trị viên hãy đăng ký ở mục "Đồng bộ lên tỉnh".',
  HUB_UNREACHABLE: (p) => `Không kết nối được máy chủ tỉnh ${p.url} (${p.detail}); kiểm tra mạng. Máy sẽ tự gửi lại khi có mạng.`,
  HUB_CERT_CHANGED: (p) => `Chứng chỉ của máy chủ tỉnh ${p.url} có dấu vân tay ${p.found}, khác ${p.expected} đã ghim; không gửi gì. Hãy hỏi người quản trị máy chủ tỉnh (có thể bị giả mạo), rồi đăng ký lại nếu chứng chỉ đã được thay thật.`,
  HUB_REFUSED: (p) => `Máy chủ tỉnh từ chối ${p.request}: ${p.reason}`,
  HUB_BAD_ANSWER: (p) => `Máy chủ tỉnh trả lời ${p.request} không hợp lệ (${p.detail}).`,
  HUB_NO_UNIT: () => 'Chưa có đơn vị của máy (chưa thiết lập); không đăng ký được với máy chủ tỉnh.',
  // the reuse lookup through the desk's enrolment (electron/sync/lookup.ts)
  HUB_LOOKUP_OFFLINE: (p) => `Không kết nối được máy chủ tỉnh ${p.url} (${p.detail}) nên chưa tra cứu được; kiểm tra mạng rồi tra cứu lại.`,
  HUB_LOOKUP_EXACT: (p) => `Chưa tra cứu: ${p.reason}`,
  HUB_LOOKUP_RATE: (p) => `Bạn đã tra cứu quá nhiều lần trong thời gian ngắn: ${p.reason}`,
  DOC_CERTIFIED_LOCKED: (p) => `${p.file}: văn bản đã được chứng thực với mức DocMDP P=1 (không cho phép bất kỳ thay đổi nào, kể cả thêm chữ ký); không ký thêm được.`,
} satisfies Record<string, (p: Record<string, string | number>) => string>;

export type ErrorCode = keyof typeof MESSAGES;

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(MESSAGES[code](params));
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message, params: this.params };
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof CoreError) return e.toAppError();
  const detail = e instanceof Error ? e.message : String(e);
  return new CoreError('INTERNAL', { detail }).toAppError();
}
