// `sohoa`: batch work on the archive from a terminal. It acts as the local operator of the
// data folder (who can read the files anyway), so it needs no sign-in; actions are audited as CLI.
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { listDocuments } from '../archive/documents';
import { Core } from '../core';
import { defaultDataDir } from '../data-dir';
import { CoreError, toAppError } from '../errors';
import { importCatalogue } from '../units/catalogue-import';
import { listUnits } from '../units/units';
import { makeOut, type Out } from './output';

const program = new Command('sohoa')
  .description('Số hóa Desk — số hóa, ký số và lưu trữ kết quả giải quyết TTHC')
  .option('--data-dir <dir>', 'thư mục kho lưu trữ', defaultDataDir())
  .option('--json', 'in kết quả dạng JSON cho máy đọc', false)
  .showHelpAfterError();

type Global = { dataDir: string; json: boolean };

/** Opens the archive, runs one command, closes it; exit code 0 only when the command succeeded. */
async function withCore(cmd: Command, work: (core: Core, out: Out) => Promise<boolean>): Promise<void> {
  const g = cmd.optsWithGlobals<Global>();
  const out = makeOut(g.json);
  let core: Core | null = null;
  try {
    core = Core.open({ dataDir: g.dataDir, shell: 'cli', resumeJobs: false });
    process.exitCode = (await work(core, out)) ? 0 : 1;
  } catch (e) {
    out.error(toAppError(e).message);
    process.exitCode = 2;
  } finally {
    await core?.close();
  }
}

function unitByCode(core: Core, code: string | undefined): number | null {
  if (code) {
    const u = core.db.prepare('SELECT id FROM units WHERE code = ? ORDER BY valid_from DESC').get(code) as { id: number } | undefined;
    if (!u) throw new CoreError('NOT_FOUND', { what: `đơn vị mã ${code}` });
    return u.id;
  }
  // the home unit: the first administrator's
  return (core.db.prepare("SELECT unit_id id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number } | undefined)?.id ?? null;
}

program
  .command('import')
  .description('nhập tệp quét (JPEG, PNG, TIFF, PDF) hoặc cả thư mục vào kho')
  .argument('<files...>', 'tệp hoặc thư mục')
  .option('--unit <code>', 'mã đơn vị sở hữu (mặc định: đơn vị của quản trị viên)')
  .action((files: string[], opts: { unit?: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const jobId = core.startImport(files.map((path) => ({ path })), null, unitByCode(core, opts.unit));
      let shown: string | null = null;
      if (!out.json)
        core.jobs.on('job.updated', (st) => {
          if (st.current && st.current !== shown) process.stderr.write(`[${st.done + 1}/${st.total}] ${(shown = st.current)}\n`);
        });
      await core.jobs.idle();
      const st = core.jobs.get(jobId)!;
      const count = (s: string) => st.outcomes.filter((o) => o.status === s).length;
      const failed = count('error');
      out.result(
        {
          imported: count('imported'),
          duplicates: count('duplicate'),
          failed,
          files: st.outcomes.map((o) => ({
            file: o.file,
            status: o.status,
            documentId: o.documentId,
            pages: o.pages,
            error: o.status === 'error' ? { code: o.code, message: o.message } : null,
            warnings: o.warnings,
          })),
        },
        () => [
          ...st.outcomes.map((o) =>
            o.status === 'imported' ? `✓ ${o.file}: hồ sơ #${o.documentId}, ${o.pages} trang${o.warnings.length ? ` (${o.warnings.join(' ')})` : ''}` : `✗ ${o.message}`,
          ),
          `Đã nhập ${count('imported')}, trùng ${count('duplicate')}, lỗi ${failed}.`,
        ],
      );
      return failed === 0;
    }),
  );

program
  .command('list')
  .description('liệt kê hồ sơ trong kho')
  .option('--query <text>', 'lọc theo tên (không phân biệt dấu)', '')
  .option('--limit <n>', 'số dòng tối đa', '500')
  .action((opts: { query: string; limit: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const r = listDocuments(core.db, null, { query: opts.query, sort: 'createdAt', order: 'asc', offset: 0, limit: Math.min(500, Number(opts.limit) || 500) });
      out.result({ total: r.total, documents: r.items }, () => [
        ...r.items.map((d) => `#${d.id}\t${d.title}\t${d.pageCount} trang\t${d.unitName ?? '(chưa gán đơn vị)'}\t${d.createdAt}`),
        `Tổng: ${r.total} hồ sơ.`,
      ]);
      return true;
    }),
  );

const units = program.command('units').description('danh mục đơn vị hành chính');
units
  .command('import')
  .description('nhập danh mục đơn vị theo mẫu của Tổng cục Thống kê (CSV hoặc XLSX)')
  .argument('<file>')
  .addOption(new Option('--valid-from <date>', 'ngày bắt đầu hiệu lực (YYYY-MM-DD)'))
  .action((file: string, opts: { validFrom?: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      if (!fs.existsSync(file)) throw new CoreError('FILE_NOT_FOUND', { file });
      const r = await importCatalogue(core.db, file, fs.readFileSync(file), { validFrom: opts.validFrom ?? null, userId: null });
      out.result(r, () => [
        `Thêm mới ${r.created}, cập nhật ${r.updated}, không đổi ${r.unchanged}, lỗi ${r.errors.length}.`,
        ...r.errors.map((e) => `  dòng ${e.row}: ${e.message}`),
      ]);
      return r.errors.length === 0;
    }),
  );
units
  .command('list')
  .description('liệt kê đơn vị')
  .option('--at <date>', 'chỉ các đơn vị còn hiệu lực vào ngày này (YYYY-MM-DD)')
  .action((opts: { at?: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const list = listUnits(core.db, opts.at);
      out.result(list, () => list.map((u) => `${u.code}\t${u.level}\t${u.name}${u.validTo ? `\t(đến ${u.validTo})` : ''}`));
      return true;
    }),
  );

await program.parseAsync(process.argv);
