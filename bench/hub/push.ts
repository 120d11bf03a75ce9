// Every desk pushes its outbox as the desk does: batches of up to 1000 items from the hub's
// acknowledged sequence, then the signed copies the hub says it lacks. A failed request (the
// hub killed) makes the desk wait, ask the hub's status and go on from the acknowledged
// sequence, re-checking the blobs of a batch whose answer it never received.
import { performance } from 'node:perf_hooks';
import type { BenchDesk } from './desk-client';

export interface PushProgress {
  registerAcked: number;
  docsAcked: number;
  blobsUploaded: number;
  batches: number;
  retries: number;
  /** [ms since start, register rows acknowledged so far], one point per batch. */
  timeline: [number, number][];
  start: number;
}

export const newProgress = (): PushProgress => ({ registerAcked: 0, docsAcked: 0, blobsUploaded: 0, batches: 0, retries: 0, timeline: [], start: performance.now() });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The desk's acknowledged sequence once the hub answers again. */
async function resync(desk: BenchDesk, p: PushProgress): Promise<number> {
  for (;;) {
    try {
      const r = await desk.send('GET', '/api/desk/status', null);
      if (r.body?.ok) return r.body.value.acked as number;
    } catch {
      /* still down */
    }
    p.retries++;
    await pause(250 + Math.random() * 250);
  }
}

export async function pushDesk(desk: BenchDesk, batchSize: number, p: PushProgress): Promise<number> {
  let acked = 0;
  let unsure: [number, number] | null = null;
  while (acked < desk.total || unsure) {
    try {
      if (unsure) {
        // the hub may have applied the batch whose answer was lost: upload its blobs if so
        for (const sha of desk.blobsBetween(unsure[0], Math.min(acked, unsure[1]))) {
          await desk.upload(sha);
          p.blobsUploaded++;
        }
        unsure = null;
        continue;
      }
      const to = Math.min(desk.total, acked + batchSize);
      const items = [];
      for (let s = acked + 1; s <= to; s++) items.push(desk.item(s));
      unsure = [acked, to];
      const r = await desk.send('POST', '/api/desk/batch', { items });
      if (!r.body?.ok) {
        if (r.status >= 500) throw new Error(`hub ${r.status}`);
        throw Object.assign(new Error(`desk ${desk.n} batch refused: ${r.status} ${JSON.stringify(r.body)}`), { fatal: true });
      }
      const next = r.body.value.acked as number;
      count(desk, p, acked, next);
      acked = next;
      for (const sha of r.body.value.missingBlobs as string[]) {
        await desk.upload(sha, true);
        p.blobsUploaded++;
      }
      unsure = null;
    } catch (e) {
      if ((e as { fatal?: boolean }).fatal) throw e;
      p.retries++;
      await pause(200);
      const now = await resync(desk, p);
      if (now > acked) count(desk, p, acked, now);
      acked = Math.max(acked, now);
    }
  }
  return acked;
}

function count(desk: BenchDesk, p: PushProgress, from: number, to: number) {
  p.registerAcked += desk.registerUpTo(to) - desk.registerUpTo(from);
  p.docsAcked += desk.docsUpTo(to) - desk.docsUpTo(from);
  p.batches++;
  p.timeline.push([performance.now() - p.start, p.registerAcked]);
}

/** Rows per second between the first point at or after `t0` and the last at or before `t1` (ms since start). */
export function rateBetween(p: PushProgress, t0: number, t1: number): number {
  const pts = p.timeline.filter(([t]) => t >= t0 && t <= t1);
  if (pts.length < 2) return NaN;
  const [a, b] = [pts[0], pts[pts.length - 1]];
  return ((b[1] - a[1]) * 1000) / (b[0] - a[0]);
}
