// `sohoa ocr`: reads and tags scanned files without archiving them (no contract method: the
// files stay outside the archive), with a searchable PDF per file on request.
import path from 'node:path';
import type { Command } from 'commander';
import { expandPaths } from '../capture/expand-sources';
import { toAppError } from '../errors';
import { ocrFiles } from '../ocr/ocr-files';
import { OcrPool } from '../ocr/pool';
import { ensureTessdata } from '../ocr/tessdata';
import { makeOut } from './output';
import type { Global } from './run';

export function registerOcrCommand(program: Command): void {
  program
    .command('ocr')
    .description('nhận dạng chữ (OCR) và gắn thẻ tệp quét, không cần nhập vào kho')
    .argument('<files...>', 'ảnh, TIFF nhiều trang, PDF quét hoặc thư mục')
    .option('--pdf-dir <dir>', 'ghi PDF có lớp chữ tìm kiếm được vào thư mục này')
    .option('--workers <n>', 'số luồng OCR (mặc định: số nhân CPU)')
    .action(async (paths: string[], opts: { pdfDir?: string; workers?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<Global>();
      const out = makeOut(g.json);
      const pool = new OcrPool({ langPath: ensureTessdata(path.join(g.dataDir, 'tessdata')), size: opts.workers ? Math.max(1, Number(opts.workers) || 1) : undefined });
      try {
        const result = await ocrFiles(expandPaths(paths), pool, {
          pdfDir: opts.pdfDir,
          onPage: (file, p) => !g.json && process.stderr.write(`${file} · trang ${p.index}: ${p.fromText ? 'đọc từ lớp chữ của PDF' : `${p.confidence}%`}\n`),
        });
        out.result(result, () =>
          result.files.map((f) =>
            f.error
              ? `✗ ${f.error}`
              : `✓ ${f.file}: ${f.pages.length} trang · ${f.fields!.type ?? '?'} ${f.fields!.number ?? '(chưa có số)'} · ${f.fields!.date ?? '(chưa có ngày)'} · ${f.fields!.agency ?? ''}\n    ${f.fields!.subject ?? ''}`,
          ),
        );
        process.exitCode = result.files.every((f) => !f.error) ? 0 : 1;
      } catch (e) {
        out.error(toAppError(e).message);
        process.exitCode = 2;
      } finally {
        await pool.close();
      }
    });
}
