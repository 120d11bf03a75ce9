// A user's saved views: named filter sets per screen, kept in the archive. Each user sees and
// changes only their own; a name is unique per user and screen.
import type { SavedView } from '../../shared/work-contract';
import type { Db } from '../archive/db';
import { CoreError } from '../errors';

type Screen = SavedView['screen'];
type Filters = SavedView['filters'];
const COLS = 'id, screen, name, filters, created_at createdAt';

const parse = (r: Omit<SavedView, 'filters'> & { filters: string }): SavedView => ({ ...r, filters: JSON.parse(r.filters) as Filters });

export function listViews(db: Db, userId: number, screen: Screen): SavedView[] {
  const rows = db.prepare(`SELECT ${COLS} FROM saved_views WHERE user_id = ? AND screen = ? ORDER BY name COLLATE NOCASE`).all(userId, screen) as (Omit<SavedView, 'filters'> & { filters: string })[];
  return rows.map(parse);
}

function ownView(db: Db, userId: number, id: number) {
  const row = db.prepare(`SELECT ${COLS} FROM saved_views WHERE id = ? AND user_id = ?`).get(id, userId) as (Omit<SavedView, 'filters'> & { filters: string }) | undefined;
  // another user's view is not disclosed
  if (!row) throw new CoreError('NOT_FOUND', { what: `bộ lọc đã lưu #${id}` });
  return parse(row);
}

/** Saves a new view, or renames / refilters one of the user's own (by id). */
export function saveView(db: Db, userId: number, v: { id?: number; screen: Screen; name: string; filters: Filters }): SavedView {
  return db.transaction(() => {
    const clash = db.prepare('SELECT id FROM saved_views WHERE user_id = ? AND screen = ? AND name = ? AND id IS NOT ?').pluck().get(userId, v.screen, v.name, v.id ?? null);
    if (clash !== undefined) throw new CoreError('VIEW_NAME_TAKEN', { name: v.name });
    if (v.id === undefined) {
      const id = Number(db.prepare('INSERT INTO saved_views(user_id, screen, name, filters) VALUES (?, ?, ?, ?)').run(userId, v.screen, v.name, JSON.stringify(v.filters)).lastInsertRowid);
      return ownView(db, userId, id);
    }
    const old = ownView(db, userId, v.id);
    if (old.screen !== v.screen) throw new CoreError('BAD_REQUEST', { detail: 'bộ lọc thuộc màn hình khác' });
    db.prepare('UPDATE saved_views SET name = ?, filters = ? WHERE id = ?').run(v.name, JSON.stringify(v.filters), v.id);
    return ownView(db, userId, v.id);
  })();
}

export function deleteView(db: Db, userId: number, id: number): void {
  ownView(db, userId, id);
  db.prepare('DELETE FROM saved_views WHERE id = ?').run(id);
}
