// `sohoa extend`: archived signed copies kept provable (PAdES B-LTA): validation data and a new
// document timestamp from the archive's timestamp server; again only when the last timestamp's
// TSA certificate expires within the margin.
import type { Command } from 'commander';
import { OPERATOR } from '../call-context';
import { CoreError } from '../errors';
import { DEFAULT_MARGIN_DAYS } from '../signing/long-term/extend';
import { extendArchived, signedDocuments, type ExtendOutcome } from '../signing/long-term/extend-archive';
import { withCore } from './run';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '?');
const line = (o: ExtendOutcome) =>
  ({
    extended: `  #${o.documentId}: đã thêm dữ liệu kiểm tra và dấu thời gian lưu trữ (B-LTA)${o.lastExpires ? `; dấu thời gian trước hết hạn ${day(o.lastExpires)}` : ''}`,
    current: `  #${o.documentId}: chưa cần gia hạn (chứng thư của dấu thời gian cuối còn hạn đến ${day(o.lastExpires)})`,
    unsigned: `  #${o.documentId}: chưa có bản đã ký số, bỏ qua`,
    error: `  #${o.documentId}: lỗi: ${o.message}`,
  })[o.status];

export function extendCommand(program: Command): void {
  program
    .command('extend')
    .description('gia hạn bản đã ký số trong kho (PAdES B-LTA): thêm dữ liệu kiểm tra và dấu thời gian lưu trữ')
    .argument('[documents...]', 'mã hồ sơ (số)')
    .option('--all', 'mọi hồ sơ đã ký số trong kho', false)
    .option('--margin-days <n>', 'đóng dấu lại khi chứng thư của dấu thời gian cuối hết hạn trong số ngày này', String(DEFAULT_MARGIN_DAYS))
    .action((documents: string[], opts: { all: boolean; marginDays: string }, cmd: Command) =>
      withCore(cmd, async ({ core }, out) => {
        const marginDays = Number(opts.marginDays);
        if (!Number.isInteger(marginDays) || marginDays < 0) throw new CoreError('BAD_REQUEST', { detail: `--margin-days "${opts.marginDays}" phải là số ngày` });
        const ids = opts.all ? signedDocuments(core.db, OPERATOR) : documents.map(Number);
        if (!ids.length || ids.some((n) => !Number.isInteger(n) || n <= 0)) throw new CoreError('BAD_REQUEST', { detail: 'cần mã hồ sơ (số) hoặc --all' });
        const outcomes = await extendArchived(core.db, core.blobs, OPERATOR, ids, { marginDays });
        const n = (s: ExtendOutcome['status']) => outcomes.filter((o) => o.status === s).length;
        out.result({ outcomes }, () => [
          `Gia hạn ${ids.length} hồ sơ: ${n('extended')} đã gia hạn, ${n('current')} chưa cần, ${n('unsigned')} chưa ký, ${n('error')} lỗi.`,
          ...outcomes.flatMap((o) => [line(o), ...o.warnings.map((w) => `    - ${w}`)]),
        ]);
        return n('error') === 0;
      }),
    );
}
