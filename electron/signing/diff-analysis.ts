// What changed after a signature, object by object, in the manner of pyHanko's difference
// analysis and EU DSS's modification detection. Every object the signed revision reaches is
// given a role by where it sits (catalogue, page tree, page, page content, annotation, form
// field, appearance of one widget, signature value, DSS, metadata, structure tree, other);
// each object that differs in the final revision must be explained by a rule for each of its
// roles, otherwise the change is disallowed. Changes are allowed only in the categories the
// certification (DocMDP P=1/2/3) and the field locks (FieldMDP) permit.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { createHash } from 'node:crypto';
import { pdfText, type PdfFile, type Revision } from './pdf-revisions';

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
const PERMITTED: Record<1 | 2 | 3, ReadonlySet<ChangeCategory>> = {
  1: new Set(['DSS', 'DOC_TIMESTAMP', 'METADATA']),
  2: new Set(['DSS', 'DOC_TIMESTAMP', 'METADATA', 'SIGNATURE_ADDED', 'FORM_FILLED', 'STRUCTURE']),
  3: new Set(['DSS', 'DOC_TIMESTAMP', 'METADATA', 'SIGNATURE_ADDED', 'FORM_FILLED', 'STRUCTURE', 'ANNOTATION']),
};

/** The page keys that change what a page shows or does (ISO 32000-2 Table 31). */
const PAGE_RENDERING = new Set(['/Type', '/Contents', '/Resources', '/MediaBox', '/CropBox', '/BleedBox', '/TrimBox', '/ArtBox', '/BoxColorInfo', '/Rotate', '/Group', '/UserUnit', '/AA', '/Trans', '/Dur', '/B', '/PresSteps', '/VP', '/TemplateInstantiated', '/Thumb', '/SeparationInfo', '/OutputIntents', '/DPart']);

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

type Role = 'formres' | 'names' | 'catalog' | 'pagetree' | 'page' | 'annots' | 'annot' | 'widget' | 'field' | 'fields' | 'acroform' | 'content' | 'ap' | 'sigvalue' | 'dss' | 'info' | 'metadata' | 'struct' | 'other';
const n = (s: string) => PDFName.of(s);
const TRAILER = -1;

interface Graph {
  roles: Map<number, Set<Role>>;
  referrers: Map<number, Set<number>>;
  /** for objects under a widget's /AP: the widget */
  apOwners: Map<number, Set<number>>;
  /** fully qualified field name of each field or widget object */
  fieldNames: Map<number, string>;
}

/** Canonical text of an object, references as "n R", dictionaries with sorted keys, streams by their bytes' hash. */
export function canon(o: PDFObject | undefined): string {
  if (o === undefined) return 'undefined';
  if (o instanceof PDFRef) return `${o.objectNumber} R`;
  if (o instanceof PDFArray) return `[${o.asArray().map(canon).join(' ')}]`;
  if (o instanceof PDFDict)
    return `<<${o
      .entries()
      .map(([k, v]) => `${k.asString()} ${canon(v)}`)
      .sort()
      .join(' ')}>>`;
  if (o instanceof PDFRawStream) return `${canon(o.dict)}stream:${createHash('sha1').update(o.contents).digest('hex')}`;
  // (abc) and <616263> are the same string
  if (o instanceof PDFString || o instanceof PDFHexString) return `<${Buffer.from(o.asBytes()).toString('hex')}>`;
  return o.toString();
}

/** The object numbers a value references directly (not following them). */
function refsIn(o: PDFObject | undefined, out = new Set<number>()): Set<number> {
  if (o instanceof PDFRef) out.add(o.objectNumber);
  else if (o instanceof PDFArray) for (const v of o.asArray()) refsIn(v, out);
  else if (o instanceof PDFDict) for (const [, v] of o.entries()) refsIn(v, out);
  else if (o instanceof PDFRawStream) refsIn(o.dict, out);
  return out;
}

