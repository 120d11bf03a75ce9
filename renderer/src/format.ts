import { i18next } from './i18n';
import { percent } from '../../shared/lagging';

const locale = () => (i18next.language === 'en' ? 'en-GB' : 'vi-VN');

/** dd/mm/yyyy hh:mm in Vietnam's time zone, as Vietnamese forms write dates. */
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(locale(), {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

/** A share as a percentage written the way the interface language writes numbers. */
export const formatPercent = (x: number) => percent(x, locale());

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

/** "3 phút" / "45 giây" from seconds. */
export function formatDuration(seconds: number): string {
  return seconds >= 90 ? i18next.t('common.minutes', { count: Math.round(seconds / 60) }) : i18next.t('common.seconds', { count: Math.max(1, Math.round(seconds)) });
}
