import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeQr, parseQr, qrCandidates } from '../../../electron/ocr/qr';
import { renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';

describe('QR codes of the TTHC systems', () => {
  it('reads JSON, key: value lines, query strings and bare codes', () => {
    expect(parseQr('{"maHoSo":"H56.38-240312-0042","maTTHC":"1.001612","soDinhDanh":"038190004512","hoTen":"Trần Thị Mai"}')).toMatchObject({
      dossierCode: 'H56.38-240312-0042',
      procedureCode: '1.001612',
      holderId: '038190004512',
      holderName: 'Trần Thị Mai',
    });
    expect(parseQr('Mã hồ sơ: 000.00.38.H56-240101-0001\nMã TTHC: 2.000123\nSố CCCD: 038090001234')).toMatchObject({
      dossierCode: '000.00.38.H56-240101-0001',
      procedureCode: '2.000123',
      holderId: '038090001234',
    });
    expect(parseQr('https://dichvucong.gov.vn/tra-cuu?maHoSo=G01.38-250101-0007&maTTHC=1.000001')).toMatchObject({ dossierCode: 'G01.38-250101-0007', procedureCode: '1.000001' });
    expect(parseQr('1.004444 038190004512')).toMatchObject({ dossierCode: null, procedureCode: '1.004444', holderId: '038190004512' });
  });

  it('finds a QR code printed in a page corner', async () => {
    const qr = await QRCode.toBuffer('{"maHoSo":"H56.38-240312-0042"}', { scale: 4, margin: 2 });
    const page = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } })
      .composite([{ input: qr, left: 1000, top: 1500 }])
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(decodeQr({ data: page.data, width: page.info.width, height: page.info.height })).toBe('{"maHoSo":"H56.38-240312-0042"}');
    const empty = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#ffffff' } }).raw().toBuffer({ resolveWithObject: true });
    expect(decodeQr({ data: empty.data, width: 400, height: 400 })).toBeNull();
  });

  it('finds where a QR code may be, and nowhere on a page of print', async () => {
    const small = async (i: number) => {
      const { image } = await renderScan(SAMPLE_DOCS[i], { dpi: 150 });
      const { data, info } = await sharp(image).extractChannel('red').toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    };
    const withQr = qrCandidates(await small(3)); // the result carries its QR code bottom right
    expect(withQr).toHaveLength(1);
    expect(withQr[0].x0).toBeGreaterThan(0.7);
    expect(withQr[0].y0).toBeGreaterThan(0.8);
    for (const i of [0, 1, 4]) expect(qrCandidates(await small(i))).toEqual([]); // text, rules, a red stamp
  });
});
