// Query timings for the hub bench: the province and district dashboards (hubCoverageReport, as the
// staff API calls it), the reuse lookup by CCCD, percentiles, and the dashboard's plan.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { hubCoverageReport } from '../../hub/coverage/report';
import { rawFiguresQuery } from '../../hub/coverage/figures';
import type { Pool } from '../../hub/db/pool';
import { lookup } from '../../hub/reuse/lookup';
import { cccd, type BenchUnit } from './province';

/** Dates before the 2025 reform (districts still exist), spread over the year so the month and day buckets vary. */
export const AT = ['2025-06-28', '2024-12-30', '2025-03-15', '2024-09-30', '2025-05-31', '2025-04-16', '2024-07-15'];

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? NaN };
}

export const fmt = (s: Stats) => `p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`;
export const verdict = (value: number, goal: number) => `goal < ${goal} ms: ${value < goal ? 'MET' : 'NOT MET'}`;
export const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`;

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

export const districtsOf = (units: BenchUnit[]) => units.filter((u) => u.level === 'district');

export async function provinceDashboard(pool: Pool, k: number): Promise<number> {
  return (await timed(() => hubCoverageReport(pool, AT[k % AT.length], null)))[0];
}

export async function districtDashboard(pool: Pool, units: BenchUnit[], k: number): Promise<number> {
  const ds = districtsOf(units);
  return (await timed(() => hubCoverageReport(pool, AT[k % AT.length], ds[k % ds.length].id)))[0];
}

/** The hub's lookup function itself, each call as a different officer (the limit is 30 per officer in 10 minutes). */
export async function cccdLookup(pool: Pool, holders: number, k: number, run: string): Promise<number> {
  const person = (k * 7919) % holders;
  return (await timed(() => lookup(pool, { accountId: null, deskId: null, officer: `bench-${run}-${k}` }, { by: 'holderId', value: cccd(person), purpose: { dossierCode: 'BENCH-LOOKUP', note: 'bench' } })))[0];
}

/** Runs the three queries n times each, one after another, with no other load from this process. */
export async function idleFigures(pool: Pool, units: BenchUnit[], holders: number, n: number, run: string) {
  const prov: number[] = [];
  const dist: number[] = [];
  const look: number[] = [];
  await hubCoverageReport(pool, AT[0], null); // warm the unit list and plan cache
  for (let k = 0; k < n; k++) {
    prov.push(await provinceDashboard(pool, k));
    dist.push(await districtDashboard(pool, units, k));
    for (let j = 0; j < 3; j++) look.push(await cccdLookup(pool, holders, k * 3 + j, run));
  }
  return { province: stats(prov), district: stats(dist), lookup: stats(look) };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the dashboard's one SQL query (the rest is in-memory assembly). */
export async function explainDashboard(pool: Pool, at: string, unitIds: number[] | null = null): Promise<string> {
  const q = rawFiguresQuery(at, unitIds);
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
