// `npm run bench:backup`: backup, resumed backup, restore and the archive check on a synthetic
// archive of SOHOA_BENCH_FILES files (default 2,000 of 50–250 KB, random bytes so nothing
// compresses), against the yardstick of copying the same folder with `cp -r`, `sync` (the
// copy made durable, as ours is) and hashing it with `sha256sum`: what any verified, durable
// copy must at least do. The machine's other load moves every figure; compare within a run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupArchive } from '../electron/archive/backup';
import { recordBlob, BlobStore } from '../electron/archive/blobs';
import { openDatabase } from '../electron/archive/db';
import { restoreArchive } from '../electron/archive/restore';
import { checkArchive } from '../electron/archive/sanity-check';

const N = Number(process.env.SOHOA_BENCH_FILES) || 2000;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-backup-'));
const data = path.join(root, 'archive');
fs.mkdirSync(data);
const db = openDatabase(path.join(data, 'archive.sqlite'));
const blobs = new BlobStore(data);
let bytes = 0;
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const b = randomBytes(50_000 + Math.floor(Math.random() * 200_000));
    const { sha256 } = blobs.put(b);
    recordBlob(db, sha256, b.length, 'image/jpeg');
    bytes += b.length;
  }
})();
const mb = bytes / 2 ** 20;
const time = async (f: () => unknown) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};
const show = (label: string, s: number, yard?: number) =>
  console.log(`${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s  ${(mb / s).toFixed(0).padStart(5)} MB/s${yard ? `  ${(yard / s).toFixed(2)}× the yardstick` : ''}`);

console.log(`archive: ${N} files, ${mb.toFixed(0)} MB (${os.cpus().length} cores)`);
// the page cache is warm for everyone: the first timed run reads what the set-up wrote
const yard = await time(() => {
  execFileSync('cp', ['-r', path.join(data, 'files'), path.join(root, 'cp-copy')]);
  execFileSync('sync', ['-f', path.join(root, 'cp-copy')]);
  execFileSync('sh', ['-c', `find ${path.join(root, 'cp-copy')} -type f -print0 | xargs -0 sha256sum > /dev/null`]);
});
show('yardstick: cp -r + sync + sha256sum', yard);
const out = path.join(root, 'backup');
// the administrator's backup passphrase: its scrypt derivation (128 MiB, ~0.5 s) is in each backup and restore
const passphrase = 'mat-khau-sao-luu-bench';
show('sohoa backup', await time(() => backupArchive({ db, dataDir: data, appVersion: 'bench' }, out, passphrase)), yard);
show('sohoa backup again (resume, all kept)', await time(() => backupArchive({ db, dataDir: data, appVersion: 'bench' }, out, passphrase)), yard);
show('sohoa restore (verify + copy)', await time(() => restoreArchive(out, path.join(root, 'restored'), { archiveDir: data, passphrase })), yard);
show('sohoa check', await time(() => checkArchive({ db, dataDir: data })), yard);
db.close();
fs.rmSync(root, { recursive: true, force: true });
