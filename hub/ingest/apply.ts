// Applies a desk's batch in one transaction: items at or below the desk's acknowledged sequence
// are skipped (a resend changes nothing), every item's unit must be the desk's own or below it,
// register rows move the coverage deltas by their old and new events, and the acknowledged
// sequence is raised in the same transaction, so an ack is never ahead of what is stored.
import type { BatchResponse, OutboxItem } from '../../shared/hub-protocol';
import { hubAudit } from '../accounts/audit';
import { tx, type Client, type Pool } from '../db/pool';
import { DeltaSet, unitsKeepingHolder } from '../coverage/deltas';
import type { Desk } from './desk-auth';
import { refuse, Refusal } from './refusal';
import { applyRegister } from './apply-register';
import { applyDocuments, applyTargets, applyUnits } from './apply-other';
import { unitResolver } from './unit-refs';

export const COVERAGE_CHANNEL = 'sohoa_coverage';

export async function applyBatch(pool: Pool, desk: Desk, items: OutboxItem[]): Promise<BatchResponse> {
  for (let i = 1; i < items.length; i++) if (items[i].seq <= items[i - 1].seq) throw refuse(400, 'BAD_REQUEST', `số thứ tự ${items[i].seq} không tăng dần`);
  try {
    return await tx(pool, async (c) => {
      // one batch per desk at a time, whichever hub process receives it
      const acked = (await c.query<{ acked: number }>('SELECT acked FROM desks WHERE id = $1 FOR UPDATE', [desk.id])).rows[0].acked;
      const fresh = items.filter((i) => i.seq > acked);
      if (!fresh.length) return { acked, applied: 0, missingBlobs: [] };
      const result = await applyItems(c, desk, fresh);
      const last = fresh[fresh.length - 1].seq;
      await c.query('UPDATE desks SET acked = $2, last_seen = now() WHERE id = $1', [desk.id, last]);
      if (result.units.size) await c.query('SELECT pg_notify($1, $2)', [COVERAGE_CHANNEL, JSON.stringify({ units: [...result.units].slice(0, 200), desk: desk.id })]);
      return { acked: last, applied: fresh.length, missingBlobs: result.missingBlobs };
    });
  } catch (e) {
    if (e instanceof Refusal) await tx(pool, (c) => hubAudit(c, { deskId: desk.id, action: 'sync.refused', objectType: 'batch', objectId: `${items[0].seq}-${items[items.length - 1].seq}`, details: { code: e.code, reason: e.message } }));
    throw e;
  }
}

async function applyItems(c: Client, desk: Desk, items: OutboxItem[]) {
  const units = await unitResolver(c, desk);
  const deltas = new DeltaSet(await unitsKeepingHolder(c));
  const touched = new Set<number>();
  const register = items.filter((i) => i.kind === 'register' || i.kind === 'register.delete');
  await applyUnits(c, desk, units, items.flatMap((i) => (i.kind === 'unit' ? [i.data] : [])));
  await applyTargets(c, desk, items.flatMap((i) => (i.kind === 'target' ? [i.data] : [])));
  if (register.length) for (const u of await applyRegister(c, desk, units, register, deltas)) touched.add(u);
  await deltas.flush(c);
  const docs = items.flatMap((i) => (i.kind === 'document' ? [i.data] : []));
  const missingBlobs = docs.length ? await applyDocuments(c, desk, units, docs) : [];
  for (const d of docs) touched.add((await units.inScope(d.unit)).id);
  return { units: touched, missingBlobs };
}
