// The object graph of one revision for revision analysis: every object reachable from the
// trailer with the roles it plays (catalogue, page tree, page, content, annotation, form field,
// a widget's appearance, signature value, DSS, metadata, structure), who refers to it, and the
// fully qualified names of form fields.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { pdfText, type PdfFile, type Revision } from '../pdf/pdf-revisions';

export type Role = 'formres' | 'names' | 'catalog' | 'pagetree' | 'page' | 'annots' | 'annot' | 'widget' | 'field' | 'fields' | 'acroform' | 'content' | 'ap' | 'sigvalue' | 'dss' | 'info' | 'metadata' | 'struct' | 'structroot' | 'extensions' | 'other';
export const n = (s: string) => PDFName.of(s);
const TRAILER = -1;

export interface Graph {
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
export function refsIn(o: PDFObject | undefined, out = new Set<number>()): Set<number> {
  if (o instanceof PDFRef) out.add(o.objectNumber);
  else if (o instanceof PDFArray) for (const v of o.asArray()) refsIn(v, out);
  else if (o instanceof PDFDict) for (const [, v] of o.entries()) refsIn(v, out);
  else if (o instanceof PDFRawStream) refsIn(o.dict, out);
  return out;
}

const typeOf = (d: PDFDict | undefined) => d?.get(n('Type'))?.toString();
const isStructural = (d: PDFDict | undefined) => !!d && (['/Page', '/Pages', '/Catalog'].includes(typeOf(d) ?? '') || d.get(n('Subtype'))?.toString() === '/Widget' || d.has(n('FT')));

const dictOf = (o: PDFObject | undefined) => (o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : undefined);
// generic walks (content, appearance, other) do not take over the page tree or fields they point at
const GENERIC = new Set<Role>(['content', 'ap', 'other', 'struct', 'structroot', 'extensions', 'dss', 'info', 'metadata', 'sigvalue', 'formres']);
const KEYED = new Set<Role>(['catalog', 'page', 'acroform', 'names', 'struct', 'structroot']);
const TRAILER_SKIP = new Set(['/Size', '/Prev', '/ID', '/XRefStm', '/Encrypt', '/Length', '/Filter', '/DecodeParms', '/W', '/Index', '/Type']);

/** The role of the value under `key` of a dictionary in `role`, for the roles decided by key alone; null: not followed. */
function keyRole(role: Role, key: string): Role | null {
  switch (role) {
    case 'catalog':
      return key === '/Pages' ? 'pagetree' : key === '/AcroForm' ? 'acroform' : key === '/DSS' ? 'dss' : key === '/Metadata' ? 'metadata' : key === '/StructTreeRoot' ? 'structroot' : key === '/Names' ? 'names' : key === '/Extensions' ? 'extensions' : 'other';
    case 'page':
      if (key === '/Parent') return null;
      return key === '/Annots' ? 'annots' : key === '/Metadata' || key === '/PieceInfo' ? 'metadata' : 'content';
    case 'acroform':
      // the form's default resources and appearance: what field appearances are made from
      return key === '/Fields' ? 'fields' : key === '/DR' || key === '/DA' ? 'formres' : 'other';
    case 'names':
      // named appearances (stamps) are annotation material; scripts, files and templates are not
      return key === '/AP' ? 'annot' : 'other';
    case 'structroot':
      // the tree below the root; its maps (roles, classes, namespaces) are judged as other objects
      return key === '/K' || key === '/ParentTree' || key === '/IDTree' ? 'struct' : 'other';
    case 'struct':
      return ['/Pg', '/Obj', '/Stm', '/P'].includes(key) ? null : 'struct';
    default:
      return role;
  }
}

/** One walk of a revision from its trailer, giving every reachable object its roles. */
class GraphWalk {
  readonly g: Graph = { roles: new Map(), referrers: new Map(), apOwners: new Map(), fieldNames: new Map() };
  private readonly seen = new Set<string>();

  constructor(
    private readonly pdf: PdfFile,
    private readonly rev: Revision,
  ) {}

