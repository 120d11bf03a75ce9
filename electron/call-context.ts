// What a contract handler is given: the archive's services (not the core that routes), the
// caller and its client. Each domain's handlers.ts is typed with the helpers here.
import type { MethodName } from '../shared/channels';
import type { ParsedReq, Res } from '../shared/contract';
import type { Role } from '../shared/roles';
import type { UserRecord } from './accounts/users';
import type { BlobStore } from './archive/blobs';
import type { Db } from './archive/db';
import type { HotFolders } from './capture/hot-folders';
import type { ImportJobs } from './capture/import-job';
import type { ScanJobs } from './capture/scan-job';
import type { Sources } from './capture/sources';
import type { Client, Shell } from './client';
import { CoreError } from './errors';
import type { JobRunner } from './jobs/jobs';
import type { OcrJobs } from './ocr/ocr-job';
import type { SignJobs } from './signing/sign/sign-job';
import type { HubSync } from './sync/hub-sync';

/** The archive and its job kinds, opened once by the core. */
export interface Services {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly dataDir: string;
  readonly shell: Shell;
  readonly version: string;
  readonly jobs: JobRunner;
  readonly sources: Sources;
  readonly hotFolders: HotFolders;
  readonly imports: ImportJobs;
  readonly scans: ScanJobs;
  readonly ocr: OcrJobs;
  readonly signing: SignJobs;
  /** the province hub link: enrolment, status, the background push */
  readonly sync: HubSync;
}

/** The CLI's local operator as a caller: every unit, no account (audit rows and jobs carry no user). */
export interface Operator {
  readonly id: null;
  readonly role: 'admin';
  readonly unitId: null;
  readonly unitName: null;
  readonly operator: true;
}
export const OPERATOR: Operator = { id: null, role: 'admin', unitId: null, unitName: null, operator: true };

/** Who a call acts as. */
export type Caller = UserRecord | Operator;

export interface CallContext {
  services: Services;
  /** The signed-in user (or the CLI's operator), or null for public methods. */
  user: Caller | null;
  /** The calling window, tab or CLI run: what its shell lets it name (local files or uploads only). */
  client: Client;
  signIn(userId: number): void;
  signOut(): void;
}

/** Who may call a method: anyone, any signed-in user, or these roles (checked by the core before `run`). */
export type Access = 'public' | 'user' | readonly Role[];
export type Handler<M extends MethodName> = (req: ParsedReq<M>, ctx: CallContext) => Promise<Res<M>> | Res<M>;
export type Entry<M extends MethodName> = { access: Access; run: Handler<M> };
/** A domain's share of the contract: typed per method, merged into one map in handlers.ts. */
export type HandlerGroup<K extends MethodName> = { [M in K]: Entry<M> };

export const ADMIN = ['admin'] as const;
export const IMPORTERS = ['admin', 'records_staff'] as const;
export const HEADS = ['admin', 'unit_head'] as const;
export const SIGNERS = ['admin', 'signing_officer', 'records_staff'] as const;

/** The caller of a method whose access is not 'public'. */
export function me(ctx: CallContext): Caller {
  if (!ctx.user) throw new CoreError('NOT_SIGNED_IN');
  return ctx.user;
}

/** The signed-in user of a method about one's own account or session (never the CLI's operator). */
export function account(ctx: CallContext): UserRecord {
  const u = me(ctx);
  if ('operator' in u) throw new CoreError('FORBIDDEN');
  return u;
}
