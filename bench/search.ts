// npm run bench:search — query latency over archived documents with OCR-like Vietnamese text,
// at 100,000 and 1,000,000 documents (BENCH_SIZES=100000,1000000; BENCH_DOCS=n for one
// size): p50/p95 of a search as the archive screen runs it (filter, rank, count, snippets for
// one page of results), per kind of query, with the peak RSS and the load average, and the
// 1 M / 100 k ratio so the growth shows. Goal: p95 < 50 ms at 1 M. Each size runs in a
// process of its own so its peak RSS is its own. BENCH_CACHE=dir keeps the built archives
// there and reuses them (the text is seeded: the same archive every time).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../electron/archive/db';
import { listDocuments } from '../electron/archive/documents';
import { foldInPlace, searchIds, snippets, toSearchQuery, writeSearchRow } from '../electron/archive/search';
import { fillPairs } from '../electron/archive/search-pairs';

const GOAL_P95 = 50;
const KINDS = ['word', 'two words', 'phrase', 'prefix'] as const;

interface Result {
  n: number;
  buildSeconds: number | null;
  /** filling the pair index of an archive built before it existed (wall, CPU) */
  pairFill: { seconds: number; cpuSeconds: number } | null;
  p50: number;
  p95: number;
  max: number;
  /** the process's CPU time per query (p50, p95): what the code costs when the machine is shared */
  cpuP50: number;
  cpuP95: number;
  kinds: Record<string, { p50: number; p95: number; cpuP50: number; cpuP95: number }>;
  /** the phrase queries' CPU ms (p50, p95) answered by the word index alone (as before v16) and by the pair index, in turn */
  phrases: { wordIndex: [number, number]; pairIndex: [number, number] };
  rssMb: number;
  load: string;
}

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

function corpus() {
  const samples = path.resolve('..', 'shared', 'samples');
  // words from the sample letters when present, else a built-in list of administrative vocabulary
  const text = fs.existsSync(samples)
    ? fs.readdirSync(samples).map((f) => fs.readFileSync(path.join(samples, f), 'utf8')).join(' ')
    : 'ủy ban nhân dân tỉnh thanh hóa huyện như xuân quyết định công văn chỉ thị về việc cấp giấy chứng nhận quyền sử dụng đất đăng ký khai sinh kết hôn hộ kinh doanh giấy phép xây dựng chứng thực bản sao dịch vụ công trực tuyến một cửa';
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  let seed = 12;
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = () => words[Math.floor(rand() * words.length)];
  return { pick, sentence: (n: number) => Array.from({ length: n }, pick).join(' ') };
}

function build(file: string, n: number, c: ReturnType<typeof corpus>) {
  const db = openDatabase(file);
  db.transaction(() => {
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
    const blob = db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES (?, 1000, 'image/jpeg')");
    const doc = db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, ?, '', ?, 'image', ?, 1, 'digitized')");
    for (let i = 0; i < n; i++) {
      const sha = i.toString(16).padStart(64, '0');
      blob.run(sha);
      const title = `${c.sentence(4)} ${i}`;
      const id = Number(doc.run(title, `scan-${i}.jpg`, sha).lastInsertRowid);
      const body = c.sentence(60);
      writeSearchRow(db, id, { title_raw: title, body_raw: body, title: foldInPlace(title), body: foldInPlace(body) });
    }
  })();
  return db;
}

function phraseBeforeAfter(db: ReturnType<typeof openDatabase>, queries: string[]) {
  const ways = [(q: string) => toSearchQuery(db, q)!.fts, (q: string) => toSearchQuery(db, q)!];
  const cpu = ways.map(() => [] as number[]);
  for (const q of queries)
    ways.forEach((way, i) => {
      const c = process.cpuUsage();
      const ids = searchIds(db, way(q), null, 0, 50).ids;
      snippets(db, toSearchQuery(db, q)!.fts, ids);
      const used = process.cpuUsage(c);
      cpu[i].push((used.user + used.system) / 1000);
    });
  const p = (xs: number[]): [number, number] => [pct(xs, 0.5), pct(xs, 0.95)];
  return { wordIndex: p(cpu[0]), pairIndex: p(cpu[1]) };
}

