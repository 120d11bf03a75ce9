// Which register entry a scanned result most likely digitizes, from its tagged fields:
// the dossier code decides alone; the result number, holder ID, holder name and issue date
// add up. Scores are 0..1; the reviewer confirms.
import type { RegisterProposal } from '../../shared/contract';
import type { Db } from '../archive/db';
import { foldVietnamese } from '../archive/text';
import { toIsoDate } from '../../shared/dates';

const WEIGHTS = { dossierCode: 1, resultNumber: 0.6, holderId: 0.5, holderName: 0.25, issuedOn: 0.15 } as const;

interface Row {
  id: number;
  dossier_code: string;
  holder_name: string | null;
  holder_id: string | null;
  result_name: string | null;
  result_number: string | null;
  issued_on: string;
  unit_id: number;
}

/**
 * `onScreen`: the values the reviewer sees, unsaved edits included, over the stored ones, so the
 * matches follow what was typed (a date as typed, dd/mm/yyyy, is read as the register stores it).
 */
export function proposeRegisterEntries(db: Db, documentId: number, units: number[] | null, limit = 5, onScreen: Record<string, string | null> = {}): RegisterProposal[] {
  const f: Record<string, string | undefined> = Object.fromEntries(
    (db.prepare('SELECT name, value FROM fields WHERE document_id = ? AND value IS NOT NULL').all(documentId) as { name: string; value: string }[]).map((r) => [r.name, r.value.trim()]),
  );
  for (const [name, v] of Object.entries(onScreen)) f[name] = v?.trim() ? (name === 'date' ? (toIsoDate(v.trim()) ?? undefined) : v.trim()) : undefined;
  const norm = (s: string | null | undefined) => (s ? foldVietnamese(s).replace(/\s+/g, ' ').trim() : '');
  const rows = db
    .prepare(
      `SELECT id, dossier_code, holder_name, holder_id, result_name, result_number, issued_on, unit_id FROM register
       WHERE (dossier_code = ? OR result_number = ? OR holder_id = ? OR (holder_name = ? AND ? IS NOT NULL))
         AND (? IS NULL OR unit_id IN (SELECT value FROM json_each(?)))
       LIMIT 200`,
    )
    .all(f.dossierCode ?? null, f.number ?? null, f.holderId ?? null, f.holderName ?? null, f.holderName ?? null, units ? 1 : null, JSON.stringify(units ?? [])) as Row[];
  return rows
    .map((r) => {
      const reasons: string[] = [];
      if (f.dossierCode && r.dossier_code === f.dossierCode) reasons.push('dossierCode');
      if (f.number && r.result_number && norm(r.result_number) === norm(f.number)) reasons.push('resultNumber');
      if (f.holderId && r.holder_id === f.holderId) reasons.push('holderId');
      if (f.holderName && norm(r.holder_name) === norm(f.holderName)) reasons.push('holderName');
      if (f.date && r.issued_on === f.date) reasons.push('issuedOn');
      const score = Math.min(1, reasons.reduce((s, k) => s + WEIGHTS[k as keyof typeof WEIGHTS], 0));
      return {
        registerId: r.id,
        dossierCode: r.dossier_code,
        holderName: r.holder_name,
        holderId: r.holder_id,
        resultName: r.result_name,
        resultNumber: r.result_number,
        issuedOn: r.issued_on,
        score: Math.round(score * 100) / 100,
        reasons,
      };
    })
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || b.issuedOn.localeCompare(a.issuedOn))
    .slice(0, limit);
}
