// `sohoa sign`, `verify` and `trust add`: signing and checking PDF files on this machine (files,
// not archived documents: the contract's signing queue works on documents), and the trust store.
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { audit } from '../accounts/audit';
import { writeFileDurably } from '../archive/durable-write';
import { CoreError } from '../errors';
import { readOrFail } from '../files';
import type { Signer } from '../signing/cms/cms';
import { FetchRefused } from '../signing/trust/outbound-fetch';
import { outboundFor } from '../signing/trust/outbound-hosts';
import { p12Signer } from '../signing/sign/p12';
import { pkcs11Signer } from '../signing/sign/pkcs11';
import { commonName, signPdf, type AppearanceKind, type CopyForm } from '../signing/sign/sign-pdf';
import { checkBeforeSigning, pemToDer } from '../signing/trust/trust';
import { allAnchors, knownCertificates } from '../signing/trust/trust-store';
import type { FileReport } from '../signing/verify/verify';
import { verifyReportPdf } from '../signing/verify/verify-report-pdf';
import { newBatch, verifyWithArchive } from '../signing/verify/verify-service';
import type { Db } from '../archive/db';
import type { Out } from './output';
import { extendCommand } from './extend-command';
import { fileSource, withCore } from './run';

export function registerSigningCommands(program: Command): void {
  signCommand(program);
  verifyCommand(program);
  trustCommand(program);
  extendCommand(program);
}

function signCommand(program: Command): void {
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
    .option('--lta', 'cùng --tsa: như --lt, rồi thêm dấu thời gian tài liệu sau DSS (PAdES B-LTA)', false)
    .action((input: string, opts: SignOptions, cmd: Command) => withCore(cmd, async ({ core }, out) => signFile(core.db, out, input, opts)));
}

type SignOptions = { out: string; p12?: string; passwordEnv?: string; pkcs11?: string; token?: string; pinEnv?: string; certId?: string; pss: boolean; trust: string[]; appearance: AppearanceKind; copyForm: CopyForm; agency?: string; name?: string; reason?: string; tsa?: string; lt: boolean; lta: boolean; signatureImage?: string; sealImage?: string; place?: string };

/** A password or PIN from the environment variable named on the line (never the line itself: shells keep history). */
function secret(v: string | undefined, what: string): string {
  const value = v ? process.env[v] : undefined;
  if (!value) throw new CoreError('BAD_REQUEST', { detail: `thiếu ${what}: đặt nó trong một biến môi trường và chỉ tên biến bằng --${what === 'mật khẩu' ? 'password-env' : 'pin-env'}` });
  return value;
}

function openSigner(opts: SignOptions): Signer & { close?: () => void } {
  if (opts.p12) return p12Signer(readOrFail(opts.p12), secret(opts.passwordEnv, 'mật khẩu'), opts.p12, { pss: opts.pss });
  if (opts.pkcs11 && opts.token) return pkcs11Signer({ module: opts.pkcs11, token: opts.token, pin: secret(opts.pinEnv, 'mã PIN'), certificateId: opts.certId });
  throw new CoreError('BAD_REQUEST', { detail: 'cần --p12 FILE --password-env VAR hoặc --pkcs11 MODULE --token LABEL --pin-env VAR' });
}

async function signFile(db: Db, out: Out, input: string, opts: SignOptions): Promise<boolean> {
  const signer = openSigner(opts);
  try {
    const anchors = [...allAnchors(db), ...opts.trust.flatMap((f) => pemToDer(readOrFail(f).toString('latin1')))];
    checkBeforeSigning([...signer.certificates, ...knownCertificates(db)], anchors);
    // the TSA named on the line is allowed like the admin's; other internal hosts only if the admin allows them
    const outbound = outboundFor(db, { tsaUrl: opts.tsa });
    const signed = await signPdf(readOrFail(input), {
      signer,
      outbound,
      appearance: opts.appearance,
      copyForm: opts.copyForm,
      agency: opts.agency,
      signerName: opts.name,
      reason: opts.reason,
      tsaUrl: opts.tsa,
      ltv: opts.lt || opts.lta,
      archiveTimestamp: opts.lta,
      issued: opts.appearance === 'issued' ? issuedImages(opts) : undefined,
      fileName: input,
    });
    // beside its final name, fsynced, then renamed: never a half-written PDF
    writeFileDurably(opts.out, signed);
    const name = commonName(signer.certificates[0]);
    audit(db, null, 'sign', { type: 'file', id: opts.out }, { input, appearance: opts.appearance, signer: name });
    const warnings = outbound.notes.map((n) => new FetchRefused(n.url, n.why, n.detail).message);
    out.result({ file: opts.out, signer: name, bytes: signed.length, warnings }, () => [`Đã ký ${input} → ${opts.out} (${name}).`, ...warnings.map((w) => `  - ${w}`)]);
    return true;
  } finally {
    signer.close?.();
  }
}

function verifyCommand(program: Command): void {
  program
    .command('verify')
    .description('kiểm tra chữ ký số trong các tệp PDF')
    .argument('<files...>')
    .option('--trust <pem>', 'thêm chứng thư gốc tin cậy cho lần chạy này (lặp lại được)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--at <time>', 'kiểm tra tại thời điểm này (ISO 8601) thay cho thời điểm ký')
    .option('--report-pdf <file>', 'ghi biên bản kiểm tra (PDF in được, tiếng Việt) vào tệp này')
    .option('--offline', 'không tải chứng thư trung gian còn thiếu từ địa chỉ AIA')
    .action((files: string[], opts: { trust: string[]; at?: string; reportPdf?: string; offline?: boolean }, cmd: Command) =>
      withCore(cmd, async ({ core }, out) => {
        const at = opts.at ? new Date(opts.at) : undefined;
        if (at && Number.isNaN(at.getTime())) throw new CoreError('BAD_REQUEST', { detail: `thời điểm "${opts.at}" không hợp lệ` });
        const extraTrust = opts.trust.flatMap((f) => pemToDer(readOrFail(f).toString('latin1')));
        const batch = newBatch(!opts.offline);
        const reports: FileReport[] = [];
        for (const f of files) {
          let bytes: Buffer;
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
}

function trustCommand(program: Command): void {
  program
    .command('trust')
    .description('kho chứng thư gốc tin cậy của kho lưu trữ')
    .command('add')
    .argument('<files...>', 'tệp chứng thư (PEM hoặc DER)')
    .action((files: string[], _o: unknown, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        let added = 0;
        for (const f of files) added += (await cli.call('trust.add', { source: fileSource(f) })).added;
        const total = (await cli.call('trust.list', {})).length;
        out.result({ added, total }, () => [`Đã thêm ${added} chứng thư; kho tin cậy có ${total} chứng thư.`]);
        return true;
      }),
    );
}

function issuedImages(opts: { signatureImage?: string; sealImage?: string; place?: string }) {
  if (!opts.signatureImage || !opts.sealImage) throw new CoreError('BAD_REQUEST', { detail: '--appearance issued cần --signature-image và --seal-image' });
  const place = opts.place?.split(':').map(Number);
  if (place && (place.length !== 3 || place.some((n) => !Number.isFinite(n)))) throw new CoreError('BAD_REQUEST', { detail: `--place "${opts.place}" phải có dạng TRANG:X:Y` });
  return { signatureImage: readOrFail(opts.signatureImage), sealImage: readOrFail(opts.sealImage), place: place && { page: place[0], x: place[1], y: place[2] } };
}
