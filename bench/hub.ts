// npm run bench:hub — the province hub at scale on PostgreSQL: a generated province (200 units,
// 20 M register rows, 4 M documents) loaded with COPY in steps of 1 M / 5 M / 20 M rows, the
// dashboards and the CCCD lookup timed at each step (how cost grows), then 200 desks pushing
// 10,000 rows and 500 documents with PDFs each over HTTPS to one hub process while the queries
// are timed again, a kill -9 of the hub in the middle, and the checks that nothing was lost or
// applied twice. Smaller runs: --rows 1000000 --desks 20 (see --help).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEnrolmentCode } from '../hub/ingest/enrolment';
import { dropBenchDatabase, freshBenchDatabase } from './hub/database';
import { agent, BenchDesk } from './hub/desk-client';
import { freePort, HubProcess } from './hub/hub-process';
import { loadStep, type LoadFigures } from './hub/load';
import { districtDashboard, explainDashboard, fmt, idleFigures, load, provinceDashboard, stats, timed, verdict, type Stats } from './hub/measure';
import { cccd, pickUnits, type BenchUnit } from './hub/province';
import { newProgress, pushDesk, rateBetween, type PushProgress } from './hub/push';
import { verifyPush } from './hub/verify';

const { values: o } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000000' },
    docs: { type: 'string' },
    units: { type: 'string', default: '200' },
    desks: { type: 'string', default: '200' },
    'desk-rows': { type: 'string', default: '10000' },
    'desk-docs': { type: 'string', default: '500' },
    batch: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '20' },
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/sohoa_hub_bench' },
    'no-kill': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (o.help) {
  console.log('npm run bench:hub -- [--rows 20000000] [--docs rows/5] [--units 200] [--desks 200] [--desk-rows 10000] [--desk-docs 500] [--batch 1000] [--samples 20] [--database URL] [--no-kill] [--keep]');
  process.exit(0);
}
const ROWS = Number(o.rows);
const DOCS = Number(o.docs ?? Math.round(ROWS / 5));
const HOLDERS = Math.max(1, Math.floor(ROWS / 2));
const GOAL = { province: 300, district: 100, lookup: 50, ingest: 5000 };
const log = (s: string) => console.log(s);

log(`Hub bench — ${new Date().toISOString()}, node ${process.version}, ${os.cpus()[0]?.model ?? '?'}, ${load()} (other agents share this machine)`);
log(`Province: ${o.units} units, ${ROWS.toLocaleString('en')} register rows, ${DOCS.toLocaleString('en')} documents; ${o.desks} desks × ${o['desk-rows']} rows + ${o['desk-docs']} documents, batches of ${o.batch}`);
const pool = await freshBenchDatabase(o.database!);
const units = await pickUnits(pool, Number(o.units));
const byLevel = (l: string) => units.filter((u) => u.level === l).length;
log(`Units: ${byLevel('province')} province, ${byLevel('district')} districts, ${byLevel('commune')} communes (${units.filter((u) => u.validFrom).length} of them from 1/7/2025) of the built-in catalogue\n`);

// 1. Bulk load in steps, with the query figures at each step
const steps = [...new Set([1_000_000, 5_000_000, 20_000_000].filter((s) => s < ROWS).concat(ROWS))];
const growth: { rows: number; load: LoadFigures; province: Stats; district: Stats; lookup: Stats }[] = [];
let loaded = 0;
for (const step of steps) {
  log(`Loading to ${step.toLocaleString('en')} rows (${load()})`);
  const docsTo = Math.round((DOCS * step) / ROWS);
  const f = await loadStep(pool, units, loaded, step, Math.round((DOCS * loaded) / ROWS), docsTo, HOLDERS, log);
  loaded = step;
  const q = await idleFigures(pool, units, HOLDERS, Number(o.samples), `s${step}`);
  log(`    province dashboard ${fmt(q.province)}; district ${fmt(q.district)}; CCCD lookup ${fmt(q.lookup)}`);
  growth.push({ rows: step, load: f, ...q });
}
const copySeconds = growth.reduce((s, g) => s + g.load.copySeconds, 0);
const allSeconds = growth.reduce((s, g) => s + g.load.copySeconds + g.load.indexSeconds + g.load.deltaSeconds, 0);
log(`\nBulk load: ${(ROWS + DOCS).toLocaleString('en')} rows by COPY in ${copySeconds.toFixed(0)} s (${Math.round((ROWS + DOCS) / copySeconds).toLocaleString('en')} rows/s); with indexes, key checks and rebuildDeltas ${allSeconds.toFixed(0)} s in all`);
log('\nHow cost grows with rows (queries measured with no push running):');
log('  rows        delta rows   rebuildDeltas   province p50/p95    district p50/p95    lookup p50/p95');
for (const g of growth)
  log(`  ${g.rows.toLocaleString('en').padEnd(11)} ${g.load.deltaRows.toLocaleString('en').padEnd(12)} ${`${g.load.deltaSeconds.toFixed(0)} s`.padEnd(15)} ${`${g.province.p50.toFixed(0)}/${g.province.p95.toFixed(0)} ms`.padEnd(19)} ${`${g.district.p50.toFixed(0)}/${g.district.p95.toFixed(0)} ms`.padEnd(19)} ${g.lookup.p50.toFixed(0)}/${g.lookup.p95.toFixed(0)} ms`);
const [first, last] = [growth[0], growth[growth.length - 1]];
if (growth.length > 1)
  log(`  ×${(last.rows / first.rows).toFixed(0)} rows → province p50 ×${(last.province.p50 / first.province.p50).toFixed(2)}, district p50 ×${(last.district.p50 / first.district.p50).toFixed(2)}, lookup p50 ×${(last.lookup.p50 / first.lookup.p50).toFixed(2)}, delta rows ×${(last.load.deltaRows / first.load.deltaRows).toFixed(2)}`);
