// Strings of the province hub's screens (the renderer in hub mode), kept apart from vi.ts/en.ts
// and merged into them at start-up like day.ts. errors.* are English only: the hub words its
// refusals in Vietnamese itself.
export const viHub = {
  hub: {
    nav: { coverage: 'Tiến độ số hóa toàn tỉnh', lookup: 'Tra cứu kết quả đã số hóa', desks: 'Máy trạm', accounts: 'Tài khoản', hubAudit: 'Kiểm tra nhật ký' },
    roles: { hub_admin: 'Quản trị máy chủ tỉnh', province_head: 'Lãnh đạo tỉnh', district_head: 'Lãnh đạo huyện', records_staff: 'Cán bộ một cửa / văn thư' },
    lookup: {
      title: 'Tra cứu kết quả đã số hóa trong toàn tỉnh',
      hint: 'Tìm kết quả giải quyết TTHC đã được số hóa ở bất kỳ đơn vị nào trong tỉnh để không yêu cầu công dân nộp lại giấy tờ. Chỉ tra theo đúng một mã; mỗi lần tra cứu được ghi nhật ký cùng hồ sơ đang giải quyết.',
      by: 'Tra theo', byHolderId: 'Số CCCD / CMND', byDossierCode: 'Mã hồ sơ', byResultNumber: 'Số kết quả',
      value: 'Giá trị cần tra', purposeDossier: 'Mã hồ sơ đang giải quyết (bắt buộc)', purposeShort: 'Nhập đủ mã hồ sơ đang giải quyết (ít nhất 5 ký tự).', note: 'Ghi chú mục đích',
      notePlaceholder: 'Ví dụ: đăng ký kết hôn, cần giấy khai sinh', submit: 'Tra cứu',
      none: 'Không tìm thấy kết quả nào khớp đúng "{{value}}". Hãy kiểm tra lại mã (phải nhập đủ, không dùng ký tự đại diện).',
      found: 'Tìm thấy {{count}} kết quả.', wildcard: 'Chỉ tra cứu theo đúng một mã: không dùng ký tự đại diện (%, *, ?, _).',
      rate: 'Bạn đã tra cứu quá nhiều lần trong thời gian ngắn: {{reason}}',
      unit: 'Đơn vị', procedure: 'Thủ tục', result: 'Kết quả', number: 'Số', issuedOn: 'Ngày cấp', validUntil: 'Hiệu lực đến', holder: 'Người được cấp',
      revoked: 'Đã thu hồi {{date}}', download: 'Tải bản sao có chữ ký', noCopy: 'Chưa có bản ký số', copyNote: 'Chỉ tải được trong 1 giờ sau lần tra cứu này.',
    },
    desks: {
      title: 'Máy trạm đã đăng ký', name: 'Tên máy', unit: 'Đơn vị', enrolledAt: 'Đăng ký lúc', lastSeen: 'Lần cuối gửi', acked: 'Đã nhận đến số', fingerprint: 'Dấu vân tay khóa',
      never: 'Chưa gửi', revoked: 'Đã thu hồi', revoke: 'Thu hồi', revokeConfirm: 'Thu hồi máy trạm này? Máy sẽ không gửi được số liệu nữa cho đến khi đăng ký lại bằng mã mới; số liệu đã gửi được giữ nguyên.', newCode: 'Tạo mã đăng ký', pickUnit: 'Đơn vị của máy trạm', validHours: 'Hiệu lực (giờ)', create: 'Tạo mã',
      codeTitle: 'Mã đăng ký một lần', codeHint: 'Nhập ở máy trạm: Đồng bộ lên tỉnh → Đăng ký. Mã chỉ hiện một lần và dùng được một lần.',
      code: 'Mã', expiresAt: 'Hết hạn', hubAddress: 'Địa chỉ máy chủ tỉnh', hubFingerprint: 'Dấu vân tay chứng thư TLS của máy chủ tỉnh',
    },
    accounts: {
      title: 'Tài khoản máy chủ tỉnh', add: 'Thêm tài khoản', username: 'Tên đăng nhập', fullName: 'Họ và tên', role: 'Vai trò', unit: 'Đơn vị',
      password: 'Mật khẩu (ít nhất 8 ký tự)', noUnit: '(cả tỉnh)', save: 'Lưu', saved: 'Đã tạo tài khoản {{username}}.', usernameRule: 'Chữ thường không dấu, số, dấu chấm, gạch; 3–32 ký tự.',
    },
    audit: {
      title: 'Kiểm tra chuỗi nhật ký của máy chủ tỉnh', hint: 'Mỗi dòng nhật ký (đăng nhập, tra cứu, tải bản sao, đăng ký máy trạm, nhận số liệu) được nối với dòng trước bằng mã băm; sửa hay xóa một dòng làm đứt chuỗi.',
      verify: 'Kiểm tra', intact: 'Chuỗi nhật ký nguyên vẹn: {{rows}} dòng.', broken: 'Chuỗi nhật ký bị đứt tại dòng {{at}} (trên tổng {{rows}} dòng).',
    },
    live: 'Số liệu tự cập nhật khi máy trạm gửi lên',
  },
};

