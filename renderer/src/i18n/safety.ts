// Strings of the way back (trash, undo, confirmations) and of restore and the daily backup,
// kept apart from vi.ts/en.ts and merged into them at start-up like day.ts.
export const viSafety = {
  trash: {
    open: 'Thùng rác', title: 'Thùng rác (hồ sơ đã xóa)', hint: 'Hồ sơ đã xóa được giữ {{days}} ngày: cán bộ của đơn vị khôi phục được trong thời gian đó; sau đó hệ thống tự xóa hẳn. Quản trị viên có thể làm trống thùng rác.',
    empty: 'Thùng rác trống.', restore: 'Khôi phục', restored: 'Đã khôi phục {{count}} hồ sơ.', emptyAll: 'Làm trống thùng rác',
    confirmEmpty: 'Xóa hẳn {{count}} hồ sơ trong thùng rác? Không thể hoàn tác.', emptied: 'Đã xóa hẳn {{count}} hồ sơ.',
    deletedAt: 'Ngày xóa', deletedBy: 'Người xóa', expiresAt: 'Tự xóa hẳn lúc',
    move: 'Xóa hồ sơ', confirmMove: 'Chuyển hồ sơ này vào Thùng rác? Có thể khôi phục trong 30 ngày.', moved: 'Đã chuyển hồ sơ vào Thùng rác.',
  },
  undo: {
    button: 'Hoàn tác', offer: 'Vừa {{op}} lúc {{at}}.', done: 'Đã hoàn tác: {{op}}.',
    op: { merge: 'gộp hồ sơ', split: 'tách hồ sơ', delete: 'xóa trang', reorder: 'chuyển trang', rotate: 'xoay trang' },
  },
  confirm: {
    split: 'Tách hồ sơ thành hai từ trang {{n}}? Có thể hoàn tác ngay sau đó.', merge: 'Gộp {{count}} hồ sơ đã chọn thành một (vào hồ sơ đầu tiên)? Có thể hoàn tác trong hồ sơ đã gộp.',
    ok: 'Đồng ý', cancel: 'Hủy',
  },
  restore: {
    title: 'Khôi phục từ bản sao lưu', hint: 'Kiểm tra chữ ký, khóa kho và mọi mã băm như lệnh "sohoa restore", rồi khôi phục vào một thư mục kho MỚI (kho đang dùng không bị thay đổi). Sau đó khởi động ứng dụng với thư mục đó.',
    dir: 'Thư mục bản sao lưu', target: 'Thư mục kho mới (trống)', fingerprint: 'Dấu vân tay khóa kho (ghi lại lúc sao lưu)', passphrase: 'Mật khẩu sao lưu',
    start: 'Kiểm tra và khôi phục', confirmKey: 'Bản sao lưu được ký bằng khóa có dấu vân tay dưới đây. Hãy đối chiếu với dấu vân tay đã ghi lại khi sao lưu, rồi gõ lại vào ô "Dấu vân tay".',
    done: 'Đã khôi phục {{files}} tệp vào {{dir}}: {{documents}} hồ sơ, {{signatures}} bản ký, nhật ký {{audit}} dòng (bản sao lưu lúc {{when}}). Khóa kho {{key}}.',
  },
  schedule: {
    title: 'Sao lưu tự động hằng ngày', hint: 'Mỗi ngày ứng dụng tự sao lưu vào một thư mục con mới (sohoa-NămThángNgày-GiờPhútGiây) trong thư mục đã chọn và chỉ giữ lại số bản mới nhất đã chọn. Mật khẩu sao lưu chỉ được giữ trong bộ nhớ: sau khi khởi động lại cần nhập lại (hoặc đặt biến SOHOA_BACKUP_PASSPHRASE).',
    dir: 'Thư mục chứa các bản sao lưu', keep: 'Giữ', keepUnit: 'bản gần nhất', save: 'Bật sao lưu hằng ngày', off: 'Tắt', on: 'Đang bật: {{dir}}, giữ {{keep}} bản.', saved: 'Đã lưu lịch sao lưu; bản đầu tiên đang chạy.',
  },
  backupAge: {
    ok: 'Sao lưu gần nhất: {{age}} trước ({{when}}).', old: 'Đã {{age}} chưa sao lưu (lần gần nhất {{when}}). Hãy sao lưu hoặc bật sao lưu hằng ngày.',
    never: 'Kho chưa được sao lưu lần nào. Hãy sao lưu hoặc bật sao lưu hằng ngày ở mục "Sao lưu và kiểm tra".', failed: 'Lần sao lưu gần nhất bị lỗi: {{error}}',
    passphrase: 'Sao lưu hằng ngày đang chờ mật khẩu sao lưu (ứng dụng vừa khởi động lại): hãy nhập lại ở mục "Sao lưu và kiểm tra".', open: 'Mở Sao lưu và kiểm tra',
    hours: '{{count}} giờ', days: '{{count}} ngày',
  },
};

