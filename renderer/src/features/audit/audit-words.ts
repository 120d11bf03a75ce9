// An audit row in words: the action's name, the object as it was called then, and each detail
// by its meaning (field names as the review screen names them, page numbers, yes/no worded for
// what it says). Internal ids stay in the row for IT but are not shown where numbers exist.
import type { TFunction } from 'i18next';
import type { Res } from '../../../../shared/contract';

export type AuditRowData = Res<'audit.list'>['items'][number];

// kept in the row to name the object (shown in the object column) or as ids beside page numbers
const SHOWN_ELSEWHERE = new Set(['objectTitle', 'pageNumber']);

export function auditWords(t: TFunction) {
  const action = (a: string) => t(`auditAction.${a}`, { defaultValue: t('day.auditOther', { action: a }) });
  const objectType = (o: string) => t(`auditObject.${o}`, { defaultValue: o });
  const objectText = (r: AuditRowData) =>
    r.objectType ? `${objectType(r.objectType)} ${r.objectLabel ?? (/^\d+$/.test(r.objectId ?? '') ? `#${r.objectId}` : (r.objectId ?? ''))}` : '';
  const flag = (k: string, v: boolean) => {
    const worded = t(`auditFlag.${k}.${v ? 'yes' : 'no'}`, { defaultValue: '\u0000' });
    if (worded === '\u0000') return `${t(`auditKey.${k}`, { defaultValue: k })}: ${v ? t('common.yes') : t('common.no')}`;
    return worded;
  };
  const value = (k: string, v: unknown): string => {
    if (k === 'changed' && Array.isArray(v)) return v.map((f) => t(`fields.${f}`, { defaultValue: String(f) })).join(', ');
    if (k === 'role' && typeof v === 'string') return t(`roles.${v}`, { defaultValue: v });
    if (k === 'op' && typeof v === 'string') return t(`undo.op.${v}`, { defaultValue: v });
    return Array.isArray(v) ? v.join(', ') : String(v);
  };
  const entry = (d: Record<string, unknown>, k: string, v: unknown): string => {
    if (typeof v === 'boolean') return flag(k, v);
    // page ids: rows that recorded page numbers show those; older ones only say how many
    if (k === 'pages' && Array.isArray(v)) return 'pageNumbers' in d ? '' : t('auditWords.oldPages', { count: v.length });
    if (k === 'order' && Array.isArray(v)) return 'pageOrder' in d ? '' : t('auditWords.oldPages', { count: v.length });
    return `${t(`auditKey.${k}`, { defaultValue: k })}: ${value(k, v)}`;
  };
  const details = (r: AuditRowData) => {
    if (!r.details) return '';
    try {
      const d = JSON.parse(r.details) as Record<string, unknown>;
      return Object.entries(d)
        .filter(([k, v]) => !SHOWN_ELSEWHERE.has(k) && v !== null && v !== undefined && !(Array.isArray(v) && !v.length))
        .map(([k, v]) => entry(d, k, v))
        .filter(Boolean)
        .join(' · ');
    } catch {
      return r.details;
    }
  };
  return { action, objectType, objectText, details };
}
