// Validation data present (what a PAdES B-LT level counts) versus revocation status proven (what
// trust needs): an OCSP answer about the signer signed by a responder its CA never authorised is
// data about it, but proves nothing. Answers made by the real openssl ocsp.
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { revocationDataPresent, revocationStatus } from '../../../electron/signing/trust/revocation';
import { makePki } from '../../fixtures/pki';
import { tempDir } from '../../helpers';

const has = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!has)('revocation data present vs. proven', () => {
  it('an OCSP answer from an unauthorised responder is present for the level, unknown for trust; the CA’s own answer is both', () => {
    const pki = makePki();
    const dir = tempDir();
    const f = (n: string) => path.join(dir, n);
    fs.writeFileSync(f('root.pem'), pki.rootPem);
    fs.writeFileSync(f('root.key'), pki.rootKeyPem);
    fs.writeFileSync(f('good.pem'), pki.signerPem);
    fs.writeFileSync(f('index.txt'), '');
    fs.writeFileSync(f('ca.cnf'), `[ ca ]\ndefault_ca = CA\n[ CA ]\ndatabase = ${f('index.txt')}\ndefault_md = sha256\n`);
    execFileSync('openssl', ['ca', '-valid', f('good.pem'), '-batch', '-config', f('ca.cnf'), '-keyfile', f('root.key'), '-cert', f('root.pem')], { stdio: 'pipe' });
    // a responder of its own making, not certified by the root
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('other.key'), '-out', f('other.pem'), '-subj', '/CN=Máy trả lời lạ', '-utf8', '-days', '30'], { stdio: 'pipe' });
    execFileSync('openssl', ['ocsp', '-issuer', f('root.pem'), '-cert', f('good.pem'), '-no_nonce', '-reqout', f('req.der')], { stdio: 'pipe' });
    const answer = (signer: string) => {
      execFileSync('openssl', ['ocsp', '-index', f('index.txt'), '-rsigner', f(`${signer}.pem`), '-rkey', f(`${signer}.key`), '-CA', f('root.pem'), '-reqin', f('req.der'), '-respout', f(`${signer}.der`)], { stdio: 'pipe' });
      return fs.readFileSync(f(`${signer}.der`));
    };
    const cert = new X509Certificate(pki.signerPem);
    const issuer = new X509Certificate(pki.rootPem);
    const foreign = answer('other');
    expect(revocationStatus(cert, issuer, [], [foreign], new Date()).status).toBe('unknown');
    expect(revocationDataPresent(cert, issuer, [], [foreign], [])).toBe(true);
    const own = answer('root');
    expect(revocationStatus(cert, issuer, [], [own], new Date()).status).toBe('good');
    expect(revocationDataPresent(cert, issuer, [], [own], [])).toBe(true);
    expect(revocationDataPresent(cert, issuer, [], [], [])).toBe(false);
  });
});
