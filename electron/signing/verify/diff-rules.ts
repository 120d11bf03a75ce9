// The rules of revision analysis: for each object of the signed revision that a later one
// changed, what kind of change it is (by the object's role: catalogue, page tree, page, form,
// widget, appearance…) and whether a signer's permissions allow it; the shadow-attack class
// of a disallowed one (hide, replace, hide-and-replace).
import { PDFDict, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { PAGE_RENDERING, type Change, type ChangeCategory } from './diff-types';
import { DiffBase } from './diff-base';
import { canon, exclusiveAp, fieldState, fieldType, n, refsIn, type Role } from './diff-graph';
import { pageKeyChange, STRUCT_ROOT_ALLOWED } from './diff-whitelist';

export class RevisionDiff extends DiffBase {
  widgetRule = (x: number, before: PDFDict, after: PDFDict) => {
    const { pdf, signed, final, g, add, shadowOf, listDiff } = this;
    const name = g.fieldNames.get(x) ?? undefined;
    const isSig = fieldType(pdf, signed, before) === '/Sig' || fieldType(pdf, final, after) === '/Sig';
    // an empty signature field being signed now: its widget flags may be set with it (Adobe does)
    const beingSigned = isSig && !before.has(n('V')) && after.has(n('V'));
    // a new appearance is allowed with a new value or state (filling, signing), never on its own: an
    // appearance redrawn over an unchanged value shows what was not signed (the replace attack)
    const refilled = isSig || fieldState(pdf, signed, before) !== fieldState(pdf, final, after);
    this.compare(before, after, (key, b, a) => {
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
        if (shared.length || !refilled) add({ category: 'APPEARANCE_OVERWRITTEN', allowed: false, object: x, detail: name, shadow: shadowOf(b, a, false) });
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

  acroformRule = (x: number | null, before: PDFDict, after: PDFDict) => {
    const { add, shadowOf, listDiff } = this;
    return this.compare(before, after, (key, b, a) => {
      if (key === '/Fields') listDiff(b, a, 'fields', x);
      else if (key === '/SigFlags') add({ category: 'SIGNATURE_ADDED', allowed: true, object: x });
      else if (['/DR', '/DA', '/NeedAppearances'].includes(key)) add({ category: 'FORM_FILLED', allowed: true, object: x, detail: key });
      else add({ category: 'FIELD_CHANGED', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, false) });
    });
  };

  catalogRule = (x: number, before: PDFDict, after: PDFDict) => {
    const { pdf, signed, final, add, shadowOf, listDiff, acroformRule, namesRule } = this;
    return this.compare(before, after, (key, b, a) => {
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
      else if (key === '/StructTreeRoot') {
        const bd = pdf.dict(signed, b);
        const ad = pdf.dict(final, a);
        // a structure tree added or taken away after signing is no tagging of a new widget
        if (bd && ad) this.structRootRule(x, bd, ad);
        else add({ category: 'CATALOG', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, a === undefined) });
      } else if (key === '/MarkInfo') add({ category: 'STRUCTURE', allowed: true, object: x, detail: key });
      else add({ category: 'CATALOG', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, a === undefined) });
    });
  };

  namesRule = (x: number, before: PDFDict, after: PDFDict) => {
    const { add, shadowOf } = this;
    return this.compare(before, after, (key, b, a) => {
      if (key === '/AP') add({ category: 'ANNOTATION', allowed: true, object: x, detail: '/Names /AP' });
      else if (key === '/Dests') add({ category: 'METADATA', allowed: true, object: x, detail: '/Names /Dests' });
      else add({ category: 'CATALOG', allowed: false, object: x, detail: `/Names ${key}`, shadow: shadowOf(b, a, a === undefined) });
    });
  };

  structRootRule = (x: number, before: PDFDict, after: PDFDict) =>
    this.compare(before, after, (key, b, a) => {
      const ok = STRUCT_ROOT_ALLOWED.has(key);
      this.add({ category: ok ? 'STRUCTURE' : 'CATALOG', allowed: ok, object: x, detail: `/StructTreeRoot ${key}`, ...(ok ? {} : { shadow: this.shadowOf(b, a, a === undefined) }) });
    });

  pageTreeRule = (x: number, before: PDFDict, after: PDFDict) => {
    const { add, shadowOf } = this;
    return this.compare(before, after, (key, b, a) => {
      if (key === '/Kids' || key === '/Count') {
        const count = (d: PDFDict) => (d.get(n('Count')) as PDFNumber | undefined)?.asNumber?.() ?? 0;
        const diff = count(after) - count(before);
        if (key === '/Count' && diff === 0) return;
        const cat: ChangeCategory = diff > 0 ? 'PAGE_ADDED' : diff < 0 ? 'PAGE_REMOVED' : 'PAGE_TREE';
        add({ category: cat, allowed: false, object: x, shadow: diff < 0 ? 'hide' : shadowOf(b, a, false) });
      } else if (PAGE_RENDERING.has(key)) add({ category: 'PAGE_CONTENT', allowed: false, object: x, detail: key, shadow: shadowOf(b, a, a === undefined) });
      else add({ category: 'METADATA', allowed: true, object: x, detail: key });
    });
  };

  pageRule = (x: number, before: PDFDict, after: PDFDict) => {
    const { add, shadowOf, listDiff } = this;
    return this.compare(before, after, (key, b, a) => {
      if (key === '/Annots') listDiff(b, a, 'annots', x);
      else {
        const c = pageKeyChange(key);
        add({ ...c, object: x, detail: key, ...(c.allowed ? {} : { shadow: shadowOf(b, a, a === undefined) }) });
      }
    });
  };

  /** Every object of the signed revision whose bytes a later revision replaced, judged by each of its roles. */
  objectChanges() {
    const { pdf, signed, final, g } = this;
    for (const [x, roles] of g.roles) {
      if (pdf.location(signed, x) === pdf.location(final, x)) continue;
      const before = pdf.resolve(signed, x);
      const after = pdf.resolve(final, x);
      if (canon(before) === canon(after)) continue;
      for (const role of roles) {
        if (after === undefined && !['dss', 'info', 'metadata', 'struct'].includes(role)) {
          this.add({ category: role === 'page' ? 'PAGE_REMOVED' : role === 'annot' ? 'ANNOTATION_REMOVED' : 'OBJECT_CHANGED', allowed: false, object: x, detail: 'deleted', shadow: 'hide' });
          continue;
        }
        if (!this.dictChange(x, role, before, after)) this.leafChange(x, role, before, after);
      }
    }
  }

  /** Roles whose objects are dictionaries compared key by key; false for the other roles. */
  dictChange(x: number, role: Role, before: PDFObject | undefined, after: PDFObject | undefined): boolean {
    const { add } = this;
    const bd = before instanceof PDFDict ? before : undefined;
    const ad = after instanceof PDFDict ? after : undefined;
    const both = (rule: (x: number, b: PDFDict, a: PDFDict) => void, otherwise: Change) => (bd && ad ? rule(x, bd, ad) : add(otherwise));
    switch (role) {
      case 'catalog':
        both(this.catalogRule, { category: 'CATALOG', allowed: false, object: x, shadow: 'replace' });
        return true;
      case 'pagetree':
        both(this.pageTreeRule, { category: 'PAGE_TREE', allowed: false, object: x, shadow: 'replace' });
        return true;
      case 'page':
        both(this.pageRule, { category: 'PAGE_CONTENT', allowed: false, object: x, shadow: 'replace' });
        return true;
      case 'structroot':
        both(this.structRootRule, { category: 'CATALOG', allowed: false, object: x, detail: '/StructTreeRoot', shadow: 'replace' });
        return true;
      case 'names':
        both(this.namesRule, { category: 'CATALOG', allowed: false, object: x, detail: '/Names', shadow: 'replace' });
        return true;
      case 'widget':
      case 'field':
        both(this.widgetRule, { category: 'FIELD_CHANGED', allowed: false, object: x, shadow: 'replace' });
        return true;
      case 'acroform':
        both(this.acroformRule, { category: 'FIELD_CHANGED', allowed: false, object: x, shadow: 'replace' });
        return true;
      case 'annot':
        this.annotChange(x, bd, ad);
        return true;
      default:
        return false;
    }
  }

  /** Lists, appearances, values and the objects whose role alone decides. */
  leafChange(x: number, role: Role, before: PDFObject | undefined, after: PDFObject | undefined) {
    const { add, shadowOf } = this;
    switch (role) {
      case 'annots':
      case 'fields':
        return this.listDiff(before, after, role, x);
      case 'formres':
        return add({ category: 'FORM_FILLED', allowed: true, object: x, detail: '/AcroForm /DR' });
      case 'ap':
        return this.apChange(x, before, after);
      case 'sigvalue':
        return add({ category: 'SIGNATURE_REPLACED', allowed: false, object: x, shadow: 'replace' });
      case 'dss':
        return add({ category: 'DSS', allowed: true, object: x });
      case 'info':
      case 'metadata':
        return add({ category: 'METADATA', allowed: true, object: x });
      case 'extensions':
        return add({ category: 'METADATA', allowed: true, object: x, detail: '/Extensions' });
      case 'struct':
        return add({ category: 'STRUCTURE', allowed: true, object: x });
      case 'content':
        return add({ category: 'PAGE_CONTENT', allowed: false, object: x, shadow: shadowOf(before, after, false) });
      default:
        return add({ category: 'OBJECT_CHANGED', allowed: false, object: x, shadow: shadowOf(before, after, false) });
    }
  }

  /** Hiding an annotation that was shown when signed (flags Hidden/NoView, its appearance or place taken away) is the hide attack. */
  annotChange(x: number, bd: PDFDict | undefined, ad: PDFDict | undefined) {
    const flags = (d: PDFDict | undefined) => (d?.get(n('F')) as PDFNumber | undefined)?.asNumber?.() ?? 0;
    const hidden = !!bd && !!ad && ((flags(ad) & 34 & ~flags(bd)) !== 0 || (bd.has(n('AP')) && !ad.has(n('AP'))) || canon(bd.get(n('Rect'))) !== canon(ad.get(n('Rect'))));
    this.add(hidden ? { category: 'ANNOTATION_REMOVED', allowed: false, object: x, detail: 'hidden', shadow: 'hide' } : { category: 'ANNOTATION', allowed: true, object: x });
  }

  /** An appearance stream overwritten in place: only one widget's own, never a shared one. */
  apChange(x: number, before: PDFObject | undefined, after: PDFObject | undefined) {
    const { pdf, signed, final, g } = this;
    const owners = g.apOwners.get(x) ?? new Set();
    const w = [...owners][0];
    const wd = owners.size === 1 ? pdf.dict(signed, PDFRef.of(w)) : undefined;
    const isSig = !!wd && fieldType(pdf, signed, wd) === '/Sig';
    const isWidget = !!wd && (wd.get(n('Subtype'))?.toString() === '/Widget' || wd.has(n('FT')));
    // a field's appearance redrawn in place must come with a new value or state (see widgetRule)
    const wf = wd && isWidget && !isSig ? pdf.dict(final, PDFRef.of(w)) : undefined;
    const refilled = !wf || fieldState(pdf, signed, wd!) !== fieldState(pdf, final, wf);
    const ok = owners.size === 1 && exclusiveAp(g, w).has(x) && refilled;
    // a plain annotation's own appearance redrawn is an annotation change
    const cat: ChangeCategory = isSig ? 'SIGNATURE_ADDED' : isWidget ? 'FORM_FILLED' : 'ANNOTATION';
    this.add(ok ? { category: cat, allowed: true, object: x, detail: g.fieldNames.get(w) } : { category: 'APPEARANCE_OVERWRITTEN', allowed: false, object: x, shadow: this.shadowOf(before, after, false) });
  }

  /** The trailer: a different catalogue object is a replaced document. */
  trailerChange() {
    const { pdf, signed, final, signedRoot, add, catalogRule, existedUnreachable } = this;
    const finalRoot = (final.trailer.get(n('Root')) as PDFRef | undefined)?.objectNumber;
    if (finalRoot !== undefined && finalRoot !== signedRoot) {
      const bd = pdf.catalog(signed);
      const ad = pdf.catalog(final);
      if (bd && ad) catalogRule(finalRoot, bd, ad);
      // a catalogue rewritten under a new number is judged by its keys; pointing the trailer at
      // one prepared before signing (or at no catalogue) is hide-and-replace whatever it holds
      if (!bd || !ad || existedUnreachable(finalRoot)) add({ category: 'CATALOG', allowed: false, object: finalRoot, detail: '/Root', shadow: existedUnreachable(finalRoot) ? 'hide-and-replace' : 'replace' });
    }
  }
}
