// The digit network's hand-written gradients (scripts/digit-backprop.ts) against finite
// differences of the loss, with and without the dense layer, on a tiny network. A step can
// cross a relu's or a max-pool's kink, where one difference is off: each layer's sampled
// gradient must point the way the differences do (cosine ≥ 0.99) and be as long (±10%), not
// match in every weight.
import { describe, expect, it } from 'vitest';
import { forward, layoutOf, newActivations, softmax } from '../../../electron/ocr/digit-net';
import { backward } from '../../../scripts/digit-backprop';
import { rng } from '../../../scripts/digit-augment';

function check(dense: number): void {
  const L = layoutOf(2, 3, dense);
  const r = rng(7);
  const w32 = Float32Array.from({ length: L.total }, () => (r() - 0.5) * 0.6);
  const act = newActivations(L);
  for (let i = 0; i < act.input.length; i++) act.input[i] = r() < 0.3 ? r() : 0;
  const label = 3;
  const loss = (ws: Float32Array) => -Math.log(softmax(forward(ws, L, act))[label]);
  const g = new Float32Array(L.total);
  forward(w32, L, act);
  // some hidden units off and some on, so the dense layer's relu is exercised
  if (dense) expect(act.f.some((v) => v === 0) && act.f.some((v) => v > 0)).toBe(true);
  backward(w32, L, act, label, g);
  const layers = (['w1', 'b1', 'w2', 'b2', 'w3', 'b3', 'w4', 'b4'] as const).filter((k) => L[k][1] > L[k][0]);
  for (const k of layers) {
    const [a, b] = L[k];
    let dot = 0, nn = 0, ng = 0;
    for (let i = a; i < b; i += Math.max(1, Math.floor((b - a) / 24))) {
      const eps = 1e-3;
      const up = Float32Array.from(w32), down = Float32Array.from(w32);
      up[i] += eps;
      down[i] -= eps;
      const numeric = (loss(up) - loss(down)) / (2 * eps);
      dot += numeric * g[i];
      nn += numeric * numeric;
      ng += g[i] * g[i];
    }
    expect(dot / Math.sqrt(nn * ng), k).toBeGreaterThanOrEqual(0.99);
    expect(Math.sqrt(ng / nn), k).toBeGreaterThan(0.9);
    expect(Math.sqrt(ng / nn), k).toBeLessThan(1.1);
  }
  // the gradient is not trivially zero
  expect(g.some((v) => Math.abs(v) > 1e-3)).toBe(true);
}

describe('digit network gradients', () => {
  it('match finite differences with the pooled maps feeding the output', () => check(0));
  it('match finite differences through a hidden dense layer', () => check(8));
});
