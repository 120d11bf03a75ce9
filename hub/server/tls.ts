// The hub serves HTTPS only: with the certificate its config names, or with a self-signed one
// made on first start and kept in its data folder. Desks pin the certificate's SHA-256
// fingerprint at enrolment, so a self-signed hub is as safe as a CA-issued one.
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';

export interface Tls {
  cert: string;
  key: string;
  /** SHA-256 of the certificate's DER, lowercase hex: what a desk pins. */
  fingerprint: string;
}

export function certFingerprint(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
}

/** The configured certificate, or the data folder's self-signed one (made now when missing). */
export function loadTls(dataDir: string, given?: { certFile: string; keyFile: string }, hostnames: string[] = []): Tls {
  if (given) {
    const cert = fs.readFileSync(given.certFile, 'utf8');
    return { cert, key: fs.readFileSync(given.keyFile, 'utf8'), fingerprint: certFingerprint(cert) };
  }
  const dir = path.join(dataDir, 'tls');
  const certFile = path.join(dir, 'hub-cert.pem');
  const keyFile = path.join(dir, 'hub-key.pem');
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const made = selfSigned(['localhost', os.hostname(), ...hostnames]);
    // key first, each written whole then renamed: a crash never leaves a cert without its key
    for (const [file, body] of [[keyFile, made.key], [certFile, made.cert]] as const) {
      fs.writeFileSync(`${file}.tmp`, body, { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    }
  }
  const cert = fs.readFileSync(certFile, 'utf8');
  return { cert, key: fs.readFileSync(keyFile, 'utf8'), fingerprint: certFingerprint(cert) };
}

function selfSigned(hostnames: string[]): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const name = [{ name: 'commonName', value: 'So hoa Desk province hub' }, { name: 'organizationName', value: 'So hoa Desk' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  const altNames = [...new Set(hostnames)].map((value) => ({ type: 2, value })).concat([{ type: 7, ip: '127.0.0.1' } as never]);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true }, { name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames }]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keyPem };
}
