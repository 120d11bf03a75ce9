// Strings of the signing page's long-term archive card (extending signed copies to PAdES B-LTA),
// kept apart from vi.ts/en.ts and merged into them at start-up like day.ts.
export const viExtend = {
  extend: {
    title: 'Lưu trữ dài hạn bản đã ký (PAdES B-LTA)',
    atSigning: 'Thêm dấu thời gian lưu trữ sau dữ liệu xác thực (PAdES B-LTA)',
    hint: 'Kết quả số hóa được lưu hàng chục năm, lâu hơn hạn của chứng thư ký số và của dấu thời gian. Gia hạn thêm vào mỗi bản đã ký dữ liệu kiểm tra (chứng thư, danh sách thu hồi) và một dấu thời gian lưu trữ mới, để sau này vẫn chứng minh được chữ ký. Bản cũ được giữ nguyên; bản có dấu thời gian cuối còn hạn lâu thì không cần gia hạn. Nên chạy định kỳ, ví dụ mỗi quý.',
    noTsa: 'Chưa cấu hình máy chủ dấu thời gian: quản trị viên đặt ở mục "Chứng thư tin cậy" trước khi gia hạn.',
    none: 'Đơn vị chưa có bản đã ký số nào.',
    start: 'Gia hạn {{count}} hồ sơ đã ký',
    running: 'Đang gia hạn: {{done}}/{{total}} hồ sơ',
    result: 'Kết quả gia hạn: {{total}} hồ sơ',
    done: 'Hoàn tất: đã gia hạn {{extended}}, chưa cần {{current}}, lỗi {{failed}}.',
    stopped: 'đã gia hạn {{extended}}, chưa cần {{current}}, lỗi {{failed}}; {{notDone}} hồ sơ chưa làm.',
    status: { signed: 'Đã gia hạn', duplicate: 'Chưa cần gia hạn', error: 'Lỗi', cancelled: 'Chưa làm', imported: 'Đã gia hạn' },
  },
  auditAction: { signing: { extend: 'Bắt đầu gia hạn các bản đã ký (B-LTA)' } },
  errors: {},
};

export const enExtend = {
  extend: {
    title: 'Long-term archive of signed copies (PAdES B-LTA)',
    atSigning: 'Add an archive timestamp after the validation data (PAdES B-LTA)',
    hint: 'Digitized results are kept for decades, longer than signing certificates and timestamps last. Extending adds validation data (certificates, revocation lists) and a new archive timestamp to each signed copy, so the signature can still be proven later. The old copy is kept; a copy whose last timestamp holds for long needs nothing. Run it regularly, e.g. every quarter.',
    noTsa: 'No timestamp server is set: an administrator sets it under "Trusted certificates" before extending.',
    none: 'The unit has no signed copy yet.',
    start: 'Extend {{count}} signed documents',
    running: 'Extending: {{done}}/{{total}} documents',
    result: 'Extension result: {{total}} documents',
    done: 'Finished: {{extended}} extended, {{current}} not due, {{failed}} failed.',
    stopped: '{{extended}} extended, {{current}} not due, {{failed}} failed; {{notDone}} documents not done.',
    status: { signed: 'Extended', duplicate: 'Not due', error: 'Error', cancelled: 'Not done', imported: 'Extended' },
  },
  auditAction: { signing: { extend: 'Started extending signed copies (B-LTA)' } },
  errors: {
    NOT_SIGNED: 'The document has no signed copy.',
    EXTEND_BUSY: 'Signed copies are already being extended (job #{{job}}); wait for it to finish.',
    EXTEND_CHANGED: 'The signed copy changed while it was being extended (a new signature); extend this document again.',
    EXTEND_NO_REVOCATION: 'certificate "{{name}}" names no place to check its revocation (CRL/OCSP): this copy has an archive timestamp but not enough long-term validation data (B-LT)',
  },
};
