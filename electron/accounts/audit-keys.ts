// The secrets an open database's audit chain uses, found from the folder it was opened in:
// the HMAC key of format 2 rows and the archive key that signs checkpoints. A database
// opened without them (in memory, in a test) writes and checks format 1 rows only.
import type { KeyObject } from 'node:crypto';
import { archiveKey, AUDIT_KEY_FILE, auditKey, parseAuditKey, publicKeyOf, publicKeyOfPem, SIGNING_KEY_FILE, type AuditKey } from '../archive/archive-keys';

export interface AuditSecrets {
  /** the folder whose keys/ these came from (the checkpoint file lives there too) */
  dataDir: string;
  hmac: AuditKey | null;
  signingKey: KeyObject | null;
  publicKeyPem: string | null;
  /** keys/audit-checkpoint.json's bytes when the keys are held in memory (a sealed backup's) rather than read from dataDir */
  checkpointFile?: Buffer | null;
}

const secrets = new WeakMap<object, AuditSecrets>();

export const auditSecretsOf = (db: object): AuditSecrets | null => secrets.get(db) ?? null;

/**
 * The live archive's secrets, made if missing. `nextRowId` is where keyed rows start when the
 * key is new: the rows already there stay format 1, every later one must be format 2.
 */
export function attachArchiveSecrets(db: object, dataDir: string, nextRowId: number): AuditSecrets {
  const { privateKey, publicKeyPem } = archiveKey(dataDir);
  const s: AuditSecrets = { dataDir, hmac: auditKey(dataDir, nextRowId), signingKey: privateKey, publicKeyPem };
  secrets.set(db, s);
  return s;
}

/** Another folder's keys, read only, to check a database that is not the live one (a backup's). */
export function attachVerifyingSecrets(db: object, dataDir: string): AuditSecrets {
  const s: AuditSecrets = { dataDir, hmac: auditKey(dataDir), signingKey: null, publicKeyPem: publicKeyOf(dataDir) };
  secrets.set(db, s);
  return s;
}

/** A sealed backup's keys, opened in memory (file name → bytes), read only, to check its database before anything is written. */
export function attachSecretsFromFiles(db: object, files: Map<string, Buffer>, checkpointName: string): AuditSecrets {
  const hmac = files.get(AUDIT_KEY_FILE);
  const s: AuditSecrets = {
    dataDir: '',
    hmac: hmac ? parseAuditKey(hmac.toString('utf8'), `keys/${AUDIT_KEY_FILE}`) : null,
    signingKey: null,
    publicKeyPem: publicKeyOfPem(files.get(SIGNING_KEY_FILE)),
    checkpointFile: files.get(checkpointName) ?? null,
  };
  secrets.set(db, s);
  return s;
}
