// npm run bench:coverage — coverage at a date over 1,000,000 register rows and 600 units,
// and the speed of importing the register from CSV. Prints figures and the ratio to each goal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/archive/db';
import { findHeaderRow, guessMapping, importRegister } from '../electron/coverage/register-import';
import { coverageReport } from '../electron/coverage/report';
import { readTable } from '../electron/tables/read-table';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const GOAL_MS = 300;
const GOAL_IMPORT = 50_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-'));
const db = openDatabase(path.join(dir, 'archive.sqlite'));
const add = db.prepare('INSERT INTO units(code, name, level, parent_id) VALUES (?, ?, ?, ?)');
const unitCodes: string[] = [];
db.transaction(() => {
  add.run('38', 'Tỉnh Thử nghiệm', 'province', null);
  unitCodes.push('38');
  for (let d = 0; d < 30; d++) {
    const dId = Number(add.run(String(380 + d), `Huyện ${d + 1}`, 'district', 1).lastInsertRowid);
    unitCodes.push(String(380 + d));
    for (let c = 0; c < 19 && unitCodes.length < 600; c++) {
      const code = String(10000 + d * 100 + c);
      add.run(code, `Xã ${d + 1}.${c + 1}`, 'commune', dId);
      unitCodes.push(code);
    }
  }
})();

let seed = 7;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const date = (y0: number, span: number) => {
  const t = Date.UTC(y0, 0, 1) + Math.floor(rand() * span * 365) * 86400000;
  const d = new Date(t);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const lines = ['Mã hồ sơ,Mã TTHC,Tên TTHC,Mã đơn vị,Người được cấp,Số CCCD,Số kết quả,Ngày cấp,Hiệu lực đến,Ngày thu hồi'];
for (let i = 0; i < ROWS; i++) {
  const r = rand();
  lines.push(
    `HS${i},1.00${1000 + (i % 40)},Thủ tục ${i % 40},${unitCodes[Math.floor(rand() * unitCodes.length)]},Người ${i},0380${String(i).padStart(8, '0')},KQ-${i},${date(2019, 3)},${r < 0.3 ? date(2021, 4) : ''},${r > 0.98 ? date(2021, 2) : ''}`,
  );
}
const csvPath = path.join(dir, 'register.csv');
fs.writeFileSync(csvPath, lines.join('\n'));
console.log(`${ROWS.toLocaleString('en')} register rows over ${unitCodes.length} units (${(fs.statSync(csvPath).size / 2 ** 20).toFixed(0)} MB CSV)`);

let t0 = performance.now();
const table = await readTable(csvPath, fs.readFileSync(csvPath));
const readSeconds = (performance.now() - t0) / 1000;
const h = findHeaderRow(table);
const report = importRegister(db, table, h, guessMapping(table[h]), { defaultUnitId: null, userId: null, fileName: 'register.csv' });
const importSeconds = (performance.now() - t0) / 1000;
console.log(`  reading and parsing the CSV: ${readSeconds.toFixed(2)} s; checking and writing rows: ${(importSeconds - readSeconds).toFixed(2)} s`);
const rate = ROWS / importSeconds;
console.log(`register import (read + parse + validate + upsert, one transaction): ${importSeconds.toFixed(2)} s, ${Math.round(rate).toLocaleString('en')} rows/s — goal ≥ ${GOAL_IMPORT.toLocaleString('en')}: ${(rate / GOAL_IMPORT).toFixed(2)}× ${rate >= GOAL_IMPORT ? 'MET' : 'NOT MET'} (${report.created} created, ${report.errors.length} errors)`);

db.exec("UPDATE register SET digitized_on = date(issued_on, '+' || (id % 400) || ' days') WHERE id % 10 < 3");
db.pragma('optimize');

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
// after an import the register columns are read again from SQLite
const cold = [0, 1, 2].map((i) =>
  timed(() => {
    // what an import's new rows do to the counters (migration 11's triggers)
    db.prepare("UPDATE change_counters SET n = n + 1 WHERE topic = 'register_rows'").run();
    const r = coverageReport(db, '2021-06-30', null);
    if (i === 0) console.log(`  at 2021-06-30: ${r.units.length} units, ${r.levels.map((l) => `${l.level} ${l.digitized}/${l.valid}`).join(', ')}`);
  }),
);
console.log(`coverage at a date right after a register import (reload + count): p50 ${median(cold).toFixed(0)} ms`);
// the everyday case: another date, or figures after a document was marked digitized
const dates = ['2021-01-31', '2021-02-28', '2021-03-31', '2021-04-30', '2021-05-31', '2021-07-31', '2021-08-31', '2021-09-30', '2021-10-31'];
const warm = dates.map((d) => timed(() => coverageReport(db, d, null)));
const someId = db.prepare('SELECT id FROM register WHERE digitized_on IS NULL LIMIT 1').pluck().get() as number;
const afterLink = [0, 1, 2].map(() =>
  timed(() => {
    db.prepare("UPDATE register SET digitized_on = '2021-05-01' WHERE id = ?").run(someId);
    coverageReport(db, '2021-10-31', null);
  }),
);
const p50 = median([...warm, ...afterLink]);
console.log(`coverage at a date, each further date or after a document is digitized: p50 ${p50.toFixed(0)} ms, max ${Math.max(...warm, ...afterLink).toFixed(0)} ms — goal < ${GOAL_MS} ms: ${(GOAL_MS / p50).toFixed(2)}× ${p50 < GOAL_MS ? 'MET' : 'NOT MET'}`);
t0 = performance.now();
const scope = db.prepare("SELECT id FROM units WHERE code = '380'").pluck().get() as number;
coverageReport(db, '2021-10-31', scope);
console.log(`drill-down into a district once the date is computed: ${(performance.now() - t0).toFixed(1)} ms`);
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
db.close();
fs.rmSync(dir, { recursive: true, force: true });
