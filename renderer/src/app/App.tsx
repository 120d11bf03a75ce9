// Decides what to show: first-run setup, sign-in, or the signed-in shell (the province hub's
// own shell when app.info says the page is the hub's).
import { Result, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/contract';
import { call, markHubPage } from '../api/bridge';
import { SignInPage } from '../features/auth/SignInPage';
import { SetupPage } from '../features/setup/SetupPage';
import { useErrorText } from '../i18n';
import { SessionContext } from './session';
import { HubShell } from './HubShell';
import { HubModeContext, type HubMode } from './hub-mode';
import { Shell } from './Shell';

type Boot = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; firstRun: boolean; user: SessionUser | null; hub?: HubMode };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const errorText = useErrorText();
  const load = useCallback(async () => {
    try {
      const [info, user] = await Promise.all([call('app.info', {}), call('auth.me', {})]);
      const hub = info.shell === 'hub' ? { hubName: info.hubName ?? '' } : undefined;
      if (hub) markHubPage();
      setBoot({ state: 'ready', firstRun: info.firstRun, user, hub });
    } catch (error) {
      setBoot({ state: 'error', error });
    }
  }, []);
  useEffect(() => void load(), [load]);

  const hub = boot.state === 'ready' ? boot.hub : undefined;
  const signedIn = (user: SessionUser) => setBoot({ state: 'ready', firstRun: false, user, hub });
  const signOut = async () => {
    await call('auth.signOut', {}).catch(() => null);
    window.location.hash = '';
    setBoot({ state: 'ready', firstRun: false, user: null, hub });
  };

  if (boot.state === 'loading') return <Spin fullscreen />;
  if (boot.state === 'error') return <Result status="error" title="Số hóa Desk" subTitle={errorText(boot.error)} />;
  if (boot.firstRun) return <SetupPage onDone={signedIn} onAlreadySetUp={() => void load()} />;
  if (hub) {
    return (
      <HubModeContext.Provider value={hub}>
        {boot.user ? <HubShell user={boot.user} signOut={signOut} /> : <SignInPage onSignedIn={signedIn} />}
      </HubModeContext.Provider>
    );
  }
  if (!boot.user) return <SignInPage onSignedIn={signedIn} />;
  return (
    <SessionContext.Provider value={{ user: boot.user, signOut }}>
      <Shell />
    </SessionContext.Provider>
  );
}