function runOne(n: number): Result {
  const c = corpus();
  const cache = process.env.BENCH_CACHE;
  const dir = cache ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-search-'));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `search-${n}.sqlite`);
  const reuse = !!cache && fs.existsSync(file);
  const t0 = performance.now();
  if (!reuse) {
    // built under another name and renamed when whole: an interrupted build is never reused
    build(`${file}.part`, n, c).close();
    fs.renameSync(`${file}.part`, file);
  }
  const db = openDatabase(file);
  const buildSeconds = reuse ? null : (performance.now() - t0) / 1000;
  // an archive cached before schema v16 gets its pair index now, as the app fills it in the background
  const f0 = performance.now();
  const fc = process.cpuUsage();
  let filled = false;
  while (fillPairs(db, 5000) !== null) filled = true;
  const pairFill = filled ? { seconds: (performance.now() - f0) / 1000, cpuSeconds: (((u) => u.user + u.system)(process.cpuUsage(fc))) / 1e6 } : null;
  const queries: string[] = [];
  for (let i = 0; i < 100; i++) {
    const w = c.pick();
    queries.push([foldInPlace(w), `${c.pick()} ${c.pick()}`, `"${c.pick()} ${c.pick()}"`, `${w.slice(0, 3)}*`][i % 4]);
  }
  const run = (q: string) => listDocuments(db, null, { query: q, sort: 'relevance', order: 'desc', offset: 0, limit: 50 });
  for (const q of queries.slice(0, 8)) run(q); // warm the page cache as a running app has it
  const byKind: number[][] = KINDS.map(() => []);
  const cpuByKind: number[][] = KINDS.map(() => []);
  const cpu: number[] = [];
  const times = queries.map((q, i) => {
    const t = performance.now();
    const c = process.cpuUsage();
    run(q);
    const ms = performance.now() - t;
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    cpuByKind[i % 4].push(cpu[i]);
    byKind[i % 4].push(ms);
    return ms;
  });
  const phrases = phraseBeforeAfter(db, queries.filter((_, i) => KINDS[i % 4] === 'phrase'));
  db.close();
  if (!cache) fs.rmSync(dir, { recursive: true, force: true });
  const kinds = Object.fromEntries(KINDS.map((k, i) => [k, { p50: pct(byKind[i], 0.5), p95: pct(byKind[i], 0.95), cpuP50: pct(cpuByKind[i], 0.5), cpuP95: pct(cpuByKind[i], 0.95) }]));
  return { n, buildSeconds, pairFill, p50: pct(times, 0.5), p95: pct(times, 0.95), max: Math.max(...times), cpuP50: pct(cpu, 0.5), cpuP95: pct(cpu, 0.95), kinds, phrases, rssMb: process.resourceUsage().maxRSS / 1024, load: load() };
}

function print(r: Result) {
  const built = r.buildSeconds === null ? 'archive reused' : `indexed in ${r.buildSeconds.toFixed(0)} s`;
  const fill = r.pairFill ? `, pair index filled in ${r.pairFill.seconds.toFixed(0)} s (CPU ${r.pairFill.cpuSeconds.toFixed(0)} s)` : '';
  console.log(`${r.n.toLocaleString('en')} documents (${built}${fill}), load average ${r.load}:`);
  console.log(`  100 queries: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (CPU p50 ${r.cpuP50.toFixed(1)}, p95 ${r.cpuP95.toFixed(1)} ms); peak RSS ${r.rssMb.toFixed(0)} MB`);
  console.log(`  p50/p95 by kind: ${KINDS.map((k) => `${k} ${r.kinds[k].p50.toFixed(1)}/${r.kinds[k].p95.toFixed(1)}`).join(', ')} ms`);
  console.log(`  CPU p50/p95 by kind: ${KINDS.map((k) => `${k} ${r.kinds[k].cpuP50.toFixed(1)}/${r.kinds[k].cpuP95.toFixed(1)}`).join(', ')} ms`);
  const f = ([a, b]: [number, number]) => `${a.toFixed(1)}/${b.toFixed(1)}`;
  console.log(`  phrases in turn, CPU p50/p95: word index alone (before v16) ${f(r.phrases.wordIndex)} ms, pair index ${f(r.phrases.pairIndex)} ms`);
  console.log(`  goal p95 < ${GOAL_P95} ms: ${(GOAL_P95 / r.p95).toFixed(2)}× ${r.p95 < GOAL_P95 ? 'MET' : 'NOT MET'}`);
}

if (process.env.BENCH_ONE) {
  console.log(`RESULT ${JSON.stringify(runOne(Number(process.env.BENCH_ONE)))}`);
} else {
  const sizes = (process.env.BENCH_SIZES ?? process.env.BENCH_DOCS ?? '100000,1000000').split(',').map(Number);
  const results: Result[] = [];
  for (const n of sizes) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_ONE: String(n) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`the run at ${n} documents failed (exit ${child.status})`);
    results.push(JSON.parse(line.slice(7)) as Result);
    print(results.at(-1)!);
  }
  if (results.length > 1) {
    const [a, b] = [results[0], results.at(-1)!];
    const x = (p: number, q: number) => `${(q / p).toFixed(2)}×`;
    console.log(`growth ${a.n.toLocaleString('en')} → ${b.n.toLocaleString('en')} documents (${x(a.n, b.n)} the size): p50 ${x(a.p50, b.p50)}, p95 ${x(a.p95, b.p95)}, CPU p50 ${x(a.cpuP50, b.cpuP50)}, CPU p95 ${x(a.cpuP95, b.cpuP95)}, ${KINDS.map((k) => `${k} p95 ${x(a.kinds[k].p95, b.kinds[k].p95)}`).join(', ')}, peak RSS ${x(a.rssMb, b.rssMb)}`);
  }
}
