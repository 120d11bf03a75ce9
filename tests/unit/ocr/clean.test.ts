import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPage, estimateSkew, speckled } from '../../../electron/ocr/clean';
import { renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';

describe('page clean-up', () => {
  let straight: Buffer;
  beforeAll(async () => {
    straight = (await renderScan(SAMPLE_DOCS[0], { dpi: 200 })).image;
  });

  for (const skew of [-3.5, -1.2, 2.5]) {
    it(`measures a ${skew}° skew and turns the page straight`, async () => {
      const { image } = await renderScan(SAMPLE_DOCS[0], { dpi: 200, skew, jpegQuality: 85 });
      const c = await cleanPage(sharp(image));
      expect(Math.abs(c.geometry.skew - skew)).toBeLessThan(0.3);
      expect(c.blank).toBe(false);
      // the image OCR reads is straight
      expect(Math.abs(estimateSkew(c.ocrImage))).toBeLessThan(0.3);
    });
  }

  it('tells a speckled page from a clean one, to despeckle only the first', async () => {
    const grey = async (img: Buffer) => {
      const { data, info } = await sharp(img).extractChannel('red').toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    };
    expect(speckled(await grey(straight))).toBe(false);
    expect(speckled(await grey((await renderScan(SAMPLE_DOCS[0], { dpi: 200, noise: 0.002 })).image))).toBe(true);
  });

  it('leaves a straight page alone', async () => {
    const c = await cleanPage(sharp(straight));
    expect(c.geometry.skew).toBe(0);
    expect(c.geometry.rotation).toBe(0);
    expect(c.geometry.crop).toMatchObject({ left: 0, top: 0 });
  });

  it('cuts off a dark scanner border', async () => {
    const { image } = await renderScan(SAMPLE_DOCS[1], { dpi: 200, border: 50 });
    const c = await cleanPage(sharp(image));
    const meta = await sharp(image).metadata();
    expect(c.geometry.trim.left).toBeGreaterThanOrEqual(48);
    expect(c.geometry.trim.top).toBeGreaterThanOrEqual(48);
    expect(c.geometry.trim.width).toBeLessThanOrEqual(meta.width! - 96);
    expect(c.geometry.trim.width).toBeGreaterThan(meta.width! - 120);
  });

  it('uses a turn the user chose instead of detecting one', async () => {
    const turned = await sharp(straight).rotate(90).png().toBuffer();
    const c = await cleanPage(sharp(turned), { rotation: 270 });
    expect(c.geometry.rotation).toBe(270);
    const m = await sharp(c.preview).metadata();
    expect(m.height!).toBeGreaterThan(m.width!); // portrait again
  });

  it('flags a blank page, even a speckled one, and not a page with a few lines', async () => {
    const blank = await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#fbfaf3' } }).jpeg().toBuffer();
    expect((await cleanPage(sharp(blank))).blank).toBe(true);
    const header = (await renderScan({ ...SAMPLE_DOCS[0], parent: '', body: '', subject: [], paragraphs: [], recipients: [], position: '', signer: '', greeting: [], authority: undefined, place: '', symbol: '' }, { dpi: 200 })).image;
    // an empty form still prints the motto, "Số:" and the date line: not blank
    expect((await cleanPage(sharp(header))).blank).toBe(false);
    const noisy = await sharp(blank)
      .composite([{ input: Buffer.from(`<svg width="1654" height="2339">${Array.from({ length: 400 }, (_, i) => `<rect x="${(i * 397) % 1600}" y="${(i * 731) % 2300}" width="1" height="1"/>`).join('')}</svg>`) }])
      .jpeg()
      .toBuffer();
    expect((await cleanPage(sharp(noisy))).blank).toBe(true);
  });

  it('gives OCR a grey image in which red stamps fade and black print stays', async () => {
    const { image } = await renderScan(SAMPLE_DOCS[4], { dpi: 200 }); // has a red receipt stamp
    const c = await cleanPage(sharp(image));
    const { data } = c.ocrImage;
    expect(data.length).toBe(c.ocrImage.width * c.ocrImage.height); // one band
    const original = await sharp(image).raw().toBuffer({ resolveWithObject: true });
    // count strongly red pixels in the original and dark pixels in the OCR image at the same places
    let red = 0;
    let darkThere = 0;
    for (let i = 0, p = 0; i < original.data.length; i += original.info.channels, p++) {
      const [r, g, b] = [original.data[i], original.data[i + 1], original.data[i + 2]];
      if (r > 150 && g < 90 && b < 90) {
        red++;
        if (data[p] < 100) darkThere++;
      }
    }
    expect(red).toBeGreaterThan(1000);
    expect(darkThere / red).toBeLessThan(0.05);
  });

  it('cleans a grey scan in one band as it cleans the same page in colour, and previews it in grey', async () => {
    const { image } = await renderScan(SAMPLE_DOCS[1], { dpi: 200, skew: 1.5, jpegQuality: 90 });
    const greyScan = await sharp(image).extractChannel('red').toColourspace('b-w').jpeg({ quality: 90 }).toBuffer();
    expect((await sharp(greyScan).metadata()).channels).toBe(1);
    const [colour, grey] = [await cleanPage(sharp(image)), await cleanPage(sharp(greyScan))];
    expect(grey.geometry.crop).toEqual(colour.geometry.crop);
    expect(Math.abs(grey.geometry.skew - colour.geometry.skew)).toBeLessThan(0.15);
    // the same pixels for OCR, but for the second JPEG's rounding
    let far = 0;
    for (let i = 0; i < grey.ocrImage.data.length; i++) if (Math.abs(grey.ocrImage.data[i] - colour.ocrImage.data[i]) > 24) far++;
    expect(far / grey.ocrImage.data.length).toBeLessThan(0.01);
    const preview = await sharp(grey.preview).metadata();
    expect([preview.format, preview.channels, preview.width]).toEqual(['jpeg', 1, 1240]);
    expect((await sharp(colour.preview).metadata()).channels).toBe(3);
  });
});
