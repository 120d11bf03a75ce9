// A signed PDF whose date OCR cannot read (a draft's day left blank): the issuing agency's
// signature gives the date, marked as from the signature; the Gazette centre's later
// signature is publication and is not taken.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFields } from '../../../electron/ocr/fields';
import { ocrFiles } from '../../../electron/ocr/ocr-files';
import { ocrFile } from '../../../electron/ocr/pipeline';
import { OcrPool } from '../../../electron/ocr/pool';
import { applySignatureEvidence, isPublicationSigner, signatureEvidence, vietnamDate } from '../../../electron/ocr/signature-evidence';
import { ensureTessdata } from '../../../electron/ocr/tessdata';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { renderPdf, SAMPLE_DOCS } from '../../fixtures/admin-docs';
import { makePki } from '../../fixtures/pki';

let dir: string;
let pool: OcrPool;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sig-'));
  pool = new OcrPool({ langPath: ensureTessdata(path.join(dir, 'tessdata')), size: 1 });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signature evidence', () => {
  it('dates by Vietnam time and tells the Gazette centre from the issuer', () => {
    expect(vietnamDate('2020-09-14T18:30:00Z')).toBe('2020-09-15'); // 01:30 on the 15th in +07:00
    expect(isPublicationSigner('Trung tâm Công báo và Tin học tỉnh Quảng Ngãi')).toBe(true);
    expect(isPublicationSigner('Ủy ban nhân dân tỉnh Thanh Hóa')).toBe(false);
  });

  it('fills the date of a signed PDF whose day is blank from the issuing signature, not the Gazette’s', async () => {
    const draft = SAMPLE_DOCS[2]; // "ngày      tháng 9 năm 2020": the day left blank
    const issuer = makePki({ cn: 'Ủy ban nhân dân tỉnh Thanh Hóa' });
    const gazette = makePki({ cn: 'Trung tâm Công báo và Tin học tỉnh Thanh Hóa' });
    let pdf = await signPdf(await renderPdf(draft), { signer: p12Signer(issuer.p12, issuer.password), appearance: 'none', time: new Date('2020-09-14T18:30:00Z') });
    pdf = await signPdf(pdf, { signer: p12Signer(gazette.p12, gazette.password), appearance: 'none', time: new Date('2020-09-17T02:00:00Z') });

    const ev = await signatureEvidence(pdf, 'signed.pdf');
    expect(ev).toMatchObject({ organisation: 'Ủy ban nhân dân tỉnh Thanh Hóa', date: '2020-09-15' });

    const pages = await ocrFile(pdf, 'pdf', 'signed.pdf', pool);
    const plain = extractFields(pages);
    expect(plain.date.value).toBeNull(); // the text says no day
    const f = applySignatureEvidence(plain, ev);
    expect(f.date).toMatchObject({ value: '2020-09-15', source: 'signature' });
    expect(f.date.confidence).toBeLessThan(0.6); // review asks: a document is often signed after its date

    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, pdf);
    const { files } = await ocrFiles([{ path: file, name: 'signed.pdf' }], pool);
    expect(files[0].fields!.date).toBe('2020-09-15');
    expect(files[0].pages.map((p) => p.read)).toEqual(['text']);
  });
});
