// rebuildDeltas (after a bulk COPY, or to repair) must give exactly the deltas the batches built
// one by one: random rows over the real catalogue, some changed and some deleted after sending.
import { describe, expect, it } from 'vitest';
import { rebuildDeltas, unitsKeepingHolder } from '../../../hub/coverage/deltas';
import { hubCoverageReport } from '../../../hub/coverage/report';
import { tx } from '../../../hub/db/pool';
import { applyBatch } from '../../../hub/ingest/apply';
import { findUnit } from '../../../hub/units/units';
import type { OutboxItem } from '../../../shared/hub-protocol';
import { rng } from '../../../electron/coverage/demo-register';
import { startTestHub } from '../../fixtures/hub';

const day = (rand: () => number, from: string, to: string) => new Date(Date.parse(from) + rand() * (Date.parse(to) - Date.parse(from))).toISOString().slice(0, 10);
const DESK = '00000000-0000-4000-8000-0000000000d1';
const NONZERO = 'SELECT grain, bucket, unit_id, holder_unit_id, procedure_code, dv, dd, hv, hd FROM coverage_deltas WHERE dv <> 0 OR dd <> 0 OR hv <> 0 OR hd <> 0 ORDER BY 1, 2, 3, 4, 5';

describe('rebuildDeltas', () => {
  it('rebuilds from the register exactly the deltas the batches made', async () => {
    const hub = await startTestHub();
    const pool = hub.ctx.pool;
    const units = (await pool.query<{ id: number; code: string; validFrom: string | null }>('SELECT id, code, valid_from "validFrom" FROM units ORDER BY id')).rows;
    const partial = (await pool.query<{ id: number }>("SELECT DISTINCT unit_id id FROM unit_successors WHERE kind = 'partial'")).rows.map((r) => units.find((u) => u.id === r.id)!);
    const province = (await findUnit(pool, '38', null))!;
    await pool.query("INSERT INTO desks(id, unit_id, name, public_key, key_fingerprint) VALUES ($1, $2, 'p', 'k', 'f')", [DESK, province.id]);
    const rand = rng(11);
    const item = (seq: number, i: number): OutboxItem => {
      // a third on communes split by a partial merge, where the holder's commune is kept
      const u = i % 3 === 0 ? partial[Math.floor(rand() * partial.length)] : units[Math.floor(rand() * units.length)];
      const issuedOn = day(rand, u.validFrom ?? '2019-01-01', '2026-06-30');
      const holder = rand() < 0.5 ? units[Math.floor(rand() * units.length)] : null;
      return {
        seq,
        kind: 'register',
        data: {
          dossierCode: `R-${i}`,
          unit: { code: u.code, validFrom: u.validFrom },
          procedureCode: ['1.000894', '1.004227', null][Math.floor(rand() * 3)],
          procedureName: null,
          holderName: null,
          holderId: null,
          holderUnit: holder ? { code: holder.code, validFrom: holder.validFrom } : null,
          resultName: null,
          resultNumber: null,
          issuedOn,
          // ends on the issue day, inside the issue year, or years later; revoked before or after the end
          validUntil: rand() < 0.4 ? day(rand, issuedOn, '2028-12-31') : null,
          revokedOn: rand() < 0.15 ? day(rand, issuedOn, '2027-12-31') : null,
          digitizedOn: rand() < 0.6 ? day(rand, '2018-06-01', '2027-12-31') : null,
        },
      };
    };
    const items = Array.from({ length: 1200 }, (_, i) => item(i + 1, i));
    // rows sent again with other dates, and rows deleted, after the first batches
    const again = Array.from({ length: 300 }, (_, k) => item(1201 + k, Math.floor(rand() * 1200)));
    const deletes: OutboxItem[] = Array.from({ length: 100 }, (_, k) => ({ seq: 1501 + k, kind: 'register.delete', data: { dossierCode: `R-${k * 7}`, unit: { code: '38', validFrom: null } } }));
    const all = [...items, ...again, ...deletes];
    for (let i = 0; i < all.length; i += 250) await applyBatch(pool, { id: DESK, unitId: province.id, name: 'p', acked: 0 }, all.slice(i, i + 250));

    const incremental = (await pool.query(NONZERO)).rows;
    expect(incremental.length).toBeGreaterThan(1000);
    await tx(pool, (c) => rebuildDeltas(c));
    const rebuilt = (await pool.query(NONZERO)).rows;
    expect(rebuilt).toEqual(incremental);
    // the holder's commune is kept only where it can decide a figure (split communes), so cells do not multiply by it elsewhere
    const keep = await unitsKeepingHolder(pool);
    expect(keep.size).toBeGreaterThanOrEqual(partial.length);
    expect(keep.size).toBeLessThan(units.length / 4);
    const withHolder = rebuilt.filter((r) => r.holder_unit_id !== 0);
    expect(withHolder.length).toBeGreaterThan(100);
    expect(withHolder.every((r) => keep.has(r.unit_id))).toBe(true);
    expect((await pool.query('SELECT count(*)::int n FROM coverage_deltas WHERE dv = 0 AND dd = 0 AND hv = 0 AND hd = 0')).rows[0].n).toBe(0);

    // a district's report (read unit by unit) gives its units the figures the province's report gives them
    const districts = (await pool.query<{ id: number }>("SELECT id FROM units WHERE level = 'district' ORDER BY id LIMIT 4")).rows.map((r) => r.id);
    let seen = 0;
    for (const at of ['2021-03-16', '2023-12-30', '2025-06-15']) {
      const province = await hubCoverageReport(pool, at, null);
      for (const id of districts) {
        const district = await hubCoverageReport(pool, at, id);
        for (const u of district.units) {
          const p = province.units.find((x) => x.id === u.id);
          expect([u.valid, u.digitized, u.total], `${at} ${u.code}`).toEqual([p?.valid, p?.digitized, p?.total]);
          seen += u.total.valid;
        }
      }
    }
    expect(seen).toBeGreaterThan(0);

    // the rebuild re-made the keys: batches after it still add to the cells
    await applyBatch(pool, { id: DESK, unitId: province.id, name: 'p', acked: 0 }, [item(2000, 5000)]);
    const indexes = (await pool.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'coverage_deltas' ORDER BY 1")).rows.map((r) => r.indexname);
    expect(indexes).toEqual(['coverage_deltas_pkey', 'coverage_deltas_unit']);
  });
});
