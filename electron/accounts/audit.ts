import type { Db } from '../archive/db';

/** Writes one audit row: who did what to which object. Call inside the same transaction as the change. */
export function audit(
  db: Db,
  userId: number | null,
  action: string,
  object?: { type: string; id: string | number },
  details?: Record<string, unknown>,
): void {
  db.prepare('INSERT INTO audit_log(user_id, action, object_type, object_id, details) VALUES (?, ?, ?, ?, ?)').run(
    userId,
    action,
    object?.type ?? null,
    object ? String(object.id) : null,
    details ? JSON.stringify(details) : null,
  );
}

export function listAudit(db: Db, offset: number, limit: number) {
  const total = (db.prepare('SELECT count(*) n FROM audit_log').get() as { n: number }).n;
  const items = db
    .prepare(
      `SELECT a.id, a.at, u.username, a.action, a.object_type objectType, a.object_id objectId, a.details
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as {
    id: number;
    at: string;
    username: string | null;
    action: string;
    objectType: string | null;
    objectId: string | null;
    details: string | null;
  }[];
  return { total, items };
}
