// The wire between a desk and its province hub. The desk enrols once with a one-time code and
// its archive's Ed25519 key; from then every request it makes is signed by that key and carries
// a timestamp and a nonce (replay-safe), and every change travels as an outbox item with a
// per-desk sequence, so the hub can apply a batch idempotently and acknowledge what it holds.
import { z } from 'zod';

export const HUB_PROTOCOL = 'sohoa-hub/1';

/** Requests older or newer than this are refused: clocks may drift, but not by more. */
export const HUB_CLOCK_SKEW_MS = 5 * 60_000;
/** A batch carries at most this many items; larger outboxes go in several batches. */
export const HUB_BATCH_MAX_ITEMS = 1000;
/** Bodies over this are refused before they are read (blobs go in chunks of this size). */
export const HUB_BODY_MAX_BYTES = 16 * 1024 * 1024;
export const HUB_BLOB_CHUNK_BYTES = 8 * 1024 * 1024;

/** Headers of a desk's signed request. */
export const HUB_HEADERS = {
  desk: 'x-sohoa-desk',
  time: 'x-sohoa-time',
  nonce: 'x-sohoa-nonce',
  signature: 'x-sohoa-signature',
} as const;

/**
 * The bytes a desk signs for one request: method, path (with query), time, nonce and the
 * SHA-256 of the body in hex, one per line. The hub recomputes them from what it received.
 */
export function signingString(method: string, pathWithQuery: string, time: string, nonce: string, bodySha256Hex: string): string {
  return [HUB_PROTOCOL, method.toUpperCase(), pathWithQuery, time, nonce, bodySha256Hex].join('\n');
}

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const code = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().max(max).nullable().default(null);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A unit as a desk names it: by code and the day its validity starts (codes are reused across 2025). */
export const HubUnitRef = z.object({ code, validFrom: iso.nullable().default(null) });
export type HubUnitRef = z.infer<typeof HubUnitRef>;

export const EnrolRequest = z.object({
  code: z.string().trim().min(8).max(64),
  unit: HubUnitRef,
  publicKey: z.string().min(40).max(2000),
  deskName: z.string().trim().min(1).max(200),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deskId: z.string().uuid(),
  hubName: z.string(),
  unit: z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'district', 'commune']) }),
  /** The last sequence the hub holds for this desk (0 for a new desk). */
  acked: z.number().int().nonnegative(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** A results-register entry as the desk holds it, with the day it became digitized (the desk's rule). */
export const RegisterItem = z.object({
  dossierCode: code,
  unit: HubUnitRef,
  procedureCode: text(32),
  procedureName: text(500),
  holderName: text(200),
  holderId: text(32),
  holderUnit: HubUnitRef.nullable().default(null),
  resultName: text(500),
  resultNumber: text(100),
  issuedOn: iso,
  validUntil: iso.nullable().default(null),
  revokedOn: iso.nullable().default(null),
  digitizedOn: iso.nullable().default(null),
});
export type RegisterItem = z.infer<typeof RegisterItem>;

/** A document's accepted tags and status; its signed copy travels separately, by hash. */
export const DocumentItem = z.object({
  /** The desk's own id for the document; (desk, localId) is the key on the hub. */
  localId: z.number().int().positive(),
  unit: HubUnitRef,
  dossierCode: code.nullable().default(null),
  title: z.string().max(1000),
  status: z.enum(['imported', 'digitized', 'signed']),
  pageCount: z.number().int().nonnegative(),
  digitizedAt: z.string().max(40).nullable().default(null),
  fields: z.record(z.string().max(40), z.string().max(2000)).default({}),
  signed: z.object({ sha256, size: z.number().int().positive() }).nullable().default(null),
  deleted: z.boolean().default(false),
});
export type DocumentItem = z.infer<typeof DocumentItem>;

export const UnitItem = z.object({
  unit: HubUnitRef,
  name: z.string().trim().min(1).max(200),
  level: z.enum(['province', 'district', 'commune']),
  parent: HubUnitRef.nullable().default(null),
  validTo: iso.nullable().default(null),
});
export type UnitItem = z.infer<typeof UnitItem>;

export const TargetItem = z.object({ year: z.number().int().min(2000).max(2100), level: z.enum(['province', 'district', 'commune']), rate: z.number().min(0).max(1) });
export type TargetItem = z.infer<typeof TargetItem>;

export const OutboxItem = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int().positive(), kind: z.literal('register'), data: RegisterItem }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('register.delete'), data: z.object({ dossierCode: code, unit: HubUnitRef }) }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('document'), data: DocumentItem }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('unit'), data: UnitItem }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('target'), data: TargetItem }),
]);
export type OutboxItem = z.infer<typeof OutboxItem>;

export const BatchRequest = z.object({ items: z.array(OutboxItem).min(1).max(HUB_BATCH_MAX_ITEMS) });
export type BatchRequest = z.infer<typeof BatchRequest>;

export const BatchResponse = z.object({
  /** The last sequence the hub has applied for this desk, after this batch. */
  acked: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  /** Blobs the hub does not hold yet among the batch's signed copies. */
  missingBlobs: z.array(sha256),
});
export type BatchResponse = z.infer<typeof BatchResponse>;

export const DeskStatusResponse = z.object({ acked: z.number().int().nonnegative(), hubName: z.string(), serverTime: z.string() });

/** How much of a blob the hub already holds: `complete`, or the bytes received so far (resume from there). */
export const BlobStatusResponse = z.object({ complete: z.boolean(), received: z.number().int().nonnegative() });

/** The Vietnamese reasons a hub refuses a desk's request; the desk shows them as they are. */
export const HUB_REFUSALS = {
  ENROL_CODE_INVALID: 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.',
  ENROL_UNIT_MISMATCH: 'Mã đăng ký được cấp cho đơn vị khác.',
  DESK_UNKNOWN: 'Máy này chưa đăng ký với máy chủ tỉnh hoặc đã bị thu hồi.',
  SIGNATURE_BAD: 'Chữ ký của yêu cầu không hợp lệ (dữ liệu bị sửa trên đường truyền hoặc sai khóa).',
  CLOCK_SKEW: 'Đồng hồ của máy lệch quá 5 phút so với máy chủ tỉnh; hãy chỉnh giờ.',
  REPLAY: 'Yêu cầu này đã được gửi trước đó (phát lại); đã bỏ qua.',
  SEQUENCE_GAP: 'Thiếu dữ liệu giữa hai lần gửi; máy sẽ gửi lại từ chỗ máy chủ đã nhận.',
  OUT_OF_SCOPE: 'Dữ liệu thuộc đơn vị ngoài phạm vi của máy này.',
  UNIT_UNKNOWN: 'Máy chủ tỉnh không có đơn vị này trong danh mục.',
  BLOB_HASH_MISMATCH: 'Tệp gửi lên không khớp mã băm đã khai.',
  BODY_TOO_LARGE: 'Yêu cầu quá lớn.',
  BAD_JSON: 'Nội dung yêu cầu không phải JSON hợp lệ.',
  BAD_REQUEST: 'Yêu cầu không hợp lệ.',
} as const;
export type HubRefusal = keyof typeof HUB_REFUSALS;
