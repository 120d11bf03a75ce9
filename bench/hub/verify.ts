// After the push with a kill -9 in the middle: every desk's acknowledged sequence is in the
// database exactly once (its register rows and documents equal its acknowledged items, no
// dossier code twice, every signed copy complete), and the deltas the batches built equal a
// fresh rebuildDeltas (the whole table, and the province report at several dates).
import { performance } from 'node:perf_hooks';
import { rebuildDeltas } from '../../hub/coverage/deltas';
import { hubCoverageReport } from '../../hub/coverage/report';
import { tx, type Pool } from '../../hub/db/pool';
import type { BenchDesk } from './desk-client';
import { AT } from './measure';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export async function verifyPush(pool: Pool, desks: BenchDesk[], bulkRows: number): Promise<Check[]> {
  const checks: Check[] = [];
  const ids = desks.map((d) => d.deskId);
  const acked = new Map((await pool.query<{ id: string; acked: number }>('SELECT id, acked FROM desks WHERE id = ANY($1)', [ids])).rows.map((r) => [r.id, r.acked]));
  const reg = new Map((await pool.query<{ desk_id: string; n: number }>('SELECT desk_id, count(*) n FROM register WHERE desk_id = ANY($1) GROUP BY 1', [ids])).rows.map((r) => [r.desk_id, r.n]));
  const docs = new Map((await pool.query<{ desk_id: string; n: number }>('SELECT desk_id, count(*) n FROM documents WHERE desk_id = ANY($1) GROUP BY 1', [ids])).rows.map((r) => [r.desk_id, r.n]));
  const wrong = desks.filter((d) => {
    const a = acked.get(d.deskId) ?? 0;
    return a !== d.total || (reg.get(d.deskId) ?? 0) !== d.registerUpTo(a) || (docs.get(d.deskId) ?? 0) !== d.docsUpTo(a);
  });
  checks.push({
    name: 'each desk: acked = all its items, register rows = acked register items, documents = acked documents',
    ok: wrong.length === 0,
    detail: wrong.length ? `${wrong.length} desks differ, e.g. desk ${wrong[0].n}: acked ${acked.get(wrong[0].deskId)}, rows ${reg.get(wrong[0].deskId)}, docs ${docs.get(wrong[0].deskId)}` : `${desks.length} desks`,
  });
  const dup = (await pool.query<{ n: number }>('SELECT count(*) n FROM (SELECT dossier_code, unit_id FROM register GROUP BY 1, 2 HAVING count(*) > 1) x')).rows[0].n;
  const total = (await pool.query<{ n: number }>('SELECT count(*) n FROM register')).rows[0].n;
  const expected = bulkRows + desks.reduce((s, d) => s + d.rows, 0);
  checks.push({ name: 'no dossier code twice in a unit; register = bulk + pushed rows', ok: dup === 0 && total === expected, detail: `${dup} duplicated codes, ${total.toLocaleString('en')} rows (expected ${expected.toLocaleString('en')})` });
  const blobs = (await pool.query<{ n: number; done: number }>('SELECT count(*) n, count(*) FILTER (WHERE b.complete) done FROM documents d LEFT JOIN blobs b ON b.sha256 = d.signed_sha256 WHERE d.desk_id = ANY($1)', [ids])).rows[0];
  checks.push({ name: 'every pushed document has its signed PDF complete on the hub', ok: blobs.n === blobs.done, detail: `${blobs.done}/${blobs.n}` });
  checks.push(...(await verifyDeltas(pool)));
  return checks;
}

async function verifyDeltas(pool: Pool): Promise<Check[]> {
  const nonzero = 'SELECT grain, bucket, unit_id, holder_unit_id, procedure_code, dv, dd, hv, hd FROM coverage_deltas WHERE dv <> 0 OR dd <> 0 OR hv <> 0 OR hd <> 0';
  const dates = [...AT, '2026-03-31', '2025-07-15'];
  const before = await Promise.all(dates.map((at) => hubCoverageReport(pool, at, null)));
  await pool.query('DROP TABLE IF EXISTS bench_deltas_incremental');
  await pool.query(`CREATE TABLE bench_deltas_incremental AS ${nonzero}`);
  const t = performance.now();
  await tx(pool, async (c) => {
    await c.query("SET LOCAL work_mem = '256MB'");
    await rebuildDeltas(c);
  });
  const seconds = (performance.now() - t) / 1000;
  const after = await Promise.all(dates.map((at) => hubCoverageReport(pool, at, null)));
  const diff = (await pool.query<{ a: number; b: number }>(
    `SELECT (SELECT count(*) FROM (SELECT * FROM bench_deltas_incremental EXCEPT ALL ${nonzero}) x) a, (SELECT count(*) FROM (${nonzero} EXCEPT ALL SELECT * FROM bench_deltas_incremental) y) b`,
  )).rows[0];
  await pool.query('DROP TABLE bench_deltas_incremental');
  const sameReports = dates.filter((_, i) => JSON.stringify(before[i]) !== JSON.stringify(after[i]));
  return [
    { name: 'coverage_deltas built by the batches = a fresh rebuildDeltas (every non-zero cell)', ok: diff.a === 0 && diff.b === 0, detail: `${diff.a} cells only before, ${diff.b} only after; rebuild took ${seconds.toFixed(1)} s` },
    { name: `province report before = after the rebuild at ${dates.length} dates`, ok: sameReports.length === 0, detail: sameReports.length ? `differs at ${sameReports.join(', ')}` : dates.join(', ') },
  ];
}
