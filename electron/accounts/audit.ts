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
  const named = { ...objectAtTheTime(db, object), ...details };
  appendAuditRow(db, {
    userId,
    action,
    objectType: object?.type ?? null,
    objectId: object ? String(object.id) : null,
    details: Object.keys(named).length ? JSON.stringify(named) : null,
  });
}

/**
 * What the object was called when the action happened (a document's title; a page's number and
 * its document's title), kept in the row: the log must not name yesterday's action with today's title.
 */
function objectAtTheTime(db: Db, object?: { type: string; id: string | number }): Record<string, unknown> {
  if (object?.type === 'document') {
    const title = db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(object.id) as string | null | undefined;
    return title ? { objectTitle: title } : {};
  }
  if (object?.type === 'page') {
    const p = db.prepare('SELECT d.title, p.idx FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?').get(object.id) as { title: string | null; idx: number } | undefined;
    return p ? { ...(p.title ? { objectTitle: p.title } : {}), pageNumber: p.idx } : {};
  }
  return {};
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
