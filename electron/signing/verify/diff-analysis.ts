// What changed after a signature, object by object, in the manner of pyHanko's difference
// analysis and EU DSS's modification detection. Every object the signed revision reaches is
// given a role by where it sits (catalogue, page tree, page, page content, annotation, form
// field, appearance of one widget, signature value, DSS, metadata, structure tree, other);
// each object that differs in the final revision must be explained by a rule for each of its
// roles, otherwise the change is disallowed. Changes are allowed only in the categories the
// certification (DocMDP P=1/2/3) and the field locks (FieldMDP) permit. The roles come from
// diff-graph.ts, the rules from diff-rules.ts.
import { PDFArray, PDFName, PDFNumber, type PDFDict } from 'pdf-lib';
import { RevisionDiff } from './diff-rules';
import { PERMITTED, type Change, type Permissions } from './diff-types';
import { pdfText, type PdfFile, type Revision } from '../pdf/pdf-revisions';

export { canon } from './diff-graph';
export { ALLOWED_CATEGORIES, type Change, type ChangeCategory, type Permissions, type ShadowClass } from './diff-types';
const n = (s: string) => PDFName.of(s);

export interface DiffResult {
  changes: Change[];
  modifiedAfter: boolean;
}

/** Every change between the signed revision and the final one, classified (diff-rules.ts). */
export function diffRevisions(pdf: PdfFile, signed: Revision, final: Revision, perms: Permissions): DiffResult {
  const diff = new RevisionDiff(pdf, signed, final);
  diff.objectChanges();
  diff.trailerChange();
  const changes = judged(diff.out, perms);
  return { changes, modifiedAfter: changes.some((c) => !c.allowed) };
}

/** DocMDP of the certification and FieldMDP locks of this signature refuse what they do not permit; duplicates go. */
function judged(out: Change[], perms: Permissions): Change[] {
  for (const c of out) {
    if (!c.allowed) continue;
    if (perms.docMdp && !PERMITTED[perms.docMdp].has(c.category)) {
      c.allowed = false;
      c.refusedBy = `DocMDP P=${perms.docMdp}`;
    } else if (c.category === 'FORM_FILLED' && c.detail && perms.lockedFields(c.detail)) {
      c.allowed = false;
      c.refusedBy = 'FieldMDP';
    }
  }
  return [...new Map(out.map((c) => [`${c.category}|${c.object}|${c.allowed}|${c.detail ?? ''}`, c])).values()];
}

/** DocMDP P and FieldMDP locks declared by a signature dictionary's /Reference (and its field's /Lock). */
export function signaturePermissions(pdf: PdfFile, rev: Revision, sigDict: PDFDict | undefined, fieldDict: PDFDict | undefined): { docMdp: 1 | 2 | 3 | null; lock: { action: string; fields: string[] } | null } {
  let docMdp: 1 | 2 | 3 | null = null;
  let lock: { action: string; fields: string[] } | null = null;
  const refs = pdf.deref(rev, sigDict?.get(n('Reference')));
  const readLock = (params: PDFDict | undefined) => {
    if (!params) return;
    const action = params.get(n('Action'))?.toString().slice(1) ?? 'All';
    const fields = ((pdf.deref(rev, params.get(n('Fields'))) as PDFArray | undefined)?.asArray?.() ?? []).map((f) => pdfText(pdf.deref(rev, f)) ?? '');
    lock = { action, fields };
    const p = (params.get(n('P')) as PDFNumber | undefined)?.asNumber?.();
    if (p === 1 || p === 2 || p === 3) docMdp = docMdp ? (Math.min(docMdp, p) as 1 | 2 | 3) : p;
  };
  for (const r of refs instanceof PDFArray ? refs.asArray() : []) {
    const sr = pdf.dict(rev, r);
    const method = sr?.get(n('TransformMethod'))?.toString();
    const params = pdf.dict(rev, sr?.get(n('TransformParams')));
    if (method === '/DocMDP') {
      const p = (params?.get(n('P')) as PDFNumber | undefined)?.asNumber?.() ?? 2;
      docMdp = p === 1 || p === 3 ? p : 2;
    } else if (method === '/FieldMDP') readLock(params);
  }
  if (!lock) readLock(pdf.dict(rev, fieldDict?.get(n('Lock'))));
  return { docMdp, lock };
}

/** Whether a FieldMDP lock covers a field (a field's descendants are covered with it). */
export function lockCovers(lock: { action: string; fields: string[] } | null, field: string): boolean {
  if (!lock) return false;
  const listed = lock.fields.some((f) => field === f || field.startsWith(`${f}.`));
  return lock.action === 'All' ? true : lock.action === 'Include' ? listed : !listed;
}
