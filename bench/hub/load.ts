// Bulk load of the generated province in steps (1 M, 5 M, 20 M rows): COPY into the register and
// documents with the two lookup indexes and the unit foreign keys dropped and re-made after (the usual bulk-load order;
// they are the same indexes as schema v1), then the hub's own rebuildDeltas and ANALYZE.
import { performance } from 'node:perf_hooks';
import { rebuildDeltas } from '../../hub/coverage/deltas';
import type { Pool } from '../../hub/db/pool';
import { copyFrom } from './copy';
import { DOCUMENT_COPY, documentCopy, REGISTER_COPY, registerCopy, type BenchUnit } from './province';

export interface LoadFigures {
  rows: number;
  docs: number;
  copySeconds: number;
  indexSeconds: number;
  deltaSeconds: number;
  deltaRows: number;
}

const LOOKUP_INDEXES = [
  ['register_holder_id', 'CREATE INDEX register_holder_id ON register(holder_id) WHERE holder_id IS NOT NULL'],
  ['register_result_number', 'CREATE INDEX register_result_number ON register(result_number) WHERE result_number IS NOT NULL'],
];

const FOREIGN_KEYS = [
  ['register', 'register_unit_id_fkey'],
  ['documents', 'documents_unit_id_fkey'],
];

/** Loads rows [rowsFrom, rowsTo) and documents [docsFrom, docsTo), then rebuilds the deltas over everything. */
export async function loadStep(pool: Pool, units: BenchUnit[], rowsFrom: number, rowsTo: number, docsFrom: number, docsTo: number, holders: number, log: (s: string) => void): Promise<LoadFigures> {
  const c = await pool.connect();
  try {
    // a bulk session: more memory for sorts and index builds than the hub's own queries get
    await c.query("SET maintenance_work_mem = '512MB'");
    await c.query("SET work_mem = '256MB'");
    for (const [name] of LOOKUP_INDEXES) await c.query(`DROP INDEX IF EXISTS ${name}`);
    // the unit foreign keys are checked by a trigger per row; re-adding them checks all rows in one join
    for (const [table, name] of FOREIGN_KEYS) await c.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`);
    let t = performance.now();
    const copied = await copyFrom(c, REGISTER_COPY, () => registerCopy(units, rowsFrom, rowsTo, holders));
    const docs = await copyFrom(c, DOCUMENT_COPY, () => documentCopy(units, docsFrom, docsTo));
    const copySeconds = (performance.now() - t) / 1000;
    log(`    COPY ${copied.toLocaleString('en')} register rows + ${docs.toLocaleString('en')} documents: ${copySeconds.toFixed(1)} s (${Math.round((copied + docs) / copySeconds).toLocaleString('en')} rows/s)`);
    t = performance.now();
    for (const [, sql] of LOOKUP_INDEXES) await c.query(sql);
    for (const [table, name] of FOREIGN_KEYS) await c.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (unit_id) REFERENCES units(id)`);
    await c.query('ANALYZE register');
    await c.query('ANALYZE documents');
    const indexSeconds = (performance.now() - t) / 1000;
    log(`    lookup indexes rebuilt, unit keys checked, tables analysed: ${indexSeconds.toFixed(1)} s`);
    t = performance.now();
    await c.query('BEGIN');
    await rebuildDeltas(c);
    await c.query('COMMIT');
    await c.query('ANALYZE coverage_deltas');
    const deltaSeconds = (performance.now() - t) / 1000;
    const deltaRows = (await c.query<{ n: number }>('SELECT count(*) n FROM coverage_deltas')).rows[0].n;
    log(`    rebuildDeltas over ${rowsTo.toLocaleString('en')} rows: ${deltaSeconds.toFixed(1)} s → ${deltaRows.toLocaleString('en')} delta rows`);
    return { rows: copied, docs, copySeconds, indexSeconds, deltaSeconds, deltaRows };
  } finally {
    c.release();
  }
}
