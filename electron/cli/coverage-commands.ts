// `sohoa coverage`, `coverage package` and `coverage import-package`: the dashboard's figures and
// the signed packages sent up the hierarchy, through the contract.
import type { Command } from 'commander';
import { percent } from '../../shared/lagging';
import { isRealIsoDate } from '../../shared/iso-date';
import { writeFileDurably } from '../archive/durable-write';
import { today } from '../coverage/dates';
import { CoreError } from '../errors';
import { fileSource, unitIdByCode, withCore } from './run';

/**
 * The unit and date a `coverage` subcommand is about. `coverage` itself takes --unit and --at,
 * so it keeps them wherever they are written on the line; subcommands read them from it.
 */
function coverageTarget(cmd: Command): { unit: string; at: string } {
  const { unit, at } = cmd.parent!.opts<{ unit?: string; at: string }>();
  if (!unit) throw new CoreError('BAD_REQUEST', { detail: 'thiếu --unit <mã đơn vị>' });
  if (!isRealIsoDate(at)) throw new CoreError('BAD_DATE', { value: at });
  return { unit, at };
}

export function registerCoverageCommands(program: Command): void {
  const coverage = program
    .command('coverage')
    .description('tỷ lệ kết quả còn hiệu lực đã được số hóa, theo cấp và theo đơn vị')
    .option('--at <date>', 'tính đến ngày (YYYY-MM-DD)', today())
    .option('--unit <code>', 'chỉ đơn vị này và các đơn vị trực thuộc')
    .action((opts: { at: string; unit?: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.at)) throw new CoreError('BAD_REQUEST', { detail: `ngày "${opts.at}" phải có dạng YYYY-MM-DD` });
        const r = await cli.call('coverage.report', { at: opts.at, unitId: opts.unit ? unitIdByCode(cli, opts.unit, opts.at) : undefined });
        const units = r.units.map((u) => ({ code: u.code, name: u.name, level: u.level, parent: u.parentCode, valid: u.valid, digitized: u.digitized, rate: u.rate, target: u.target, met: u.met, needed: u.needed }));
        out.result({ at: r.at, levels: r.levels.map((l) => ({ level: l.level, target: l.target, valid: l.valid, digitized: l.digitized, rate: l.rate, met: l.met })), units }, () => [
          `Số liệu đến ngày ${r.at}`,
          ...r.levels.map((l) => `${l.level}: ${l.digitized}/${l.valid} = ${percent(l.rate)}${l.target !== null ? ` (chỉ tiêu ${percent(l.target)}: ${l.met === null ? 'không có kết quả còn hiệu lực' : l.met ? 'đạt' : 'chưa đạt'})` : ''}`),
          ...r.units.map((u) => `  ${u.code}\t${u.name}\t${u.digitized}/${u.valid}\t${percent(u.rate)}${u.needed ? `\tcần thêm ${u.needed}` : ''}`),
        ]);
        return true;
      }),
    );
  coverage
    .command('package')
    .description('lập gói số liệu đã ký để gửi đơn vị cấp trên (--unit: đơn vị lập gói, --at: tính đến ngày)')
    .requiredOption('--out <file>', 'tệp JSON xuất ra')
    .action((opts: { out: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const { unit, at } = coverageTarget(cmd);
        const query = new URLSearchParams({ at, unitId: String(unitIdByCode(cli, unit, at)) });
        const file = await cli.core.download('coverage-package.json', query, cli.client);
        if (!file) throw new CoreError('FORBIDDEN');
        writeFileDurably(opts.out, file.bytes);
        const { payload } = JSON.parse(file.bytes.toString('utf8')) as { payload: { unit: { code: string }; at: string; units: unknown[] } };
        out.result({ file: opts.out, unit: payload.unit.code, at: payload.at, units: payload.units.length }, () => [`Đã lập gói ${opts.out} (${payload.units.length} đơn vị).`]);
        return true;
      }),
    );
  coverage
    .command('import-package')
    .description('nhận gói số liệu của đơn vị trực thuộc, kiểm tra chữ ký (--unit: đơn vị nhận gói)')
    .argument('<file>')
    .action((file: string, _opts: unknown, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const unitId = unitIdByCode(cli, coverageTarget(cmd).unit);
        const r = await cli.call('coverage.importPackage', { source: fileSource(file), unitId });
        out.result(r, () => [`Đã nhận số liệu của ${r.unitName} đến ngày ${r.at} (${r.units} đơn vị).`]);
        return true;
      }),
    );
}
