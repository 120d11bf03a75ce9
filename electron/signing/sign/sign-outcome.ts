// What a sign batch tells the officer and the audit log beyond "signed": a certificate held by
// someone other than the signed-in officer, and every failed attempt, audited as the
// successes are.
import type { FileOutcome } from '../../../shared/contract';
import { audit } from '../../accounts/audit';
import type { Db } from '../../archive/db';
import { holderIs } from '../../../shared/holder-name';
import { CoreError } from '../../errors';

/**
 * A notice when the certificate's holder (its CN) is not the signed-in officer: compared
 * without diacritics, case or spacing, and a CN naming more than the person ("Nguyễn Văn A -
 * UBND xã …") still matches when it holds the officer's name.
 */
export function holderNotice(db: Db, userId: number, holder: string): CoreError | null {
  const user = db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
  if (!user || !holder) return null;
  if (holderIs(holder, user)) return null;
  return new CoreError('SIGN_HOLDER_MISMATCH', { holder, user });
}

/** A document the batch could not sign, in the audit log with why. */
export function auditSignFailure(db: Db, userId: number, documentId: number | null, err: { code: string; message: string }, holder?: string): void {
  audit(db, userId, 'documents.signFailed', documentId === null ? undefined : { type: 'document', id: documentId }, { code: err.code, reason: err.message, ...(holder ? { signer: holder } : {}) });
}

/**
 * The outcome of one document of a batch signed with `holder`'s key: a failure audited at
 * once, and a key held by someone else than the officer said on every document it touched.
 */
export function outcomeOf(db: Db, userId: number, holder: string, title: (id: number) => string) {
  const notice = holderNotice(db, userId, holder);
  return (id: number, o: Partial<FileOutcome>): FileOutcome => {
    if (o.status === 'error') auditSignFailure(db, userId, id, { code: o.code ?? 'SIGN_FAILED', message: o.message ?? '' }, holder);
    // notices go with the warnings in the same order, the holder's first
    const warnings = [...(notice ? [notice.message] : []), ...(o.warnings ?? [])];
    const notices = [...(notice ? [{ code: notice.code, params: notice.params }] : []), ...(o.notices ?? [])];
    return { file: title(id), status: 'signed', documentId: id, pages: 0, code: null, message: null, ...o, warnings, ...(notices.length ? { notices } : {}) };
  };
}
