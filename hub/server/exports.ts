// Coverage exports from the hub: the desk's own CSV, XLSX and PDF writers over the hub's report.
import type { ServerResponse } from 'node:http';
import { coverageCsv, coverageFileName, coveragePdf, coverageXlsx } from '../../electron/coverage/export';
import type { CoverageReport } from '../../shared/contract';
import type { HubAccount } from '../accounts/accounts';
import { Refusal } from '../ingest/refusal';
import type { HubContext } from './context';
import { STAFF_HANDLERS } from './staff-handlers';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };

export async function exportCoverage(ctx: HubContext, who: HubAccount, res: ServerResponse, ext: 'csv' | 'xlsx' | 'pdf', q: URLSearchParams): Promise<void> {
  if (who.role === 'records_staff') throw new Refusal(403, 'FORBIDDEN', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
  const at = q.get('at') ?? undefined;
  const unit = q.get('unitId');
  if ((at && !/^\d{4}-\d{2}-\d{2}$/.test(at)) || (unit && !/^\d{1,9}$/.test(unit))) throw new Refusal(400, 'BAD_REQUEST', 'Ngày hoặc đơn vị không hợp lệ.');
  const req = { at, unitId: unit ? Number(unit) : undefined };
  const report = (await STAFF_HANDLERS['coverage.report'](ctx, who, req)) as CoverageReport;
  const body = ext === 'csv' ? coverageCsv(report) : ext === 'xlsx' ? await coverageXlsx(report) : await coveragePdf(report, (await STAFF_HANDLERS['coverage.trend'](ctx, who, req)) as never);
  res.writeHead(200, { 'Content-Type': TYPES[ext], 'Content-Disposition': `attachment; filename="${coverageFileName(report, ext)}"`, 'Cache-Control': 'no-store', 'Content-Length': body.length });
  res.end(body);
}
