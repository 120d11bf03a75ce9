// The renderer's single way to the core: the Electron preload's window.sohoa when present,
// else the browser host's HTTP client. Both satisfy the same SohoaBridge type.
import type { MethodName } from '../../../shared/channels';
import type { Req, Res } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { SohoaBridge } from '../../../shared/bridge';
import { createHttpBridge, uploadFile, withLinkKey } from './http-bridge';

declare global {
  interface Window {
    sohoa?: SohoaBridge;
  }
}

export const bridge: SohoaBridge = window.sohoa ?? createHttpBridge();

export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** Calls a contract method and unwraps its envelope; failures throw ApiError. */
export async function call<M extends MethodName>(method: M, req: Req<M>): Promise<Res<M>> {
  const fn = bridge[method] as (r: Req<M>) => Promise<{ ok: true; value: Res<M> } | { ok: false; error: AppError }>;
  const r = await fn(req);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export type ImportSourceInput = Req<'documents.import'>['sources'][number];

/** Turns picked or dropped files into import sources: a path in Electron, an upload in the browser. */
export async function toSource(file: File & { webkitRelativePath?: string }): Promise<ImportSourceInput> {
  const p = bridge.pathForFile(file);
  if (p) return { path: p };
  const r = await uploadFile(file);
  if (!r.ok) throw new ApiError(r.error);
  return { stagedId: r.value.stagedId, name: file.webkitRelativePath || file.name };
}

/**
 * Relative URLs work under app://sohoa/ and under the browser host alike. Content that
 * changes (searchable PDF, signed copy, cleaned page) carries its version, so neither the
 * browser cache nor the viewer's own shows an old one.
 */
export const archiveUrl = (kind: 'file' | 'thumb' | 'preview' | 'signed' | 'clean' | 'searchable', id: number, version?: string | null) =>
  linked(version ? `archive/${kind}/${id}/${version}` : `archive/${kind}/${id}`);

let hubPage = false;
/** The page is the province hub's (app.info said so): its exports live under api/export/. */
export const markHubPage = () => {
  hubPage = true;
};

/** An export's download URL (`query`: its parameters, already encoded). */
export const exportUrl = (name: string, query: string) => (hubPage ? `api/export/${name}?${query}` : linked(`export/${name}?${query}`));

/** The browser host wants the link key on URLs the page fetches without headers; app:// does not. */
const linked = (url: string) => (window.sohoa ? url : withLinkKey(url));
