// Strings of the records staff's work: the worklist "Việc cần số hóa", the register's filters
// and saved views, bulk edits of documents; merged into vi.ts/en.ts at start-up like day.ts.
export const viWork = {
  nav: { work: 'Việc cần số hóa' },
  work: {
    title: 'Việc cần số hóa', hint: 'Các kết quả còn hiệu lực của đơn vị chưa được số hóa, theo thủ tục, cũ nhất trước. Bấm "Nhập hoặc gắn tệp" ở một dòng để nhập bản quét của kết quả đó hoặc gắn một hồ sơ đã có trong kho.',
    at: 'Đến ngày', total: '{{count}} kết quả cần số hóa', procedure: 'Thủ tục', allProcedures: 'Tất cả thủ tục', noProcedure: '(chưa rõ thủ tục)',
    group: '{{name}} — {{count}} kết quả, cũ nhất {{oldest}}', export: 'Xuất danh sách (CSV)', empty: 'Không còn kết quả nào cần số hóa.', truncated: 'Chỉ hiện 5.000 kết quả đầu tiên.',
    start: 'Nhập hoặc gắn tệp', review: 'Soát xét hồ sơ #{{id}}', pending: 'Đã gắn tệp, chờ soát xét',
    linkTitle: 'Số hóa kết quả {{code}}', scanTab: 'Nhập bản quét', existingTab: 'Gắn hồ sơ đã có trong kho',
    scanHint: 'Chọn tệp quét (JPEG, PNG, TIFF, PDF) của kết quả này: tệp được nhập, nhận dạng chữ và gắn với mã hồ sơ; sau đó soát xét và chấp nhận để tính là đã số hóa.',
    pick: 'Chọn tệp quét…', importing: 'Đang nhập {{file}}…', imported: 'Đã nhập và gắn hồ sơ #{{id}} với {{code}}.', importFailed: 'Không nhập được: {{error}}',
    search: 'Tìm hồ sơ chưa số hóa theo tên, số, nội dung…', link: 'Gắn', linked: 'Đã gắn hồ sơ #{{id}} với {{code}}.', noDocuments: 'Không có hồ sơ chưa số hóa nào khớp.',
  },
  views: {
    saved: 'Bộ lọc đã lưu', save: 'Lưu bộ lọc', name: 'Tên bộ lọc', saveTitle: 'Lưu bộ lọc hiện tại', manage: 'Quản lý bộ lọc', rename: 'Đổi tên', delete: 'Xóa',
    confirmDelete: 'Xóa bộ lọc "{{name}}"?', savedOk: 'Đã lưu bộ lọc "{{name}}".', deleted: 'Đã xóa bộ lọc.', none: 'Chưa có bộ lọc nào được lưu.',
  },
  registerFilter: {
    digitized: 'Tình trạng số hóa', notDigitized: 'Chưa số hóa', digitizedYes: 'Đã số hóa', linked: 'Tệp', notLinked: 'Chưa gắn tệp', linkedYes: 'Đã gắn tệp',
    procedure: 'Thủ tục', issued: 'Ngày cấp', issuedFrom: 'Cấp từ ngày', issuedTo: 'đến ngày', clear: 'Bỏ lọc', total: '{{count}} kết quả',
  },
  bulk: {
    button: 'Sửa hàng loạt {{count}} hồ sơ', title: 'Sửa hàng loạt {{count}} hồ sơ', hint: 'Mọi thay đổi được áp dụng cùng lúc cho tất cả hồ sơ đã chọn, hoặc không hồ sơ nào nếu có lỗi. Có thể hoàn tác ngay sau đó.',
    setType: 'Đổi loại văn bản thành', setProcedure: 'Đổi thủ tục thành', setLinks: 'Gắn với kết quả trong sổ theo dõi (theo mã hồ sơ)', clearValue: '(để trống)',
    dossier: 'Mã hồ sơ', digitized: 'Đánh dấu các hồ sơ được gắn là đã số hóa', apply: 'Áp dụng', done: 'Đã sửa {{changed}}/{{count}} hồ sơ.',
    last: 'Vừa sửa hàng loạt {{count}} hồ sơ lúc {{at}}.', undo: 'Hoàn tác', undone: 'Đã hoàn tác lần sửa hàng loạt ({{count}} hồ sơ).',
  },
  auditAction: { documents: { bulkEdit: 'Sửa hàng loạt hồ sơ', bulkUndo: 'Hoàn tác sửa hàng loạt' } },
};

