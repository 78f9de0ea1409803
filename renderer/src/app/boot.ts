// The app's first answers, asked for the moment the page starts: the entry (src/main.tsx) runs
// this before it loads the app's code, so the round trips to the core overlap loading and
// evaluating React, MUI and the screens instead of following them. With a session, the first
// page of the screen the session's role lands on is asked for in the same moment as
// session.current, not after it: the screen's rows need one round trip, not two. A clerk's
// first section's code, which the app loads apart, is asked for in that moment too.
//
// The role is known before session.current answers from this tab's sessionStorage (rememberLanding),
// kept only while the session can read that page (not locked, no temporary password), so that a
// locked or ended session does not make a refused call at every start. It is one of the three
// role names, nothing about the person; the core checks session and role on that call as on any other.
import type { CallOutput, Result, UserRole } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call, hasSession } from '../api/client';
import { FIRST_QUEUE_INPUT } from '../supervisor/first-page';

export interface BootAnswers {
  sys: Result<CallOutput<'system.info'>>;
  current: Result<SessionInfo> | null;
  /** The supervisor's first queue page (supervisor/first-page.ts), when asked for at start. */
  firstQueue: Result<CallOutput<'queues.list'>> | null;
}

const LANDING_KEY = 'ventanilla.landing';

/** Which screen this tab's session opens on (its role), or null once it cannot read it. */
export function rememberLanding(role: UserRole | null): void {
  if (role) sessionStorage.setItem(LANDING_KEY, role);
  else sessionStorage.removeItem(LANDING_KEY);
}

let counterSection: typeof import('../counter/CounterSection') | null = null;

/** The clerk's first section's code (app/AppFrame.tsx loads it on first use): one load, shared. */
export const loadCounterSection = () => import('../counter/CounterSection').then((m) => (counterSection = m));

/**
 * That code once loaded, else null. A clerk's frame is drawn only once it is (app/App.tsx): the
 * keys typed right after signing in (Alt+S, a confirmation code) reach Atención, not a spinner.
 */
export const loadedCounterSection = () => counterSection;

function startBoot(): Promise<BootAnswers> {
  const signedIn = hasSession();
  const landing = signedIn ? sessionStorage.getItem(LANDING_KEY) : null;
  if (landing === 'ventanillero') void loadCounterSection();
  return Promise.all([
    call('system.info', {}),
    signedIn ? call('session.current', {}) : null,
    landing === 'supervisor' ? call('queues.list', FIRST_QUEUE_INPUT) : null,
  ]).then(([sys, current, firstQueue]) => ({ sys, current, firstQueue }));
}

let settled: BootAnswers | null = null;

/** The start's answers (asked for once, when this module is first evaluated). */
export const bootAnswers: Promise<BootAnswers> = startBoot().then((answers) => (settled = answers));

/** The answers if they are already in: the app's first render then draws the screen at once. */
export const settledBoot = (): BootAnswers | null => settled;
