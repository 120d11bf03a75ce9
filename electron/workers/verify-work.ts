// Signature verification as the core and the CLI run it: in a guarded worker thread (time and
// memory limited), never on the thread that answers requests. A file past a limit comes back
// as a report saying so, like any file that cannot be checked.
import path from 'node:path';
import { CoreError } from '../errors';
import type { FileReport, VerifyOptions } from '../signing/verify/verify';
import { runGuarded, WORK_LIMITS } from './guarded-run';

/** verifyPdf in a worker; the CA certificates of the paths it built are handed to `onCaCertificates` here. */
export async function verifyPdfInWorker(pdf: Buffer, opts: VerifyOptions & { signal?: AbortSignal }): Promise<FileReport> {
  const { onCaCertificates, signal, ...plain } = opts;
  try {
    const { report, caCertificates } = await runGuarded('verifyPdf', { limits: WORK_LIMITS.verify, file: path.basename(opts.file), signal }, pdf, plain);
    for (const ders of caCertificates) onCaCertificates?.(ders);
    return report;
  } catch (e) {
    if (e instanceof CoreError && e.code.startsWith('WORK_')) return { file: opts.file, valid: false, error: e.message, signatures: [] };
    throw e;
  }
}
