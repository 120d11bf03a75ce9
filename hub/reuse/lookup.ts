// Reuse (Decree 45/2020, Decision 766): staff of any enrolled unit find a result already
// digitized anywhere in the province, so the citizen is not asked for the paper again. Personal
// data (Decree 13/2023): only signed-in staff or an enrolled desk on behalf of its officer, an
// exact identifier (no listing, no wildcard), a stated purpose (the dossier being handled),
// a rate limit per officer, and every lookup and download in the audit chain.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hubAudit } from '../accounts/audit';
import { tx, type Pool } from '../db/pool';
import { Refusal } from '../ingest/refusal';

export const LookupQuery = z.object({
  by: z.enum(['holderId', 'dossierCode', 'resultNumber']),
  value: z.string().trim().min(1).max(64),
  purpose: z.object({ dossierCode: z.string().trim().min(5).max(64), note: z.string().trim().max(500).default('') }),
});
export type LookupQuery = z.infer<typeof LookupQuery>;

export interface LookupActor {
  accountId: number | null;
  deskId: string | null;
  /** Who is asking, as the audit names them: the hub account's or the desk officer's user name. */
  officer: string;
}

export const LOOKUP_LIMIT = { count: 30, minutes: 10 };

/** Exact identifiers only: a CCCD/CMND (9 or 12 digits) or tax code (10, or 10-3); dossier codes and result numbers as written. */
function checkValue(q: LookupQuery): string {
  const v = q.value.trim();
  if (/[%*?_]/.test(v)) throw new Refusal(422, 'LOOKUP_EXACT', 'Chỉ tra cứu theo đúng một mã; không dùng ký tự đại diện (%, *, ?, _).');
  if (q.by === 'holderId' && !/^(\d{9}|\d{12}|\d{10}(-\d{3})?)$/.test(v)) throw new Refusal(422, 'LOOKUP_EXACT', 'Số CCCD phải đủ 12 chữ số (CMND 9 chữ số, mã số thuế 10 hoặc 13 chữ số).');
  if (q.by !== 'holderId' && v.length < 4) throw new Refusal(422, 'LOOKUP_EXACT', 'Mã tra cứu quá ngắn; hãy nhập đủ mã hồ sơ hoặc số kết quả.');
  return v;
}

const COLUMN = { holderId: 'holder_id', dossierCode: 'dossier_code', resultNumber: 'result_number' } as const;

export async function lookup(pool: Pool, actor: LookupActor, q: LookupQuery) {
  const value = checkValue(q);
  return tx(pool, async (c) => {
    // counted inside the transaction, under a per-officer lock, so parallel requests cannot all pass
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lookup:${actor.officer}`]);
    const recent = (await c.query<{ n: number }>(`SELECT count(*) n FROM lookups WHERE officer = $1 AND at > now() - make_interval(mins => $2)`, [actor.officer, LOOKUP_LIMIT.minutes])).rows[0].n;
    if (recent >= LOOKUP_LIMIT.count) throw new Refusal(429, 'LOOKUP_RATE', `Đã tra cứu ${recent} lần trong ${LOOKUP_LIMIT.minutes} phút; hãy thử lại sau.`);
    const { rows } = await c.query(
      `SELECT r.dossier_code "dossierCode", u.code "unitCode", u.name "unitName", coalesce(p.name, r.procedure_code) "procedureName", r.result_name "resultName",
              r.result_number "resultNumber", r.issued_on "issuedOn", r.valid_until "validUntil", r.revoked_on "revokedOn", r.holder_name "holderName",
              d.signed_sha256 sha256, d.signed_size size
       FROM register r JOIN units u ON u.id = r.unit_id LEFT JOIN procedures p ON p.code = r.procedure_code
       LEFT JOIN LATERAL (SELECT signed_sha256, signed_size FROM documents d JOIN blobs b ON b.sha256 = d.signed_sha256 AND b.complete
                          WHERE d.dossier_code = r.dossier_code AND d.unit_id = r.unit_id AND NOT d.deleted AND d.status = 'signed' ORDER BY d.updated_at DESC LIMIT 1) d ON true
       WHERE r.${COLUMN[q.by]} = $1 ORDER BY r.issued_on DESC LIMIT 50`,
      [value],
    );
    const id = randomUUID();
    const signed = rows.flatMap((r) => (r.sha256 ? [r.sha256 as string] : []));
    await c.query('INSERT INTO lookups(id, account_id, desk_id, officer, by, purpose_dossier, note, results, signed) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)', [
      id,
      actor.accountId,
      actor.deskId,
      actor.officer,
      q.by,
      q.purpose.dossierCode,
      q.purpose.note,
      rows.length,
      signed,
    ]);
    await hubAudit(c, { accountId: actor.accountId, deskId: actor.deskId, action: 'reuse.lookup', objectType: q.by, objectId: value, details: { officer: actor.officer, purpose: q.purpose, results: rows.length } });
    return {
      lookupId: id,
      results: rows.map(({ sha256, size, ...r }) => ({ ...r, signed: sha256 ? { sha256: sha256 as string, size: Number(size) } : null })),
    };
  });
}

/** A signed copy may be downloaded only through a lookup of the same actor in the last hour that found it. */
export async function authorizeDownload(pool: Pool, actor: LookupActor, lookupId: string, sha256: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(lookupId) || !/^[0-9a-f]{64}$/.test(sha256)) throw new Refusal(404, 'NOT_FOUND', 'Không tìm thấy bản sao.');
  await tx(pool, async (c) => {
    const { rows } = await c.query(
      `SELECT 1 FROM lookups WHERE id = $1 AND officer = $2 AND account_id IS NOT DISTINCT FROM $3 AND desk_id IS NOT DISTINCT FROM $4 AND $5 = ANY(signed) AND at > now() - interval '1 hour'`,
      [lookupId, actor.officer, actor.accountId, actor.deskId, sha256],
    );
    if (!rows.length) throw new Refusal(403, 'LOOKUP_EXPIRED', 'Chỉ tải được bản sao vừa tra cứu (trong vòng 1 giờ); hãy tra cứu lại.');
    await hubAudit(c, { accountId: actor.accountId, deskId: actor.deskId, action: 'reuse.download', objectType: 'blob', objectId: sha256, details: { officer: actor.officer, lookupId } });
  });
}
