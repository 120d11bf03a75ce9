import type { Db } from '../archive/db';
import { appendAuditRow } from './audit-chain';

/** Writes one audit row (chained to the one before, see audit-chain.ts): who did what to which object. Call inside the same transaction as the change. */
export function audit(
  db: Db,
  userId: number | null,
  action: string,
  object?: { type: string; id: string | number },
  details?: Record<string, unknown>,
): void {
  appendAuditRow(db, {
    userId,
    action,
    objectType: object?.type ?? null,
    objectId: object ? String(object.id) : null,
    details: details ? JSON.stringify(details) : null,
  });
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
