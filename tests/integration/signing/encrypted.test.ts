// PDFs encrypted with an empty user password (the "SAO Y" copies that only restrict printing):
// qpdf encrypts a document with RC4, AES-128 and AES-256; our reader must see the same strings
// and streams as in the original. The signed EU DSS sample checks the ByteRange on raw bytes.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts, type PDFArray } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfFile, pdfText, streamBytes } from '../../../electron/signing/pdf/pdf-revisions';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { tempDir } from '../../helpers';

const hasQpdf = spawnSync('qpdf', ['--version']).status === 0;
const interop = path.resolve('..', 'shared', 'interop', 'signed', 'encrypted.pdf');

describe('encrypted PDFs with an empty user password', () => {
  it.skipIf(!hasQpdf)('decrypts strings and streams for RC4, AES-128 and AES-256 (qpdf)', async () => {
    const doc = await PDFDocument.create();
    doc.setTitle('Bản sao y bản chính');
    const page = doc.addPage([300, 200]);
    page.drawText('SAO Y 2026', { x: 20, y: 150, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    const dir = tempDir();
    const plain = path.join(dir, 'plain.pdf');
    fs.writeFileSync(plain, await doc.save({ useObjectStreams: false }));
    for (const [bits, extra] of [['128', ['--use-aes=n']], ['128', ['--use-aes=y']], ['256', []]] as const) {
      const out = path.join(dir, `enc-${bits}-${extra.join('')}.pdf`);
      execFileSync('qpdf', ['--allow-weak-crypto', '--encrypt', '', 'chu-so-huu', bits, ...extra, '--', plain, out]);
      const file = new PdfFile(fs.readFileSync(out));
      expect(file.encrypted, out).toBe(true);
      expect(file.encryptionError, out).toBeNull();
      const rev = file.last;
      expect(pdfText(file.dict(rev, rev.trailer.get(PDFName.of('Info')))?.get(PDFName.of('Title'))), out).toBe('Bản sao y bản chính');
      const pages = file.dict(rev, file.catalog(rev)?.get(PDFName.of('Pages')));
      const first = file.dict(rev, (file.deref(rev, pages?.get(PDFName.of('Kids'))) as PDFArray).get(0));
      const contents = file.deref(rev, first?.get(PDFName.of('Contents')));
      const stream = (contents instanceof PDFRawStream ? contents : file.deref(rev, (contents as PDFArray).get(0))) as PDFRawStream;
      expect(streamBytes(stream).toString('latin1'), out).toMatch(/Tj/);
    }
  });

  it.skipIf(!hasQpdf)('says a user password is needed when the empty one does not open the file', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'p.pdf'), await doc.save());
    execFileSync('qpdf', ['--encrypt', 'mat-khau', 'chu', '256', '--', path.join(dir, 'p.pdf'), path.join(dir, 'e.pdf')]);
    expect(new PdfFile(fs.readFileSync(path.join(dir, 'e.pdf'))).encryptionError).toMatch(/mật khẩu/);
  });

  it.skipIf(!fs.existsSync(interop))('verifies a signed RC4-encrypted file (EU DSS), the ByteRange checked on the raw bytes', async () => {
    const r = await verifyPdf(fs.readFileSync(interop), { file: 'encrypted.pdf', trust: [] });
    expect(r.encrypted).toBe(true);
    expect(r.signatures[0]).toMatchObject({ field: 'Signature1', intact: true, cryptoValid: true, coversWholeDocument: true, modifiedAfter: false });
  });
});
