// `sohoa units …`, `register import` and `targets …`: the catalogue, the results register and the
// yearly targets, through the contract.
import { Option, type Command } from 'commander';
import type { Level } from '../../shared/roles';
import { CoreError } from '../errors';
import { fileSource, unitIdByCode, withCore } from './run';

const rowErrors = (file: string, errors: { row: number; message: string }[], what = 'dòng') => errors.map((e) => `  ${file}, ${what} ${e.row}: ${e.message}`);

export function registerRegisterCommands(program: Command): void {
  unitCommands(program);
  registerImportCommand(program);
  targetCommands(program);
}

function unitCommands(program: Command): void {
  const units = program.command('units').description('danh mục đơn vị hành chính');
  units
    .command('import')
    .description('nhập danh mục đơn vị theo mẫu của Tổng cục Thống kê (CSV hoặc XLSX)')
    .argument('<file>')
    .addOption(new Option('--valid-from <date>', 'ngày bắt đầu hiệu lực (YYYY-MM-DD)'))
    .action((file: string, opts: { validFrom?: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const r = await cli.call('units.import', { source: fileSource(file), validFrom: opts.validFrom ?? null });
        out.result(r, () => [`Thêm mới ${r.created}, cập nhật ${r.updated}, không đổi ${r.unchanged}, lỗi ${r.errors.length}.`, ...rowErrors(file, r.errors)]);
        return r.errors.length === 0;
      }),
    );
  units
    .command('list')
    .description('liệt kê đơn vị')
    .option('--at <date>', 'chỉ các đơn vị còn hiệu lực vào ngày này (YYYY-MM-DD)')
    .action((opts: { at?: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const list = await cli.call('units.list', { at: opts.at });
        out.result(list, () => list.map((u) => `${u.code}\t${u.level}\t${u.name}${u.validTo ? `\t(đến ${u.validTo})` : ''}`));
        return true;
      }),
    );
  units
    .command('merges')
    .description('nhập danh sách sắp xếp đơn vị (JSON đơn vị mới → đơn vị cũ, toàn phần/một phần)')
    .argument('<file>')
    .option('--effective <date>', 'ngày các đơn vị mới bắt đầu hiệu lực', '2025-07-01')
    .action((file: string, opts: { effective: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const r = await cli.call('units.merges', { source: fileSource(file), effective: opts.effective });
        out.result(r, () => [`Ghi nhận ${r.links} quan hệ kế thừa, kết thúc hiệu lực ${r.ended} đơn vị cũ, lỗi ${r.errors.length}.`, ...rowErrors(file, r.errors, 'mục')]);
        return r.errors.length === 0;
      }),
    );
}

function registerImportCommand(program: Command): void {
  program
    .command('register')
    .description('sổ theo dõi kết quả giải quyết TTHC (mẫu số của chỉ tiêu số hóa)')
    .command('import')
    .description('nhập tệp xuất từ hệ thống một cửa (CSV hoặc XLSX; tiêu đề tiếng Việt hoặc tiếng Anh)')
    .argument('<file>')
    .option('--unit <code>', 'đơn vị cho các dòng không có cột Mã đơn vị')
    .action((file: string, opts: { unit?: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const source = fileSource(file);
        // the columns as the screen would propose them, then the import with that mapping
        const { mapping } = await cli.call('register.preview', { source });
        const r = await cli.call('register.import', { source, mapping, unitId: opts.unit ? unitIdByCode(cli, opts.unit) : undefined });
        out.result(r, () => [`Thêm mới ${r.created}, cập nhật ${r.updated}, không đổi ${r.unchanged}, lỗi ${r.errors.length}.`, ...rowErrors(file, r.errors)]);
        return r.errors.length === 0;
      }),
    );
}

function targetCommands(program: Command): void {
  const targets = program.command('targets').description('chỉ tiêu tỷ lệ số hóa theo năm và cấp');
  targets
    .command('set')
    .requiredOption('--year <y>', 'năm')
    .addOption(new Option('--level <level>', 'cấp').choices(['province', 'district', 'commune']).makeOptionMandatory())
    .requiredOption('--rate <r>', 'tỷ lệ từ 0 đến 1, ví dụ 0.30')
    .action((opts: { year: string; level: Level; rate: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const year = Number(opts.year);
        const rate = Number(opts.rate);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CoreError('BAD_REQUEST', { detail: `năm "${opts.year}" không hợp lệ` });
        if (!(rate >= 0 && rate <= 1)) throw new CoreError('BAD_REQUEST', { detail: `tỷ lệ "${opts.rate}" phải từ 0 đến 1` });
        await cli.call('targets.set', { year, level: opts.level, rate });
        out.result({ year, level: opts.level, rate }, () => [`Chỉ tiêu ${opts.level} năm ${year}: ${rate * 100}%.`]);
        return true;
      }),
    );
  targets.command('list').action((_o: unknown, cmd: Command) =>
    withCore(cmd, async (cli, out) => {
      const list = await cli.call('targets.list', {});
      out.result(list, () => list.map((t) => `${t.year}\t${t.level}\t${t.rate * 100}%`));
      return true;
    }),
  );
}
