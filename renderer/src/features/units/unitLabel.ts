// How a unit is named in every picker: name, parent, code, and, for a unit that no longer
// exists (abolished or merged on 1/7/2025) or not yet, since or from when.
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Unit } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';

const today = () => dayjs().format('YYYY-MM-DD');
/** The first day a unit no longer exists: the day after its last valid day. */
export const endedOn = (u: Pick<Unit, 'validTo'>) => (u.validTo ? dayjs(u.validTo).add(1, 'day').format('YYYY-MM-DD') : null);
export const isEnded = (u: Pick<Unit, 'validTo'>, at = today()) => !!u.validTo && u.validTo < at;
const notYet = (u: Pick<Unit, 'validFrom'>, at = today()) => !!u.validFrom && u.validFrom > at;

export function unitLabel(u: Unit, t: TFunction, parentName?: string | null): string {
  const base = `${u.name}${parentName ? ` — ${parentName}` : ''} (${u.code})`;
  if (isEnded(u)) return `${base} · ${t('day.unitEnded', { date: formatDate(endedOn(u)) })}`;
  if (notYet(u)) return `${base} · ${t('day.unitFrom', { date: formatDate(u.validFrom) })}`;
  return base;
}

const LEVEL_ORDER = { province: 0, district: 1, commune: 2 } as const;
/** Units that exist today first, then the ones that ended; in each, province, districts, communes. */
export const currentFirst = <T extends Unit>(units: T[]) =>
  [...units].sort((a, b) => Number(isEnded(a)) - Number(isEnded(b)) || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
