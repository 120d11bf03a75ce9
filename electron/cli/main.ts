// `sohoa`: batch work on the archive from a terminal. It acts as the local operator of the
// data folder (who can read the files anyway), so it needs no sign-in; actions are audited as CLI.
import { isRealIsoDate } from '../../shared/iso-date';
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { listDocuments } from '../archive/documents';
import { Core } from '../core';
import { defaultDataDir } from '../data-dir';
import { CoreError, toAppError } from '../errors';
import { importCatalogue } from '../units/catalogue-import';
import { listUnits, unitIdAt } from '../units/units';
import type { Level } from '../../shared/roles';
import { percent } from '../../shared/lagging';
import { audit } from '../accounts/audit';
import { importFile } from '../capture/import-file';
import { today } from '../coverage/dates';
import { linkDocument } from '../coverage/digitized';
import { importMerges } from '../coverage/merges';
import { buildPackage, importPackage } from '../coverage/packages';
import { findByDossier } from '../coverage/register';
import { findHeaderRow, guessMapping, importRegister } from '../coverage/register-import';
import { coverageReport } from '../coverage/report';
import { listTargets, setTarget } from '../coverage/targets';
import { readTable } from '../tables/read-table';
import { writeFileDurably } from '../archive/durable-write';
import { parseJsonFile, readOrFail } from '../files';
import type { Signer } from '../signing/cms';
import { p12Signer } from '../signing/p12';
import { pkcs11Signer } from '../signing/pkcs11';
import { commonName, signPdf, type AppearanceKind, type CopyForm } from '../signing/sign-pdf';
import { checkBeforeSigning, pemToDer } from '../signing/trust';
import { addTrustAnchors, trustAnchors } from '../signing/trust-store';
import { allAnchors, knownCertificates } from '../signing/trust-store';
import { newBatch, verifyWithArchive } from '../signing/verify-service';
import { verifyReportPdf } from '../signing/verify-report-pdf';
import type { FileReport } from '../signing/verify';
import { makeOut, type Out } from './output';
import { expandPaths } from '../capture/expand-sources';
import { ocrFiles } from '../ocr/ocr-files';
import { OcrPool } from '../ocr/pool';
import { ensureTessdata } from '../ocr/tessdata';
import { registerMaintenanceCommands } from './maintenance-commands';

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

/** The unit with that code valid on `at` (codes were reused in 2025), else the newest with it. */
function unitIdByCode(core: Core, code: string, at = today()): number {
  const u = unitIdAt(core.db, code, at, { orNewest: true });
  if (u === undefined) throw new CoreError('NOT_FOUND', { what: `đơn vị mã ${code}` });
  return u;
}