  /** A value found inside object `from` in the given role. */
  visit = (v: PDFObject | undefined, role: Role, from: number, owner = 0): void => {
    if (v === undefined) return;
    if (!(v instanceof PDFRef)) return this.descend(v, role, from, owner);
    const { g } = this;
    const x = v.objectNumber;
    (g.referrers.get(x) ?? g.referrers.set(x, new Set()).get(x)!).add(from);
    const target = this.pdf.resolve(this.rev, x);
    if (target === undefined) return;
    if (GENERIC.has(role) && isStructural(dictOf(target))) return;
    (g.roles.get(x) ?? g.roles.set(x, new Set()).get(x)!).add(role);
    if (role === 'ap') (g.apOwners.get(x) ?? g.apOwners.set(x, new Set()).get(x)!).add(owner);
    const key = `${x}:${role}:${owner}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.descend(target, role, x, owner);
  };

  descend(v: PDFObject, role: Role, self: number, owner: number): void {
    const d = dictOf(v);
    if (v instanceof PDFArray) {
      const itemRole: Role = role === 'annots' ? 'annot' : role === 'fields' ? 'field' : role;
      for (const x of v.asArray()) this.visit(x, itemRole, self, owner);
      return;
    }
    if (!d) return;
    if (role === 'annot' || role === 'widget' || role === 'field') return this.descendField(v, d, role, self, owner);
    if (role === 'pagetree') return this.descendPageTree(d, self);
    for (const [k, x] of d.entries()) {
      const r = keyRole(role, k.asString());
      if (r) this.visit(x, r, self, KEYED.has(role) ? 0 : owner);
    }
  }

  private descendPageTree(d: PDFDict, self: number) {
    const { pdf, rev } = this;
    for (const [k, x] of d.entries()) {
      const key = k.asString();
      if (key === '/Parent') continue;
      if (key === '/Kids') {
        for (const kid of (pdf.deref(rev, x) as PDFArray | undefined)?.asArray?.() ?? []) this.visit(kid, typeOf(pdf.dict(rev, kid)) === '/Pages' ? 'pagetree' : 'page', self);
      } else this.visit(x, 'content', self);
    }
  }

  private descendField(v: PDFObject, d: PDFDict, role: Role, self: number, owner: number): void {
    const isWidget = d.get(n('Subtype'))?.toString() === '/Widget';
    if (role === 'annot' && (isWidget || d.has(n('FT')))) return this.descend(v, 'widget', self, owner);
    for (const [k, x] of d.entries()) {
      const key = k.asString();
      if (key === '/P' || key === '/Parent') continue;
      if (key === '/AP') this.visit(x, 'ap', self, self);
      else if (key === '/Kids') this.visit(x, 'fields', self);
      else if (key === '/V' && fieldType(this.pdf, this.rev, d) === '/Sig') this.visit(x, 'sigvalue', self);
      else if (key === '/Popup' || key === '/IRT') this.visit(x, 'annot', self);
      else this.visit(x, role === 'annot' ? 'annot' : 'other', self);
    }
  }

  /** Fully qualified names of the form's fields, for FieldMDP and the report. */
  fieldNames(arr: PDFObject | undefined, prefix: string, depth: number) {
    const { pdf, rev } = this;
    if (depth > 20) return;
    for (const r of (pdf.deref(rev, arr) as PDFArray | undefined)?.asArray?.() ?? []) {
      const f = pdf.dict(rev, r);
      if (!f || !(r instanceof PDFRef)) continue;
      const t = pdfText(pdf.deref(rev, f.get(n('T'))));
      const full = t === null ? prefix.replace(/\.$/, '') : `${prefix}${t}`;
      this.g.fieldNames.set(r.objectNumber, full);
      this.fieldNames(f.get(n('Kids')), t === null ? prefix : `${full}.`, depth + 1);
    }
  }
}

/** Walks the revision from its trailer, giving every reachable object its roles. */
export function buildGraph(pdf: PdfFile, rev: Revision): Graph {
  const walk = new GraphWalk(pdf, rev);
  for (const [k, x] of rev.trailer.entries()) {
    const key = k.asString();
    if (!TRAILER_SKIP.has(key)) walk.visit(x, key === '/Root' ? 'catalog' : key === '/Info' ? 'info' : 'other', TRAILER);
  }
  walk.fieldNames(pdf.dict(rev, pdf.catalog(rev)?.get(n('AcroForm')))?.get(n('Fields')), '', 0);
  return walk.g;
}

export function fieldType(pdf: PdfFile, rev: Revision, d: PDFDict): string | undefined {
  for (let cur: PDFDict | undefined = d, i = 0; cur && i < 20; i++) {
    const ft = cur.get(n('FT'));
    if (ft) return ft.toString();
    cur = pdf.dict(rev, cur.get(n('Parent')));
  }
  return undefined;
}

/** Objects exclusively owned by one widget's appearance: every path to them passes through it. */
export function exclusiveAp(g: Graph, widget: number): Set<number> {
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

/** Calls `rule` for each key whose value differs between the two dictionaries. */
export function compareDicts(before: PDFDict, after: PDFDict, rule: (key: string, b: PDFObject | undefined, a: PDFObject | undefined) => void) {
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.asString()));
  for (const key of keys) {
    const b = before.get(n(key.slice(1)));
    const a = after.get(n(key.slice(1)));
    if (canon(b) !== canon(a)) rule(key, b, a);
  }
}

/** A widget's state and its field's value (on the widget or up its /Parent chain): whether it was filled. */
export function fieldState(pdf: PdfFile, rev: Revision, d: PDFDict): string {
  let v = d.get(n('V'));
  for (let k = 0, cur: PDFDict | undefined = d; v === undefined && cur?.has(n('Parent')) && k < 10; k++) {
    cur = pdf.dict(rev, cur.get(n('Parent')));
    v = cur?.get(n('V'));
  }
  return `${canon(d.get(n('AS')))}|${canon(pdf.deref(rev, v))}`;
}
