// The vocabulary of revision analysis: change categories, which are allowed and under which
// certification level, the page keys that change what a page shows, a change as reported.
export type ChangeCategory =
  // allowed (within the permissions)
  | 'SIGNATURE_ADDED'
  | 'DOC_TIMESTAMP'
  | 'FORM_FILLED'
  | 'ANNOTATION'
  | 'DSS'
  | 'METADATA'
  | 'STRUCTURE'
  // never allowed
  | 'PAGE_CONTENT'
  | 'PAGE_ADDED'
  | 'PAGE_REMOVED'
  | 'PAGE_TREE'
  | 'APPEARANCE_OVERWRITTEN'
  | 'ANNOTATION_REMOVED'
  | 'FIELD_ADDED'
  | 'FIELD_REMOVED'
  | 'FIELD_CHANGED'
  | 'SIGNATURE_REPLACED'
  | 'CATALOG'
  | 'OBJECT_CHANGED';

export const ALLOWED_CATEGORIES: ReadonlySet<ChangeCategory> = new Set(['SIGNATURE_ADDED', 'DOC_TIMESTAMP', 'FORM_FILLED', 'ANNOTATION', 'DSS', 'METADATA', 'STRUCTURE']);
/** What each DocMDP level permits (ISO 32000-2 §12.8.2.2; PAdES adds DSS and document timestamps to every level). */
export const PERMITTED: Record<1 | 2 | 3, ReadonlySet<ChangeCategory>> = {
  1: new Set(['DSS', 'DOC_TIMESTAMP', 'METADATA']),
  2: new Set(['DSS', 'DOC_TIMESTAMP', 'METADATA', 'SIGNATURE_ADDED', 'FORM_FILLED', 'STRUCTURE']),
  3: new Set(['DSS', 'DOC_TIMESTAMP', 'METADATA', 'SIGNATURE_ADDED', 'FORM_FILLED', 'STRUCTURE', 'ANNOTATION']),
};

/** The page keys that change what a page shows or does (ISO 32000-2 Table 31). */
export const PAGE_RENDERING = new Set(['/Type', '/Contents', '/Resources', '/MediaBox', '/CropBox', '/BleedBox', '/TrimBox', '/ArtBox', '/BoxColorInfo', '/Rotate', '/Group', '/UserUnit', '/AA', '/Trans', '/Dur', '/B', '/PresSteps', '/VP', '/TemplateInstantiated', '/Thumb', '/SeparationInfo', '/OutputIntents', '/DPart']);

export type ShadowClass = 'hide' | 'replace' | 'hide-and-replace';

export interface Change {
  category: ChangeCategory;
  allowed: boolean;
  object: number | null;
  /** a field name or dictionary key, when it helps */
  detail?: string;
  /** why an otherwise allowed change is refused: 'DocMDP P=1', 'FieldMDP' */
  refusedBy?: string;
  /** the shadow-attack class a disallowed change belongs to (PDF-Insecurity's hide / replace / hide-and-replace) */
  shadow?: ShadowClass;
}

export interface Permissions {
  /** DocMDP P of a certification signature at or before this one; null for none */
  docMdp: 1 | 2 | 3 | null;
  /** fully qualified names of form fields this signature locks (FieldMDP) */
  lockedFields: (field: string) => boolean;
}
