// Strings of the officer's-day screens (date pickers, catalogue validity, audit wording,
// worklists…), kept apart from vi.ts/en.ts and merged into them key by key at start-up.
export const viDay = {
  register: { unitName: 'Tên đơn vị (tìm theo tên, không cần dấu)' },
  units: { loadDemo: 'Nạp danh mục Thanh Hóa (trước và sau 1/7/2025)' },
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
    validity: 'Hiệu lực', signProgress: 'Đã ký {{done}}/{{total}} hồ sơ', signatureN: 'Chữ ký {{n}}', selectRow: 'Chọn hồ sơ {{title}}',
    openDoc: 'Mở hồ sơ #{{id}}',
    importedFrom: 'Nhập từ ngày', importedTo: 'đến ngày', issuedFrom: 'Ban hành từ ngày', issuedTo: 'đến ngày',
  },
};

export const enDay: typeof viDay = {
  register: { unitName: 'Unit name (found by name, accents optional)' },
  units: { loadDemo: 'Load the Thanh Hóa catalogue (before and after 1/7/2025)' },
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
    validity: 'Validity', signProgress: 'Signed {{done}}/{{total}} documents', signatureN: 'Signature {{n}}', selectRow: 'Select document {{title}}',
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
