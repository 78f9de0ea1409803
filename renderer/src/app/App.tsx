import { Alert, Box, CircularProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call, hasSession, LOCKED_EVENT, setSession, SIGNED_OUT_EVENT } from '../api/client';
import { CenteredCard } from '../accounts/CenteredCard';
import { LockScreen } from '../accounts/LockScreen';
import { useIdleLock } from '../accounts/useIdleLock';
import { LoginScreen } from '../accounts/LoginScreen';
import { AppFrame, prefetchFirstSection } from './AppFrame';

type SystemInfo = CallOutput<'system.info'>;

// The password forms bring the common-passwords list (shared/contract/password-policy.ts), which
// costs every start its decompression: they load when shown, not with the app.
const SetupScreen = lazy(() => import('../accounts/SetupScreen').then((m) => ({ default: m.SetupScreen })));
const ChangePasswordForm = lazy(() => import('../accounts/ChangePasswordForm').then((m) => ({ default: m.ChangePasswordForm })));

const Loading = () => (
  <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
    <CircularProgress aria-label="Cargando" />
  </Box>
);

export function App() {
  const queryClient = useQueryClient();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [session, setSessionInfo] = useState<SessionInfo | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [booting, setBooting] = useState(true);

  useEffect(() => {
    void (async () => {
      // Both at once: the first screen waits for one round trip, not two. The core checks the
      // session on session.current exactly as before; system.info needs none.
      const [sys, current] = await Promise.all([call('system.info', {}), hasSession() ? call('session.current', {}) : null]);
      if (!sys.ok) setBootError(sys.error.message);
      else {
        setInfo(sys.value);
        if (current?.ok) {
          if (!current.value.locked && !current.value.mustChangePassword) prefetchFirstSection(queryClient, current.value.user.role);
          setSessionInfo(current.value);
        }
      }
      setBooting(false);
    })();
  }, [queryClient]);

  const signedIn = useCallback(
    (token: string, s: SessionInfo) => {
      queryClient.clear();
      setSession(token);
      if (!s.locked && !s.mustChangePassword) prefetchFirstSection(queryClient, s.user.role);
      setSessionInfo(s);
      void call('system.info', {}).then((r) => r.ok && setInfo(r.value));
    },
    [queryClient],
  );

  const signedOut = useCallback(() => {
    setSession(null);
    setSessionInfo(null);
    queryClient.clear();
  }, [queryClient]);

  const logout = useCallback(async () => {
    await call('session.logout', {});
    signedOut();
  }, [signedOut]);

  const lock = useCallback(() => {
    void call('session.lock', {}).then(() => setSessionInfo((s) => (s ? { ...s, locked: true } : s)));
  }, []);

  useEffect(() => {
    const onLocked = () => setSessionInfo((s) => (s ? { ...s, locked: true } : s));
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    window.addEventListener(LOCKED_EVENT, onLocked);
    return () => {
      window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
      window.removeEventListener(LOCKED_EVENT, onLocked);
    };
  }, [signedOut]);

  useIdleLock(session?.idleLockMinutes ?? 5, session !== null && !session.locked, lock);

  if (booting) return <Loading />;
  if (bootError || !info) {
    return (
      <Box sx={{ p: 4 }}>
        <Alert severity="error">{bootError ?? 'No se pudo iniciar la aplicación.'}</Alert>
      </Box>
    );
  }
  if (!session) {
    return info.needsSetup ? (
      <Suspense fallback={<Loading />}>
        <SetupScreen onDone={signedIn} />
      </Suspense>
    ) : (
      <LoginScreen info={info} onLogin={signedIn} />
    );
  }
  if (session.mustChangePassword) {
    return (
      <CenteredCard title="Cambie su contraseña" subtitle={`${session.user.displayName}: el administrador le asignó una contraseña temporal. Elija una nueva para continuar.`}>
        <Suspense fallback={<CircularProgress aria-label="Cargando" />}>
          <ChangePasswordForm username={session.user.username} currentLabel="Contraseña temporal" onChanged={setSessionInfo} />
        </Suspense>
      </CenteredCard>
    );
  }
  return (
    <>
      <AppFrame session={session} info={info} onLogout={logout} onSessionChange={setSessionInfo} />
      {session.locked && <LockScreen session={session} onUnlocked={setSessionInfo} onLogout={logout} />}
    </>
  );
}
