// npm run bench:sign — batch signing throughput as one sign job runs it (signBatch: the key
// opened once, each archived two-page PDF signed PAdES B-B into a new file, the signature
// recorded), with a .p12 and with a SoftHSM2 token; verification throughput over the interop
// set (../shared/interop/signed) and the time of a five-signature file; peak RSS.
// Goals: ≥ 20 signatures/s with a .p12 on 2 cores; a five-signature file verified < 200 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { recordBlob, BlobStore } from '../electron/archive/blobs';
import { openDatabase } from '../electron/archive/db';
import { p12Signer } from '../electron/signing/sign/p12';
import { pkcs11Signer } from '../electron/signing/sign/pkcs11';
import { signBatch, type OpenSigner } from '../electron/signing/sign/service';
import { addTrustAnchors } from '../electron/signing/trust/trust-store';
import { verifyPdf } from '../electron/signing/verify/verify';
import { makePki } from '../tests/fixtures/pki';
import { pdfScan } from '../tests/fixtures/scans';
import { makeToken, softHsmAvailable } from '../tests/fixtures/softhsm';

const N = Number(process.env.BENCH_DOCS ?? 100);
const GOAL_SIG_PER_S = 20;
const GOAL_FIVE_MS = 200;

async function archiveWith(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-sign-'));
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  const blobs = new BlobStore(dir);
  const pdf = Buffer.from(await pdfScan(2));
  const ids: number[] = [];
  db.transaction(() => {
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
    db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('ky', 'Nguyễn Văn Ký', 'signing_officer', 1, 'x')").run();
    const doc = db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, ?, '', ?, 'pdf', ?, 2, 'digitized')");
    for (let i = 0; i < n; i++) {
      // each document its own bytes, as real scans are
      const bytes = Buffer.concat([pdf, Buffer.from(`\n% ${i}\n`)]);
      const { sha256 } = blobs.put(bytes);
      recordBlob(db, sha256, bytes.length, 'application/pdf');
      ids.push(Number(doc.run(`Quyết định ${i}`, `qd-${i}.pdf`, sha256).lastInsertRowid));
    }
  })();
  return { db, blobs, ids, dir };
}

async function signJob(label: string, open: () => OpenSigner, rootPem: string) {
  const { db, blobs, ids } = await archiveWith(N);
  addTrustAnchors(db, Buffer.from(rootPem), 'root.pem', null);
  const signer = open();
  const outcomes: { status: string; message: string | null }[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await signBatch(db, blobs, signer, { documentIds: ids, appearance: 'copy', copyForm: 'SAO Y', agency: 'UBND huyện Như Xuân', tsaUrl: null, userId: 1 }, { cancelled: false, setCurrent: () => {}, addOutcome: (o) => outcomes.push(o) }, 0);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  signer.close?.();
  const failed = outcomes.filter((o) => o.status !== 'signed');
  if (failed.length) throw new Error(`${label}: ${failed.length} failed: ${failed[0].message}`);
  const rate = N / s;
  console.log(`sign ${label.padEnd(10)} ${N} two-page PDFs in ${s.toFixed(2)} s = ${rate.toFixed(1)} signatures/s${label === '.p12' ? ` (goal ≥ ${GOAL_SIG_PER_S}: ${rate >= GOAL_SIG_PER_S ? 'met' : 'NOT met'}, ratio ${(rate / GOAL_SIG_PER_S).toFixed(2)})` : ''}`);
  // CPU time (every thread of the process) moves much less with the machine's load than the wall clock
  console.log(`     ${''.padEnd(10)} CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(1)} ms a signature (user ${(cpu.user / 1000 / N).toFixed(1)}, system ${(cpu.system / 1000 / N).toFixed(1)}); load average ${os.loadavg()[0].toFixed(1)}`);
}

const pki = makePki();
await signJob('.p12', () => p12Signer(pki.p12, pki.password), pki.rootPem);
if (softHsmAvailable()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-hsm-'));
  const token = makeToken(dir, pki);
  await signJob('SoftHSM2', () => pkcs11Signer({ module: token.module, token: token.label, pin: token.pin }), pki.rootPem);
} else console.log('sign SoftHSM2   skipped: softhsm2-util / pkcs11-tool not installed');

const interop = path.resolve('..', 'shared', 'interop', 'signed');
if (fs.existsSync(interop)) {
  const files = fs.readdirSync(interop).map((f) => ({ f, bytes: fs.readFileSync(path.join(interop, f)) }));
  let sigs = 0;
  const t0 = performance.now();
  for (const { f, bytes } of files) sigs += (await verifyPdf(bytes, { file: f, trust: [] })).signatures.length;
  const first = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const { f, bytes } of files) await verifyPdf(bytes, { file: f, trust: [] });
  const second = (performance.now() - t1) / 1000;
  console.log(`verify interop  ${files.length} files, ${sigs} signatures: ${(files.length / first).toFixed(1)} files/s cold, ${(files.length / second).toFixed(1)} files/s warm`);
  const five = fs.readFileSync(path.join(interop, 'pades-5-signatures-and-1-document-timestamp.pdf'));
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    await verifyPdf(five, { file: 'five.pdf', trust: [] });
    times.push(performance.now() - t);
  }
  const median = [...times].sort((a, b) => a - b)[4];
  console.log(`verify 5-signature file (+1 doc timestamp): median ${median.toFixed(0)} ms of 9, max ${Math.max(...times).toFixed(0)} ms (goal < ${GOAL_FIVE_MS}: ${median < GOAL_FIVE_MS ? 'met' : 'NOT met'}, ratio ${(median / GOAL_FIVE_MS).toFixed(2)})`);
} else console.log(`verify          skipped: ${interop} not found`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
