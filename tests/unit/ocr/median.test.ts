import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { median3 } from '../../../electron/ocr/median';
import { renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';

// libvips' own median is the yardstick: the clean-up must give what it gave, pixel for pixel
const libvipsMedian = (data: Buffer, width: number, height: number) =>
  sharp(data, { raw: { width, height, channels: 1 } }).median(3).toColourspace('b-w').raw().toBuffer();

// a seeded generator, so a failure repeats
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('the 3×3 median that takes specks off', () => {
  it('gives what libvips gives on every width modulo four, edges included', async () => {
    const next = random(7);
    for (let width = 3; width <= 14; width++)
      for (const height of [3, 4, 9]) {
        // mostly white paper, as the word-at-a-time path sees it, with ink and greys in it
        const data = Buffer.from(Array.from({ length: width * height }, () => (next() < 0.6 ? 255 : Math.floor(next() * 256))));
        expect(median3({ data, width, height }).data.equals(await libvipsMedian(data, width, height)), `${width} × ${height}`).toBe(true);
      }
  });

  it('gives what libvips gives on a speckled scan, and takes its lone specks off', async () => {
    const { data, info } = await sharp((await renderScan(SAMPLE_DOCS[0], { dpi: 200, noise: 0.002 })).image).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const out = median3({ data, width: info.width, height: info.height });
    expect(out.data.equals(await libvipsMedian(data, info.width, info.height))).toBe(true);
    const lone = (g: Buffer) => {
      let n = 0;
      for (let y = 1; y < info.height - 1; y++)
        for (let x = 1; x < info.width - 1; x++) {
          const i = y * info.width + x;
          const w = info.width;
          if (g[i] < 100 && [i - w - 1, i - w, i - w + 1, i - 1, i + 1, i + w - 1, i + w, i + w + 1].every((j) => g[j] >= 100)) n++;
        }
      return n;
    };
    // a dark pixel among eight light ones is always outvoted; the few left are stroke ends the median thinned
    const before = lone(data);
    expect(before).toBeGreaterThan(1000);
    expect(lone(out.data)).toBeLessThan(before / 20);
  });

  it('handles pages narrower or shorter than its window (libvips refuses them), edges extended', () => {
    expect([...median3({ data: Buffer.from([0, 255, 0]), width: 3, height: 1 }).data]).toEqual([0, 0, 0]);
    expect([...median3({ data: Buffer.from([0, 255, 255, 0]), width: 2, height: 2 }).data]).toEqual([0, 255, 255, 0]);
    expect([...median3({ data: Buffer.from([9]), width: 1, height: 1 }).data]).toEqual([9]);
  });
});