const typeOf = (d: PDFDict | undefined) => d?.get(n('Type'))?.toString();
const isStructural = (d: PDFDict | undefined) => !!d && (['/Page', '/Pages', '/Catalog'].includes(typeOf(d) ?? '') || d.get(n('Subtype'))?.toString() === '/Widget' || d.has(n('FT')));

/** Walks the revision from its trailer, giving every reachable object its roles. */
function buildGraph(pdf: PdfFile, rev: Revision): Graph {
  const g: Graph = { roles: new Map(), referrers: new Map(), apOwners: new Map(), fieldNames: new Map() };
  const seen = new Set<string>();
  const dictOf = (o: PDFObject | undefined) => (o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : undefined);

  // visits a value found inside object `from` in the given role
  const visit = (v: PDFObject | undefined, role: Role, from: number, owner = 0): void => {
    if (v === undefined) return;
    if (v instanceof PDFRef) {
      const x = v.objectNumber;
      (g.referrers.get(x) ?? g.referrers.set(x, new Set()).get(x)!).add(from);
      const target = pdf.resolve(rev, x);
      if (target === undefined) return;
      // generic walks (content, appearance, other) do not take over the page tree or fields they point at
      if (['content', 'ap', 'other', 'struct', 'dss', 'info', 'metadata', 'sigvalue', 'formres'].includes(role) && isStructural(dictOf(target))) return;
      (g.roles.get(x) ?? g.roles.set(x, new Set()).get(x)!).add(role);
      if (role === 'ap') (g.apOwners.get(x) ?? g.apOwners.set(x, new Set()).get(x)!).add(owner);
      const key = `${x}:${role}:${owner}`;
      if (seen.has(key)) return;
      seen.add(key);
      descend(target, role, x, owner);
      return;
    }
    descend(v, role, from, owner);
  };

  const descend = (v: PDFObject, role: Role, self: number, owner: number): void => {
    const d = dictOf(v);
    if (v instanceof PDFArray) {
      const itemRole: Role = role === 'annots' ? 'annot' : role === 'fields' ? 'field' : role;
      for (const x of v.asArray()) visit(x, itemRole, self, owner);
      return;
    }
    if (!d) return;
    switch (role) {
      case 'catalog':
        for (const [k, x] of d.entries()) {
          const key = k.asString();
          const r: Role =
            key === '/Pages' ? 'pagetree' : key === '/AcroForm' ? 'acroform' : key === '/DSS' ? 'dss' : key === '/Metadata' ? 'metadata' : key === '/StructTreeRoot' ? 'struct' : key === '/Names' ? 'names' : 'other';
          visit(x, r, self);
        }
        return;
      case 'pagetree':
        for (const [k, x] of d.entries()) {
          const key = k.asString();
          if (key === '/Parent') continue;
          if (key === '/Kids') {
            for (const kid of (pdf.deref(rev, x) as PDFArray | undefined)?.asArray?.() ?? []) visit(kid, typeOf(pdf.dict(rev, kid)) === '/Pages' ? 'pagetree' : 'page', self);
          } else visit(x, 'content', self);
        }
        return;
      case 'page':
        for (const [k, x] of d.entries()) {
          const key = k.asString();
          if (key === '/Parent') continue;
          visit(x, key === '/Annots' ? 'annots' : key === '/Metadata' || key === '/PieceInfo' ? 'metadata' : 'content', self);
        }
        return;
      case 'annot':
      case 'widget':
      case 'field': {
        const isWidget = d.get(n('Subtype'))?.toString() === '/Widget';
        if (role === 'annot' && (isWidget || d.has(n('FT')))) return descend(v, 'widget', self, owner);
        for (const [k, x] of d.entries()) {
          const key = k.asString();
          if (key === '/P' || key === '/Parent') continue;
          if (key === '/AP') visit(x, 'ap', self, self);
          else if (key === '/Kids') visit(x, 'fields', self);
          else if (key === '/V' && fieldType(pdf, rev, d) === '/Sig') visit(x, 'sigvalue', self);
          else if (key === '/Popup' || key === '/IRT') visit(x, 'annot', self);
          else visit(x, role === 'annot' ? 'annot' : 'other', self);
        }
        return;
      }
      case 'acroform':
        // the form's default resources and appearance: what field appearances are made from
        for (const [k, x] of d.entries()) visit(x, k.asString() === '/Fields' ? 'fields' : k.asString() === '/DR' || k.asString() === '/DA' ? 'formres' : 'other', self);
        return;
      case 'names':
        // named appearances (stamps) are annotation material; scripts, files and templates are not
        for (const [k, x] of d.entries()) visit(x, k.asString() === '/AP' ? 'annot' : 'other', self);
        return;
      case 'struct':
        for (const [k, x] of d.entries()) if (!['/Pg', '/Obj', '/Stm', '/P'].includes(k.asString())) visit(x, 'struct', self);
        return;
      default:
        for (const [, x] of d.entries()) visit(x, role, self, owner);
    }
  };

  const t = rev.trailer;
  for (const [k, x] of t.entries()) {
    const key = k.asString();
    if (['/Size', '/Prev', '/ID', '/XRefStm', '/Encrypt', '/Length', '/Filter', '/DecodeParms', '/W', '/Index', '/Type'].includes(key)) continue;
    visit(x, key === '/Root' ? 'catalog' : key === '/Info' ? 'info' : 'other', TRAILER);
  }
  // field names, for FieldMDP and the report
  const walkNames = (arr: PDFObject | undefined, prefix: string, depth: number) => {
    if (depth > 20) return;
    for (const r of (pdf.deref(rev, arr) as PDFArray | undefined)?.asArray?.() ?? []) {
      const f = pdf.dict(rev, r);
      if (!f || !(r instanceof PDFRef)) continue;
      const t = pdfText(pdf.deref(rev, f.get(n('T'))));
      const full = t === null ? prefix.replace(/\.$/, '') : `${prefix}${t}`;
      g.fieldNames.set(r.objectNumber, full);
      walkNames(f.get(n('Kids')), t === null ? prefix : `${full}.`, depth + 1);
    }
  };
  walkNames(pdf.dict(rev, pdf.catalog(rev)?.get(n('AcroForm')))?.get(n('Fields')), '', 0);
  return g;
}

