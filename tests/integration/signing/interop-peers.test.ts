// Every non-null expectation of ../shared/interop/EXPECTED-peers.json: what the EU DSS and
// pyHanko test suites assert about their own signed PDFs (revision changes, shadow attacks,
// crypto edge cases, encryption, levels). Entries are matched by pdfsig's field name, or by
// position among entries of the same kind where the field is not asserted.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { verifyPdf, type SignatureReport } from '../../../electron/signing/verify/verify';

const dir = path.resolve('..', 'shared', 'interop');
const file = path.join(dir, 'EXPECTED-peers.json');
const present = fs.existsSync(file);
if (!present) console.warn(`${file} not found: the peer interop expectations are skipped`);

interface Expected {
  field: string | null;
  kind: 'signature' | 'doc_timestamp';
  intact: boolean | null;
  crypto_valid: boolean | null;
  sound: boolean | null;
  covers_whole: boolean | null;
  modified_after: boolean | null;
  level: string | null;
  trusted?: boolean | null;
}
interface Entry {
  file: string;
  signatures: number;
  document_timestamps: number;
  trust?: { anchor: string; at: string };
  expected: { per_signature: Expected[]; file_valid_ignoring_trust: boolean | null; count_asserted: boolean; level_multiset?: Record<string, number>; trust?: { anchor: string; at: string } };
}
const entries: Entry[] = present ? JSON.parse(fs.readFileSync(file, 'utf8')).files : [];

describe.skipIf(!present)('peer interop expectations (EU DSS, pyHanko)', () => {
  for (const e of entries)
    it(e.file, async () => {
      const trust = e.trust ?? e.expected.trust;
      const r = await verifyPdf(fs.readFileSync(path.join(dir, 'signed', e.file)), {
        file: e.file,
        trust: trust ? pemToDer(fs.readFileSync(path.join(dir, 'certs', trust.anchor), 'utf8')) : [],
        at: trust ? new Date(trust.at) : undefined,
      });
      expect(r.error, e.file).toBeNull();
      const x = e.expected;
      if (x.count_asserted) {
        expect(r.signatures.length, `${e.file}: entries`).toBe(x.per_signature.length);
        expect(r.signatures.filter((s) => s.kind === 'doc_timestamp').length, `${e.file}: document timestamps`).toBe(e.document_timestamps);
      }
      const used = new Set<SignatureReport>();
      for (const [i, want] of x.per_signature.entries()) {
        const sameKind = r.signatures.filter((s) => s.kind === want.kind);
        const got = want.field !== null ? r.signatures.find((s) => s.field === want.field) : sameKind.filter((s) => !used.has(s))[x.per_signature.slice(0, i).filter((w) => w.kind === want.kind && w.field === null).length - 0] ?? sameKind[0];
        expect(got, `${e.file}: entry ${want.field ?? i}`).toBeDefined();
        used.add(got!);
        const at = `${e.file} ${want.field ?? `#${i}`}`;
        expect(got!.kind, `${at} kind`).toBe(want.kind);
        if (want.intact !== null) expect(got!.intact, `${at} intact`).toBe(want.intact);
        if (want.crypto_valid !== null) expect(got!.cryptoValid, `${at} crypto_valid`).toBe(want.crypto_valid);
        if (want.sound !== null) expect(got!.intact && got!.cryptoValid, `${at} sound`).toBe(want.sound);
        if (want.covers_whole !== null) expect(got!.coversWholeDocument, `${at} covers_whole`).toBe(want.covers_whole);
        if (want.modified_after !== null) expect(got!.modifiedAfter, `${at} modified_after`).toBe(want.modified_after);
        if (want.level !== null) expect(got!.padesLevel, `${at} level`).toBe(want.level);
        if (want.trusted !== null && want.trusted !== undefined) expect(got!.trusted, `${at} trusted`).toBe(want.trusted);
      }
      if (x.file_valid_ignoring_trust !== null) expect(r.validIgnoringTrust, `${e.file} file_valid_ignoring_trust`).toBe(x.file_valid_ignoring_trust);
      if (x.level_multiset) {
        const counts: Record<string, number> = {};
        for (const s of r.signatures) if (s.kind === 'signature' && s.padesLevel) counts[s.padesLevel] = (counts[s.padesLevel] ?? 0) + 1;
        expect(counts, `${e.file} level_multiset`).toEqual(x.level_multiset);
      }
    });
});
