// What a backup folder holds (manifest.json): every file with its size and SHA-256, the row
// counts of the main tables, the app and schema versions, and the audit chain's head (row id
// and hash), all signed with the archive's Ed25519 key, whose public half it carries.
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { signCanonical, verifyCanonical } from './archive-keys';
import type { Db } from './db';

export const MANIFEST = 'manifest.json';
/** Written first: marks a folder as ours, so a re-run may resume into it. */
export const MARKER = '.sohoa-backup';
export const DB_FILE = 'archive.sqlite';

/** The only paths a manifest may name: the database, content-addressed blobs, the archive's keys. */
export const SAFE_PATH = /^(archive\.sqlite|files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}|keys\/[A-Za-z0-9][A-Za-z0-9._-]{0,100})$/;

export const COUNTED = {
  documents: 'documents',
  pages: 'pages',
  signatures: 'signatures',
  register: 'register',
  units: 'units',
  users: 'users',
  targets: 'targets',
  blobs: 'blobs',
  auditRows: 'audit_log',
} as const;
export type Counts = Record<keyof typeof COUNTED, number>;

export const Manifest = z.object({
  format: z.literal('sohoa-backup'),
  /** 1: unsigned (before backups were signed; refused on restore); 2: signed */
  formatVersion: z.literal(2),
  app: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  counts: z.object(Object.fromEntries(Object.keys(COUNTED).map((k) => [k, z.number().int().min(0)])) as Record<keyof typeof COUNTED, z.ZodNumber>),
  auditHead: z.string().nullable(),
  /** the newest audit row of the backed-up database: a restore and a check compare it */
  auditCheckpoint: z.object({ rowId: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  /** the archive key's public half (PEM): what the signature is checked with, once it is trusted */
  publicKey: z.string().max(1000),
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  /** Ed25519 over the canonical JSON of everything above */
  signature: z.string().max(200),
});
export type Manifest = z.infer<typeof Manifest>;

export function signManifest(body: Omit<Manifest, 'signature'>, privateKey: KeyObject): Manifest {
  return { ...body, signature: signCanonical(body, privateKey) };
}

export function manifestSignatureValid(m: Manifest): boolean {
  const { signature, ...body } = m;
  return verifyCanonical(body, m.publicKey, signature);
}

export function archiveCounts(db: Db): Counts {
  return Object.fromEntries(Object.entries(COUNTED).map(([k, table]) => [k, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number])) as Counts;
}
