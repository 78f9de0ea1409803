// What the Electron preload exposes to the renderer as `window.ventanilla`, and nothing more:
// one function that carries a call envelope to the core and brings back its result.
import type { Result } from './result';

export interface CallEnvelope {
  call: string;
  input: unknown;
  /** Session token from session.login; null before login. */
  session: string | null;
}

export interface VentanillaBridge {
  call(envelope: CallEnvelope): Promise<Result<unknown>>;
}

/** The IPC channel name shared by the preload and the main process. */
export const IPC_CALL_CHANNEL = 'ventanilla:call';
