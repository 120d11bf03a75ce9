// Strings of the desk's "Đồng bộ lên tỉnh" screen (the sync to the province hub), kept apart
// from vi.ts/en.ts and merged into them at start-up like day.ts.
export const viSync = {
  sync: {
    hint: 'Máy này gửi sổ theo dõi kết quả, hồ sơ đã số hóa (trạng thái, liên kết sổ, các trường đã được duyệt, bản ký số), danh mục đơn vị bên dưới và chỉ tiêu lên máy chủ tỉnh. Mỗi thay đổi được xếp hàng ngay khi lưu và gửi nền mỗi khi có thay đổi mới (chậm nhất mỗi phút); mất mạng thì tự gửi bù khi có mạng lại.',
    statusTitle: 'Máy chủ tỉnh', hub: 'Địa chỉ', fingerprint: 'Dấu vân tay chứng chỉ đã ghim (SHA-256)', unit: 'Đơn vị của máy',
    lastSync: 'Lần gửi thành công gần nhất', never: 'Chưa gửi lần nào', waiting: 'Đang chờ gửi', waitingValue: '{{count}} thay đổi (máy chủ đã xác nhận tới #{{acked}})',
    pushNow: 'Gửi ngay', pushed: 'Đã gửi {{sent}} mục và {{blobs}} bản ký số; máy chủ xác nhận tới #{{acked}}.',
    phase: { items: 'Đang gửi thay đổi: {{done}}/{{total}}', blobs: 'Đang tải bản ký số: {{done}}/{{total}}' },
    lastError: 'Lỗi lần gửi gần nhất ({{when}})',
    enrolTitle: 'Đăng ký với máy chủ tỉnh', reenrolTitle: 'Đăng ký lại', reenrol: 'Đăng ký lại',
    reenrolHint: 'Chỉ đăng ký lại khi máy chủ tỉnh đổi địa chỉ hoặc chứng chỉ, hoặc thu hồi máy này: cần mã đăng ký mới, và toàn bộ dữ liệu sẽ được gửi lại từ đầu.',
    url: 'Địa chỉ máy chủ tỉnh (https://)', httpsOnly: 'Chỉ nhận địa chỉ bắt đầu bằng https://',
    code: 'Mã đăng ký một lần', codeHint: 'Mã do quản trị máy chủ tỉnh cấp cho đơn vị này',
    fingerprintGiven: 'Dấu vân tay chứng chỉ (không bắt buộc, nên có)',
    fingerprintHint: 'Do quản trị máy chủ tỉnh đọc cho qua điện thoại hoặc văn bản. Nếu nhập, máy từ chối máy chủ có chứng chỉ khác trước khi gửi mã; nếu để trống, máy ghim chứng chỉ gặp lần đầu (hãy đối chiếu dấu vân tay hiện ra sau đó).',
    enrol: 'Đăng ký',
  },
};

export const enSync = {
  sync: {
    hint: 'This desk sends the results register, digitized documents (status, register link, reviewed fields, signed copies), the units below it and the targets to the province hub. Each change is queued as it is saved and sent in the background whenever something changes (at least every minute); after a network outage it catches up by itself.',
    statusTitle: 'Province hub', hub: 'Address', fingerprint: 'Pinned certificate fingerprint (SHA-256)', unit: 'This desk\'s unit',
    lastSync: 'Last successful sync', never: 'Never', waiting: 'Waiting to be sent', waitingValue: '{{count}} changes (the hub acknowledged up to #{{acked}})',
    pushNow: 'Send now', pushed: 'Sent {{sent}} items and {{blobs}} signed copies; the hub acknowledged up to #{{acked}}.',
    phase: { items: 'Sending changes: {{done}}/{{total}}', blobs: 'Uploading signed copies: {{done}}/{{total}}' },
    lastError: 'Last sync error ({{when}})',
    enrolTitle: 'Enrol with the province hub', reenrolTitle: 'Enrol again', reenrol: 'Enrol again',
    reenrolHint: 'Enrol again only when the hub changes its address or certificate, or revoked this desk: it needs a new code, and everything is sent again from the start.',
    url: 'Province hub address (https://)', httpsOnly: 'Only addresses starting with https://',
    code: 'One-time enrolment code', codeHint: 'The code the hub administrator issued for this unit',
    fingerprintGiven: 'Certificate fingerprint (optional, recommended)',
    fingerprintHint: 'Read out by the hub administrator by phone or in writing. If given, the desk refuses a hub with another certificate before sending the code; if empty, it pins the certificate it meets first (compare the fingerprint shown afterwards).',
    enrol: 'Enrol',
  },
};
