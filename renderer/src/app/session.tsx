import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../shared/contract';

export const SessionContext = createContext<{ user: SessionUser; signOut: () => void } | null>(null);

export function useSession() {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}
