// The national trust anchors that ship with the app (assets/trust): the roots of Vietnam's two
// signature infrastructures — VGCA (government, G1 and G2) and NEAC (public CAs) — and the
// intermediates their signing certificates leave out. Each file is pinned by SHA-256: a file
// that does not match its pin is not used, and the start-up check says so.
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assetPath } from '../../paths';
import { pemToDer } from './trust';

/** SHA-256 of each shipped certificate (DER), as published by the CAs and checked in ../shared/trust/README.md. */
export const BUILTIN_PINS: Readonly<Record<string, string>> = {
  'vgca-rootca-g1.pem': 'f7bc89054cec7f12730d7b8cd3eb7955b163835087e5eb873edfb584763b3f90',
  'vgca-rootca-g2.pem': 'f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8',
  'vgca-ca-co-quan-nha-nuoc-g2.pem': 'd8cab7a4aef92e6bb2509d7c61cee7b44f3731b2d21074963530277b366fae4b',
  'neac-vietnam-national-root-ca.pem': 'bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7',
  'vnpt-ca-sha2.pem': '7d6ba5245317f9ed5d8bc765a4634d26ac6340d36b9f584df3b52d9c4a81a306',
};

export interface BuiltInCert {
  file: string;
  subject: string;
  fingerprint: string;
  der: Buffer;
  /** self-signed: an anchor; otherwise an intermediate used to build paths */
  root: boolean;
  validTo: string;
}

export interface BuiltInSet {
  certs: BuiltInCert[];
  /** Vietnamese, one per file that failed its pin or could not be read */
  problems: string[];
}

export function loadBuiltIns(dir = assetPath('trust'), pins: Readonly<Record<string, string>> = BUILTIN_PINS): BuiltInSet {
  const certs: BuiltInCert[] = [];
  const problems: string[] = [];
  for (const [file, pin] of Object.entries(pins)) {
    let der: Buffer;
    try {
      [der] = pemToDer(fs.readFileSync(path.join(dir, file), 'latin1'));
      if (!der) throw new Error('không có chứng thư PEM');
    } catch (e) {
      problems.push(`${file}: không đọc được chứng thư gốc tích hợp (${(e as Error).message})`);
      continue;
    }
    const fingerprint = createHash('sha256').update(der).digest('hex');
    if (fingerprint !== pin.toLowerCase()) {
      problems.push(`${file}: dấu vân tay SHA-256 ${fingerprint} không khớp giá trị đã ghim ${pin}; không dùng chứng thư này`);
      continue;
    }
    const x = new X509Certificate(der);
    certs.push({ file, subject: x.subject.replace(/\n/g, ', '), fingerprint, der, root: x.checkIssued(x) && x.verify(x.publicKey), validTo: new Date(x.validTo).toISOString() });
  }
  return { certs, problems };
}

let current: BuiltInSet | null = null;

/** The built-in set in use: the shipped files, checked once; tests may put their own. */
export function builtIns(): BuiltInSet {
  current ??= loadBuiltIns();
  return current;
}

/** Replaces the built-in set (tests: a "G2-like" test root in place of the national ones); null restores the shipped set. */
export function useBuiltIns(set: BuiltInSet | null): void {
  current = set;
}