log(`\nEXPLAIN ANALYZE of the dashboard's query at ${ROWS.toLocaleString('en')} rows (at 2025-06-28, whole province):\n${(await explainDashboard(pool, '2025-06-28')).replace(/^/gm, '  ')}\n`);

// 2. The sync path under load, with the queries timed meanwhile and a kill -9
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-hub-bench-'));
const hub = new HubProcess(await freePort(), o.database!, dataDir);
await hub.start();
const desks: BenchDesk[] = [];
for (let i = 0; i < Number(o.desks); i++) {
  const unit: BenchUnit = units[i % units.length];
  const desk = new BenchDesk(() => hub.url, i, unit, units, Number(o['desk-rows']), Number(o['desk-docs']), HOLDERS);
  await desk.enrol((await createEnrolmentCode(pool, unit.id, null, 2)).code);
  desks.push(desk);
}
const totalRows = desks.reduce((s, d) => s + d.rows, 0);
log(`Push: ${desks.length} desks enrolled with one-time codes; hub pid ${hub.pid} at ${hub.url}; ${totalRows.toLocaleString('en')} register rows to send (${load()})`);

const p: PushProgress = newProgress();
const under = { province: [] as number[], district: [] as number[], lookup: [] as number[], lookupFailed: 0 };
let pushing = true;
const sampler = (async () => {
  for (let k = 0; pushing; k++) {
    under.province.push(await provinceDashboard(pool, k));
    under.district.push(await districtDashboard(pool, units, k));
    for (let j = 0; j < 3 && pushing; j++) {
      const body = { by: 'holderId', value: cccd((k * 3 + j) * 7919 % HOLDERS), purpose: { dossierCode: 'BENCH-LOOKUP', note: 'bench' }, officer: { username: `o${k}-${j}`, fullName: 'Cán bộ bench' } };
      const [ms, r] = await timed(() => desks[0].send('POST', '/api/desk/lookup', body).catch(() => null));
      if (r?.body?.ok) under.lookup.push(ms);
      else under.lookupFailed++;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
})();
const killAt = o['no-kill'] ? Infinity : totalRows * 0.4;
let killed: { at: number; restartMs: number; acked: number } | null = null;
const killer = (async () => {
  while (pushing && p.registerAcked < killAt) await new Promise((r) => setTimeout(r, 100));
  if (!pushing) return;
  const at = performance.now() - p.start;
  const acked = p.registerAcked;
  await hub.kill9();
  const t = performance.now();
  await hub.start();
  killed = { at, acked, restartMs: performance.now() - t };
  log(`  kill -9 of the hub at ${(at / 1000).toFixed(1)} s (${acked.toLocaleString('en')} rows acknowledged); restarted in ${(killed.restartMs / 1000).toFixed(1)} s, pid ${hub.pid}`);
})();
const progress = setInterval(() => log(`  … ${(((performance.now() - p.start) / 1000) | 0)} s: ${p.registerAcked.toLocaleString('en')} rows, ${p.docsAcked.toLocaleString('en')} documents, ${p.blobsUploaded.toLocaleString('en')} PDFs acknowledged (${load()})`), 30_000);
await Promise.all(desks.map((d) => pushDesk(d, Number(o.batch), p)));
const pushSeconds = (performance.now() - p.start) / 1000;
pushing = false;
clearInterval(progress);
await Promise.all([sampler, killer]);

const overall = totalRows / pushSeconds;
const k = killed as { at: number; restartMs: number; acked: number } | null;
const beforeKill = k ? rateBetween(p, 0, k.at) : NaN;
const afterRestart = k ? rateBetween(p, k.at + k.restartMs, pushSeconds * 1000) : NaN;
log(`\nIngest: ${totalRows.toLocaleString('en')} register rows + ${p.docsAcked.toLocaleString('en')} documents (${p.blobsUploaded.toLocaleString('en')} PDFs by the chunk route) from ${desks.length} desks in ${pushSeconds.toFixed(1)} s over real HTTPS with signed requests, one hub process`);
log(`  ${Math.round(overall).toLocaleString('en')} register rows/s overall${k ? ` (kill -9 and restart included), ${Math.round(beforeKill).toLocaleString('en')} rows/s before the kill, ${Math.round(afterRestart).toLocaleString('en')} after the restart` : ''} — goal ≥ ${GOAL.ingest.toLocaleString('en')}: ${overall >= GOAL.ingest ? 'MET' : 'NOT MET'}; ${p.batches} batches, ${p.retries} retries`);
const [pu, du, lu] = [stats(under.province), stats(under.district), stats(under.lookup)];
log(`While the desks pushed (${ROWS.toLocaleString('en')}+ rows):`);
log(`  province dashboard ${fmt(pu)} — ${verdict(pu.p95, GOAL.province)}`);
log(`  district dashboard ${fmt(du)} — ${verdict(du.p95, GOAL.district)}`);
log(`  CCCD lookup over HTTPS (desk route, a new officer each call; the hub's lookup with its audit row) ${fmt(lu)} — ${verdict(lu.p95, GOAL.lookup)}${under.lookupFailed ? `; ${under.lookupFailed} failed while the hub was down` : ''}`);

log('\nChecks after the push' + (k ? ' with the kill -9:' : ':'));
const checks = await verifyPush(pool, desks, ROWS);
for (const c of checks) log(`  ${c.ok ? 'OK  ' : 'FAIL'} ${c.name}: ${c.detail}`);
log(`\nDone (${load()}).`);

await hub.stop();
agent.destroy();
await pool.end();
if (!o.keep) await dropBenchDatabase(o.database!);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(checks.every((c) => c.ok) ? 0 : 1);
