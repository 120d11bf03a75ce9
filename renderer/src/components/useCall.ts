// The call-and-report pattern in one place: a failed call is shown to the user in the
// interface language (an error message by default, or the screen's own alert), and the
// caller gets undefined instead of a rejection, so no screen writes its own catch.
import { App } from 'antd';
import { useMemo, useRef } from 'react';
import type { MethodName } from '../../../shared/channels';
import type { Req, Res } from '../../../shared/contract';
import { call } from '../api/bridge';
import { useErrorText } from '../i18n';

/** Where a failure goes: its text in the interface language, and the error itself (for its code). */
export type Report = (text: string, error: unknown) => unknown;

export interface Caller {
  /** Runs some work (calls, an upload first); a failure is reported and resolves to undefined. */
  run<T>(work: () => Promise<T>, report?: Report): Promise<T | undefined>;
  /** One contract call; a failure is reported and resolves to undefined. */
  tryCall<M extends MethodName>(method: M, req: Req<M>, report?: Report): Promise<Res<M> | undefined>;
  /** The text of an error kept for later display (a job outcome, a stored report). */
  errorText: (e: unknown) => string;
}

/**
 * The caller is the same object for the component's whole life (it reads the current language
 * when a failure happens), so effects may list it as a dependency without running again.
 */
export function useCall(): Caller {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const latest = useRef({ message, errorText });
  latest.current = { message, errorText };
  return useMemo(() => {
    const toast: Report = (text) => latest.current.message.error(text);
    async function run<T>(work: () => Promise<T>, report: Report = toast): Promise<T | undefined> {
      try {
        return await work();
      } catch (e) {
        report(latest.current.errorText(e), e);
        return undefined;
      }
    }
    const tryCall = <M extends MethodName>(method: M, req: Req<M>, report?: Report) => run(() => call(method, req), report);
    return { run, tryCall, errorText: (e: unknown) => latest.current.errorText(e) };
  }, []);
}
