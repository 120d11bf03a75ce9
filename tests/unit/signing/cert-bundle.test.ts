// What a CA publishes at its AIA address, in every form seen: DER, PEM, and PKCS#7 certs-only
// bundles (DER and PEM) made by OpenSSL, as the VN CAs' .p7c/.p7b files are.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatesIn } from '../../../electron/signing/trust/cert-bundle';
import { makePki } from '../../fixtures/pki';
import { tempDir } from '../../helpers';

describe('certificates at an AIA address', () => {
  const pki = makePki();
  const dir = tempDir();
  const pem = path.join(dir, 'chain.pem');
  fs.writeFileSync(pem, pki.rootPem + pki.signerPem);
  const fingerprints = (ders: Buffer[]) => ders.map((d) => new X509Certificate(d).fingerprint256);
  const both = fingerprints([pki.rootDer, new X509Certificate(pki.signerPem).raw]);

  it('reads a DER certificate and PEM certificates', () => {
    expect(fingerprints(certificatesIn(pki.rootDer))).toEqual([both[0]]);
    expect(fingerprints(certificatesIn(fs.readFileSync(pem)))).toEqual(both);
  });

  it('reads a PKCS#7 certs-only bundle in DER and in PEM', () => {
    for (const form of ['DER', 'PEM']) {
      const out = path.join(dir, `chain.${form}.p7c`);
      execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', pem, '-outform', form, '-out', out]);
      expect(fingerprints(certificatesIn(fs.readFileSync(out))).sort()).toEqual([...both].sort());
    }
  });

  it('refuses bytes that hold no certificate', () => {
    expect(() => certificatesIn(Buffer.from('<html>not found</html>'))).toThrow();
    expect(() => certificatesIn(Buffer.alloc(0))).toThrow();
  });
});
