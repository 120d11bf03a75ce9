// The messages between the Electron main process and the core's utility process
// (core-host.ts). Plain data only: they cross the process boundary by structured clone.
// Imports types only, so each side's bundle carries nothing of the other.
import type { JobState } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';

/** An archived file the client may see: the main process streams it from `path`. */
export interface AssetRef {
  path: string;
  mime: string;
  sha256: string;
}

/** A generated export; structured clone turns the core's Buffer into a Uint8Array. */
export interface DownloadFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** The requests that get a reply: what each asks and the value its Result carries. */
export interface Requests {
  call: { ask: { method: string; payload: unknown }; answer: unknown };
  asset: { ask: { kind: string; assetId: number }; answer: AssetRef | null };
  download: { ask: { name: string; query: string }; answer: DownloadFile | null };
}
export type RequestKind = keyof Requests;
export type RequestMessage = { [K in RequestKind]: { type: K; id: number; clientId: number } & Requests[K]['ask'] }[RequestKind];

/** Main process → core. Clients are keyed by the id of the window's web contents. */
export type ToCore =
  | { type: 'open'; dataDir: string; demo: boolean }
  | { type: 'client.open'; clientId: number }
  | { type: 'client.close'; clientId: number }
  | RequestMessage
  | { type: 'close' };

/** Core → main process. A call's reply is the call's own envelope, passed on untouched. */
export type FromCore =
  | { type: 'ready' }
  | { type: 'failed'; error: AppError }
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; clientId: number; event: 'job.updated'; payload: JobState };

export const CORE_SERVICE_NAME = 'Số hóa Desk core';

/** What a call gets when the core's process is gone or not running: never a hanging promise. */
export const coreStopped = (): AppError => ({
  code: 'CORE_STOPPED',
  message: 'Bộ xử lý dữ liệu của Số hóa Desk đã dừng nên thao tác chưa được thực hiện. Hãy khởi động lại ứng dụng.',
});
