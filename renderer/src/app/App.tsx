import { Alert, Box, CircularProgress } from '@mui/material';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call, LOCKED_EVENT, setSession, SIGNED_OUT_EVENT } from '../api/client';
import { CenteredCard } from '../accounts/CenteredCard';
import { LockScreen } from '../accounts/LockScreen';
import { useIdleLock } from '../accounts/useIdleLock';
import { LoginScreen } from '../accounts/LoginScreen';
import { AppFrame, prefetchFirstSection } from './AppFrame';
import { bootAnswers, loadCounterSection, loadedCounterSection, rememberLanding, settledBoot, type BootAnswers } from './boot';

type SystemInfo = CallOutput<'system.info'>;

// The password forms bring the common-passwords list (shared/contract/password-policy.ts), which
// costs every start its decompression: they load when shown, not with the app.
const SetupScreen = lazy(() => import('../accounts/SetupScreen').then((m) => ({ default: m.SetupScreen })));
const ChangePasswordForm = lazy(() => import('../accounts/ChangePasswordForm').then((m) => ({ default: m.ChangePasswordForm })));

/**
 * A start that takes longer than SPINNER_DELAY_MS shows a spinner; a shorter one shows nothing
 * before its screen. On a reload the app's code is usually in a little before the start's
 * answers (app/boot.ts): drawing a spinner for that moment was a render and a frame on the
 * main thread just when the answers and the screen's first frame need it.
 */
const SPINNER_DELAY_MS = 300;

function Loading() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), SPINNER_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return shown ? (
    <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <CircularProgress aria-label="Cargando" />
    </Box>
  ) : null;
}

interface Start {
  info: SystemInfo | null;
  session: SessionInfo | null;
  error: string | null;
}

/** What the start's answers (app/boot.ts) make of the app; the role's first read is started or put in place. */
function started(answers: BootAnswers, queryClient: QueryClient): Start {
  if (!answers.sys.ok) return { info: null, session: null, error: answers.sys.error.message };
  const current = answers.current?.ok ? answers.current.value : null;
  if (current && !current.locked && !current.mustChangePassword) prefetchFirstSection(queryClient, current.user.role, answers);
  return { info: answers.sys.value, session: current, error: null };
}

export function App() {
  const queryClient = useQueryClient();
  // When the start's answers came in while the code was still loading (the usual case), the
  // first render is the screen itself, not a spinner followed by it.
  const [start] = useState(() => {
    const answers = settledBoot();
    return answers ? started(answers, queryClient) : null;
  });
  const [info, setInfo] = useState<SystemInfo | null>(start?.info ?? null);
  const [session, setSessionInfo] = useState<SessionInfo | null>(start?.session ?? null);
  const [bootError, setBootError] = useState<string | null>(start?.error ?? null);
  const [booting, setBooting] = useState(start === null);

  useEffect(() => {
    if (start) return;
    let live = true;
    void bootAnswers.then((answers) => {
      if (!live) return;
      const s = started(answers, queryClient);
      setBootError(s.error);
      setInfo(s.info);
      setSessionInfo(s.session);
      setBooting(false);
    });
    return () => {
      live = false;
    };
  }, [queryClient, start]);

  // The next start asks for this role's first page with the session (app/boot.ts).
  useEffect(() => rememberLanding(session && !session.locked && !session.mustChangePassword ? session.user.role : null), [session]);

  const signedIn = useCallback(
    (token: string, s: SessionInfo) => {
      queryClient.clear();
      setSession(token);
      if (!s.locked && !s.mustChangePassword) prefetchFirstSection(queryClient, s.user.role, null);
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

  // The screen under the lock may have asked while locked (a start on a locked session draws the
  // frame behind the lock): what the core refused then is asked again once unlocked.
  const unlocked = useCallback(
    (s: SessionInfo) => {
      setSessionInfo(s);
      void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
    },
    [queryClient],
  );

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

  // A clerk lands on Atención and types at once (Alt+S, a confirmation code): the frame waits for
  // that section's code rather than showing it with a spinner that would swallow those keys.
  const clerk = session?.user.role === 'ventanillero';
  const [counterReady, setCounterReady] = useState(() => loadedCounterSection() !== null);
  useEffect(() => {
    if (!clerk || counterReady) return;
    let live = true;
    // A failed load is left to the section's own lazy load (its error shows there), not a spinner forever.
    const done = () => live && setCounterReady(true);
    void loadCounterSection().then(done, done);
    return () => {
      live = false;
    };
  }, [clerk, counterReady]);

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
  if (clerk && !counterReady) return <Loading />;
  return (
    <>
      <AppFrame session={session} info={info} onLogout={logout} onSessionChange={setSessionInfo} />
      {session.locked && <LockScreen session={session} onUnlocked={unlocked} onLogout={logout} />}
    </>
  );
}
