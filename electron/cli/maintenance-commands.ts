// `sohoa backup`, `sohoa restore`, `sohoa check` and `sohoa audit verify`: keeping the archive
// safe from the command line. Progress goes to stderr, the result to stdout (JSON with --json).
import type { Command } from 'commander';
import { audit } from '../accounts/audit';
import { AUDIT_BREAK_VI, verifyAuditChain } from '../accounts/audit-chain';
import { backupArchive, type Progress } from '../archive/backup';
import { restoreArchive } from '../archive/restore';
import { checkArchive } from '../archive/sanity-check';
import { saveMaintenanceReport } from '../archive/maintenance';
import { CoreError, toAppError } from '../errors';
import { makeOut } from './output';
import type { WithCore } from './run';


const PHASES: Record<string, string> = {
  database: 'cơ sở dữ liệu',
  files: 'tệp',
  verify: 'kiểm tra bản sao lưu',
  restore: 'ghi dữ liệu',
  integrity: 'toàn vẹn CSDL',
  foreignKeys: 'khóa ngoại',
  search: 'chỉ mục tìm kiếm',
  signatures: 'chữ ký số',
  audit: 'nhật ký thao tác',
};

/** Progress lines on stderr: one per phase change, else at most four a second, with time left. */
function stderrProgress(): Progress {
  let phase = '';
  let last = 0;
  let started = Date.now();
  return {
    step(p, done, total, current) {
      const now = Date.now();
      if (p !== phase) {
        phase = p;
        started = now;
      } else if (now - last < 250 && done < total) return;
      last = now;
      const eta = done > 0 && done < total ? `, còn ~${Math.ceil((((now - started) / done) * (total - done)) / 1000)} giây` : '';
      process.stderr.write(`[${PHASES[p] ?? p} ${done}/${total}${eta}]${current ? ` ${current}` : ''}\n`);
    },
  };
}

/**
 * The backup passphrase from the environment variable `--passphrase-env` names (never from
 * the command line, which other users can read in the process list); refused, naming the
 * variable, when it is unset.
 */
function passphraseFromEnv(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = process.env[name];
  if (!v) throw new CoreError('BAD_REQUEST', { detail: `biến môi trường ${name} (--passphrase-env) không có giá trị; hãy đặt mật khẩu sao lưu vào biến đó trước khi chạy` });
  return v;
}

export function registerMaintenanceCommands(program: Command, withCore: WithCore): void {
  backupCommand(program, withCore);
  restoreCommand(program);
  checkCommand(program, withCore);
  auditCommand(program, withCore);
}

function backupCommand(program: Command, withCore: WithCore): void {
  program
    .command('backup')
    .description('sao lưu toàn bộ kho (CSDL nhất quán, các tệp, manifest SHA-256) vào một thư mục; chạy lại để tiếp tục')
    .requiredOption('--out <dir>', 'thư mục sao lưu (trống, hoặc bản sao lưu chưa xong để tiếp tục)')
    .option('--passphrase-env <var>', 'tên biến môi trường chứa mật khẩu sao lưu (khóa kho trong bản sao lưu được mã hóa bằng nó; cần khi khôi phục)')
    .action((opts: { out: string; passphraseEnv?: string }, cmd: Command) =>
      withCore(cmd, async ({ core }, out) => {
        const r = await backupArchive({ db: core.db, dataDir: core.dataDir, appVersion: core.version }, opts.out, passphraseFromEnv(opts.passphraseEnv), stderrProgress());
        saveMaintenanceReport(core.db, 'backup', r.complete, r, null, null);
        audit(core.db, null, 'maintenance.backup', undefined, { dir: r.dir, files: r.files, complete: r.complete });
        out.result(r, () => [
          `Đã sao lưu vào ${r.dir}: ${r.files} tệp, ${(r.bytes / 2 ** 20).toFixed(1)} MB (chép ${r.copied}, đã có sẵn ${r.skipped}).`,
          `Hồ sơ ${r.counts?.documents}, trang ${r.counts?.pages}, bản ký ${r.counts?.signatures}, sổ theo dõi ${r.counts?.register}, nhật ký ${r.counts?.auditRows} dòng; lược đồ v${r.schemaVersion}.`,
          `Manifest đã ký bằng khóa kho có dấu vân tay ${r.keyFingerprint}: hãy ghi lại, cần khi khôi phục trên máy khác (--trust-key).`,
          `Khóa của kho trong bản sao lưu đã được mã hóa bằng mật khẩu sao lưu: không có mật khẩu thì không khôi phục được.`,
        ]);
        return r.complete;
      }),
    );
}

