// How large a table the app reads: a register or catalogue export stays far below a million
// rows, while a crafted sheet of tiny rows can take a minute and gigabytes to parse. Worksheets
// are counted in their XML before parsing (a fast byte search), every table again after.
import { CoreError } from '../errors';

export const TABLE_LIMITS = { maxRows: 1_000_000, maxCells: 20_000_000 };
export type TableLimits = typeof TABLE_LIMITS;

/** Elements `<tag>` or `<tag ...>` in the XML (not `<tagSomething>`). */
function countTags(xml: Buffer, tag: string): number {
  const open = Buffer.from(`<${tag}`);
  let n = 0;
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + open.length)) {
    const next = xml[i + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

/** Throws the Vietnamese error naming the file and the limit when rows or cells pass it. */
export function checkTableSize(file: string, rows: number, cells: number, limits: TableLimits = TABLE_LIMITS): void {
  if (rows > limits.maxRows) throw new CoreError('TABLE_TOO_MANY_ROWS', { file, count: rows, limit: limits.maxRows });
  if (cells > limits.maxCells) throw new CoreError('TABLE_TOO_MANY_CELLS', { file, count: cells, limit: limits.maxCells });
}

/** Holds each worksheet of an unpacked workbook to the limits before the parser sees it. */
export function checkWorksheets(file: string, entries: Map<string, Buffer>, limits: TableLimits = TABLE_LIMITS): void {
  for (const [name, xml] of entries) if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) checkTableSize(file, countTags(xml, 'row'), countTags(xml, 'c'), limits);
}

/** Holds a parsed table to the limits. */
export function checkTable(file: string, table: string[][], limits: TableLimits = TABLE_LIMITS): void {
  let cells = 0;
  for (const r of table) cells += r.length;
  checkTableSize(file, table.length, cells, limits);
}
