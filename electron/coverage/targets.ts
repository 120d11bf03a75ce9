// Targets per level and year, edited by the admin. A year without its own row keeps the
// most recent earlier year's target (2021's 30/20/15% hold until changed); before any, none.
import type { Level } from '../../shared/roles';
import type { Db } from '../archive/db';

export function targetsFor(db: Db, year: number): Record<Level, number | null> {
  const get = db.prepare('SELECT rate FROM targets WHERE level = ? AND year <= ? ORDER BY year DESC LIMIT 1').pluck();
  const t = (level: Level) => (get.get(level, year) as number | undefined) ?? null;
  return { province: t('province'), district: t('district'), commune: t('commune') };
}

export function listTargets(db: Db): { year: number; level: Level; rate: number }[] {
  return db.prepare('SELECT year, level, rate FROM targets ORDER BY year, level').all() as { year: number; level: Level; rate: number }[];
}

export function setTarget(db: Db, year: number, level: Level, rate: number): void {
  db.prepare('INSERT INTO targets(year, level, rate) VALUES (?, ?, ?) ON CONFLICT(year, level) DO UPDATE SET rate = excluded.rate').run(year, level, rate);
}

export { needed } from '../../shared/coverage-rule';
