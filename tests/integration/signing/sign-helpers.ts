// What the signing tests share: a test PKI, its trust anchor, and the independent verifiers (pdfsig, openssl cms).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseCms } from '../../../electron/signing/cms/cms-parse';
import { openDatabase } from '../../../electron/archive/db';
import { OID } from '../../../electron/signing/cms/oids';
import type { Outbound } from '../../../electron/signing/trust/outbound-fetch';
import { outboundFor, setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { makePki, type TestPki } from '../../fixtures/pki';
import { tempDir } from '../../helpers';

export const pki = makePki();
export const trust = pemToDer(pki.rootPem);
export const has = (cmd: string, arg = '-v') => spawnSync(cmd, [arg]).status !== null && spawnSync(cmd, [arg]).error === undefined;

/** The fetcher of a signing on an archive whose admin allowed the hosts of these (test server) URLs. */
export function adminAllows(...urls: string[]): Outbound {
  const db = openDatabase(path.join(tempDir(), 'archive.sqlite'));
  setAllowedHosts(db, urls.map((u) => new URL(u).host), null);
  return outboundFor(db);
}

/** The CMS and the signed bytes of the n-th signature, as openssl needs them. */
export function extract(pdf: Buffer, n: number) {
  const m = [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)][n];
  const [a, b, c, d] = m.slice(1).map(Number);
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const len = der[1] & 0x80 ? der.subarray(2, 2 + (der[1] & 0x7f)).readUIntBE(0, der[1] & 0x7f) + 2 + (der[1] & 0x7f) : der[1] + 2;
  return { cms: der.subarray(0, len), content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
}

export function externalChecks(pdf: Buffer, count: number, rootPem = pki.rootPem) {
  const dir = tempDir();
  const file = path.join(dir, 'signed.pdf');
  fs.writeFileSync(file, pdf);
  if (has('pdfsig')) {
    const out = execFileSync('pdfsig', [file]).toString();
    expect(out.match(/Signature Validation: Signature is Valid/g)).toHaveLength(count);
    expect(out).toContain('ETSI.CAdES.detached');
  }
  if (has('openssl', 'version')) {
    fs.writeFileSync(path.join(dir, 'root.pem'), rootPem);
    for (let i = 0; i < count; i++) {
      const { cms, content } = extract(pdf, i);
      fs.writeFileSync(path.join(dir, `s${i}.der`), cms);
      fs.writeFileSync(path.join(dir, `c${i}.bin`), content);
      const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', path.join(dir, `s${i}.der`), '-content', path.join(dir, `c${i}.bin`), '-binary', '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(r.stderr.toString()).toContain('Verification successful');
      const printed = execFileSync('openssl', ['cms', '-inform', 'DER', '-in', path.join(dir, `s${i}.der`), '-cmsout', '-print']).toString();
      expect(printed).toContain('signingCertificateV2');
      // PAdES: the time is in /M, never a signing-time attribute of the signer (a TSA token may carry its own)
      expect(parseCms(cms).attrs.has(OID.signingTime)).toBe(false);
    }
  }
}


export interface LongTermServices {
  crl: Awaited<ReturnType<typeof import('../../fixtures/crl-server').startCrlServer>>;
  tsa: Awaited<ReturnType<typeof import('../../fixtures/tsa').startTsa>>;
  pki: TestPki;
  close(): Promise<void>;
}

/** What a long-term signature needs: a CRL server, a PKI whose certificates name it (its list published) and a TSA. */
export async function startLongTermServices(): Promise<LongTermServices> {
  const { startTsa } = await import('../../fixtures/tsa');
  const { startCrlServer } = await import('../../fixtures/crl-server');
  const crl = await startCrlServer();
  const pki = makePki({ crlUrl: crl.url });
  crl.publish(pki.rootPem, pki.rootKeyPem, tempDir());
  const tsa = await startTsa(tempDir(), pki);
  return { crl, tsa, pki, close: async () => (await tsa.close(), await crl.close()) };
}
