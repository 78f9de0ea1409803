// The renderer's one way to reach the core: call(name, input) typed from the contract.
// Under Electron it goes through the preload's bridge (IPC); in a browser, over HTTP to the
// local host with the per-launch token. Screens never know which.
import type { CallInput, CallName, CallOutput, Result, VentanillaBridge, CallEnvelope } from '../../../shared/contract';
import { CHANGE_CALLS } from '../../../shared/contract/change-calls';

declare global {
  interface Window {
    ventanilla?: VentanillaBridge;
  }
}

const LAUNCH_KEY = 'ventanilla.launch';
const SESSION_KEY = 'ventanilla.session';

/** Takes the launch token out of the URL fragment once, so it is not left in history. */
function launchToken(): string | null {
  const match = /[#&]launch=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(LAUNCH_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(LAUNCH_KEY);
}

const NETWORK_ERROR: Result<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'No hay comunicación con el servicio local de Ventanilla Patronal. Verifique que la aplicación siga abierta.' },
};

const CANCELLED: Result<never> = { ok: false, error: { code: 'unavailable', message: 'La consulta se canceló porque la pantalla que la pidió se cerró.' } };

async function httpTransport(envelope: CallEnvelope, signal?: AbortSignal): Promise<Result<unknown>> {
  try {
    const res = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${launchToken() ?? ''}` },
      body: JSON.stringify(envelope),
      // A screen that is gone aborts its read: the host cancels the heavy work it started.
      ...(signal ? { signal } : {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return signal?.aborted ? CANCELLED : NETWORK_ERROR;
  }
}

let session: string | null = sessionStorage.getItem(SESSION_KEY);

export function setSession(token: string | null): void {
  session = token;
  if (token) sessionStorage.setItem(SESSION_KEY, token);
  else sessionStorage.removeItem(SESSION_KEY);
}

export const hasSession = () => session !== null;

// Read once at start so the launch token leaves the address bar before anything renders.
if (!window.ventanilla) launchToken();

/** Events the app frame listens to: the core ended or locked the session under our feet. */
export const SIGNED_OUT_EVENT = 'ventanilla:signed-out';
export const LOCKED_EVENT = 'ventanilla:locked';
/** Calls whose 'unauthenticated' answer means a wrong password, not a dead session. */
const SELF_CHECKING = new Set<CallName>(['session.login', 'session.unlock', 'account.changePassword']);

type ChangeListener = (name: CallName) => void;
const changeListeners = new Set<ChangeListener>();

/**
 * Runs `listener` after every call that changed something in the core (its contract's audit kind
 * is 'change'), whichever screen made it: what every screen shows about the whole desk (the status
 * bar's pending count) follows at once. Returns the unsubscribe.
 */
export function onCoreChanged(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  return () => void changeListeners.delete(listener);
}

/**
 * `signal`: the screen that asked is gone (TanStack Query aborts a read nobody watches any more).
 * Over HTTP the request is aborted and the host cancels it; in the desktop app the window's
 * reload or close cancels its calls (electron/hosts/desktop/ipc.ts).
 */
export async function call<K extends CallName>(name: K, input: CallInput<K>, options: { signal?: AbortSignal } = {}): Promise<Result<CallOutput<K>>> {
  const envelope: CallEnvelope = { call: name, input, session };
  const result = window.ventanilla ? await window.ventanilla.call(envelope).catch(() => NETWORK_ERROR) : await httpTransport(envelope, options.signal);
  if (!result.ok && result.error.code === 'unauthenticated' && session !== null && !SELF_CHECKING.has(name)) {
    setSession(null);
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  if (!result.ok && result.error.code === 'session_locked') window.dispatchEvent(new Event(LOCKED_EVENT));
  if (result.ok && CHANGE_CALLS.has(name)) for (const listener of changeListeners) listener(name);
  return result as Result<CallOutput<K>>;
}