export const enSafety = {
  trash: {
    open: 'Trash', title: 'Trash (deleted documents)', hint: 'Deleted documents are kept for {{days}} days: the unit\'s staff can restore them until then; afterwards they are removed for good. An administrator can empty the trash.',
    empty: 'The trash is empty.', restore: 'Restore', restored: '{{count}} document(s) restored.', emptyAll: 'Empty the trash',
    confirmEmpty: 'Delete {{count}} document(s) in the trash for good? This cannot be undone.', emptied: '{{count}} document(s) deleted for good.',
    deletedAt: 'Deleted on', deletedBy: 'Deleted by', expiresAt: 'Removed for good on',
    move: 'Delete document', confirmMove: 'Move this document to the Trash? It can be restored for 30 days.', moved: 'The document is in the Trash.',
  },
  undo: {
    button: 'Undo', offer: 'Just now: {{op}} at {{at}}.', done: 'Undone: {{op}}.',
    op: { merge: 'documents merged', split: 'document split', delete: 'page deleted', reorder: 'page moved', rotate: 'page turned' },
  },
  confirm: {
    split: 'Split the document in two at page {{n}}? You can undo it right after.', merge: 'Merge the {{count}} selected documents into one (the first)? You can undo it in the merged document.',
    ok: 'OK', cancel: 'Cancel',
  },
  restore: {
    title: 'Restore from a backup', hint: 'Checks the signature, the archive key and every hash as "sohoa restore" does, then restores into a NEW archive folder (the archive in use is not changed). Then start the app with that folder.',
    dir: 'Backup folder', target: 'New (empty) archive folder', fingerprint: 'Archive key fingerprint (noted at backup time)', passphrase: 'Backup passphrase',
    start: 'Check and restore', confirmKey: 'The backup is signed with the key whose fingerprint is below. Compare it with the fingerprint noted at backup time, then type it into the "Fingerprint" box.',
    done: 'Restored {{files}} files into {{dir}}: {{documents}} documents, {{signatures}} signed copies, {{audit}} audit rows (backup of {{when}}). Archive key {{key}}.',
  },
  schedule: {
    title: 'Daily automatic backup', hint: 'Every day the app backs up into a new subfolder (sohoa-YearMonthDay-HourMinuteSecond) of the chosen folder and keeps only the chosen number of newest backups. The backup passphrase is kept in memory only: after a restart, type it again (or set SOHOA_BACKUP_PASSPHRASE).',
    dir: 'Folder holding the backups', keep: 'Keep', keepUnit: 'newest', save: 'Turn on daily backup', off: 'Turn off', on: 'On: {{dir}}, keeping {{keep}}.', saved: 'Schedule saved; the first backup is running.',
  },
  backupAge: {
    ok: 'Last backup: {{age}} ago ({{when}}).', old: 'No backup for {{age}} (last one {{when}}). Back up now or turn on the daily backup.',
    never: 'The archive has never been backed up. Back up or turn on the daily backup under "Backup and checks".', failed: 'The last backup failed: {{error}}',
    passphrase: 'The daily backup is waiting for the backup passphrase (the app restarted): type it again under "Backup and checks".', open: 'Open Backup and checks',
    hours: '{{count}} h', days: '{{count}} days',
  },
  errors: {
    TRASH_SIGNED: 'Document #{{id}} is signed: a signed copy is an archived record and cannot be deleted.',
    TRASH_LINKED: 'Document #{{id}} is linked to a register result; unlink it before deleting.',
    RESTORE_INSIDE_ARCHIVE: '{{dir}}: cannot restore into the archive in use or a folder inside it; choose a new folder.',
  },
};