export const enHub: typeof viHub & { errors: Record<string, string> } = {
  hub: {
    nav: { coverage: 'Province digitization progress', lookup: 'Look up digitized results', desks: 'Desks', accounts: 'Accounts', hubAudit: 'Audit check' },
    roles: { hub_admin: 'Hub administrator', province_head: 'Province leader', district_head: 'District leader', records_staff: 'One-stop / records officer' },
    lookup: {
      title: 'Look up results digitized anywhere in the province',
      hint: 'Find a result already digitized by any unit of the province, so the citizen is not asked for the paper again. Exact identifiers only; every lookup is logged with the dossier being handled.',
      by: 'Look up by', byHolderId: 'Citizen ID number', byDossierCode: 'Dossier code', byResultNumber: 'Result number',
      value: 'Value to look up', purposeDossier: 'Dossier being handled (required)', purposeShort: 'Enter the complete code of the dossier being handled (at least 5 characters).', note: 'Purpose note',
      notePlaceholder: 'E.g. marriage registration, birth certificate needed', submit: 'Look up',
      none: 'No result matches "{{value}}" exactly. Check the identifier (complete, no wildcards).',
      found: 'Found {{count}} result(s).', wildcard: 'Look up one exact identifier: wildcards (%, *, ?, _) are not allowed.',
      rate: 'Too many lookups in a short time: {{reason}}',
      unit: 'Unit', procedure: 'Procedure', result: 'Result', number: 'Number', issuedOn: 'Issued on', validUntil: 'Valid until', holder: 'Holder',
      revoked: 'Revoked on {{date}}', download: 'Download the signed copy', noCopy: 'No signed copy yet', copyNote: 'Downloads work for 1 hour after this lookup.',
    },
    desks: {
      title: 'Enrolled desks', name: 'Desk name', unit: 'Unit', enrolledAt: 'Enrolled', lastSeen: 'Last sent', acked: 'Acknowledged up to', fingerprint: 'Key fingerprint',
      never: 'Never', revoked: 'Revoked', revoke: 'Revoke', revokeConfirm: 'Revoke this desk? It can send nothing more until it enrols again with a new code; what it sent is kept.', newCode: 'Create an enrolment code', pickUnit: "Desk's unit", validHours: 'Valid for (hours)', create: 'Create code',
      codeTitle: 'One-time enrolment code', codeHint: 'Enter it on the desk: Sync to province → Enrol. The code is shown once and works once.',
      code: 'Code', expiresAt: 'Expires', hubAddress: "Hub's address", hubFingerprint: "Fingerprint of the hub's TLS certificate",
    },
    accounts: {
      title: 'Hub accounts', add: 'Add an account', username: 'Username', fullName: 'Full name', role: 'Role', unit: 'Unit',
      password: 'Password (at least 8 characters)', noUnit: '(whole province)', save: 'Save', saved: 'Account {{username}} created.', usernameRule: 'Lower-case letters without accents, digits, dot, dash; 3 to 32 characters.',
    },
    audit: {
      title: "Check the hub's audit chain", hint: 'Each audit row (sign-in, lookup, download, desk enrolment, figures received) is chained to the previous one by a hash; editing or deleting a row breaks the chain.',
      verify: 'Check', intact: 'The audit chain is intact: {{rows}} rows.', broken: 'The audit chain is broken at row {{at}} (of {{rows}} rows).',
    },
    live: 'Figures update as desks send them',
  },
  errors: {
    LOOKUP_EXACT: 'Look up one exact identifier: no wildcards, a citizen ID of 12 digits (9 for the old ID card), a complete dossier code or result number.',
    LOOKUP_RATE: 'Too many lookups in 10 minutes; try again later.',
    LOOKUP_EXPIRED: 'Only a copy found by a lookup of the last hour can be downloaded; look it up again.',
    HUB_DB_UNAVAILABLE: "The province hub cannot reach its database at the moment; try again later.",
    HUB_INTERNAL: 'The province hub failed to handle the request.',
    HTTP: 'The server answered with error {{status}}.',
  },
};
