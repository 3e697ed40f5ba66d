import { createContext, useContext } from 'react';
import type { Session } from '../../../contract/auth';

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only for components rendered inside <RequireAuth>, which provides it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() is used outside <RequireAuth>.');
  return session;
}
