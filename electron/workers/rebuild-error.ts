// A worker thread's error brought back to the thread that asked, for both pools.
import { CoreError, type ErrorCode } from '../errors';
import type { ErrorData } from './transfer';

/** A worker's error as the error it was: a CoreError keeps its code, so its message is the same. */
export function rebuildError(e: ErrorData): Error {
  if (e.code) {
    try {
      return new CoreError(e.code as ErrorCode, e.params ?? {});
    } catch {
      // not one of ours (a Node error code): a plain error below
    }
  }
  const err = Object.assign(new Error(e.message), { name: e.name }, e.code ? { code: e.code } : {});
  if (e.stack) err.stack = e.stack;
  return err;
}
