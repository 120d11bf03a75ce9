// Every call across a process boundary resolves to this envelope: Electron drops
// custom error fields over invoke, and HTTP has no typed exceptions either.
export interface AppError {
  code: string;
  /** Vietnamese, ready to show; the renderer may translate by `code` using `params`. */
  message: string;
  params?: Record<string, string | number>;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });
