// The archive's trust store: the anchors signatures are checked against, before signing
// and when verifying. The CLI's --trust adds anchors for one run without storing them.
import { createHash, X509Certificate } from 'node:crypto';
import type { Db } from '../../archive/db';
import { audit } from '../../accounts/audit';
import { CoreError } from '../../errors';
import { pemToDer } from './trust';
import { builtIns } from './builtin-trust';

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

// ---- built-in national anchors and the cache of intermediates (migration 10)

const disabledBuiltIns = (db: Db) => new Set(db.prepare('SELECT fingerprint FROM trust_builtin_disabled').pluck().all() as string[]);

/** Built-in certificates an admin has not disabled. */
export function enabledBuiltIns(db: Db, set = builtIns()) {
  const off = disabledBuiltIns(db);
  return set.certs.filter((c) => !off.has(c.fingerprint));
}

/** Every anchor a verification uses: the archive's own and the enabled built-in roots. */
export function allAnchors(db: Db, set = builtIns()): Buffer[] {
  return [...trustAnchors(db), ...enabledBuiltIns(db, set).filter((c) => c.root).map((c) => c.der)];
}

/** Certificates known for building paths: enabled built-in intermediates and the cached ones. */
export function knownCertificates(db: Db, set = builtIns()): Buffer[] {
  const cached = (db.prepare('SELECT der FROM cert_cache').pluck().all() as Buffer[]).map((b) => Buffer.from(b));
  return [...enabledBuiltIns(db, set).filter((c) => !c.root).map((c) => c.der), ...cached];
}

/** The built-in list for the trust screen, with whether each is in use. */
export function listBuiltIns(db: Db, set = builtIns()) {
  const off = disabledBuiltIns(db);
  return set.certs.map((c) => ({ file: c.file, subject: c.subject, fingerprint: c.fingerprint, validTo: c.validTo, root: c.root, enabled: !off.has(c.fingerprint) }));
}

export function setBuiltInEnabled(db: Db, fingerprint: string, enabled: boolean, userId: number | null, set = builtIns()): void {
  if (!set.certs.some((c) => c.fingerprint === fingerprint)) throw new CoreError('NOT_FOUND', { what: `chứng thư tích hợp ${fingerprint.slice(0, 16)}…` });
  db.transaction(() => {
    if (enabled) db.prepare('DELETE FROM trust_builtin_disabled WHERE fingerprint = ?').run(fingerprint);
    else db.prepare('INSERT OR IGNORE INTO trust_builtin_disabled(fingerprint, disabled_by) VALUES (?, ?)').run(fingerprint, userId);
    audit(db, userId, enabled ? 'trust.builtin.enable' : 'trust.builtin.disable', { type: 'trust_anchor', id: fingerprint });
  })();
}

/** Keeps CA certificates met in signatures or fetched by AIA; returns how many were new. */
export function cacheCertificates(db: Db, ders: Buffer[], source: string): number {
  let added = 0;
  const ins = db.prepare('INSERT OR IGNORE INTO cert_cache(fingerprint, subject, der, source) VALUES (?, ?, ?, ?)');
  for (const der of ders) {
    try {
      const x = new X509Certificate(der);
      // intermediates only: a root is trusted by the admin's choice, never by being met
      if (!x.ca || x.checkIssued(x)) continue;
      added += ins.run(createHash('sha256').update(x.raw).digest('hex'), x.subject.replace(/\n/g, ', '), x.raw, source).changes;
    } catch {
      /* not a certificate: nothing to keep */
    }
  }
  return added;
}

/** Removes an anchor the admin added (built-ins are disabled, not removed), audited. */
export function removeTrustAnchor(db: Db, id: number, userId: number | null): void {
  db.transaction(() => {
    db.prepare('DELETE FROM trust_anchors WHERE id = ?').run(id);
    audit(db, userId, 'trust.remove', { type: 'trust_anchor', id });
  })();
}
