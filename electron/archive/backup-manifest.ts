// What a backup folder holds (manifest.json): every file with its size and SHA-256, the row
// counts of the main tables, the app and schema versions, and the audit chain's head (row id
// and hash), authenticated with a key derived from the backup passphrase (passphraseMac) and
// all signed with the archive's Ed25519 key, whose public half it carries. The archive's keys
// are in keys.sealed, under that passphrase (sealed-keys.ts).
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { signCanonical, verifyCanonical } from './archive-keys';
import type { Db } from './db';

export const MANIFEST = 'manifest.json';
/** Written first: marks a folder as ours, so a re-run may resume into it. */
export const MARKER = '.sohoa-backup';
export const DB_FILE = 'archive.sqlite';

/** The only paths a manifest may name: the database, content-addressed blobs, the archive's keys sealed (never keys/ in the clear). */
export const SAFE_PATH = /^(archive\.sqlite|files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}|keys\.sealed)$/;

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
  /** 1: unsigned; 2: signed, keys/ in the clear (both refused on restore); 3: signed, keys sealed under the passphrase */
  formatVersion: z.literal(3),
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
  /** HMAC-SHA256 of everything above under the passphrase's MAC key: only someone who knows the passphrase makes a manifest that opens with it */
  passphraseMac: z.string().regex(/^[0-9a-f]{64}$/),
  /** Ed25519 over the canonical JSON of everything above */
  signature: z.string().max(200),
});
export type Manifest = z.infer<typeof Manifest>;

export function signManifest(body: Omit<Manifest, 'signature'>, privateKey: KeyObject): Manifest {
  return { ...body, signature: signCanonical(body, privateKey) };
}

/** What passphraseMac covers: the manifest without its MAC and signature. */
export function macBody(m: Omit<Manifest, 'signature'> | Manifest): Omit<Manifest, 'signature' | 'passphraseMac'> {
  const { passphraseMac: _mac, signature: _sig, ...body } = m as Manifest;
  return body;
}

export function manifestSignatureValid(m: Manifest): boolean {
  const { signature, ...body } = m;
  return verifyCanonical(body, m.publicKey, signature);
}

export function archiveCounts(db: Db): Counts {
  return Object.fromEntries(Object.entries(COUNTED).map(([k, table]) => [k, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number])) as Counts;
}
