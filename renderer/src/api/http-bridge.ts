// window.sohoa for the browser host: contract calls as POST /api/<method>, events over
// server-sent events. The launch secret reaches the page once, in the launch redirect's
// fragment; the page keeps it in session storage (this origin and tab only) and sends it in a
// header. Cookies go to every port of 127.0.0.1, so they carry nothing that opens the archive.
// Files, exports and the event stream, which <img>, pdf.js, downloads and EventSource fetch
// without headers, carry the link key derived from the secret in their URL instead.
import { EVENTS, METHODS, type MethodName } from '../../../shared/channels';
import type { SohoaBridge } from '../../../shared/bridge';
import type { Result } from '../../../shared/result';

const STORE = 'sohoa.launch';

/** Takes the secret from `#launch=…` (then clears it from the address) or from this tab's earlier load. */
function launchSecret(): string | null {
  const m = /^#launch=([0-9a-f]{16,128})$/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(STORE, m[1]);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(STORE);
}

/** The link key: SHA-256 of the secret with its use, as the host derives it (electron/web/server.ts). */
async function linkKey(secret: string | null): Promise<string | null> {
  if (!secret || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`sohoa-links:${secret}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let secret: string | null = null;
let link: string | null = null;
let ready: Promise<void> = Promise.resolve();

/** A file, export or event URL with the link key; every call waits for the key, so URLs built from answers have it. */
export function withLinkKey(url: string): string {
  return link ? `${url}${url.includes('?') ? '&' : '?'}k=${link}` : url;
}

async function post<T>(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<Result<T>> {
  await ready;
  try {
    // x-sohoa-hub: the province hub's guard against cross-site posts (a form cannot send it); the desk host ignores it
    const headers = { ...init.headers, 'x-sohoa-hub': '1', ...(secret ? { Authorization: `Bearer ${secret}` } : {}) };
    const res = await fetch(url, { ...init, headers, method: 'POST', credentials: 'same-origin' });
    // the hub answers a refusal with its status and the Result envelope (the desk host's 401 is a page)
    if (!res.ok && res.headers.get('Content-Type')?.startsWith('application/json')) {
      const body = (await res.json().catch(() => null)) as Result<T> | null;
      if (body && body.ok === false && body.error?.code) return body;
    }
    if (res.status === 401) return { ok: false, error: { code: 'HOST_TOKEN', message: 'Phiên trình duyệt không hợp lệ: hãy mở lại địa chỉ mà ứng dụng đã in ra khi khởi động.' } };
    if (!res.ok) return { ok: false, error: { code: 'HTTP', message: `Máy chủ trả lỗi ${res.status}.`, params: { status: res.status } } };
    return await res.json();
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: 'Không kết nối được tới Số hóa Desk. Ứng dụng còn đang chạy không?' } };
  }
}

export function createHttpBridge(): SohoaBridge {
  secret = launchSecret();
  ready = linkKey(secret).then((k) => {
    link = k;
  });
  const calls = Object.fromEntries(
    METHODS.map((m) => [m, (req: unknown) => post(`api/${m}`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req ?? {}) })]),
  ) as Pick<SohoaBridge, MethodName>;
  let source: EventSource | null = null;
  // each event's listeners take that event's payload; the map cannot say which, so they are kept as never-callers
  const listeners = new Map<string, Set<(p: never) => void>>();
  const connect = () => {
    if (source) return;
    source = new EventSource(withLinkKey('events'));
    for (const e of EVENTS) source.addEventListener(e, (msg) => listeners.get(e)?.forEach((l) => l(JSON.parse((msg as MessageEvent).data) as never)));
  };
  return {
    ...calls,
    shell: 'web',
    on(event, listener) {
      void ready.then(connect);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => {
        listeners.get(event)?.delete(listener);
      };
    },
    pathForFile: () => null,
  };
}

/** Sends one file's bytes to the host's staging area; the returned id is then imported. */
export async function uploadFile(file: File): Promise<Result<{ stagedId: string }>> {
  return post<{ stagedId: string }>('upload', { headers: { 'Content-Type': 'application/octet-stream' }, body: file });
}
