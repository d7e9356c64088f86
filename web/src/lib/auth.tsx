import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { call } from '../api/call';
import { accountsApi, type CurrentUser } from '../../../contracts/accounts';

type Me = CurrentUser;

interface AuthValue {
  /** undefined while the first /auth/me is in flight; null when anonymous. */
  user: Me | null | undefined;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
  /** What the server's policies allow this account beyond single records, e.g. can('schools.import'). */
  can: (capability: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

/** `initialUser` null: the page was rendered on the server for the public (no session cookie came
 * with it), so the first render matches that page; /auth/me is still asked. */
export function AuthProvider({ children, initialUser }: { children: ReactNode; initialUser?: null }) {
  const [user, setUser] = useState<Me | null | undefined>(initialUser);
  const qc = useQueryClient();

  // answers (and their `can`) depend on who asks: another account starts from a clean cache
  const who = user === undefined ? undefined : (user?.id ?? null);
  const lastWho = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (who === undefined) return;
    if (lastWho.current !== undefined && lastWho.current !== who) void qc.resetQueries();
    lastWho.current = who;
  }, [who, qc]);

  const refresh = useCallback(async () => {
    try {
      const res = await call(accountsApi.me);
      setUser(res.user);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) setUser(null);
      else setUser((prev) => (prev === undefined ? null : prev));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const res = await call(accountsApi.signIn, { body: { email, password } });
    setUser(res.user);
    return res.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call(accountsApi.signOut);
    } finally {
      setUser(null);
    }
  }, []);

  const can = useCallback((capability: string) => !!user?.can[capability], [user]);

  const value = useMemo(() => ({ user, signIn, signOut, refresh, can }), [user, signIn, signOut, refresh, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
