// `sohoa import`, `list`, `search` and `attach`: the archive from a terminal, through the contract.
import type { Command } from 'commander';
import type { FileOutcome } from '../../shared/contract';
import { entriesByDossier, pickEntry } from '../coverage/register-lookup';
import { unitIdByCode, unitOrHome, withCore } from './run';

export function registerArchiveCommands(program: Command): void {
  importCommand(program);
  listCommand(program);
  searchCommand(program);
  attachCommand(program);
}

function importCommand(program: Command): void {
  program
    .command('import')
    .description('nhập tệp quét (JPEG, PNG, TIFF, PDF) hoặc cả thư mục vào kho')
    .argument('<files...>', 'tệp hoặc thư mục')
    .option('--unit <code>', 'mã đơn vị sở hữu (mặc định: đơn vị của quản trị viên)')
    .option('--ocr', 'nhận dạng chữ và gắn thẻ ngay sau khi nhập', false)
    .action((files: string[], opts: { unit?: string; ocr: boolean }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const unitId = unitOrHome(cli, opts.unit) ?? undefined;
        const { jobId } = await cli.call('documents.import', { sources: files.map((path) => ({ path })), unitId, ocr: opts.ocr });
        let shown: string | null = null;
        const st = await cli.finish(jobId, (u) => {
          if (!out.json && u.current && u.current !== shown) process.stderr.write(`[${u.done + 1}/${u.total}] ${(shown = u.current)}\n`);
        });
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
          () => [...st.outcomes.map(outcomeLine), `Đã nhập ${count('imported')}, trùng ${count('duplicate')}, lỗi ${failed}.`],
        );
        return failed === 0;
      }),
    );
}

function listCommand(program: Command): void {
  program
    .command('list')
    .description('liệt kê hồ sơ trong kho')
    .option('--query <text>', 'lọc theo tên (không phân biệt dấu)', '')
    .option('--limit <n>', 'số dòng tối đa', '500')
    .action((opts: { query: string; limit: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const r = await cli.call('documents.list', { query: opts.query, sort: 'createdAt', order: 'asc', offset: 0, limit: Math.min(500, Number(opts.limit) || 500) });
        out.result({ total: r.total, documents: r.items }, () => [
          ...r.items.map((d) => `#${d.id}\t${d.title}\t${d.pageCount} trang\t${d.unitName ?? '(chưa gán đơn vị)'}\t${d.createdAt}`),
          `Tổng: ${r.total} hồ sơ.`,
        ]);
        return true;
      }),
    );
}

function searchCommand(program: Command): void {
  program
    .command('search')
    .description('tìm hồ sơ theo nội dung (không cần dấu; "cụm từ", tiền tố*)')
    .argument('<query...>')
    .option('--limit <n>', 'số kết quả tối đa', '20')
    .action((words: string[], opts: { limit: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const query = words.join(' ');
        const r = await cli.call('documents.list', { query, sort: 'relevance', order: 'desc', offset: 0, limit: Math.min(500, Number(opts.limit) || 20) });
        const documents = r.items.map((d) => ({ id: d.id, title: d.title, sourceName: d.sourceName, unitName: d.unitName, status: d.status, createdAt: d.createdAt, snippet: d.snippet }));
        out.result({ query, total: r.total, documents }, () => [...r.items.map((d) => `#${d.id}\t${d.title}${d.snippet ? `\n    ${d.snippet}` : ''}`), `${r.total} hồ sơ khớp "${query}".`]);
        return true;
      }),
    );
}

function attachCommand(program: Command): void {
  program
    .command('attach')
    .description('gắn một tệp PDF đã số hóa với kết quả trong sổ theo dõi (nhập tệp nếu chưa có)')
    .requiredOption('--dossier <code>', 'mã hồ sơ')
    .option('--unit <code>', 'mã đơn vị giữ kết quả (cần khi nhiều đơn vị có cùng mã hồ sơ)')
    .argument('<file>')
    .action((file: string, opts: { dossier: string; unit?: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        // the file goes to the unit of the result it belongs to; a code held by several units
        // names none of them unless --unit says whose entry it is
        const units = opts.unit ? [unitIdByCode(cli, opts.unit)] : null;
        const entry = pickEntry(entriesByDossier(cli.core.db, opts.dossier, units), opts.dossier, null);
        const { jobId } = await cli.call('documents.import', { sources: [{ path: file }], unitId: entry.unitId });
        const o = (await cli.finish(jobId)).outcomes[0];
        if (!o || o.status === 'error') {
          out.result({ dossierCode: opts.dossier, documentId: null, status: 'error', error: { code: o?.code, message: o?.message } }, () => [`✗ ${o?.message}`]);
          return false;
        }
        await cli.call('documents.link', { id: o.documentId!, dossierCode: opts.dossier, registerId: entry.id, digitized: true });
        out.result({ dossierCode: opts.dossier, documentId: o.documentId, status: o.status, error: null }, () => [
          `✓ ${file} → hồ sơ #${o.documentId} (${o.status === 'duplicate' ? 'đã có trong kho' : 'mới nhập'}), gắn với ${opts.dossier}, đánh dấu đã số hóa.`,
        ]);
        return true;
      }),
    );
}

function outcomeLine(o: FileOutcome): string {
  return o.status === 'imported' ? `✓ ${o.file}: hồ sơ #${o.documentId}, ${o.pages} trang${o.warnings.length ? ` (${o.warnings.join(' ')})` : ''}` : `✗ ${o.message}`;
}
