// The archive's trust store: the anchors signatures are checked against, before signing
// and when verifying. The CLI's --trust adds anchors for one run without storing them.
import { createHash, X509Certificate } from 'node:crypto';
import type { Db } from '../archive/db';
import { audit } from '../accounts/audit';
import { CoreError } from '../errors';
import { pemToDer } from './trust';

export function trustAnchors(db: Db): Buffer[] {
  return (db.prepare('SELECT der FROM trust_anchors ORDER BY id').pluck().all() as Buffer[]).map((b) => Buffer.from(b));
}

export function listTrustAnchors(db: Db) {
  return (db.prepare('SELECT id, subject, fingerprint, der, added_at addedAt FROM trust_anchors ORDER BY id').all() as { id: number; subject: string; fingerprint: string; der: Buffer; addedAt: string }[]).map(
    ({ der, ...a }) => ({ ...a, validTo: new Date(new X509Certificate(der).validTo).toISOString() }),
  );
}

/** Adds every certificate of a PEM or DER file; returns how many were new. */
export function addTrustAnchors(db: Db, bytes: Buffer, file: string, userId: number | null): number {
  const text = bytes.toString('latin1');
  const ders = text.includes('-----BEGIN CERTIFICATE-----') ? pemToDer(text) : [bytes];
  let added = 0;
  db.transaction(() => {
    for (const der of ders) {
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(der);
      } catch {
        throw new CoreError('FILE_CORRUPT', { file, detail: 'không phải chứng thư X.509' });
      }
      const fp = createHash('sha256').update(cert.raw).digest('hex');
      added += db.prepare('INSERT OR IGNORE INTO trust_anchors(subject, fingerprint, der) VALUES (?, ?, ?)').run(cert.subject.replace(/\n/g, ', '), fp, cert.raw).changes;
    }
    audit(db, userId, 'trust.add', { type: 'file', id: file }, { added });
  })();
  return added;
}
