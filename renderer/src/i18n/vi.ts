// Vietnamese is the product's language; English (en.ts) mirrors these keys.
export const vi = {
  app: { name: 'Số hóa Desk', tagline: 'Số hóa kết quả giải quyết thủ tục hành chính' },
  common: {
    save: 'Lưu', cancel: 'Hủy', close: 'Đóng', edit: 'Sửa', add: 'Thêm', search: 'Tìm kiếm', loading: 'Đang tải…',
    yes: 'Có', no: 'Không', actions: 'Thao tác', all: 'Tất cả', back: 'Quay lại', retry: 'Thử lại', none: '—',
    language: 'Ngôn ngữ', required: 'Bắt buộc', saved: 'Đã lưu', seconds: '{{count}} giây', minutes: '{{count}} phút',
  },
  roles: { records_staff: 'Cán bộ một cửa / văn thư', signing_officer: 'Người ký số', unit_head: 'Lãnh đạo đơn vị', admin: 'Quản trị viên' },
  levels: { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' },
  status: { imported: 'Đã nhập', digitized: 'Đã số hóa', signed: 'Đã ký số' },
  nav: { documents: 'Kho hồ sơ', import: 'Nhập tệp quét', units: 'Đơn vị hành chính', users: 'Tài khoản', audit: 'Nhật ký thao tác' },
  header: { signOut: 'Đăng xuất', changePassword: 'Đổi mật khẩu', unit: 'Đơn vị' },
  signIn: {
    title: 'Đăng nhập', username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập',
    hint: 'Dùng tài khoản do quản trị viên cấp.',
  },
  setup: {
    title: 'Thiết lập lần đầu', intro: 'Chọn đơn vị sử dụng phần mềm và tạo tài khoản quản trị. Bước này chỉ làm một lần.',
    stepUnit: 'Đơn vị', stepAdmin: 'Quản trị viên', useDemo: 'Chọn từ danh mục mẫu tỉnh Thanh Hóa',
    useOwn: 'Nhập đơn vị của tôi', demoUnit: 'Đơn vị', demoUnitHint: 'Danh mục mẫu gồm tỉnh Thanh Hóa, 15 huyện và các xã của huyện Như Xuân (mã của Tổng cục Thống kê).',
    code: 'Mã đơn vị', name: 'Tên đơn vị', level: 'Cấp', fullName: 'Họ và tên', passwordAgain: 'Nhập lại mật khẩu',
    passwordMismatch: 'Hai mật khẩu không khớp', passwordRule: 'Ít nhất 8 ký tự', usernameRule: 'Chữ thường không dấu, số, dấu chấm, gạch; 3–32 ký tự',
    next: 'Tiếp tục', finish: 'Hoàn tất và đăng nhập',
  },
  documents: {
    title: 'Kho hồ sơ', searchPlaceholder: 'Tìm theo tên tệp, tiêu đề (không cần dấu)…', unit: 'Đơn vị', status: 'Trạng thái',
    dateRange: 'Ngày nhập', columns: { title: 'Tiêu đề', pages: 'Số trang', unit: 'Đơn vị', createdBy: 'Người nhập', createdAt: 'Ngày nhập', size: 'Dung lượng' },
    total: '{{count}} hồ sơ', empty: 'Chưa có hồ sơ nào. Hãy nhập tệp quét.', emptyFiltered: 'Không có hồ sơ khớp bộ lọc.',
    unassigned: 'Chưa gán đơn vị', open: 'Mở',
  },
  viewer: {
    page: 'Trang {{n}}/{{total}}', prev: 'Trang trước (←)', next: 'Trang sau (→)', info: 'Thông tin', file: 'Tệp gốc',
    sha256: 'Mã băm SHA-256', kind: 'Loại', size: 'Kích thước trang', dpi: 'Độ phân giải', colour: 'Màu', colourYes: 'Ảnh màu',
    colourNo: 'Đen trắng / xám', dpiUnknown: 'không rõ', pdfError: 'Không hiển thị được trang PDF này.', zoomIn: 'Phóng to', zoomOut: 'Thu nhỏ',
    keyboard: 'Phím tắt: ← → chuyển trang, Esc đóng',
  },
  import: {
    title: 'Nhập tệp quét', drop: 'Kéo thả tệp hoặc thư mục vào đây', dropHint: 'JPEG, PNG, TIFF (nhiều trang), PDF. Mỗi tệp thành một hồ sơ.',
    pickFiles: 'Chọn tệp…', pickFolder: 'Chọn thư mục…', queue: 'Tệp chờ nhập ({{count}})', clear: 'Bỏ hết', start: 'Nhập vào kho',
    unit: 'Nhập cho đơn vị', uploading: 'Đang gửi tệp {{done}}/{{total}}…', progress: '{{done}}/{{total}} tệp', eta: 'Còn khoảng {{eta}}',
    current: 'Đang xử lý: {{file}}', cancel: 'Dừng', cancelled: 'Đã dừng theo yêu cầu.', done: 'Hoàn tất: nhập {{imported}}, trùng {{duplicates}}, lỗi {{failed}}.',
    result: { imported: 'Đã nhập', duplicate: 'Đã có trong kho', error: 'Lỗi', cancelled: 'Đã dừng' },
    colFile: 'Tệp', colResult: 'Kết quả', colDetail: 'Chi tiết', openDoc: 'Mở hồ sơ #{{id}}', pages: '{{count}} trang',
    unsupportedSkipped: '{{count}} tệp không được hỗ trợ vẫn được đưa vào để báo lỗi cụ thể.',
  },
  units: {
    title: 'Đơn vị hành chính', add: 'Thêm đơn vị', edit: 'Sửa đơn vị', importCatalogue: 'Nhập danh mục (CSV/XLSX)', loadDemo: 'Nạp danh mục mẫu Thanh Hóa',
    code: 'Mã', name: 'Tên', level: 'Cấp', kind: 'Loại', parent: 'Trực thuộc', validFrom: 'Hiệu lực từ', validTo: 'Hiệu lực đến',
    report: 'Thêm mới {{created}}, cập nhật {{updated}}, không đổi {{unchanged}}, lỗi {{errors}}.', rowErrors: 'Các dòng lỗi',
    row: 'Dòng', problem: 'Vấn đề', importHint: 'Mẫu của Tổng cục Thống kê: Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp.',
    validFromImport: 'Ngày hiệu lực của danh mục (không bắt buộc)', current: 'Còn hiệu lực', ended: 'Hết hiệu lực',
  },
  users: {
    title: 'Tài khoản', add: 'Thêm tài khoản', edit: 'Sửa tài khoản', username: 'Tên đăng nhập', fullName: 'Họ và tên', role: 'Vai trò',
    unit: 'Đơn vị', active: 'Đang hoạt động', inactive: 'Đã khóa', locked: 'Tạm khóa đến {{time}}', password: 'Mật khẩu',
    newPassword: 'Đặt lại mật khẩu (để trống nếu không đổi)', unlock: 'Mở khóa đăng nhập', state: 'Trạng thái',
  },
  account: { current: 'Mật khẩu hiện tại', next: 'Mật khẩu mới', changed: 'Đã đổi mật khẩu.' },
  audit: { title: 'Nhật ký thao tác', at: 'Thời điểm', user: 'Người thực hiện', action: 'Thao tác', object: 'Đối tượng', details: 'Chi tiết', cli: 'Dòng lệnh (CLI)' },
  errors: {} as Record<string, string>,
};
export type Dict = typeof vi;
