// The reuse lookup's contract method and its download: records staff, unit heads and
// administrators of an enrolled desk, each as themselves (the CLI's operator has no name to give).
import { HUB_COPY_EXPORT } from '../../shared/lookup-contract';
import { account, type Caller, type HandlerGroup } from '../call-context';
import type { Download } from '../coverage/downloads';
import { copyFromHub, lookupOnHub, type LookupEnv } from './lookup';

export const LOOKUP_ROLES = ['admin', 'unit_head', 'records_staff'] as const;

export const lookupHandlers: HandlerGroup<'hub.lookup'> = {
  'hub.lookup': { access: LOOKUP_ROLES, run: (req, ctx) => lookupOnHub(ctx.services, account(ctx), req) },
};

export const isHubCopy = (name: string) => name === HUB_COPY_EXPORT;

/** /export/hub-copy.pdf?lookup=&sha256=&name=: the signed copy fetched through the hub for the user who looked it up. */
export async function hubCopyDownload(env: LookupEnv, user: Caller, query: URLSearchParams): Promise<Download | null> {
  if ('operator' in user || !(LOOKUP_ROLES as readonly string[]).includes(user.role)) return null;
  const sha256 = query.get('sha256') ?? '';
  const bytes = await copyFromHub(env, user, query.get('lookup') ?? '', sha256);
  const name = (query.get('name') ?? '').replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || sha256.slice(0, 12);
  return { fileName: `ban-sao-${name}.pdf`, mime: 'application/pdf', bytes };
}