function fieldType(pdf: PdfFile, rev: Revision, d: PDFDict): string | undefined {
  for (let cur: PDFDict | undefined = d, i = 0; cur && i < 20; i++) {
    const ft = cur.get(n('FT'));
    if (ft) return ft.toString();
    cur = pdf.dict(rev, cur.get(n('Parent')));
  }
  return undefined;
}

/** Objects exclusively owned by one widget's appearance: every path to them passes through it. */
function exclusiveAp(g: Graph, widget: number): Set<number> {
  const set = new Set([...g.apOwners].filter(([, owners]) => owners.has(widget)).map(([x]) => x));
  for (let changed = true; changed; ) {
    changed = false;
    for (const x of set) {
      const refs = g.referrers.get(x) ?? new Set();
      const roles = g.roles.get(x) ?? new Set();
      if ([...refs].some((r) => r !== widget && !set.has(r)) || [...roles].some((r) => r !== 'ap')) {
        set.delete(x);
        changed = true;
      }
    }
  }
  return set;
}

export interface DiffResult {
  changes: Change[];
  modifiedAfter: boolean;
}

/** Every change between the signed revision and the final one, classified. */
export function diffRevisions(pdf: PdfFile, signed: Revision, final: Revision, perms: Permissions): DiffResult {
  const g = buildGraph(pdf, signed);
  const out: Change[] = [];
  const add = (c: Change) => out.push(c);
  const oldObj = (x: number) => pdf.resolve(signed, x);
  const newObj = (x: number) => pdf.resolve(final, x);
  const existedUnreachable = (x: number) => signed.entries.has(x) && signed.entries.get(x)!.kind !== 'free' && !g.roles.has(x) && x !== signedRoot;
  const signedRoot = (signed.trailer.get(n('Root')) as PDFRef | undefined)?.objectNumber ?? -2;

  // a disallowed change that points at objects prepared, unreferenced, before signing is hide-and-replace
  const shadowOf = (before: PDFObject | undefined, after: PDFObject | undefined, removal: boolean): ShadowClass => {
    const fresh = [...refsIn(after)].filter((r) => !refsIn(before).has(r));
    if (fresh.some(existedUnreachable)) return 'hide-and-replace';
    return removal ? 'hide' : 'replace';
  };

  /** A new field (with its widget) added to the form: a signature or timestamp, or a new form field. */
  const newFieldCategory = (ref: PDFObject): ChangeCategory => {
    const f = pdf.dict(final, ref);
    if (!f) return 'FIELD_ADDED';
    if (fieldType(pdf, final, f) !== '/Sig') return 'FIELD_ADDED';
    const v = pdf.dict(final, f.get(n('V')));
    return v?.get(n('SubFilter'))?.toString() === '/ETSI.RFC3161' ? 'DOC_TIMESTAMP' : 'SIGNATURE_ADDED';
  };

  const listDiff = (before: PDFObject | undefined, after: PDFObject | undefined, kind: 'annots' | 'fields', self: number | null) => {
    const a = ((pdf.deref(signed, before) as PDFArray | undefined)?.asArray?.() ?? []).map(canon);
    const bItems = (pdf.deref(final, after) as PDFArray | undefined)?.asArray?.() ?? [];
    const b = bItems.map(canon);
    for (const x of a)
      if (!b.includes(x)) add({ category: kind === 'annots' ? 'ANNOTATION_REMOVED' : 'FIELD_REMOVED', allowed: false, object: self, detail: x, shadow: 'hide' });
    for (const [i, x] of b.entries()) {
      if (a.includes(x)) continue;
      const item = bItems[i];
      const d = pdf.dict(final, item);
      const isField = !!d && (d.get(n('Subtype'))?.toString() === '/Widget' || d.has(n('FT')) || d.has(n('Parent')));
      if (kind === 'annots' && !isField) {
        add({ category: 'ANNOTATION', allowed: true, object: item instanceof PDFRef ? item.objectNumber : self });
        continue;
      }
      // a widget of a new field, or a field: find its field dictionary
      let field: PDFObject = item;
      for (let k = 0, cur = d; cur && !cur.has(n('FT')) && cur.has(n('Parent')) && k < 10; k++) {
        field = cur.get(n('Parent'))!;
        cur = pdf.dict(final, field);
      }
      const existedBefore = field instanceof PDFRef && g.roles.has(field.objectNumber);
      const cat = existedBefore ? 'FORM_FILLED' : newFieldCategory(field);
      add({ category: cat, allowed: ALLOWED_CATEGORIES.has(cat), object: item instanceof PDFRef ? item.objectNumber : self });
    }
  };

  /** Calls `rule` for each key whose value differs between the two dictionaries. */
  const compareDicts = (before: PDFDict, after: PDFDict, rule: (key: string, b: PDFObject | undefined, a: PDFObject | undefined) => void) => {
    const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.asString()));
    for (const key of keys) {
      const b = before.get(n(key.slice(1)));
      const a = after.get(n(key.slice(1)));
      if (canon(b) !== canon(a)) rule(key, b, a);
    }
  };

  const widgetRule = (x: number, before: PDFDict, after: PDFDict) => {
    const name = g.fieldNames.get(x) ?? undefined;
    const isSig = fieldType(pdf, signed, before) === '/Sig' || fieldType(pdf, final, after) === '/Sig';
    // an empty signature field being signed now: its widget flags may be set with it (Adobe does)
    const beingSigned = isSig && !before.has(n('V')) && after.has(n('V'));
    compareDicts(before, after, (key, b, a) => {
      if (key === '/V') {
        if (isSig && b !== undefined) add({ category: 'SIGNATURE_REPLACED', allowed: false, object: x, detail: name, shadow: 'replace' });
        else if (isSig) {
          const v = pdf.dict(final, a);
          const cat: ChangeCategory = v?.get(n('SubFilter'))?.toString() === '/ETSI.RFC3161' ? 'DOC_TIMESTAMP' : 'SIGNATURE_ADDED';
          add({ category: cat, allowed: true, object: x, detail: name });
        } else add({ category: 'FORM_FILLED', allowed: true, object: x, detail: name });
      } else if (key === '/AP') {
        // the old appearance may be replaced only where nothing else in the document uses it
        const mine = exclusiveAp(g, x);
        const shared = [...refsIn(b)].filter((r) => !mine.has(r));
        if (shared.length) add({ category: 'APPEARANCE_OVERWRITTEN', allowed: false, object: x, detail: name, shadow: shadowOf(b, a, false) });
        else add({ category: isSig ? 'SIGNATURE_ADDED' : 'FORM_FILLED', allowed: true, object: x, detail: name });
      } else if (key === '/AS' || key === '/DV' || key === '/Lock' || key === '/SV') add({ category: 'FORM_FILLED', allowed: true, object: x, detail: name });
      else if (key === '/Ff') {
        // setting the read-only flag on a field being locked is what signers do; nothing else
        const bf = (b as PDFNumber | undefined)?.asNumber?.() ?? 0;
        const af = (a as PDFNumber | undefined)?.asNumber?.() ?? 0;
        const ok = (bf | 1) === (af | 1);
        add({ category: ok ? 'FORM_FILLED' : 'FIELD_CHANGED', allowed: ok, object: x, detail: name });
      } else if (key === '/Kids') listDiff(b, a, 'fields', x);
      else if (key === '/MK' || key === '/DA' || key === '/I' || key === '/TU' || key === '/TM') add({ category: 'FORM_FILLED', allowed: true, object: x, detail: name });
      else if (key === '/F' && beingSigned) add({ category: 'SIGNATURE_ADDED', allowed: true, object: x, detail: name });
      else add({ category: 'FIELD_CHANGED', allowed: false, object: x, detail: `${name ?? ''} ${key}`.trim(), shadow: shadowOf(b, a, key === '/F') });
    });
  };

  const acroformRule = (x: number | null, before: PDFDict, after: PDFDict) =>
    compareDicts(before, after, (key, b, a) => {
      if (key === '/Fields') listDiff(b, a, 'fields', x);
      else if (key === '/SigFlags') add({ category: 'SIGNATURE_ADDED', allowed: true, object: x });
      else if (['/DR', '/DA', '/NeedAppearances'].includes(key)) add({ category: 'FORM_FILLED', allowed: true, object: x, detail: key });
      else add({ category: 'FIELD_CHANGED', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, false) });
    });

  const catalogRule = (x: number, before: PDFDict, after: PDFDict) =>
    compareDicts(before, after, (key, b, a) => {
      if (key === '/Pages') add({ category: 'PAGE_TREE', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, false) });
      else if (key === '/AcroForm') {
        const bd = pdf.dict(signed, b);
        const ad = pdf.dict(final, a);
        if (!bd && ad) listDiff(undefined, ad.get(n('Fields')), 'fields', x);
        else if (bd && ad) acroformRule(x, bd, ad);
        else add({ category: 'FIELD_REMOVED', allowed: false, object: x, shadow: 'hide' });
      } else if (key === '/DSS') add({ category: 'DSS', allowed: true, object: x });
      else if (['/Metadata', '/Extensions', '/Lang', '/Version', '/PieceInfo', '/SpiderInfo', '/PageLabels'].includes(key)) add({ category: 'METADATA', allowed: true, object: x, detail: key });
      else if (key === '/Names') {
        const bd = pdf.dict(signed, b) ?? PDFDict.withContext(pdf.context);
        const ad = pdf.dict(final, a) ?? PDFDict.withContext(pdf.context);
        namesRule(x, bd, ad);
      }
      else if (key === '/StructTreeRoot' || key === '/MarkInfo') add({ category: 'STRUCTURE', allowed: true, object: x, detail: key });
      else add({ category: 'CATALOG', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, a === undefined) });
    });

  const namesRule = (x: number, before: PDFDict, after: PDFDict) =>
    compareDicts(before, after, (key, b, a) => {
      if (key === '/AP') add({ category: 'ANNOTATION', allowed: true, object: x, detail: '/Names /AP' });
      else if (key === '/Dests') add({ category: 'METADATA', allowed: true, object: x, detail: '/Names /Dests' });
      else add({ category: 'CATALOG', allowed: false, object: x, detail: `/Names ${key}`, shadow: shadowOf(b, a, a === undefined) });
    });

  const pageTreeRule = (x: number, before: PDFDict, after: PDFDict) =>
    compareDicts(before, after, (key, b, a) => {
      if (key === '/Kids' || key === '/Count') {
        const count = (d: PDFDict) => (d.get(n('Count')) as PDFNumber | undefined)?.asNumber?.() ?? 0;
        const diff = count(after) - count(before);
        if (key === '/Count' && diff === 0) return;
        const cat: ChangeCategory = diff > 0 ? 'PAGE_ADDED' : diff < 0 ? 'PAGE_REMOVED' : 'PAGE_TREE';
        add({ category: cat, allowed: false, object: x, shadow: diff < 0 ? 'hide' : shadowOf(b, a, false) });
      } else if (PAGE_RENDERING.has(key)) add({ category: 'PAGE_CONTENT', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, a === undefined) });
      else add({ category: 'METADATA', allowed: true, object: x, detail: key });
    });

  const pageRule = (x: number, before: PDFDict, after: PDFDict) =>
    compareDicts(before, after, (key, b, a) => {
      if (key === '/Annots') listDiff(b, a, 'annots', x);
      else if (key === '/StructParents' || key === '/Tabs') add({ category: 'STRUCTURE', allowed: true, object: x, detail: key });
      else if (PAGE_RENDERING.has(key)) add({ category: 'PAGE_CONTENT', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, a === undefined) });
      // private keys of producers (/ITXT, /PieceInfo, /LastModified): no effect on what is shown
      else add({ category: 'METADATA', allowed: true, object: x, detail: key });
    });

  for (const [x, roles] of g.roles) {
    if (pdf.location(signed, x) === pdf.location(final, x)) continue;
    const before = oldObj(x);
    const after = newObj(x);
    if (canon(before) === canon(after)) continue;
    const bd = before instanceof PDFDict ? before : undefined;
    const ad = after instanceof PDFDict ? after : undefined;
    for (const role of roles) {
      if (after === undefined && !['dss', 'info', 'metadata', 'struct'].includes(role)) {
        add({ category: role === 'page' ? 'PAGE_REMOVED' : role === 'annot' ? 'ANNOTATION_REMOVED' : 'OBJECT_CHANGED', allowed: false, object: x, detail: 'deleted', shadow: 'hide' });
        continue;
      }
      switch (role) {
        case 'catalog':
          if (bd && ad) catalogRule(x, bd, ad);
          else add({ category: 'CATALOG', allowed: false, object: x, shadow: 'replace' });
          break;
        case 'pagetree':
          if (bd && ad) pageTreeRule(x, bd, ad);
          else add({ category: 'PAGE_TREE', allowed: false, object: x, shadow: 'replace' });
          break;
        case 'page':
          if (bd && ad) pageRule(x, bd, ad);
          else add({ category: 'PAGE_CONTENT', allowed: false, object: x, shadow: 'replace' });
          break;
        case 'annots':
          listDiff(before, after, 'annots', x);
          break;
        case 'fields':
          listDiff(before, after, 'fields', x);
          break;
        case 'annot': {
          // hiding an annotation that was shown when signed (flags Hidden/NoView, its appearance or place taken away) is the hide attack
          const flags = (d: PDFDict | undefined) => (d?.get(n('F')) as PDFNumber | undefined)?.asNumber?.() ?? 0;
          const hidden = !!bd && !!ad && ((flags(ad) & 34 & ~flags(bd)) !== 0 || (bd.has(n('AP')) && !ad.has(n('AP'))) || canon(bd.get(n('Rect'))) !== canon(ad.get(n('Rect'))));
          add(hidden ? { category: 'ANNOTATION_REMOVED', allowed: false, object: x, detail: 'hidden', shadow: 'hide' } : { category: 'ANNOTATION', allowed: true, object: x });
          break;
        }
        case 'formres':
          add({ category: 'FORM_FILLED', allowed: true, object: x, detail: '/AcroForm /DR' });
          break;
        case 'names':
          if (bd && ad) namesRule(x, bd, ad);
          else add({ category: 'CATALOG', allowed: false, object: x, detail: '/Names', shadow: 'replace' });
          break;
        case 'widget':
        case 'field':
          if (bd && ad) widgetRule(x, bd, ad);
          else add({ category: 'FIELD_CHANGED', allowed: false, object: x, shadow: 'replace' });
          break;
        case 'acroform':
          if (bd && ad) acroformRule(x, bd, ad);
          else add({ category: 'FIELD_CHANGED', allowed: false, object: x, shadow: 'replace' });
          break;
        case 'ap': {
          // an appearance stream overwritten in place: only one widget's own, never a shared one
          const owners = g.apOwners.get(x) ?? new Set();
          const ok = owners.size === 1 && exclusiveAp(g, [...owners][0]).has(x);
          const w = [...owners][0];
          const wd = ok ? pdf.dict(signed, PDFRef.of(w)) : undefined;
          const isSig = !!wd && fieldType(pdf, signed, wd) === '/Sig';
          const isWidget = !!wd && (wd.get(n('Subtype'))?.toString() === '/Widget' || wd.has(n('FT')));
          // a plain annotation's own appearance redrawn is an annotation change
          const cat: ChangeCategory = isSig ? 'SIGNATURE_ADDED' : isWidget ? 'FORM_FILLED' : 'ANNOTATION';
          add(ok ? { category: cat, allowed: true, object: x, detail: g.fieldNames.get(w) } : { category: 'APPEARANCE_OVERWRITTEN', allowed: false, object: x, shadow: shadowOf(before, after, false) });
          break;
        }
        case 'sigvalue':
          add({ category: 'SIGNATURE_REPLACED', allowed: false, object: x, shadow: 'replace' });
          break;
        case 'dss':
          add({ category: 'DSS', allowed: true, object: x });
          break;
        case 'info':
        case 'metadata':
          add({ category: 'METADATA', allowed: true, object: x });
          break;
        case 'struct':
          add({ category: 'STRUCTURE', allowed: true, object: x });
          break;
        case 'content':
          add({ category: 'PAGE_CONTENT', allowed: false, object: x, shadow: shadowOf(before, after, false) });
          break;
        default:
          add({ category: 'OBJECT_CHANGED', allowed: false, object: x, shadow: shadowOf(before, after, false) });
      }
    }
  }
  // the trailer: a different catalogue object is a replaced document
  const finalRoot = (final.trailer.get(n('Root')) as PDFRef | undefined)?.objectNumber;
  if (finalRoot !== undefined && finalRoot !== signedRoot) {
    const bd = pdf.catalog(signed);
    const ad = pdf.catalog(final);
    if (bd && ad) catalogRule(finalRoot, bd, ad);
    add({ category: 'CATALOG', allowed: false, object: finalRoot, detail: '/Root', shadow: existedUnreachable(finalRoot) ? 'hide-and-replace' : 'replace' });
  }

  // permissions: DocMDP of the certification, FieldMDP locks of this signature
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
  const unique = [...new Map(out.map((c) => [`${c.category}|${c.object}|${c.allowed}|${c.detail ?? ''}`, c])).values()];
  return { changes: unique, modifiedAfter: unique.some((c) => !c.allowed) };
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
