// The contract's methods of the records staff's daily work: their unit's worklist of results
// still to digitize, the register's filters and saved views, and bulk edits of documents
// (type, procedure, link) with undo. Spread into `contract`.
import { z } from 'zod';
import { isoDate } from './schemas/primitives';

const id = z.number().int().positive();
const code = z.string().trim().min(1).max(100);

/** The register list's filters beyond the text search ("chưa số hóa", "chưa gắn tệp"…). */
export const RegisterFilters = {
  /** 'no': not digitized today; 'yes': digitized */
  digitized: z.enum(['yes', 'no']).optional(),
  /** 'no': no document linked (none in the trash counted); 'yes': one is */
  linked: z.enum(['yes', 'no']).optional(),
  procedureCode: z.string().trim().min(1).max(50).optional(),
  issuedFrom: isoDate.optional(),
  issuedTo: isoDate.optional(),
};

export const ViewScreen = z.enum(['register', 'documents', 'work']);
/** A saved view's filters: flat values only, as the screens' filter states are. */
const ViewFilters = z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).refine((f) => Object.keys(f).length <= 30, 'tối đa 30 bộ lọc');
export const SavedView = z.object({ id, screen: ViewScreen, name: z.string(), filters: ViewFilters, createdAt: z.string() });
export type SavedView = z.infer<typeof SavedView>;

/** A valid result not yet digitized, as both worklists list it (a lagging unit's, and the staff's). */
export const WorklistEntry = z.object({
  dossierCode: z.string(),
  procedureName: z.string().nullable(),
  holderName: z.string().nullable(),
  resultName: z.string().nullable(),
  resultNumber: z.string().nullable(),
  issuedOn: z.string(),
  validUntil: z.string().nullable(),
  unitName: z.string(),
});
export type WorklistEntry = z.infer<typeof WorklistEntry>;
export const WorkItem = WorklistEntry.extend({
  registerId: id,
  procedureCode: z.string().nullable(),
  /** a document already linked but not yet accepted as digitized */
  documentId: id.nullable(),
});
export type WorkItem = z.infer<typeof WorkItem>;
export const WorkGroup = z.object({ procedureCode: z.string().nullable(), procedureName: z.string().nullable(), count: z.number().int(), oldest: z.string() });

export const BulkLink = z.object({ id, dossierCode: code.nullable() });

export const workContract = {
  // the caller's units' valid results not yet digitized, by procedure, oldest first
  'work.list': {
    req: z.object({ unitId: id.optional(), procedureCode: z.string().trim().min(1).max(50).optional(), at: isoDate.optional() }),
    res: z.object({ at: z.string(), total: z.number().int(), truncated: z.boolean(), groups: z.array(WorkGroup), items: z.array(WorkItem) }),
  },
  // the procedures the caller's register names, for the filters
  'register.procedures': { req: z.object({}), res: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })) },
  'views.list': { req: z.object({ screen: ViewScreen }), res: z.array(SavedView) },
  // a new view, or (with id) a rename or new filters of one of the caller's views
  'views.save': { req: z.object({ id: id.optional(), screen: ViewScreen, name: z.string().trim().min(1).max(80), filters: ViewFilters }), res: SavedView },
  'views.delete': { req: z.object({ id }), res: z.null() },
  // one transaction over many documents: every one in the caller's units, or none changed
  'documents.bulkEdit': {
    req: z
      .object({
        ids: z.array(id).min(1).max(500),
        /** undefined: unchanged; null: cleared */
        type: z.string().trim().min(1).max(60).nullable().optional(),
        procedureCode: z.string().trim().min(1).max(50).nullable().optional(),
        links: z.array(BulkLink).max(500).optional(),
        /** linked documents are marked digitized (a signed one stays signed) */
        digitized: z.boolean().default(true),
      })
      .refine((r) => r.type !== undefined || r.procedureCode !== undefined || !!r.links?.length, 'không có gì để sửa'),
    res: z.object({ editId: id, documents: z.number().int(), changed: z.number().int() }),
  },
  'documents.bulkUndo': { req: z.object({ editId: id }), res: z.object({ documents: z.number().int() }) },
  // the caller's last bulk edit that can still be undone
  'documents.bulkLast': { req: z.object({}), res: z.object({ editId: id, at: z.string(), documents: z.number().int() }).nullable() },
};
