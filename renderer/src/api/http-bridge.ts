// window.sohoa for the browser host: contract calls as POST /api/<method>, events over
// server-sent events. The per-launch token travels in an HttpOnly cookie the host set.
import { EVENTS, METHODS, type MethodName } from '../../../shared/channels';
import type { SohoaBridge } from '../../../shared/bridge';
import type { Result } from '../../../shared/result';

async function post<T>(url: string, init: RequestInit): Promise<Result<T>> {
  try {
    const res = await fetch(url, { ...init, method: 'POST', credentials: 'same-origin' });
    if (res.status === 401) return { ok: false, error: { code: 'HOST_TOKEN', message: 'Phiên trình duyệt không hợp lệ: hãy mở lại địa chỉ mà ứng dụng đã in ra khi khởi động.' } };
    if (!res.ok) return { ok: false, error: { code: 'HTTP', message: `Máy chủ trả lỗi ${res.status}.`, params: { status: res.status } } };
    return await res.json();
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: 'Không kết nối được tới Số hóa Desk. Ứng dụng còn đang chạy không?' } };
  }
}

export function createHttpBridge(): SohoaBridge {
  const calls = Object.fromEntries(
    METHODS.map((m) => [m, (req: unknown) => post(`api/${m}`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req ?? {}) })]),
  ) as Pick<SohoaBridge, MethodName>;
  let source: EventSource | null = null;
  // each event's listeners take that event's payload; the map cannot say which, so they are kept as never-callers
  const listeners = new Map<string, Set<(p: never) => void>>();
  const connect = () => {
    if (source) return;
    source = new EventSource('events');
    for (const e of EVENTS) source.addEventListener(e, (msg) => listeners.get(e)?.forEach((l) => l(JSON.parse((msg as MessageEvent).data) as never)));
  };
  return {
    ...calls,
    shell: 'web',
    on(event, listener) {
      connect();
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
