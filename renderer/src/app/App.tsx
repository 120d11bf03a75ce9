// Decides what to show: first-run setup, sign-in, or the signed-in shell.
import { Result, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/contract';
import { call } from '../api/bridge';
import { SignInPage } from '../features/auth/SignInPage';
import { SetupPage } from '../features/setup/SetupPage';
import { useErrorText } from '../i18n';
import { SessionContext } from './session';
import { Shell } from './Shell';

type Boot = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; firstRun: boolean; user: SessionUser | null };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const errorText = useErrorText();
  const load = useCallback(async () => {
    try {
      const [info, user] = await Promise.all([call('app.info', {}), call('auth.me', {})]);
      setBoot({ state: 'ready', firstRun: info.firstRun, user });
    } catch (error) {
      setBoot({ state: 'error', error });
    }
  }, []);
  useEffect(() => void load(), [load]);

  const signedIn = (user: SessionUser) => setBoot({ state: 'ready', firstRun: false, user });
  const signOut = async () => {
    await call('auth.signOut', {}).catch(() => null);
    window.location.hash = '';
    setBoot({ state: 'ready', firstRun: false, user: null });
  };

  if (boot.state === 'loading') return <Spin fullscreen />;
  if (boot.state === 'error') return <Result status="error" title="Số hóa Desk" subTitle={errorText(boot.error)} />;
  if (boot.firstRun) return <SetupPage onDone={signedIn} onAlreadySetUp={() => void load()} />;
  if (!boot.user) return <SignInPage onSignedIn={signedIn} />;
  return (
    <SessionContext.Provider value={{ user: boot.user, signOut }}>
      <Shell />
    </SessionContext.Provider>
  );
}
