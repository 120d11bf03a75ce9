// Builds the built-in Thanh Hóa catalogue (assets/catalogue/thanhhoa-*) from the public GSO
// lists: the three-level catalogue before 1/7/2025, the 166 communes after it, and the
// new-to-old merge list. Run: node scripts/build-thanhhoa-catalogue.mjs [source folder].
import fs from 'node:fs';
import path from 'node:path';

const src = process.argv[2] ?? path.resolve('../shared/data/units');
const out = path.resolve('assets/catalogue');
const LAST_OLD = '2025-06-30';
const FIRST_NEW = '2025-07-01';

function readCsv(file) {
  const [head, ...lines] = fs.readFileSync(path.join(src, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v.trim()])));
}
const clean = (s) => s.replace(/<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim();
const cell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const write = (name, header, rows) => fs.writeFileSync(path.join(out, name), [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n');

const old = readCsv('thanhhoa-2025-03-three-levels.csv');
const province = { code: old[0].tinh_id, name: clean(old[0].tinh) };
const before = [[province.name, province.code, '', '', '', '', '', '', '']];
const districts = new Set();
for (const r of old) {
  if (!districts.has(r.huyen_id)) {
    districts.add(r.huyen_id);
    before.push([province.name, province.code, clean(r.huyen), r.huyen_id, r.huyen_type, '', '', '', LAST_OLD]);
  }
  before.push([province.name, province.code, clean(r.huyen), r.huyen_id, r.huyen_type, clean(r.xa), r.xa_id, r.xa_type, LAST_OLD]);
}
write('thanhhoa-2025-03.csv', ['Tỉnh Thành Phố', 'Mã TP', 'Quận Huyện', 'Mã QH', 'Loại huyện', 'Phường Xã', 'Mã PX', 'Cấp', 'Hiệu lực đến'], before);

const after = readCsv('thanhhoa-2025-07-communes.csv').map((r) => {
  const name = clean(r.ten);
  return [province.name, province.code, name, r.ma_xa, name.startsWith('Phường') ? 'Phường' : 'Xã', FIRST_NEW];
});
write('thanhhoa-2025-07.csv', ['Tỉnh Thành Phố', 'Mã TP', 'Phường Xã', 'Mã PX', 'Cấp', 'Hiệu lực từ'], after);

const merges = JSON.parse(fs.readFileSync(path.join(src, 'thanhhoa-2025-07-merges-new-to-old.json'), 'utf8'));
const slim = {
  level1_id: merges.level1_id,
  name: clean(merges.name),
  level2s: merges.level2s.map((n) => ({ level2_id: n.level2_id, name: clean(n.name), merges: n.merges.map((m) => ({ old_id: m.old_id, name: clean(m.name), type: m.type })) })),
};
fs.writeFileSync(path.join(out, 'thanhhoa-2025-07-merges.json'), JSON.stringify(slim) + '\n');
console.log(`before 1/7/2025: ${before.length} rows (${districts.size} districts); after: ${after.length} communes; merges: ${slim.level2s.length}`);
