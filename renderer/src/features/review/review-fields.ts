// How the reviewer's fields are shown and judged: recipients one per line in the archive and
// "; "-separated on screen (so Enter can move on), which values are doubtful, where to start.
import type { DocumentDetail, FieldRow } from '../../../../shared/contract';
import { FIELD_NAMES, type FieldName } from '../../../../shared/document-fields';

/** fields written over several lines */
export const LONG: FieldName[] = ['subject', 'agency'];
export const shown = (n: FieldName, v: string | null) => (n === 'recipients' ? (v ?? '').split('\n').join('; ') : v ?? '');
export const stored = (n: FieldName, v: string) => (n === 'recipients' ? v.split(/\s*;\s*/).filter(Boolean).join('\n') : v.trim());

const LOW = 0.6;
/** where a value came from, as the tag beside its label says it */
export const SOURCE_TAG: Record<string, { key: string; colour: string }> = {
  ocr: { key: 'review.fromOcr', colour: 'default' },
  text: { key: 'review.fromText', colour: 'cyan' },
  digits: { key: 'review.fromDigits', colour: 'purple' },
  signature: { key: 'review.fromSignature', colour: 'geekblue' },
  qr: { key: 'review.fromQr', colour: 'blue' },
  user: { key: 'review.fromUser', colour: 'green' },
  accepted: { key: 'review.fromAccepted', colour: 'green' },
};
// every machine-read value can be unsure: OCR, a hand-written re-read, a signing date
export const isLow = (f: FieldRow | undefined) => !!f && f.value !== null && !['user', 'accepted', 'qr'].includes(f.source) && (f.confidence ?? 1) < LOW;
// fields a result cannot do without: an empty one is doubtful too
const KEY_FIELDS: FieldName[] = ['agency', 'number', 'date', 'type', 'subject'];

/** The field to start on: the first one read with low confidence, else the first key field left empty, else the first. */
export function firstDoubtful(doc: DocumentDetail): FieldName {
  const f = (n: FieldName) => doc.fields.find((x) => x.name === n);
  return FIELD_NAMES.find((n) => isLow(f(n))) ?? KEY_FIELDS.find((n) => !f(n)?.value) ?? FIELD_NAMES[0];
}

/** The values shown in the inputs for a document's fields. */
export const valuesOf = (doc: DocumentDetail): Record<string, string> =>
  Object.fromEntries(FIELD_NAMES.map((n) => [n, shown(n, doc.fields.find((f) => f.name === n)?.value ?? null)]));

/** The inputs' values as the archive stores them (empty → null). */
export const fieldsOf = (values: Record<string, string>) => Object.fromEntries(FIELD_NAMES.map((n) => [n, stored(n, values[n] ?? '') || null]));
