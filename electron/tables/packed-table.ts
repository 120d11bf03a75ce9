// A table as it crosses from a worker thread: every cell in one string, with each cell's and
// each row's length. Cloned cell by cell, a 500,000-row register cost the receiving thread
// seconds (five million strings rebuilt); one string and two arrays of lengths are copied
// whole, and the cells are cut from the string again.
import type { Table } from './read-table';

export interface PackedTable {
  text: string;
  /** the length of each cell, row after row */
  cells: Int32Array;
  /** the number of cells of each row */
  rows: Int32Array;
}

export function packTable(table: Table): PackedTable {
  const rows = new Int32Array(table.length);
  let n = 0;
  for (let i = 0; i < table.length; i++) n += rows[i] = table[i].length;
  const cells = new Int32Array(n);
  const parts: string[] = new Array(n);
  let k = 0;
  for (const row of table)
    for (const cell of row) {
      cells[k] = cell.length;
      parts[k++] = cell;
    }
  return { text: parts.join(''), cells, rows };
}

export function unpackTable({ text, cells, rows }: PackedTable): Table {
  const table: Table = new Array(rows.length);
  let at = 0;
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const row: string[] = new Array(rows[i]);
    for (let j = 0; j < row.length; j++) {
      const end = at + cells[k++];
      row[j] = text.slice(at, end);
      at = end;
    }
    table[i] = row;
  }
  return table;
}
