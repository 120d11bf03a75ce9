// The columns of a results register export, found by their usual Vietnamese or English
// names (ignoring case and accents), or by a mapping the user chose.
import { foldVietnamese } from '../archive/text';
import type { Table } from '../tables/read-table';

export const REGISTER_FIELDS = {
  dossierCode: ['Mã hồ sơ', 'Số hồ sơ', 'Mã số hồ sơ', 'Mã HS', 'Dossier code', 'Dossier', 'dossier_code'],
  procedureCode: ['Mã TTHC', 'Mã thủ tục', 'Mã thủ tục hành chính', 'Procedure code', 'procedure_code'],
  procedureName: ['Tên TTHC', 'Tên thủ tục', 'Tên thủ tục hành chính', 'Thủ tục hành chính', 'Thủ tục', 'Procedure name', 'Procedure', 'procedure_name'],
  unitCode: ['Mã đơn vị', 'Mã cơ quan', 'Mã đơn vị hành chính', 'Mã ĐVHC', 'Unit code', 'unit_code'],
  holderName: ['Người được cấp', 'Chủ hồ sơ', 'Tên người nộp', 'Người nộp hồ sơ', 'Họ tên người nộp', 'Họ và tên người nộp', 'Người nộp', 'Họ tên người được cấp', 'Họ tên chủ hồ sơ', 'Họ và tên', 'Họ tên', 'Tên tổ chức, cá nhân', 'Holder name', 'Holder', 'holder_name'],
  holderId: ['Số CCCD', 'CCCD', 'Số định danh', 'Số định danh cá nhân', 'Mã định danh', 'Số CMND/CCCD', 'Số CMND', 'Số giấy tờ tùy thân', 'Holder ID', 'ID number', 'holder_id'],
  holderUnitCode: ['Mã xã thường trú', 'Mã xã của người được cấp', 'Holder commune code', 'holder_unit_code'],
  resultName: ['Tên kết quả', 'Kết quả', 'Tên giấy tờ', 'Loại kết quả', 'Tên giấy phép', 'Result name', 'Result', 'result_name'],
  resultNumber: ['Số kết quả', 'Số ký hiệu', 'Số giấy phép', 'Số quyết định', 'Số văn bản', 'Số giấy chứng nhận', 'Số hiệu', 'Result number', 'result_number'],
  issuedOn: ['Ngày cấp', 'Ngày ban hành', 'Ngày trả kết quả', 'Ngày cấp kết quả', 'Ngày ký', 'Ngày quyết định', 'Issued on', 'Issue date', 'issued_on'],
  validUntil: [
    'Hiệu lực đến', 'Ngày hết hiệu lực', 'Có giá trị đến', 'Có hiệu lực đến', 'Ngày hết hạn', 'Hạn sử dụng', 'Hết hạn', 'Hạn hiệu lực', 'Giá trị đến',
    'Valid until', 'Expiry date', 'Expires', 'valid_until',
  ],
  revokedOn: ['Ngày thu hồi', 'Ngày hủy', 'Ngày hủy bỏ', 'Revoked on', 'Revocation date', 'revoked_on'],
  // the unit by its name, when the export has no unit code column
  unitName: ['Tên đơn vị', 'Đơn vị', 'Đơn vị cấp', 'Cơ quan cấp', 'Cơ quan giải quyết', 'Đơn vị giải quyết', 'Unit name', 'Unit', 'unit_name'],
} as const;
export type RegisterField = keyof typeof REGISTER_FIELDS;
export const REGISTER_FIELD_NAMES = Object.keys(REGISTER_FIELDS) as RegisterField[];

/** Column index per field (-1 when absent). */
export type ColumnMap = Record<RegisterField, number>;

/** Guesses the mapping from a header row by the usual names, ignoring case and accents. */
export function guessMapping(header: string[]): ColumnMap {
  const folded = header.map(foldVietnamese);
  const map = {} as ColumnMap;
  for (const f of REGISTER_FIELD_NAMES) map[f] = folded.findIndex((h) => REGISTER_FIELDS[f].some((a) => foldVietnamese(a) === h));
  return map;
}

/** The row (within the first ten) that names the dossier code and issue date columns. */
export function findHeaderRow(table: Table): number {
  for (let i = 0; i < Math.min(10, table.length); i++) {
    const m = guessMapping(table[i]);
    if (m.dossierCode >= 0 && m.issuedOn >= 0) return i;
  }
  return -1;
}
