// Spreadsheets as the core's handlers read them: parsed in a guarded worker thread (the ZIP
// under its inflation cap, rows and cells capped, time and memory limited), never on the
// thread that answers requests.
import path from 'node:path';
import { unpackTable } from '../tables/packed-table';
import type { Table } from '../tables/read-table';
import { runGuarded, WORK_LIMITS } from './guarded-run';

/** The whole table (an import needs every row). */
export async function readTableInWorker(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<Table> {
  return unpackTable(await runGuarded('readTable', { limits: WORK_LIMITS.table, file: path.basename(fileName), signal }, fileName, bytes));
}

/** The row count and the first `rows` rows (a preview needs no more). */
export function tableHeadInWorker(fileName: string, bytes: Uint8Array, rows: number, signal?: AbortSignal): Promise<{ rows: number; head: Table }> {
  return runGuarded('tableHead', { limits: WORK_LIMITS.table, file: path.basename(fileName), signal }, fileName, bytes, rows);
}
