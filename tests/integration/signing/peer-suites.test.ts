// The peers' own suites: every verdict the EU DSS and pyHanko tests assert about their signed
// PDFs (tests/fixtures/peer-verdicts), run against the verifier. Prints agreement per kind and
// holds a floor so it cannot regress; and no file the peers call modified, non-standard in its
// coverage or cryptographically broken may be shown valid.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { agrees, KINDS, loadPeerVerdicts, ourVerdicts, type Kind } from '../../fixtures/peer-verdicts/load';

const dir = path.resolve('..', 'shared', 'peer-suites');
const present = fs.existsSync(dir);
if (!present) console.warn(`${dir} not found: the peer suites' verdicts are skipped`);

/**
 * Agreement today, per kind (raise it when the verifier improves; never lower it). intact, crypto
 * and sound stand lower than they did once because four entries were ported wrong and corrected
 * (DSS-1683: the PDF is valid, the failing verdict was about its bare CMS; dss-818/*: DSS asserts
 * them not valid, for signed attributes out of DER order), not because the verifier changed its
 * answer on them. Since then: CAdES signatures valid only over non-DER attributes are not
 * confirmed (dss-818, pades-5-signatures…), and a signature dictionary rewritten whole by a later
 * revision is one signature (DSS-2601, pades-spoofing-replaced-reason).
 */
const FLOOR: Record<Kind, number> = { sigs: 38, docTs: 15, intact: 105, crypto: 106, sound: 116, coverage: 100, modified: 115, level: 19, docMdp: 3, valid: 4 };
const FILES_FLOOR = 134;

describe.skipIf(!present)("the peers' suites (EU DSS, pyHanko)", () => {
  it('agrees with the verdicts their tests assert', async () => {
    const rows = loadPeerVerdicts();
    const tally = Object.fromEntries(KINDS.map((k) => [k, { asked: 0, agreed: 0 }])) as Record<Kind, { asked: number; agreed: number }>;
    const misses: string[] = [];
    const shownValid: string[] = [];
    let filesAgreeing = 0;
    for (const row of rows) {
      const r = await verifyPdf(fs.readFileSync(path.join(dir, row.file)), { file: row.file, trust: [] });
      const ours = ourVerdicts(r);
      let all = true;
      for (const k of KINDS) {
        const want = row[k];
        if (want === undefined || want === null) continue;
        tally[k].asked++;
        if (agrees(k, want, ours[k])) tally[k].agreed++;
        else {
          all = false;
          misses.push(`${row.file} ${k}: peers ${JSON.stringify(want)}, ours ${JSON.stringify(ours[k])}${r.error ? ` (${r.error})` : ''}`);
        }
      }
      if (all) filesAgreeing++;
      const bad = row.modified === true || row.coverage === 'nonstandard' || row.crypto === false || row.intact === false || row.sound === false || row.valid === false;
      if (bad && r.validIgnoringTrust) shownValid.push(row.file);
    }
    console.log(`peer suites: ${filesAgreeing}/${rows.length} files agree on every asserted verdict`);
    console.table(Object.fromEntries(KINDS.map((k) => [k, { ...tally[k], pct: tally[k].asked ? Math.round((100 * tally[k].agreed) / tally[k].asked) : 100 }])));
    if (misses.length) console.log(`disagreements:\n  ${misses.join('\n  ')}`);
    console.log(`shown valid although the peers call them modified, uncovered or broken: ${shownValid.length}${shownValid.map((f) => `\n  ${f}`).join('')}`);
    expect(shownValid, 'a file the peers call modified, uncovered or broken is shown valid').toEqual([]);
    expect(filesAgreeing, 'files agreeing on every verdict fell below the floor').toBeGreaterThanOrEqual(FILES_FLOOR);
    for (const k of KINDS) expect(tally[k].agreed, `${k}: agreement fell below the floor`).toBeGreaterThanOrEqual(FLOOR[k]);
  }, 600_000);
});
