// Reading the audit log for people: filtered by user, action, object and date, with a label
// for the object (the document's title, the account's name) so the screen can word and link
// it. Only reads audit_log; the rows are written by audit.ts.
import type { Db } from '../archive/db';

export interface AuditFilter {
  offset: number;
  limit: number;
  userId?: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  /** Vietnam dates, inclusive */
  from?: string;
  to?: string;
}

// audit times are UTC; a Vietnam day runs from 17:00 UTC the day before
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+07:00`)).toISOString();
const dayEnd = (d: string) => new Date(Date.parse(`${d}T00:00:00+07:00`) + 86_400_000).toISOString();

export function queryAudit(db: Db, f: AuditFilter) {
  const where: string[] = [];
  const args: unknown[] = [];
  const match = (clause: string, value: unknown) => {
    where.push(clause);
    args.push(value);
  };
  if (f.userId !== undefined) match('a.user_id = ?', f.userId);
  if (f.action) match('a.action = ?', f.action);
  if (f.objectType) match('a.object_type = ?', f.objectType);
  if (f.objectId) match('a.object_id = ?', f.objectId);
  if (f.from) match('a.at >= ?', dayStart(f.from));
  if (f.to) match('a.at < ?', dayEnd(f.to));
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM audit_log a ${w}`).pluck().get(...args) as number;
  const items = db
    .prepare(
      `SELECT a.id, a.at, a.user_id userId, u.username, a.action, a.object_type objectType, a.object_id objectId, a.details,
         CASE a.object_type
           WHEN 'document' THEN coalesce(json_extract(CASE WHEN json_valid(a.details) THEN a.details END, '$.objectTitle'), (SELECT title FROM documents WHERE id = a.object_id))
           WHEN 'user' THEN (SELECT full_name || ' (' || username || ')' FROM users WHERE id = a.object_id)
           WHEN 'unit' THEN (SELECT name || ' (' || code || ')' FROM units WHERE id = a.object_id)
           WHEN 'page' THEN coalesce(json_extract(CASE WHEN json_valid(a.details) THEN a.details END, '$.objectTitle') || ' · trang ' || json_extract(CASE WHEN json_valid(a.details) THEN a.details END, '$.pageNumber'),
             (SELECT d.title || ' · trang ' || p.idx FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = a.object_id))
           ELSE NULL END objectLabel,
         -- documents and pages are renamed and renumbered; rows written before their name was kept show today's
         a.object_type NOT IN ('document', 'page') OR json_extract(CASE WHEN json_valid(a.details) THEN a.details END, '$.objectTitle') IS NOT NULL labelAtTheTime
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${w} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, f.limit, f.offset) as {
    id: number;
    at: string;
    userId: number | null;
    username: string | null;
    action: string;
    objectType: string | null;
    objectId: string | null;
    details: string | null;
    objectLabel: string | null;
    labelAtTheTime: number;
  }[];
  const actions = db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[];
  return { total, items: items.map((r) => ({ ...r, labelAtTheTime: r.labelAtTheTime === 1 })), actions };
}