// a restore writes a new archive folder: it opens no core
function restoreCommand(program: Command): void {
  program
    .command('restore')
    .description('khôi phục một bản sao lưu vào thư mục kho mới (--data-dir), sau khi kiểm tra chữ ký, khóa và mọi mã băm')
    .argument('<dir>', 'thư mục bản sao lưu')
    .option('--trust-key <fingerprint>', 'dấu vân tay khóa kho đã đối chiếu (in ra khi sao lưu); cần khi khôi phục trên máy mới')
    .option('--trust-archive <dir>', 'tin khóa của kho có sẵn ở thư mục này (bản sao lưu phải do kho đó ký)')
    .option('--passphrase-env <var>', 'tên biến môi trường chứa mật khẩu sao lưu đã dùng khi sao lưu')
    .action(async (dir: string, opts: { trustKey?: string; trustArchive?: string; passphraseEnv?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<{ dataDir: string; json: boolean }>();
      const out = makeOut(g.json);
      try {
        const trust = { fingerprint: opts.trustKey, archiveDir: opts.trustArchive, passphrase: passphraseFromEnv(opts.passphraseEnv) };
        const r = await restoreArchive(dir, g.dataDir, trust, stderrProgress());
        out.result(r, () => [
          `Đã khôi phục ${r.files} tệp (${(r.bytes / 2 ** 20).toFixed(1)} MB) vào ${r.dataDir}.`,
          `Hồ sơ ${r.counts.documents}, bản ký ${r.counts.signatures}, sổ theo dõi ${r.counts.register}, nhật ký ${r.counts.auditRows} dòng (bản sao lưu lúc ${r.createdAt}, ứng dụng ${r.app}).`,
          `Chữ ký bản sao lưu hợp lệ, khóa kho ${r.keyFingerprint}.`,
        ]);
        process.exitCode = 0;
      } catch (e) {
        out.error(toAppError(e).message);
        process.exitCode = 1;
      }
    });
}

function checkCommand(program: Command, withCore: WithCore): void {
  program
    .command('check')
    .description('kiểm tra kho: toàn vẹn CSDL, khóa ngoại, mã băm từng tệp, tệp thiếu/thừa, chỉ mục tìm kiếm, chữ ký, nhật ký')
    .option('--repair', 'sửa những gì an toàn: dựng lại chỉ mục tìm kiếm, chuyển tệp thừa vào quarantine/ (không xóa gì)', false)
    .action((opts: { repair: boolean }, cmd: Command) =>
      withCore(cmd, async ({ core }, out) => {
        const r = await checkArchive({ db: core.db, dataDir: core.dataDir }, { repair: opts.repair, ...stderrProgress() });
        saveMaintenanceReport(core.db, 'check', r.ok, r, null, null);
        if (opts.repair) audit(core.db, null, 'maintenance.repair', undefined, { searchRows: r.repaired.searchRows, quarantined: r.repaired.quarantined.length });
        out.result(r, () => [
          ...r.issues.map((x) => `${x.severity === 'error' ? '✗' : '!'} ${x.message}${x.repaired ? ' — đã sửa' : ''}`),
          ...(r.repaired.quarantined.length ? [`Đã chuyển ${r.repaired.quarantined.length} tệp thừa vào quarantine/.`] : []),
          `${r.ok ? 'Kho nguyên vẹn' : 'Kho có lỗi'}: ${r.counts.files} tệp, ${r.counts.documents} hồ sơ, ${r.counts.signatures} bản ký, nhật ký ${r.counts.auditRows} dòng${r.audit.ok ? ' (chuỗi băm liền)' : ''}; ${r.issues.length} vấn đề.`,
        ]);
        return r.ok;
      }),
    );
}

function auditCommand(program: Command, withCore: WithCore): void {
  program
    .command('audit')
    .description('nhật ký thao tác')
    .command('verify')
    .description('kiểm tra chuỗi băm của nhật ký thao tác; báo dòng đầu tiên bị sửa hoặc xóa')
    .action((_o: unknown, cmd: Command) =>
      withCore(cmd, async ({ core }, out) => {
        const st = verifyAuditChain(core.db);
        out.result(st, () =>
          st.ok
            ? [`Nhật ký nguyên vẹn: ${st.rows} dòng, chuỗi băm liền. Mã băm cuối: ${st.head ?? '(trống)'}`]
            : [`Nhật ký bị sửa hoặc xóa: chuỗi băm đứt tại dòng #${st.firstBroken!.id} (${st.firstBroken!.at}, ${st.firstBroken!.action}; ${AUDIT_BREAK_VI[st.firstBroken!.reason]}).`],
        );
        return st.ok;
      }),
    );
}
