// The whole blanks scripts/digit-agreement.ts measures the readers on: each digit drawn once,
// at one writer's size, side by side on paper, so that the blank widens by a digit's step for
// each digit and its ink is what a scanner sends (dark strokes on light paper).
import { describe, expect, it } from 'vitest';
import { drawn, officeBlank, rng } from '../../../scripts/digit-augment';

const stroke = () => {
  const img = new Float32Array(28 * 28);
  for (let y = 5; y < 23; y++) for (let x = 12; x < 16; x++) img[y * 28 + x] = 1;
  return { image: img, label: 1 };
};

describe('a blank written with several digits', () => {
  it('widens by a step per digit at one size, dark ink on light paper', async () => {
    const one = await officeBlank([stroke()], rng(3));
    const three = await officeBlank([stroke(), stroke(), stroke()], rng(3));
    // the same writer (seed): the same height, and two more steps of 0.65–0.95 of it
    expect(three.height).toBe(one.height);
    const h = one.height / 1.8; // the blank is the digit's height and a margin of 0.4 of it above and below
    expect(three.width - one.width).toBeGreaterThanOrEqual(Math.floor(2 * 0.65 * h) - 1);
    expect(three.width - one.width).toBeLessThanOrEqual(Math.ceil(2 * 0.95 * h) + 1);
    const dark = [...three.data].filter((v) => v < 100).length;
    const light = [...three.data].filter((v) => v > 180).length;
    expect(dark).toBeGreaterThan(0);
    expect(light).toBeGreaterThan(three.data.length / 2);
  });

  it('draws every digit of a blank at the writer’s one height; a digit alone at its own', () => {
    expect(drawn(stroke().image, 1, rng(5), undefined, 40).h).toBe(40);
    expect(drawn(stroke().image, 1, rng(9), undefined, 40).h).toBe(40);
    const own = new Set([5, 9, 11, 13].map((seed) => drawn(stroke().image, 1, rng(seed)).h));
    expect(own.size).toBeGreaterThan(1);
    for (const h of own) expect(h >= 20 && h <= 56).toBe(true);
  });
});
