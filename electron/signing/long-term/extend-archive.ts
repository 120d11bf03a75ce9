// The "extend" action on archived signed copies: each document's newest signed copy gets the
// validation data and a new document timestamp (extend.ts), archived as a new copy beside the
// old one (never overwritten), recorded and audited. A copy whose last document timestamp holds
// past the margin is left as it is and reported so.
import { audit } from '../../accounts/audit';
import { visibleDocument, visibleUnits } from '../../accounts/scope';
import { recordBlob, type BlobStore } from '../../archive/blobs';
import type { Db } from '../../archive/db';
import type { Caller } from '../../call-context';
import { CoreError, toAppError } from '../../errors';
import { latestSignedCopy } from '../sign/document-pdf';
import { extendPdf } from './extend';
import { fetchWarning } from '../trust/outbound-fetch';
import { outboundFor } from '../trust/outbound-hosts';
import { tsaUrl } from '../sign/tsa-setting';

export type ExtendOutcome = {
  documentId: number;
  /** extended: a new copy archived; current: nothing to do until `lastExpires` nears; unsigned / error: nothing done */
  status: 'extended' | 'current' | 'unsigned' | 'error';
  lastExpires: string | null;
  /** an error's words, code and values (for another interface language) */
  message?: string;
  code?: string;
  params?: Record<string, string | number>;
  warnings: string[];
  /** the first warnings as codes, in the same order */
  notices?: { code: string; params: Record<string, string | number> }[];
};

/** Who made the copy it extends: the CLI's operator has no account, and the audit row names the operator. */
const previousSigner = (db: Db, sha: string) => db.prepare('SELECT created_by FROM signatures WHERE output_sha256 = ? ORDER BY id DESC LIMIT 1').pluck().get(sha) as number;

function record(db: Db, blobs: BlobStore, caller: Caller, id: number, before: string, pdf: Buffer, detail: Record<string, unknown>) {
  // a signature added while the timestamp was fetched: the extended older copy must not become the newest
  if (latestSignedCopy(db, id) !== before) throw new CoreError('EXTEND_CHANGED');
  const { sha256 } = blobs.put(pdf);
  db.transaction(() => {
    if (latestSignedCopy(db, id) !== before) throw new CoreError('EXTEND_CHANGED');
    recordBlob(db, sha256, pdf.length, 'application/pdf');
    const field = /\/T \(([^)]*)\)[^]*$/.exec(pdf.subarray(pdf.lastIndexOf('/DocTimeStamp')).toString('latin1'))?.[1] ?? 'DocTimeStamp';
    db.prepare("INSERT INTO signatures(document_id, kind, field_name, signer, signed_at, output_sha256, created_by) VALUES (?, 'archive_timestamp', ?, NULL, ?, ?, ?)").run(
      id,
      field,
      new Date().toISOString(),
      sha256,
      caller.id ?? previousSigner(db, before),
    );
    audit(db, caller.id, 'documents.extend', { type: 'document', id }, { from: before, to: sha256, ...detail });
  })();
}

/** Extends each document's newest signed copy; one failing document does not stop the others. */
export async function extendArchived(db: Db, blobs: BlobStore, caller: Caller, ids: number[], opts: { marginDays?: number; now?: Date } = {}): Promise<ExtendOutcome[]> {
  const tsa = tsaUrl(db);
  if (!tsa) throw new CoreError('BAD_REQUEST', { detail: 'chưa cấu hình máy chủ dấu thời gian' });
  const out: ExtendOutcome[] = [];
  for (const id of ids) {
    visibleDocument(db, caller, id); // a document outside the caller's units is not found
    const before = latestSignedCopy(db, id);
    if (!before) {
      out.push({ documentId: id, status: 'unsigned', lastExpires: null, warnings: [] });
      continue;
    }
    const net = outboundFor(db);
    try {
      const r = await extendPdf(blobs.read(before), { tsaUrl: tsa, net, marginDays: opts.marginDays, now: opts.now, file: `#${id}` });
      const unrevocable = (r.extended ? r.unrevocable : []).map((name) => new CoreError('EXTEND_NO_REVOCATION', { name }));
      const refused = net.notes.map(fetchWarning);
      const warnings = [...unrevocable.map((e) => e.message), ...refused.map((w) => w.message)];
      const notices = [...unrevocable.map((e) => ({ code: e.code, params: e.params })), ...refused.map((w) => w.notice)];
      const lastExpires = r.lastExpires?.toISOString() ?? null;
      if (r.extended) record(db, blobs, caller, id, before, r.pdf, { why: r.why, tsa, lastExpires });
      out.push({ documentId: id, status: r.extended ? 'extended' : r.why, lastExpires, warnings, ...(notices.length ? { notices } : {}) });
    } catch (e) {
      const err = toAppError(e);
      out.push({ documentId: id, status: 'error', lastExpires: null, message: err.message, code: err.code, params: err.params, warnings: [] });
    }
  }
  return out;
}

/** The documents of the caller's units that have a signed copy, oldest first (the CLI's operator: every unit). */
export function signedDocuments(db: Db, caller: Caller): number[] {
  const units = visibleUnits(db, caller);
  const scope = units ? 'AND d.unit_id IN (SELECT value FROM json_each(?))' : '';
  return db
    .prepare(`SELECT DISTINCT s.document_id FROM signatures s JOIN documents d ON d.id = s.document_id WHERE d.deleted_at IS NULL ${scope} ORDER BY s.document_id`)
    .pluck()
    .all(...(units ? [JSON.stringify(units)] : [])) as number[];
}
