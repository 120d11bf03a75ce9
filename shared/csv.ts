// Writing CSV that spreadsheets open safely, for the core's exports and the screens' alike.
// A cell beginning with = + - @ (or a tab or carriage return) is run as a formula by Excel
// and LibreOffice, so text from imported names could call out to the network; such text
// gets a leading apostrophe. Plain numbers (a negative difference) stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (FORMULA_START.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text with a BOM (so Excel reads Vietnamese) and CRLF line ends. */
export function csvText(rows: unknown[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
