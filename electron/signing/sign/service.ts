// Signing archived documents: opens the key once for a batch, checks the certificate before
// the first signature, signs each document's PDF into a new archived file (the original scan
// is never overwritten), records the signature and marks the document signed.
import type { FileOutcome } from '../../../shared/contract';
import { audit } from '../../accounts/audit';
import { recordBlob, type BlobStore } from '../../archive/blobs';
import type { Db } from '../../archive/db';
import { refreshDigitized } from '../../coverage/digitized';
import { CoreError, toAppError } from '../../errors';
import type { Signer } from '../cms/cms';
import { documentPdf } from './document-pdf';
import { p12Signer } from './p12';
import { pkcs11Signer } from './pkcs11';
import { fetchWarning, type FetchNote } from '../trust/outbound-fetch';
import { outboundFor } from '../trust/outbound-hosts';
import { commonName, signPdf, type AppearanceKind, type CopyForm } from './sign-pdf';
import { copyLines, copyPlacement } from './copy-placement';
import { checkBeforeSigning } from '../trust/trust';
import { allAnchors, knownCertificates } from '../trust/trust-store';
import { outcomeOf } from './sign-outcome';

export type OpenSigner = Signer & { close?: () => void };

export interface SignBatch {
  documentIds: number[];
  appearance: AppearanceKind;
  copyForm: CopyForm;
  agency?: string;
  reason?: string;
  tsaUrl: string | null;
  longTerm?: boolean;
  /** with longTerm, a document timestamp after the DSS (B-LTA) */
  archiveTimestamp?: boolean;
  userId: number;
}

export function openP12(bytes: Buffer, password: string, name: string): OpenSigner {
  return p12Signer(bytes, password, name);
}

export function openToken(module: string, token: string, pin: string, certificateId?: string): OpenSigner {
  return pkcs11Signer({ module, token, pin, certificateId });
}


/** The signed copy archived, the signature recorded and the document marked signed, in one transaction. */
function recordSigned(db: Db, blobs: BlobStore, batch: SignBatch, id: number, name: string, time: Date, original: Buffer, signed: Buffer) {
  const { sha256 } = blobs.put(signed);
  db.transaction(() => {
    recordBlob(db, sha256, signed.length, 'application/pdf');
    const field = /\/T \(([^)]*)\)[^]*$/.exec(signed.subarray(original.length).toString('latin1'))?.[1] ?? 'Signature';
    db.prepare('INSERT INTO signatures(document_id, kind, field_name, signer, signed_at, output_sha256, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      batch.appearance,
      field,
      name,
      time.toISOString(),
      sha256,
      batch.userId,
    );
    // a signed document counts as digitized from the day it was first digitized or signed
    db.prepare("UPDATE documents SET status = 'signed', digitized_at = ifnull(digitized_at, ?), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(time.toISOString(), id);
    const reg = db.prepare('SELECT register_id FROM documents WHERE id = ?').pluck().get(id) as number | null;
    if (reg) refreshDigitized(db, reg);
    audit(db, batch.userId, 'documents.sign', { type: 'document', id }, { signer: name, appearance: batch.appearance, timestamp: !!batch.tsaUrl });
  })();
}

/** Why the certificate may not sign at all (checked once, before the first document), or null. */
function refusal(db: Db, signer: OpenSigner): CoreError | null {
  try {
    checkBeforeSigning([...signer.certificates, ...knownCertificates(db)], allAnchors(db));
    return null;
  } catch (e) {
    return e instanceof CoreError ? e : new CoreError('INTERNAL', { detail: String(e) });
  }
}

export async function signBatch(
  db: Db,
  blobs: BlobStore,
  signer: OpenSigner,
  batch: SignBatch,
  progress: { cancelled: boolean; setCurrent(l: string | null): void; addOutcome(o: FileOutcome): void },
  alreadyDone: number,
): Promise<void> {
  const titles = new Map((db.prepare('SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(batch.documentIds)) as { id: number; title: string }[]).map((d) => [d.id, d.title]));
  const title = (id: number) => titles.get(id) ?? `#${id}`;
  const refused = refusal(db, signer);
  const name = commonName(signer.certificates[0]);
  const outcome = outcomeOf(db, batch.userId, name, title);
  const lines = copyLines(batch.copyForm, batch.agency ?? name);
  // the copy signature goes in free white space of page 1, never over the motto or text; the
  // next document is read and placed while this one is signed (sharp decodes on a libuv thread)
  const prepare = async (id: number) => {
    const { bytes } = await documentPdf(db, blobs, id);
    return { bytes, copyPlace: batch.appearance === 'copy' ? await copyPlacement(bytes, lines, titles.get(id)) : undefined };
  };
  const ids = batch.documentIds.slice(alreadyDone);
  let next = refused || !ids.length ? null : prepare(ids[0]);
  for (const [i, id] of ids.entries()) {
    if (progress.cancelled) break;
    progress.setCurrent(title(id));
    if (refused) {
      progress.addOutcome(outcome(id, { status: 'error', code: refused.code, message: refused.message, params: refused.params }));
      continue;
    }
    const current = next!;
    next = i + 1 < ids.length ? prepare(ids[i + 1]) : null;
    next?.catch(() => undefined); // its error is reported when its turn comes
    try {
      const { bytes, copyPlace } = await current;
      const time = new Date();
      // one fetcher per document: the admin's allowed hosts and TSA, a fresh budget
      const outbound = outboundFor(db, { tsaUrl: batch.tsaUrl });
      const signed = await signPdf(bytes, {
        outbound,
        copyPlace,
        signer,
        appearance: batch.appearance,
        copyForm: batch.copyForm,
        agency: batch.agency,
        reason: batch.reason,
        tsaUrl: batch.tsaUrl ?? undefined,
        ltv: batch.longTerm,
        archiveTimestamp: batch.archiveTimestamp,
        time,
        fileName: titles.get(id),
      });
      recordSigned(db, blobs, batch, id, name, time, bytes, signed);
      progress.addOutcome(outcome(id, refusedFetches(outbound.notes)));
    } catch (e) {
      const err = toAppError(e);
      progress.addOutcome(outcome(id, { status: 'error', code: err.code, message: `${title(id)}: ${err.message}`, params: err.params }));
    }
  }
  progress.setCurrent(null);
}

/** The fetches a signing was refused, as its outcome's warnings and their notices. */
function refusedFetches(notes: FetchNote[]) {
  const refused = notes.map(fetchWarning);
  return { warnings: refused.map((w) => w.message), notices: refused.map((w) => w.notice) };
}
