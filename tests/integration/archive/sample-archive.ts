// A small real archive for the backup, restore and check tests: imported scans (JPEG, PDF,
// TIFF), one signed copy, register entries (one linked and digitized), targets, a coverage
// package key, and the audit rows all of that wrote.
import fs from 'node:fs';
import path from 'node:path';
import { buildPackage } from '../../../electron/coverage/packages';
import { openP12 } from '../../../electron/signing/sign/service';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { makePki } from '../../fixtures/pki';
import { jpegScan, pdfScan, tiffScan } from '../../fixtures/scans';
import { must, setUpCore, tempDir } from '../../helpers';

export async function sampleArchive() {
  const { core, admin, byCode } = await setUpCore('cli');
  const src = tempDir();
  const files = {
    'Quyết định cấp phép.jpg': await jpegScan({ title: 'Quyết định' }),
    'Giấy chứng nhận.pdf': await pdfScan(2),
    'Sổ hộ khẩu.tif': await tiffScan(2),
  };
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(src, name), bytes);
  const jobId = core.imports.start(Object.keys(files).map((n) => ({ path: path.join(src, n) })), { userId: 1, localFiles: true }, byCode('402'));
  const st = await core.jobs.waitFor(jobId);
  const ids = st.outcomes.map((o) => o.documentId!);
  if (ids.length !== 3 || ids.some((i) => !i)) throw new Error(`import failed: ${JSON.stringify(st.outcomes)}`);

  await must(core.call('register.save', { dossierCode: '000.00.38.H56-210105-0001', unitId: byCode('402'), issuedOn: '2021-03-01', holderName: 'Lê Thị Hoa', resultName: 'Giấy phép' }, admin));
  await must(core.call('register.save', { dossierCode: '000.00.38.H56-210105-0002', unitId: byCode('402'), issuedOn: '2021-04-02', holderName: 'Trần Văn An' }, admin));
  await must(core.call('documents.link', { id: ids[0], dossierCode: '000.00.38.H56-210105-0001', digitized: true }, admin));
  await must(core.call('targets.set', { year: 2021, level: 'district', rate: 0.5 }, admin));

  const pki = makePki();
  addTrustAnchors(core.db, pki.rootDer, 'root.der', 1);
  const sign = core.signing.start({ documentIds: [ids[1]], appearance: 'copy', copyForm: 'SAO Y', agency: 'UBND huyện Như Xuân', tsaUrl: null, userId: 1 }, openP12(pki.p12, pki.password, 'ky.p12'));
  const signed = await core.jobs.waitFor(sign);
  if (signed.outcomes[0]?.status !== 'signed') throw new Error(`signing failed: ${JSON.stringify(signed.outcomes)}`);
  buildPackage(core.db, core.dataDir, '2021-12-31', byCode('402'), 1); // makes the archive's package key
  return { core, admin, byCode, ids, dataDir: core.dataDir };
}
