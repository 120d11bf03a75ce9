// `sohoa verify --json` as a user runs it: the fields it always had, in their order, then the
// report's new ones; and the printable Vietnamese PDF report.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const sohoa = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOHOA_DATA_DIR: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sohoa verify', () => {
  it('keeps the existing JSON fields first and in order, adds the report, and writes the PDF report', async () => {
    const pki = makePki();
    const cwd = tempDir();
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'copy', agency: 'UBND huyện Như Xuân' });
    fs.writeFileSync(path.join(cwd, 'a.pdf'), signed);
    fs.writeFileSync(path.join(cwd, 'root.pem'), pki.rootPem);
    const r = sohoa(['verify', 'a.pdf', '--trust', 'root.pem', '--offline', '--report-pdf', 'bien-ban.pdf', '--data-dir', 'D', '--json'], cwd);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out.files[0]).slice(0, 4)).toEqual(['file', 'valid', 'error', 'signatures']);
    const s = out.files[0].signatures[0];
    expect(Object.keys(s).slice(0, 13)).toEqual(['field', 'signer', 'subFilter', 'level', 'signedAt', 'timestamp', 'intact', 'cryptoValid', 'coversWholeDocument', 'modifiedAfter', 'trusted', 'certValidAtSigning', 'problems']);
    expect(s).toMatchObject({ kind: 'signature', padesLevel: 'B-B', crypto: { status: 'valid' }, coverage: 'entire-file', revision: 2, revisions: 2, changes: [], anchor: expect.stringContaining('Số hóa Desk Test Root CA') });
    expect(s.verdict).toMatch(/^Chữ ký hợp lệ, tin cậy/);
    expect(fs.readFileSync(path.join(cwd, 'bien-ban.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const text = execFileSync('pdftotext', [path.join(cwd, 'bien-ban.pdf'), '-']).toString();
      expect(text).toContain('BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ');
      expect(text).toContain('Nguyễn Văn Ký');
    }
  });
});
