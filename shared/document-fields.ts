// What a tagged document carries (shared by the core and the screens): the field names in
// review order, and the document types of Decree 30/2020 App. III with their abbreviations.
export const FIELD_NAMES = [
  'agency',
  'number',
  'date',
  'place',
  'type',
  'subject',
  'signer',
  'signerPosition',
  'recipients',
  'dossierCode',
  'procedureCode',
  'holderName',
  'holderId',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Decree 30 App. III abbreviations and the names they stand for. */
export const DOCUMENT_TYPES: [string, string][] = [
  ['NQ', 'Nghị quyết'],
  ['QĐ', 'Quyết định'],
  ['CT', 'Chỉ thị'],
  ['QC', 'Quy chế'],
  ['QyĐ', 'Quy định'],
  ['TC', 'Thông cáo'],
  ['TB', 'Thông báo'],
  ['HD', 'Hướng dẫn'],
  ['CTr', 'Chương trình'],
  ['KH', 'Kế hoạch'],
  ['PA', 'Phương án'],
  ['ĐA', 'Đề án'],
  ['DA', 'Dự án'],
  ['BC', 'Báo cáo'],
  ['BB', 'Biên bản'],
  ['TTr', 'Tờ trình'],
  ['HĐ', 'Hợp đồng'],
  ['CĐ', 'Công điện'],
  ['BGN', 'Bản ghi nhớ'],
  ['BTT', 'Bản thỏa thuận'],
  ['GUQ', 'Giấy ủy quyền'],
  ['GM', 'Giấy mời'],
  ['GGT', 'Giấy giới thiệu'],
  ['GNP', 'Giấy nghỉ phép'],
  ['PG', 'Phiếu gửi'],
  ['PC', 'Phiếu chuyển'],
  ['PB', 'Phiếu báo'],
];
/** A công văn has no abbreviation: "Số: 1147/UBND-VP". */
export const CONG_VAN = 'Công văn';
