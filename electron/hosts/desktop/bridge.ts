// What the preload hands to the page: one function, bound to one channel. The renderer can
// neither choose the channel nor pass anything but the envelope.
import type { ContextBridge, IpcRenderer } from 'electron';
import { IPC_CALL_CHANNEL, type CallEnvelope, type VentanillaBridge } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/contract/result';

export const BRIDGE_KEY = 'ventanilla';

export function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke'>): VentanillaBridge {
  return {
    call: (envelope: CallEnvelope) => ipcRenderer.invoke(IPC_CALL_CHANNEL, envelope) as Promise<Result<unknown>>,
  };
}

export function exposeBridge(contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipcRenderer: Pick<IpcRenderer, 'invoke'>): void {
  contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
}
