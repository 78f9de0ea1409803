import { Alert, Box, CircularProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call, hasSession, LOCKED_EVENT, setSession, SIGNED_OUT_EVENT } from '../api/client';
import { CenteredCard } from '../accounts/CenteredCard';
import { ChangePasswordForm } from '../accounts/ChangePasswordForm';
import { LockScreen } from '../accounts/LockScreen';
import { SetupScreen } from '../accounts/SetupScreen';
import { useIdleLock } from '../accounts/useIdleLock';
import { LoginScreen } from '../accounts/LoginScreen';
import { AppFrame } from './AppFrame';

type SystemInfo = CallOutput<'system.info'>;

export function App() {
  const queryClient = useQueryClient();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [session, setSessionInfo] = useState<SessionInfo | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [booting, setBooting] = useState(true);

  useEffect(() => {
    void (async () => {
      const sys = await call('system.info', {});
      if (!sys.ok) setBootError(sys.error.message);
      else {
        setInfo(sys.value);
        if (hasSession()) {
          const current = await call('session.current', {});
          if (current.ok) setSessionInfo(current.value);
        }
      }
      setBooting(false);
    })();
  }, []);

  const signedIn = useCallback(
    (token: string, s: SessionInfo) => {
      queryClient.clear();
      setSession(token);
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

  if (booting) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <CircularProgress aria-label="Cargando" />
      </Box>
    );
  }
  if (bootError || !info) {
    return (
      <Box sx={{ p: 4 }}>
        <Alert severity="error">{bootError ?? 'No se pudo iniciar la aplicación.'}</Alert>
      </Box>
    );
  }
  if (!session) return info.needsSetup ? <SetupScreen onDone={signedIn} /> : <LoginScreen info={info} onLogin={signedIn} />;
  if (session.mustChangePassword) {
    return (
      <CenteredCard title="Cambie su contraseña" subtitle={`${session.user.displayName}: el administrador le asignó una contraseña temporal. Elija una nueva para continuar.`}>
        <ChangePasswordForm username={session.user.username} currentLabel="Contraseña temporal" onChanged={setSessionInfo} />
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
