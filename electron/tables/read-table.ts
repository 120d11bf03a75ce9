// Reads a spreadsheet (CSV in the encodings Excel writes, or XLSX) into rows of strings.
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { CoreError } from '../errors';

export type Table = string[][];

/** Decodes CSV bytes: BOM first (UTF-8, UTF-16 LE/BE), then strict UTF-8, else Windows-1258 (Vietnamese Excel); always NFC. */
export function decodeText(bytes: Uint8Array): string {
  return decodeRaw(bytes).normalize('NFC');
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
export function parseCsv(text: string): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delim = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const rows: Table = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delim) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const ext = path.extname(fileName).toLowerCase();
  try {
    if (ext === '.xlsx') {
      const data = await readSheet(Buffer.from(bytes));
      return data
        .map((r) => r.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c))))
        .filter((r) => r.some((c) => c.trim() !== ''));
    }
    return parseCsv(decodeText(bytes));
  } catch (e) {
    throw new CoreError('TABLE_UNREADABLE', { file: path.basename(fileName), detail: e instanceof Error ? e.message : String(e) });
  }
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
