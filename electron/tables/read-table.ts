// Reads a spreadsheet (CSV in the encodings Excel writes, or XLSX) into rows of strings.
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { CoreError } from '../errors';
import { checkTable, checkWorksheets, TABLE_LIMITS, type TableLimits } from './table-limits';
import { readZipEntries, storedZip, ZipLimitError } from './zip-limits';

export type Table = string[][];

/** Decodes CSV bytes: BOM first (UTF-8, UTF-16 LE/BE), then strict UTF-8, else Windows-1258 (Vietnamese Excel); always NFC. */
export function decodeText(bytes: Uint8Array): string {
  const text = decodeRaw(bytes);
  // normalising a large export costs seconds; only decomposed text needs it
  return /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
}

function decodeRaw(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes);
  }
}

/** RFC 4180 CSV with the delimiter guessed from the first line (comma, semicolon or tab). */
/** A quoted field starting at `i` (its opening quote): the text with doubled quotes undone, and where it ends. */
function quotedField(text: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return [out + text.slice(j), text.length];
    out += text.slice(j, q);
    if (text.charCodeAt(q + 1) !== 34) return [out, q + 1];
    out += '"';
    j = q + 2;
  }
}

export function parseCsv(text: string): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delim = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const D = delim.charCodeAt(0);
  const QUOTE = 34;
  const LF = 10;
  const CR = 13;
  const rows: Table = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  // slices whole fields rather than building them a character at a time: a 1,000,000-row export parses in about a second
  while (i <= n) {
    let cell: string;
    if (text.charCodeAt(i) === QUOTE) {
      [cell, i] = quotedField(text, i);
      // skip anything between the closing quote and the next delimiter
      while (i < n && text.charCodeAt(i) !== D && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === D || c === LF || c === CR) break;
        j++;
      }
      cell = text.slice(i, j);
      i = j;
    }
    row.push(cell);
    const c = text.charCodeAt(i);
    if (c === D) {
      i++;
      continue;
    }
    // end of line (or of text)
    if (c === CR && text.charCodeAt(i + 1) === LF) i += 2;
    else i++;
    // a line of nothing but delimiters and spaces is no row
    if (row.some((c) => c !== '' && c.trim() !== '')) rows.push(row);
    row = [];
  }
  return rows;
}

/** The parts of a workbook the reader parses; images and printer settings are never inflated. */
const workbookPart = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');

/**
 * The rows of a CSV or of an XLSX's first sheet. Heavy: callers on the core's thread use
 * readTableInWorker (electron/workers/table-work.ts), which runs this under time and memory limits.
 */
export async function readTable(fileName: string, bytes: Uint8Array, limits: TableLimits = TABLE_LIMITS): Promise<Table> {
  const file = path.basename(fileName);
  let table: Table;
  try {
    table = path.extname(fileName).toLowerCase() === '.xlsx' ? await readXlsx(file, bytes, limits) : parseCsv(decodeText(bytes));
  } catch (e) {
    if (e instanceof CoreError) throw e;
    if (e instanceof ZipLimitError && e.limit) throw new CoreError('TABLE_TOO_BIG', { file, detail: e.message });
    throw new CoreError('TABLE_UNREADABLE', { file, detail: e instanceof Error ? e.message : String(e) });
  }
  checkTable(file, table, limits);
  return table;
}

/** The first sheet: the parser reads only the entries inflated here under the ZIP limits, re-packed. */
async function readXlsx(file: string, bytes: Uint8Array, limits: TableLimits): Promise<Table> {
  const entries = readZipEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), workbookPart);
  checkWorksheets(file, entries, limits);
  const data = await readSheet(storedZip(entries));
  return data
    .map((r) => r.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c))))
    .filter((r) => r.some((c) => c.trim() !== ''));
}

/** Finds the header row (within the first 10) that names every required column; returns column indexes by key. */
export function locateColumns<K extends string>(
  table: Table,
  aliases: Record<K, string[]>,
  required: NoInfer<K>[],
): { headerRow: number; index: Record<K, number> } | null {
  const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
  for (let h = 0; h < Math.min(10, table.length); h++) {
    const header = table[h].map(norm);
    const index = {} as Record<K, number>;
    for (const key of Object.keys(aliases) as K[]) index[key] = header.findIndex((c) => aliases[key].map(norm).includes(c));
    if (required.every((k) => index[k] >= 0)) return { headerRow: h, index };
  }
  return null;
}
