// The outbox's SQL (the table and its triggers are migration 12): what is waiting, in order,
// each key's older rows left behind for its newest one; acknowledgement; the queueing of the
// whole archive at enrolment; the signed copies the hub still lacks.
import type { Db } from '../archive/db';

export type OutboxKind = 'register' | 'document' | 'unit' | 'target';

export interface OutboxRow {
  seq: number;
  kind: OutboxKind;
  key: string;
  unitId: number | null;
}

/**
 * Rows after `acked` in sequence order, skipping a row when a newer one for the same key
 * follows (that one carries the key's state). A register row is keyed by its code *and* unit:
 * the row of the unit it left becomes a deletion there.
 */
export function pendingRows(db: Db, acked: number, limit: number): OutboxRow[] {
  return db
    .prepare(
      `SELECT o.seq, o.kind, o.key, o.unit_id unitId FROM outbox o
       WHERE o.seq > ? AND NOT EXISTS (
         SELECT 1 FROM outbox n WHERE n.kind = o.kind AND n.key = o.key AND n.seq > o.seq
           AND (o.kind <> 'register' OR n.unit_id IS o.unit_id))
       ORDER BY o.seq LIMIT ?`,
    )
    .all(acked, limit) as OutboxRow[];
}

/** Changes queued after the acknowledged sequence (every row, before coalescing). */
export const waitingCount = (db: Db, acked: number): number => db.prepare('SELECT count(*) FROM outbox WHERE seq > ?').pluck().get(acked) as number;

export const maxSeq = (db: Db): number => (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number | undefined) ?? 0;

/** Rows the hub holds (or that will never be sent) are done with. */
export function dropRows(db: Db, upTo: number, seqs: number[] = []): void {
  db.prepare('DELETE FROM outbox WHERE seq <= ?').run(upTo);
  const del = db.prepare('DELETE FROM outbox WHERE seq = ?');
  for (const s of seqs) del.run(s);
}

/**
 * Queues every row in the desk's scope once: the units below its unit (the hub's catalogue
 * has the unit itself), the register and documents of all of them, and the targets when the
 * desk is the province's. Sequences start after `after` (the hub's acknowledged sequence when
 * it knew this desk before).
 */
export function queueAll(db: Db, unitId: number, after: number): number {
  db.prepare("INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')").run();
  db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'").run(after);
  const scope = `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)`;
  let n = 0;
  // parents before children, so the hub can place each unit under one it already has
  n += db
    .prepare(`WITH RECURSIVE ordered(id, depth) AS (SELECT CAST(? AS INTEGER), 0 UNION SELECT u.id, o.depth + 1 FROM units u JOIN ordered o ON u.parent_id = o.id)
      INSERT INTO outbox(kind, key, unit_id) SELECT 'unit', id, id FROM ordered WHERE depth > 0 ORDER BY depth, id`)
    .run(unitId).changes;
  n += db.prepare(`${scope} INSERT INTO outbox(kind, key, unit_id) SELECT 'register', dossier_code, unit_id FROM register WHERE unit_id IN (SELECT id FROM sub) ORDER BY id`).run(unitId).changes;
  n += db.prepare(`${scope} INSERT INTO outbox(kind, key, unit_id) SELECT 'document', id, unit_id FROM documents WHERE unit_id IN (SELECT id FROM sub) ORDER BY id`).run(unitId).changes;
  const province = db.prepare("SELECT 1 FROM units WHERE id = ? AND level = 'province'").get(unitId);
  if (province) n += db.prepare("INSERT INTO outbox(kind, key) SELECT 'target', year || '/' || level FROM targets ORDER BY year, level").run().changes;
  return n;
}

export const clearOutbox = (db: Db) => db.prepare('DELETE FROM outbox').run();

export function addPendingBlobs(db: Db, shas: string[]): void {
  const add = db.prepare('INSERT OR IGNORE INTO outbox_blobs(sha256) VALUES (?)');
  for (const s of shas) add.run(s);
}

export const pendingBlobs = (db: Db): string[] => db.prepare('SELECT sha256 FROM outbox_blobs ORDER BY added_at, sha256').pluck().all() as string[];
export const blobDone = (db: Db, sha: string) => db.prepare('DELETE FROM outbox_blobs WHERE sha256 = ?').run(sha);
