// The object the renderer talks to: window.sohoa in Electron (from the preload) or the
// HTTP client in the browser host. Both are checked against this type.
import type { EventName, MethodName } from './channels';
import type { EventPayload, Req, Res } from './contract';
import type { Result } from './result';

export type SohoaBridge = {
  [M in MethodName]: (req: Req<M>) => Promise<Result<Res<M>>>;
} & {
  readonly shell: 'electron' | 'web';
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Path of a dropped or picked file when the shell can read it directly (Electron). */
  pathForFile(file: File): string | null;
};