export const enWork = {
  nav: { work: 'To digitize' },
  work: {
    title: 'To digitize', hint: "The unit's valid results not yet digitized, by procedure, oldest first. Click \"Import or link a file\" on a row to import that result's scan or link a document already in the archive.",
    at: 'On', total: '{{count}} results to digitize', procedure: 'Procedure', allProcedures: 'All procedures', noProcedure: '(procedure unknown)',
    group: '{{name}} — {{count}} results, oldest {{oldest}}', export: 'Export the list (CSV)', empty: 'No result is left to digitize.', truncated: 'Only the first 5,000 results are shown.',
    start: 'Import or link a file', review: 'Review document #{{id}}', pending: 'File linked, waiting for review',
    linkTitle: 'Digitize result {{code}}', scanTab: 'Import the scan', existingTab: 'Link a document already archived',
    scanHint: "Pick this result's scan (JPEG, PNG, TIFF, PDF): it is imported, read and linked to the dossier code; then review and accept it for it to count as digitized.",
    pick: 'Pick the scan…', importing: 'Importing {{file}}…', imported: 'Imported and linked document #{{id}} to {{code}}.', importFailed: 'Not imported: {{error}}',
    search: 'Find a document not yet digitized by title, number, text…', link: 'Link', linked: 'Linked document #{{id}} to {{code}}.', noDocuments: 'No document not yet digitized matches.',
  },
  views: {
    saved: 'Saved views', save: 'Save view', name: 'View name', saveTitle: 'Save the current filters', manage: 'Manage views', rename: 'Rename', delete: 'Delete',
    confirmDelete: 'Delete the view "{{name}}"?', savedOk: 'View "{{name}}" saved.', deleted: 'View deleted.', none: 'No saved view yet.',
  },
  registerFilter: {
    digitized: 'Digitized', notDigitized: 'Not digitized', digitizedYes: 'Digitized', linked: 'File', notLinked: 'No file linked', linkedYes: 'File linked',
    procedure: 'Procedure', issued: 'Issued', issuedFrom: 'Issued from', issuedTo: 'to', clear: 'Clear filters', total: '{{count}} results',
  },
  bulk: {
    button: 'Edit {{count}} documents at once', title: 'Edit {{count}} documents at once', hint: 'Every change applies to all the selected documents together, or to none if one fails. You can undo it right after.',
    setType: 'Set the document type to', setProcedure: 'Set the procedure to', setLinks: 'Link to results in the register (by dossier code)', clearValue: '(empty)',
    dossier: 'Dossier code', digitized: 'Mark the linked documents as digitized', apply: 'Apply', done: '{{changed}}/{{count}} documents changed.',
    last: 'Just now: {{count}} documents edited at once at {{at}}.', undo: 'Undo', undone: 'Bulk edit undone ({{count}} documents).',
  },
  auditAction: { documents: { bulkEdit: 'Edited documents at once', bulkUndo: 'Undid a bulk edit' } },
  errors: {
    VIEW_NAME_TAKEN: 'A saved view is already named "{{name}}"; choose another name.',
    BULK_OTHER_UNIT: 'Document #{{id}} is not in your unit; the bulk edit was refused and none of the selected documents changed.',
    BULK_UNDO_REFUSED: 'The bulk edit cannot be undone: document #{{id}} {{reason}}.',
  },
};
