// Generated files for /export/<name>?at=&unitId=: the coverage view as CSV, XLSX or PDF, or the
// signed coverage package. Null when the user may not have it or the query is malformed.
import { isRealIsoDate } from '../../shared/iso-date';
import { coverageScope } from '../accounts/scope';
import type { Caller } from '../call-context';
import type { Db } from '../archive/db';
import { today } from './dates';
import { coverageCsv, coverageFileName, coveragePdf, coverageXlsx } from './export';
import { buildPackage } from './packages';
import { coverageReport, coverageTrend } from './report';

export interface Download {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function coverageDownload(d: { db: Db; dataDir: string }, user: Caller, name: string, query: URLSearchParams): Promise<Download | null> {
  if (user.role !== 'admin' && user.role !== 'unit_head') return null;
  const at = query.get('at') ?? today();
  const unitParam = query.get('unitId');
  if (!isRealIsoDate(at) || (unitParam !== null && !/^\d{1,15}$/.test(unitParam))) return null;
  let scope: number | null;
  try {
    scope = coverageScope(d.db, user, unitParam === null ? undefined : Number(unitParam));
  } catch {
    return null;
  }
  if (name === 'coverage-package.json') {
    const unitId = scope ?? user.unitId;
    if (unitId === null) return null;
    const pkg = buildPackage(d.db, d.dataDir, at, unitId, user.id);
    return { fileName: `goi-so-lieu-${pkg.payload.unit.code}-${at}.json`, mime: 'application/json', bytes: Buffer.from(JSON.stringify(pkg, null, 1)) };
  }
  const report = coverageReport(d.db, at, scope);
  if (name === 'coverage.csv') return { fileName: coverageFileName(report, 'csv'), mime: 'text/csv; charset=utf-8', bytes: coverageCsv(report) };
  if (name === 'coverage.xlsx') return { fileName: coverageFileName(report, 'xlsx'), mime: XLSX, bytes: await coverageXlsx(report) };
  if (name === 'coverage.pdf') return { fileName: coverageFileName(report, 'pdf'), mime: 'application/pdf', bytes: await coveragePdf(report, coverageTrend(d.db, at, scope)) };
  return null;
}
