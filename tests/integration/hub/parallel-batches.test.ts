// Many desks' batches at once, naming the same procedures in different orders: every batch is
// applied (none waits on another's unchanged procedure rows or dies in a deadlock).
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../../hub/ingest/apply';
import { findUnit } from '../../../hub/units/units';
import type { OutboxItem } from '../../../shared/hub-protocol';
import { rng } from '../../../electron/coverage/demo-register';
import { startTestHub } from '../../fixtures/hub';
import { registerItem } from '../../fixtures/hub-desk';

describe('parallel batches', () => {
  it('of 8 desks with the same procedures in shuffled orders all apply', async () => {
    const hub = await startTestHub();
    const pool = hub.ctx.pool;
    const province = (await findUnit(pool, '38', null))!;
    const desks = Array.from({ length: 8 }, (_, k) => `00000000-0000-4000-8000-0000000000${String(10 + k)}`);
    for (const id of desks) await pool.query("INSERT INTO desks(id, unit_id, name, public_key, key_fingerprint) VALUES ($1, $2, 'p', 'k', 'f')", [id, province.id]);
    const rand = rng(5);
    const codes = Array.from({ length: 30 }, (_, i) => `1.00${2000 + i}`);
    const batch = (k: number, round: number): OutboxItem[] => {
      const order = [...codes].sort(() => rand() - 0.5);
      return order.map((code, i) => registerItem(round * 100 + i + 1, `PAR-${k}-${round}-${i}`, '38', { procedureCode: code, procedureName: `Thủ tục ${code}` }) as OutboxItem);
    };
    const failures: unknown[] = [];
    await Promise.all(
      desks.map(async (id, k) => {
        for (let round = 0; round < 4; round++)
          await applyBatch(pool, { id, unitId: province.id, name: 'p', acked: 0 }, batch(k, round)).catch((e) => failures.push(e));
      }),
    );
    expect(failures.map((e) => (e as Error).message)).toEqual([]);
    expect(Number((await pool.query("SELECT count(*) n FROM register WHERE dossier_code LIKE 'PAR-%'")).rows[0].n)).toBe(8 * 4 * 30);
  });
});
