import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../electron/ocr/clean';
import type { OcrLine } from '../../../electron/ocr/pool';
import { buildSearchablePdf, pixelTransform } from '../../../electron/ocr/searchable-pdf';

const apply = (m: number[], x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const geometry = (over: Partial<Geometry> = {}): Geometry => ({
  width: 1000,
  height: 1400,
  rotation: 0,
  trim: { left: 0, top: 0, width: 1000, height: 1400 },
  skew: 0,
  canvas: { width: 1000, height: 1400 },
  crop: { left: 0, top: 0, width: 1000, height: 1400 },
  ...over,
});

function words(y: number, x: number, text: string): OcrLine {
  let cx = x;
  const ws = text.split(' ').map((t) => {
    const w = { text: t, conf: 90, bbox: { x0: cx, y0: y, x1: cx + t.length * 20, y1: y + 36 } };
    cx = w.bbox.x1 + 14;
    return w;
  });
  return { text, conf: 90, bbox: { x0: ws[0].bbox.x0, y0: y, x1: ws[ws.length - 1].bbox.x1, y1: y + 36 }, words: ws };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-pdf-'));

describe('searchable PDF', () => {
  it('maps original pixels to OCR pixels through the turn, trim, deskew and crop', () => {
    expect(apply(pixelTransform(geometry({ rotation: 90, canvas: { width: 1400, height: 1000 }, crop: { left: 0, top: 0, width: 1400, height: 1000 }, trim: { left: 0, top: 0, width: 1400, height: 1000 } })), 0, 0)).toEqual([1400, 0]);
    expect(apply(pixelTransform(geometry({ rotation: 270, trim: { left: 0, top: 0, width: 1400, height: 1000 } })), 0, 0)).toEqual([0, 1000]);
    expect(apply(pixelTransform(geometry({ rotation: 180 })), 0, 0)).toEqual([1000, 1400]);
    // a trim and a crop both move the origin
    expect(apply(pixelTransform(geometry({ trim: { left: 50, top: 40, width: 900, height: 1300 }, canvas: { width: 900, height: 1300 }, crop: { left: 10, top: 5, width: 880, height: 1290 } })), 100, 100)).toEqual([40, 55]);
    // the deskew turns about the centre: the centre stays the centre of the larger canvas
    const m = pixelTransform(geometry({ skew: 2, canvas: { width: 1048, height: 1434 }, crop: { left: 0, top: 0, width: 1048, height: 1434 } }));
    const [cx, cy] = apply(m, 500, 700);
    expect(cx).toBeCloseTo(524, 6);
    expect(cy).toBeCloseTo(717, 6);
  });

  it('puts the scan in unchanged and an invisible Vietnamese text layer over it that pdftotext reads', async () => {
    const jpeg = await sharp({ create: { width: 1000, height: 1400, channels: 3, background: '#f8f6ee' } }).jpeg({ quality: 80 }).toBuffer();
    const lines = [words(200, 100, 'ỦY BAN NHÂN DÂN'), words(300, 100, 'Quyết định về việc cấp giấy chứng nhận'), words(400, 100, 'Đỗ Minh Tuấn')];
    const pdf = await buildSearchablePdf([{ source: { kind: 'jpeg', bytes: jpeg }, geometry: geometry(), dpi: 120, lines }], {
      title: 'Quyết định 45/QĐ-UBND',
      subject: 'Về việc cấp giấy chứng nhận',
      keywords: ['Quyết định', '45/QĐ-UBND'],
      author: 'UBND xã Thanh Sơn',
    });
    // the JPEG is embedded byte for byte
    expect(pdf.indexOf(jpeg)).toBeGreaterThan(0);
    const dir = tmp();
    const file = path.join(dir, 'out.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('Quyết định về việc cấp giấy chứng nhận');
    expect(text).toContain('Đỗ Minh Tuấn');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Quyết định 45\/QĐ-UBND/);
    expect(info).toMatch(/Keywords:\s+Quyết định; 45\/QĐ-UBND/);
    expect(info).toMatch(/Page size:\s+600 x 840 pts/); // 1000 × 1400 px at 120 dpi
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/); // embedded, with a ToUnicode map
    const meta = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(pdf.toString('latin1')).toContain('/OutputIntents');
    // the text is invisible: a rendered page shows only the (uniform) scan
    execFileSync('pdftoppm', ['-r', '20', '-png', file, path.join(dir, 'p')]);
    const stats = await sharp(fs.readdirSync(dir).filter((f) => f.startsWith('p')).map((f) => path.join(dir, f))[0]).stats();
    expect(stats.channels[0].min).toBeGreaterThan(200);
  });

  it('copies a PNG scan’s compressed data as it is, and a scanned PDF page whole', async () => {
    const png = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#ffffff' } })
      .composite([{ input: Buffer.from('<svg width="800" height="1100"><rect x="100" y="100" width="600" height="30" fill="#000"/></svg>') }])
      .removeAlpha()
      .png()
      .toBuffer();
    const pdf = await buildSearchablePdf([{ source: { kind: 'png', bytes: png }, geometry: geometry({ width: 800, height: 1100, trim: { left: 0, top: 0, width: 800, height: 1100 }, canvas: { width: 800, height: 1100 }, crop: { left: 0, top: 0, width: 800, height: 1100 } }), dpi: 100, lines: [] }], { title: 't' });
    // the IDAT payload appears unchanged in the PDF
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IDAT') + 4 + png.readUInt32BE(png.indexOf('IDAT') - 4));
    expect(pdf.indexOf(idat)).toBeGreaterThan(0);
    const again = await buildSearchablePdf(
      [{ source: { kind: 'pdf', bytes: pdf, page: 1, renderDpi: 300 }, geometry: geometry({ width: 2400, height: 3300, trim: { left: 0, top: 0, width: 2400, height: 3300 }, canvas: { width: 2400, height: 3300 }, crop: { left: 0, top: 0, width: 2400, height: 3300 } }), dpi: 300, lines: [words(300, 300, 'Nơi nhận')] }],
      { title: 't' },
    );
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'b.pdf'), again);
    expect(execFileSync('pdftotext', [path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' })).toContain('Nơi nhận');
    expect(again.indexOf(idat)).toBeGreaterThan(0);
  });
});
