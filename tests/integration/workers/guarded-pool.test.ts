// The guarded pool stops a task past its time or memory limit or when cancelled, with the
// file named, and runs no more tasks at once than its size; real worker threads throughout.
import { afterAll, describe, expect, it } from 'vitest';
import { GuardedPool } from '../../../electron/workers/guarded-pool';
import { rebuildError } from '../../../electron/workers/run';

const script = { url: new URL('../../fixtures/greedy-worker.mjs', import.meta.url) };
const pool = new GuardedPool({ size: 2, script, rebuildError });
afterAll(() => pool.close());
const limits = { memoryMb: 64, timeMs: 20_000 };

describe('guarded worker threads', () => {
  it('stops a task that runs past its time limit, naming the file', async () => {
    const started = Date.now();
    const err = await pool.run('spin', [], { file: 'so-theo-doi.xlsx', limits: { ...limits, timeMs: 1500 } }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'WORK_TIMEOUT', params: { file: 'so-theo-doi.xlsx', seconds: 2 } });
    expect((err as Error).message).toBe('so-theo-doi.xlsx: xử lý quá 2 giây nên đã dừng (tệp quá lớn hoặc quá phức tạp).');
    expect(Date.now() - started).toBeLessThan(10_000);
    // the pool carries on with a new thread
    expect(await pool.run('echo', ['ok'], { file: 'a', limits })).toBe('ok');
  });

  it('stops a task that passes its heap limit', async () => {
    const err = await pool.run('eat', [], { file: 'lon.pdf', limits: { memoryMb: 64, timeMs: 60_000 } }).catch((e) => e);
    expect(err).toMatchObject({ code: 'WORK_OUT_OF_MEMORY', params: { file: 'lon.pdf', limit: 64 } });
  });

  it('cancels a running task and a waiting one', async () => {
    const ac = new AbortController();
    const running = [1, 2].map(() => pool.run('spin', [], { file: 'a.xlsx', limits, signal: ac.signal }).catch((e) => e));
    const waiting = pool.run('echo', ['never'], { file: 'b.xlsx', limits, signal: ac.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    for (const e of await Promise.all(running)) expect(e).toMatchObject({ code: 'WORK_CANCELLED', params: { file: 'a.xlsx' } });
    expect(await waiting).toMatchObject({ code: 'WORK_CANCELLED', params: { file: 'b.xlsx' } });
  });

  it('runs at most `size` tasks at once; the others wait their turn', async () => {
    const started = Date.now();
    const ends = await Promise.all([0, 1, 2, 3].map(() => pool.run('spin', [700], { file: 'x', limits }).then(() => Date.now() - started)));
    ends.sort((a, b) => a - b);
    // two finish together, the next two a turn later
    expect(ends[2] - ends[0]).toBeGreaterThanOrEqual(600);
  });
});
