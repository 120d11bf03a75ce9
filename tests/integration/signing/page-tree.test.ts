// Signing finds its page through pdf-lib, whose page walk recurses: a looped page tree must be
// refused by name before that walk, not end the run with "Maximum call stack size exceeded".
import { describe, expect, it } from 'vitest';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { loopedPageTree, onePageListed } from '../../fixtures/page-trees';
import { pki } from './sign-helpers';

describe('signing a PDF with an unusual page tree', () => {
  it('refuses a looped page tree with the file name', async () => {
    const signing = signPdf(await loopedPageTree(), { signer: p12Signer(pki.p12, pki.password), appearance: 'personal', signerName: 'Lê Thị Ký', fileName: 'vong-lap.pdf' });
    await expect(signing).rejects.toMatchObject({ code: 'PDF_TOO_COMPLEX', message: expect.stringMatching(/^vong-lap\.pdf: .*lặp vòng/) });
  });

  it('signs a PDF that lists one page many times (no loop, and past the import page limit)', async () => {
    const signed = await signPdf(await onePageListed(3000), { signer: p12Signer(pki.p12, pki.password), appearance: 'personal', signerName: 'Lê Thị Ký', fileName: 'nhieu-trang.pdf' });
    expect(signed.toString('latin1')).toContain('/ByteRange');
  });
});