function unitByCode(core: Core, code: string | undefined): number | null {
  if (code) return unitIdByCode(core, code);
  // the home unit: the first administrator's
  return (core.db.prepare("SELECT unit_id id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number } | undefined)?.id ?? null;
}

program
  .command('import')
  .description('nhập tệp quét (JPEG, PNG, TIFF, PDF) hoặc cả thư mục vào kho')
  .argument('<files...>', 'tệp hoặc thư mục')
  .option('--unit <code>', 'mã đơn vị sở hữu (mặc định: đơn vị của quản trị viên)')
  .option('--ocr', 'nhận dạng chữ và gắn thẻ ngay sau khi nhập', false)
  .action((files: string[], opts: { unit?: string; ocr: boolean }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const jobId = core.imports.start(files.map((path) => ({ path })), { userId: null, localFiles: true }, unitByCode(core, opts.unit), { ocr: opts.ocr });
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

program
  .command('search')
  .description('tìm hồ sơ theo nội dung (không cần dấu; "cụm từ", tiền tố*)')
  .argument('<query...>')
  .option('--limit <n>', 'số kết quả tối đa', '20')
  .action((words: string[], opts: { limit: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const query = words.join(' ');
      const r = listDocuments(core.db, null, { query, sort: 'relevance', order: 'desc', offset: 0, limit: Math.min(500, Number(opts.limit) || 20) });
      out.result({ query, total: r.total, documents: r.items.map((d) => ({ id: d.id, title: d.title, sourceName: d.sourceName, unitName: d.unitName, status: d.status, createdAt: d.createdAt, snippet: d.snippet })) }, () => [
        ...r.items.map((d) => `#${d.id}\t${d.title}${d.snippet ? `\n    ${d.snippet}` : ''}`),
        `${r.total} hồ sơ khớp "${query}".`,
      ]);
      return true;
    }),
  );

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

const units = program.command('units').description('danh mục đơn vị hành chính');
units
  .command('import')
  .description('nhập danh mục đơn vị theo mẫu của Tổng cục Thống kê (CSV hoặc XLSX)')
  .argument('<file>')
  .addOption(new Option('--valid-from <date>', 'ngày bắt đầu hiệu lực (YYYY-MM-DD)'))
  .action((file: string, opts: { validFrom?: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const r = await importCatalogue(core.db, file, readOrFail(file), { validFrom: opts.validFrom ?? null, userId: null });
      out.result(r, () => [
        `Thêm mới ${r.created}, cập nhật ${r.updated}, không đổi ${r.unchanged}, lỗi ${r.errors.length}.`,
        ...r.errors.map((e) => `  ${file}, dòng ${e.row}: ${e.message}`),
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

units
  .command('merges')
  .description('nhập danh sách sắp xếp đơn vị (JSON đơn vị mới → đơn vị cũ, toàn phần/một phần)')
  .argument('<file>')
  .option('--effective <date>', 'ngày các đơn vị mới bắt đầu hiệu lực', '2025-07-01')
  .action((file: string, opts: { effective: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const r = importMerges(core.db, parseJsonFile(readOrFail(file), file), { effective: opts.effective, userId: null, fileName: file });
      out.result(r, () => [`Ghi nhận ${r.links} quan hệ kế thừa, kết thúc hiệu lực ${r.ended} đơn vị cũ, lỗi ${r.errors.length}.`, ...r.errors.map((e) => `  ${file}, mục ${e.row}: ${e.message}`)]);
      return r.errors.length === 0;
    }),
  );

const register = program.command('register').description('sổ theo dõi kết quả giải quyết TTHC (mẫu số của chỉ tiêu số hóa)');
register
  .command('import')
  .description('nhập tệp xuất từ hệ thống một cửa (CSV hoặc XLSX; tiêu đề tiếng Việt hoặc tiếng Anh)')
  .argument('<file>')
  .option('--unit <code>', 'đơn vị cho các dòng không có cột Mã đơn vị')
  .action((file: string, opts: { unit?: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const table = await readTable(file, readOrFail(file));
      const headerRow = findHeaderRow(table);
      if (headerRow < 0) throw new CoreError('REGISTER_NO_HEADER', { file });
      const r = importRegister(core.db, table, headerRow, guessMapping(table[headerRow]), {
        defaultUnitId: opts.unit ? unitIdByCode(core, opts.unit) : null,
        userId: null,
        fileName: file,
      });
      out.result(r, () => [`Thêm mới ${r.created}, cập nhật ${r.updated}, không đổi ${r.unchanged}, lỗi ${r.errors.length}.`, ...r.errors.map((e) => `  ${file}, dòng ${e.row}: ${e.message}`)]);
      return r.errors.length === 0;
    }),
  );

program
  .command('attach')
  .description('gắn một tệp PDF đã số hóa với kết quả trong sổ theo dõi (nhập tệp nếu chưa có)')
  .requiredOption('--dossier <code>', 'mã hồ sơ')
  .argument('<file>')
  .action((file: string, opts: { dossier: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const entry = findByDossier(core.db, opts.dossier);
      if (!entry) throw new CoreError('REGISTER_NOT_FOUND', { dossier: opts.dossier });
      const o = await importFile({ db: core.db, blobs: core.blobs, userId: null, unitId: entry.unitId }, { path: file, name: file });
      if (o.status === 'error') {
        out.result({ dossierCode: opts.dossier, documentId: null, status: 'error', error: { code: o.code, message: o.message } }, () => [`✗ ${o.message}`]);
        return false;
      }
      core.db.transaction(() => {
        linkDocument(core.db, o.documentId!, entry.id, true);
        audit(core.db, null, 'documents.link', { type: 'document', id: o.documentId! }, { dossierCode: opts.dossier, digitized: true });
      })();
      out.result({ dossierCode: opts.dossier, documentId: o.documentId, status: o.status, error: null }, () => [
        `✓ ${file} → hồ sơ #${o.documentId} (${o.status === 'duplicate' ? 'đã có trong kho' : 'mới nhập'}), gắn với ${opts.dossier}, đánh dấu đã số hóa.`,
      ]);
      return true;
    }),
  );

const targets = program.command('targets').description('chỉ tiêu tỷ lệ số hóa theo năm và cấp');
targets
  .command('set')
  .requiredOption('--year <y>', 'năm')
  .addOption(new Option('--level <level>', 'cấp').choices(['province', 'district', 'commune']).makeOptionMandatory())
  .requiredOption('--rate <r>', 'tỷ lệ từ 0 đến 1, ví dụ 0.30')
  .action((opts: { year: string; level: Level; rate: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const year = Number(opts.year);
      const rate = Number(opts.rate);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CoreError('BAD_REQUEST', { detail: `năm "${opts.year}" không hợp lệ` });
      if (!(rate >= 0 && rate <= 1)) throw new CoreError('BAD_REQUEST', { detail: `tỷ lệ "${opts.rate}" phải từ 0 đến 1` });
      core.db.transaction(() => {
        setTarget(core.db, year, opts.level, rate);
        audit(core.db, null, 'targets.set', { type: 'target', id: `${year}/${opts.level}` }, { rate });
      })();
      out.result({ year, level: opts.level, rate }, () => [`Chỉ tiêu ${opts.level} năm ${year}: ${rate * 100}%.`]);
      return true;
    }),
  );
targets.command('list').action((_o: unknown, cmd: Command) =>
  withCore(cmd, async (core, out) => {
    const list = listTargets(core.db);
    out.result(list, () => list.map((t) => `${t.year}\t${t.level}\t${t.rate * 100}%`));
    return true;
  }),
);

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

const coverage = program
  .command('coverage')
  .description('tỷ lệ kết quả còn hiệu lực đã được số hóa, theo cấp và theo đơn vị')
  .option('--at <date>', 'tính đến ngày (YYYY-MM-DD)', today())
  .option('--unit <code>', 'chỉ đơn vị này và các đơn vị trực thuộc')
  .action((opts: { at: string; unit?: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.at)) throw new CoreError('BAD_REQUEST', { detail: `ngày "${opts.at}" phải có dạng YYYY-MM-DD` });
      const r = coverageReport(core.db, opts.at, opts.unit ? unitIdByCode(core, opts.unit, opts.at) : null);
      out.result(
        {
          at: r.at,
          levels: r.levels.map((l) => ({ level: l.level, target: l.target, valid: l.valid, digitized: l.digitized, rate: l.rate, met: l.met })),
          units: r.units.map((u) => ({
            code: u.code,
            name: u.name,
            level: u.level,
            parent: u.parentCode,
            valid: u.valid,
            digitized: u.digitized,
            rate: u.rate,
            target: u.target,
            met: u.met,
            needed: u.needed,
          })),
        },
        () => [
          `Số liệu đến ngày ${r.at}`,
          ...r.levels.map((l) => `${l.level}: ${l.digitized}/${l.valid} = ${percent(l.rate)}${l.target !== null ? ` (chỉ tiêu ${percent(l.target)}: ${l.met ? 'đạt' : 'chưa đạt'})` : ''}`),
          ...r.units.map((u) => `  ${u.code}\t${u.name}\t${u.digitized}/${u.valid}\t${percent(u.rate)}${u.needed ? `\tcần thêm ${u.needed}` : ''}`),
        ],
      );
      return true;
    }),
  );
coverage
  .command('package')
  .description('lập gói số liệu đã ký để gửi đơn vị cấp trên (--unit: đơn vị lập gói, --at: tính đến ngày)')
  .requiredOption('--out <file>', 'tệp JSON xuất ra')
  .action((opts: { out: string }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const { unit, at } = coverageTarget(cmd);
      const pkg = buildPackage(core.db, core.dataDir, at, unitIdByCode(core, unit, at), null);
      writeFileDurably(opts.out, Buffer.from(JSON.stringify(pkg, null, 1)));
      out.result({ file: opts.out, unit: pkg.payload.unit.code, at: pkg.payload.at, units: pkg.payload.units.length }, () => [`Đã lập gói ${opts.out} (${pkg.payload.units.length} đơn vị).`]);
      return true;
    }),
  );
coverage
  .command('import-package')
  .description('nhận gói số liệu của đơn vị trực thuộc, kiểm tra chữ ký (--unit: đơn vị nhận gói)')
  .argument('<file>')
  .action((file: string, _opts: unknown, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const r = importPackage(core.db, readOrFail(file), { fileName: file, ownUnitId: unitIdByCode(core, coverageTarget(cmd).unit), userId: null });
      out.result(r, () => [`Đã nhận số liệu của ${r.unitName} đến ngày ${r.at} (${r.units} đơn vị).`]);
      return true;
    }),
  );

program
  .command('sign')
  .description('ký số PAdES một tệp PDF (khóa từ tệp .p12 hoặc USB token PKCS#11)')
  .argument('<in>', 'tệp PDF cần ký')
  .requiredOption('--out <file>', 'tệp PDF đã ký (tệp gốc không bị ghi đè)')
  .option('--p12 <file>', 'tệp chứng thư số .p12/.pfx')
  .option('--password-env <var>', 'biến môi trường chứa mật khẩu tệp .p12')
  .option('--pkcs11 <module>', 'thư viện PKCS#11 của USB token')
  .option('--token <label>', 'nhãn của token')
  .option('--pin-env <var>', 'biến môi trường chứa mã PIN')
  .option('--pss', 'khóa RSA: ký theo RSASSA-PSS thay cho PKCS#1 v1.5', false)
  .option('--cert-id <hex>', 'mã (CKA_ID) của chứng thư trên token, khi token có nhiều chứng thư')
  .option('--trust <pem>', 'thêm chứng thư gốc tin cậy cho lần chạy này (lặp lại được)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .addOption(new Option('--appearance <kind>', 'hình thức hiển thị').choices(['copy', 'personal', 'issued', 'none']).default('none'))
  .option('--signature-image <png>', 'với --appearance issued: ảnh chữ ký (PNG nền trong suốt)')
  .option('--seal-image <png>', 'với --appearance issued: ảnh con dấu (PNG)')
  .option('--place <page:x:y>', 'với --appearance issued: trang và tâm khối chữ ký (điểm, tính từ góc dưới trái)')
  .addOption(new Option('--copy-form <form>', 'hình thức bản sao').choices(['SAO Y', 'SAO LỤC', 'TRÍCH SAO']).default('SAO Y'))
  .option('--agency <name>', 'tên cơ quan sao (chữ ký bản sao)')
  .option('--name <name>', 'tên người số hóa (chữ ký cá nhân)')
  .option('--reason <text>', 'lý do ký')
  .option('--tsa <url>', 'máy chủ cấp dấu thời gian RFC 3161 (chữ ký PAdES B-T)')
  .option('--lt', 'cùng --tsa: lưu chuỗi chứng thư và danh sách thu hồi vào DSS (PAdES B-LT)', false)
  .action(
    (
      input: string,
      opts: { out: string; p12?: string; passwordEnv?: string; pkcs11?: string; token?: string; pinEnv?: string; certId?: string; pss: boolean; trust: string[]; appearance: AppearanceKind; copyForm: CopyForm; agency?: string; name?: string; reason?: string; tsa?: string; lt: boolean; signatureImage?: string; sealImage?: string; place?: string },
      cmd: Command,
    ) =>
      withCore(cmd, async (core, out) => {
        const secret = (v: string | undefined, what: string) => {
          const value = v ? process.env[v] : undefined;
          if (!value) throw new CoreError('BAD_REQUEST', { detail: `thiếu ${what}: đặt nó trong một biến môi trường và chỉ tên biến bằng --${what === 'mật khẩu' ? 'password-env' : 'pin-env'}` });
          return value;
        };
        let signer: (Signer & { close?: () => void }) | null = null;
        if (opts.p12) signer = p12Signer(readOrFail(opts.p12), secret(opts.passwordEnv, 'mật khẩu'), opts.p12, { pss: opts.pss });
        else if (opts.pkcs11 && opts.token) signer = pkcs11Signer({ module: opts.pkcs11, token: opts.token, pin: secret(opts.pinEnv, 'mã PIN'), certificateId: opts.certId });
        else throw new CoreError('BAD_REQUEST', { detail: 'cần --p12 FILE --password-env VAR hoặc --pkcs11 MODULE --token LABEL --pin-env VAR' });
        try {
          const anchors = [...allAnchors(core.db), ...opts.trust.flatMap((f) => pemToDer(readOrFail(f).toString('latin1')))];
          checkBeforeSigning([...signer.certificates, ...knownCertificates(core.db)], anchors);
          const signed = await signPdf(readOrFail(input), {
            signer,
            appearance: opts.appearance,
            copyForm: opts.copyForm,
            agency: opts.agency,
            signerName: opts.name,
            reason: opts.reason,
            tsaUrl: opts.tsa,
            ltv: opts.lt,
            issued: opts.appearance === 'issued' ? issuedImages(opts) : undefined,
            fileName: input,
          });
          // beside its final name, fsynced, then renamed: never a half-written PDF
          writeFileDurably(opts.out, signed);
          audit(core.db, null, 'sign', { type: 'file', id: opts.out }, { input, appearance: opts.appearance, signer: commonName(signer.certificates[0]) });
          out.result({ file: opts.out, signer: commonName(signer.certificates[0]), bytes: signed.length }, () => [`Đã ký ${input} → ${opts.out} (${commonName(signer!.certificates[0])}).`]);
          return true;
        } finally {
          signer.close?.();
        }
      }),
  );

program
  .command('verify')
  .description('kiểm tra chữ ký số trong các tệp PDF')
  .argument('<files...>')
  .option('--trust <pem>', 'thêm chứng thư gốc tin cậy cho lần chạy này (lặp lại được)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--at <time>', 'kiểm tra tại thời điểm này (ISO 8601) thay cho thời điểm ký')
  .option('--report-pdf <file>', 'ghi biên bản kiểm tra (PDF in được, tiếng Việt) vào tệp này')
  .option('--offline', 'không tải chứng thư trung gian còn thiếu từ địa chỉ AIA')
  .action((files: string[], opts: { trust: string[]; at?: string; reportPdf?: string; offline?: boolean }, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const at = opts.at ? new Date(opts.at) : undefined;
      if (at && Number.isNaN(at.getTime())) throw new CoreError('BAD_REQUEST', { detail: `thời điểm "${opts.at}" không hợp lệ` });
      const extraTrust = opts.trust.flatMap((f) => pemToDer(readOrFail(f).toString('latin1')));
      const batch = newBatch(!opts.offline);
      const reports: FileReport[] = [];
      for (const f of files) {
        let bytes: Buffer | null = null;
        try {
          bytes = fs.readFileSync(f);
        } catch {
          reports.push({ file: f, valid: false, error: 'không tìm thấy tệp', signatures: [] });
          continue;
        }
        reports.push(await verifyWithArchive(core.db, bytes, { file: f, extraTrust, at, batch }));
      }
      if (opts.reportPdf) writeFileDurably(opts.reportPdf, await verifyReportPdf(reports));
      // the command line's JSON: the documented fields only, problems in Vietnamese
      const json = { files: reports.map((r) => ({ ...r, signatures: r.signatures.map(({ issues: _issues, ...s }) => s) })) };
      out.result(json, () =>
        reports.flatMap((r) => [
          `${r.valid ? '✓' : '✗'} ${r.file}${r.error ? `: ${r.error}` : ''}`,
          ...r.signatures.map(
            (s) =>
              `  ${s.field}: ${s.signer ?? '?'} — ${s.level ?? s.subFilter}${s.timestamp ? `, dấu thời gian ${s.timestamp}` : ''}; ${s.intact && s.cryptoValid ? 'toàn vẹn' : 'KHÔNG toàn vẹn'}${s.modifiedAfter ? ', bị sửa sau khi ký' : ''}${s.trusted ? ', tin cậy' : ', chưa tin cậy'}${s.problems.length ? `\n    - ${s.problems.join('\n    - ')}` : ''}`,
          ),
        ]),
      );
      return reports.every((r) => r.valid);
    }),
  );

program
  .command('trust')
  .description('kho chứng thư gốc tin cậy của kho lưu trữ')
  .command('add')
  .argument('<files...>', 'tệp chứng thư (PEM hoặc DER)')
  .action((files: string[], _o: unknown, cmd: Command) =>
    withCore(cmd, async (core, out) => {
      const added = files.reduce((n, f) => n + addTrustAnchors(core.db, readOrFail(f), f, null), 0);
      out.result({ added, total: trustAnchors(core.db).length }, () => [`Đã thêm ${added} chứng thư; kho tin cậy có ${trustAnchors(core.db).length} chứng thư.`]);
      return true;
    }),
  );

function issuedImages(opts: { signatureImage?: string; sealImage?: string; place?: string }) {
  if (!opts.signatureImage || !opts.sealImage) throw new CoreError('BAD_REQUEST', { detail: '--appearance issued cần --signature-image và --seal-image' });
  const place = opts.place?.split(':').map(Number);
  if (place && (place.length !== 3 || place.some((n) => !Number.isFinite(n)))) throw new CoreError('BAD_REQUEST', { detail: `--place "${opts.place}" phải có dạng TRANG:X:Y` });
  return { signatureImage: readOrFail(opts.signatureImage), sealImage: readOrFail(opts.sealImage), place: place && { page: place[0], x: place[1], y: place[2] } };
}

registerMaintenanceCommands(program, withCore);

await program.parseAsync(process.argv);
