// The coverage rule is written once (shared/coverage-rule.ts, shared/coverage-report.ts), but
// the desk counts from in-memory register columns and the hub from PostgreSQL deltas. This
// property test gives both the same random register over the real Thanh Hóa catalogue (with
// the 2025 merges, partial ones resolved by the holder's commune) and compares every unit's
// figures, the procedures, Decision 766 and the unresolved results at random dates.
import { describe, expect, it } from 'vitest';
import { saveRegisterEntry } from '../../../electron/coverage/register';
import { coverageReport } from '../../../electron/coverage/report';
import { hubCoverageReport } from '../../../hub/coverage/report';
import { applyBatch } from '../../../hub/ingest/apply';
import { findUnit } from '../../../hub/units/units';
import type { OutboxItem } from '../../../shared/hub-protocol';
import { rng } from '../../../electron/coverage/demo-register';
import { setUpCore } from '../../helpers';
import { startTestHub } from '../../fixtures/hub';

const day = (rand: () => number, from: string, to: string) => new Date(Date.parse(from) + rand() * (Date.parse(to) - Date.parse(from))).toISOString().slice(0, 10);

describe('desk and hub give the same figures', () => {
  it('for random registers, per unit, at random dates before and after the 2025 merges', async () => {
    const { core } = await setUpCore();
    const db = core.db;
    const hub = await startTestHub();
    const units = db.prepare('SELECT id, code, valid_from validFrom, level FROM units').all() as { id: number; code: string; validFrom: string | null; level: string }[];
    const newCommunes = units.filter((u) => u.validFrom === '2025-07-01');
    const partial = db.prepare("SELECT DISTINCT unit_id FROM unit_successors WHERE kind = 'partial'").pluck().all() as number[];
    const rand = rng(7);
    const items: OutboxItem[] = [];
    const procs = ['1.000894', '1.001234', '1.004227', ''];
    for (let i = 0; i < 1500; i++) {
      // a third of the rows on communes split by a partial merge, so the holder's commune matters
      const pick = i % 3 === 0 ? partial[Math.floor(rand() * partial.length)] : units[Math.floor(rand() * units.length)].id;
      const u = units.find((x) => x.id === pick)!;
      const issuedOn = day(rand, u.validFrom ?? '2019-01-01', '2026-06-30');
      const validUntil = rand() < 0.3 ? day(rand, issuedOn, '2027-12-31') : null;
      const revokedOn = rand() < 0.1 ? day(rand, issuedOn, '2027-12-31') : null;
      const digitizedOn = rand() < 0.5 ? day(rand, '2019-06-01', '2026-12-31') : null;
      const holder = rand() < 0.5 ? newCommunes[Math.floor(rand() * newCommunes.length)] : null;
      const procedureCode = procs[Math.floor(rand() * procs.length)] || null;
      const dossierCode = `P-${i}`;
      const e = saveRegisterEntry(db, { dossierCode, procedureCode, procedureName: procedureCode && `Thủ tục ${procedureCode}`, unitId: u.id, holderName: null, holderId: null, resultName: null, resultNumber: null, issuedOn, validUntil, revokedOn }, null);
      db.prepare('UPDATE register SET digitized_on = ?, holder_unit_id = ? WHERE id = ?').run(digitizedOn, holder?.id ?? null, e.id);
      items.push({
        seq: i + 1,
        kind: 'register',
        data: {
          dossierCode,
          unit: { code: u.code, validFrom: u.validFrom },
          procedureCode,
          procedureName: procedureCode && `Thủ tục ${procedureCode}`,
          holderName: null,
          holderId: null,
          holderUnit: holder ? { code: holder.code, validFrom: holder.validFrom } : null,
          resultName: null,
          resultNumber: null,
          issuedOn,
          validUntil,
          revokedOn,
          digitizedOn,
        },
      });
    }
    const province = (await findUnit(hub.ctx.pool, '38', null))!;
    await hub.ctx.pool.query("INSERT INTO desks(id, unit_id, name, public_key, key_fingerprint) VALUES ('00000000-0000-4000-8000-000000000001', $1, 'p', 'k', 'f')", [province.id]);
    for (let i = 0; i < items.length; i += 500) await applyBatch(hub.ctx.pool, { id: '00000000-0000-4000-8000-000000000001', unitId: province.id, name: 'p', acked: 0 }, items.slice(i, i + 500));
    // a few rows changed after they were sent: the hub moves its deltas, the desk its columns
    const changes = items.slice(0, 200).map((it, k) => ({ ...it, seq: 2000 + k, data: { ...(it.data as object), digitizedOn: k % 2 ? null : '2024-02-29', revokedOn: k % 3 ? null : '2025-07-01' } })) as OutboxItem[];
    await applyBatch(hub.ctx.pool, { id: '00000000-0000-4000-8000-000000000001', unitId: province.id, name: 'p', acked: 1500 }, changes);
    for (const ch of changes) {
      const d = ch.data as { dossierCode: string; digitizedOn: string | null; revokedOn: string | null };
      db.prepare('UPDATE register SET digitized_on = ?, revoked_on = ? WHERE dossier_code = ?').run(d.digitizedOn, d.revokedOn, d.dossierCode);
    }

    const dates = ['2019-12-31', '2021-06-30', '2024-02-29', '2025-06-30', '2025-07-01', '2026-01-15', ...Array.from({ length: 8 }, () => day(rand, '2019-01-01', '2027-06-30'))];
    const key = (r: { units: { code: string; level: string; valid: number; digitized: number; total: { valid: number; digitized: number } }[] }) =>
      Object.fromEntries(r.units.map((u) => [`${u.code}/${u.level}`, [u.valid, u.digitized, u.total.valid, u.total.digitized]]));
    let compared = 0;
    for (const at of dates) {
      const deskReport = coverageReport(db, at, null);
      const hubReport = await hubCoverageReport(hub.ctx.pool, at, null);
      expect(key(hubReport), at).toEqual(key(deskReport));
      expect(hubReport.levels, at).toEqual(deskReport.levels);
      expect(hubReport.decision766, at).toEqual(deskReport.decision766);
      expect(hubReport.procedures.map((p) => [p.code, p.valid, p.digitized]), at).toEqual(deskReport.procedures.map((p) => [p.code, p.valid, p.digitized]));
      expect(hubReport.unresolved.map((u) => [u.code, u.valid, u.digitized]).sort(), at).toEqual(deskReport.unresolved.map((u) => [u.code, u.valid, u.digitized]).sort());
      compared += hubReport.units.filter((u) => u.valid > 0).length;
    }
    expect(compared).toBeGreaterThan(200);
  });
});
