// Tags a document from its OCR lines (DOMAIN.md "How an administrative document looks"): one
// function per field group, each reading the same layout of the pages (field-layout.ts).
import { CONG_VAN, FIELD_NAMES, type FieldName } from '../../shared/document-fields';
import { fold, layout, NONE, type Fields, type TagPage } from './field-layout';
import { agencyField, dateFields, isTypeLine, numberField, typeField, typeSegment } from './header-fields';
import { qrFields, resultFields } from './result-fields';
import { signatureFields } from './signature-block';
import { subjectField } from './subject-field';

export { FIELD_NAMES, type FieldName };
export { segments, type FieldSource, type FieldValue, type Fields, type TagPage } from './field-layout';
export { typeOf } from './header-fields';

export function extractFields(pages: TagPage[]): Fields {
  const f = Object.fromEntries(FIELD_NAMES.map((n) => [n, { ...NONE }])) as Fields;
  const L = layout(pages, (s) => isTypeLine(s.text) || /^kinh gui/.test(fold(s.text)));
  const num = numberField(L);
  Object.assign(f, num.fields, agencyField(L, num.index), dateFields(L, num), typeField(L, num), signatureFields(L), resultFields(L));
  Object.assign(f, subjectField(L, f.type.value !== null && f.type.value !== CONG_VAN ? typeSegment(L) : null));
  Object.assign(f, qrFields(pages));
  return f;
}

/** The `sohoa ocr --json` shape of the fields. */
export function fieldsJson(f: Fields) {
  return {
    agency: f.agency.value,
    number: f.number.value,
    date: f.date.value,
    place: f.place.value,
    type: f.type.value,
    subject: f.subject.value,
    signer: f.signer.value,
    signerPosition: f.signerPosition.value,
    recipients: f.recipients.value ? f.recipients.value.split('\n') : [],
    dossierCode: f.dossierCode.value,
    procedureCode: f.procedureCode.value,
    holderId: f.holderId.value,
  };
}
