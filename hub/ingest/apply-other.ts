// The other outbox items of a batch: documents' accepted tags and status (keyed by desk and the
// desk's own id), units the desk owns, and targets (only a province's desk sets them).
import type { DocumentItem, TargetItem, UnitItem } from '../../shared/hub-protocol';
import type { Client } from '../db/pool';
import { insertUnit } from '../units/units';
import type { Desk } from './desk-auth';
import { refuse } from './refusal';
import type { UnitResolver } from './unit-refs';

/** Upserts the documents; returns the signed copies' hashes the hub does not hold yet. */
export async function applyDocuments(c: Client, desk: Desk, units: UnitResolver, docs: DocumentItem[]): Promise<string[]> {
  const last = new Map(docs.map((d) => [d.localId, d]));
  const rows: { d: DocumentItem; unitId: number }[] = [];
  for (const d of last.values()) rows.push({ d, unitId: (await units.inScope(d.unit)).id });
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await c.query(
    `INSERT INTO documents AS t (desk_id, local_id, unit_id, dossier_code, title, status, page_count, digitized_at, fields, signed_sha256, signed_size, deleted)
     SELECT $1::uuid, * FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::jsonb[], $10::text[], $11::bigint[], $12::boolean[])
     ON CONFLICT (desk_id, local_id) DO UPDATE SET unit_id = excluded.unit_id, dossier_code = excluded.dossier_code, title = excluded.title, status = excluded.status,
       page_count = excluded.page_count, digitized_at = excluded.digitized_at, fields = excluded.fields, signed_sha256 = excluded.signed_sha256,
       signed_size = excluded.signed_size, deleted = excluded.deleted, updated_at = now()`,
    [
      desk.id,
      col((r) => r.d.localId),
      col((r) => r.unitId),
      col((r) => r.d.dossierCode),
      col((r) => r.d.title),
      col((r) => r.d.status),
      col((r) => r.d.pageCount),
      col((r) => r.d.digitizedAt),
      col((r) => JSON.stringify(r.d.fields)),
      col((r) => r.d.signed?.sha256 ?? null),
      col((r) => r.d.signed?.size ?? null),
      col((r) => r.d.deleted),
    ],
  );
  const signed = [...new Map(rows.flatMap((r) => (r.d.signed && !r.d.deleted ? [[r.d.signed.sha256, r.d.signed.size] as const] : []))).entries()];
  if (!signed.length) return [];
  // a blob row is the hub's promise to accept those bytes; the first desk to declare a hash fixes its size
  await c.query('INSERT INTO blobs(sha256, size) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [signed.map((s) => s[0]), signed.map((s) => s[1])]);
  const { rows: have } = await c.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1) AND complete', [signed.map((s) => s[0])]);
  const done = new Set(have.map((r) => r.sha256));
  return signed.map((s) => s[0]).filter((h) => !done.has(h));
}

/** Units the desk owns: the unit itself or a new or changed unit under a parent in its scope. */
export async function applyUnits(c: Client, desk: Desk, units: UnitResolver, items: UnitItem[]): Promise<void> {
  for (const u of items) {
    const existing = await units.find(u.unit);
    const parent = u.parent ? await units.inScope(u.parent) : null;
    if (existing ? !units.scope.has(existing.id) : !parent) throw refuse(403, 'OUT_OF_SCOPE', `đơn vị ${u.unit.code} ${u.name}`);
    const id = await insertUnit(c, { code: u.unit.code, name: u.name, level: u.level, parentId: parent?.id ?? existing?.parentId ?? null, validFrom: u.unit.validFrom, validTo: u.validTo });
    units.scope.add(id);
  }
}

export async function applyTargets(c: Client, desk: Desk, items: TargetItem[]): Promise<void> {
  if (!items.length) return;
  const own = (await c.query<{ level: string }>('SELECT level FROM units WHERE id = $1', [desk.unitId])).rows[0];
  if (own?.level !== 'province') throw refuse(403, 'OUT_OF_SCOPE', 'chỉ máy của cấp tỉnh được đặt chỉ tiêu');
  for (const t of items) await c.query('INSERT INTO targets(year, level, rate) VALUES ($1,$2,$3) ON CONFLICT (year, level) DO UPDATE SET rate = excluded.rate', [t.year, t.level, t.rate]);
}
