// Writing CSV that spreadsheets open safely. A cell beginning with = + - @ (or a tab or
// carriage return) is run as a formula by Excel and LibreOffice, so text from imported
// names could call out to the network; such text gets a leading apostrophe. Plain
// numbers (a negative difference) stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (FORMULA_START.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as UTF-8 CSV with a BOM (so Excel reads Vietnamese), CRLF line ends. */
export function csvFile(rows: unknown[][]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n')]);
}
