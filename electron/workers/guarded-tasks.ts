// What the guarded worker threads run: reading a spreadsheet (the ZIP under its inflation
// cap, then the parser) and verifying a signed PDF, each a plain function of plain data. Each
// loads its code on first use: a thread that only reads tables never compiles the verifier.
import type { FileReport, VerifyOptions } from '../signing/verify/verify';

export const guardedTasks = {
  /** packed (tables/packed-table.ts): a million cells cloned one by one cost the receiving thread seconds */
  readTable: async (file: string, bytes: Uint8Array) => (await import('../tables/packed-table')).packTable(await (await import('../tables/read-table')).readTable(file, bytes)),
  /** how many rows, and the first `rows` of them: what a preview needs, without sending a million rows back */
  tableHead: async (file: string, bytes: Uint8Array, rows: number) => {
    const table = await (await import('../tables/read-table')).readTable(file, bytes);
    return { rows: table.length, head: table.slice(0, rows) };
  },
  /** the report, and the CA certificates of the paths built (the archive keeps them, on its own thread) */
  verifyPdf: async (pdf: Buffer, opts: Omit<VerifyOptions, 'onCaCertificates'>): Promise<{ report: FileReport; caCertificates: Buffer[][] }> => {
    const { verifyPdf } = await import('../signing/verify/verify');
    const caCertificates: Buffer[][] = [];
    const report = await verifyPdf(pdf, { ...opts, onCaCertificates: (ders) => caCertificates.push(ders) });
    return { report, caCertificates };
  },
};

export type GuardedTasks = typeof guardedTasks;
export type GuardedTaskName = keyof GuardedTasks;
