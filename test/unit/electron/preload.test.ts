import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL } from '../../../shared/contract/bridge';

// The real preload module, with the only two things a sandboxed preload gets from Electron.
const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'respuesta' })), send: vi.fn(), on: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.contextBridge.exposeInMainWorld.mockClear();
    electron.ipcRenderer.invoke.mockClear();
    await import('../../../electron/hosts/desktop/preload');
  });

  function exposed(): Record<string, unknown> {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('ventanilla');
    return value as Record<string, unknown>;
  }

  it('exposes exactly one key, ventanilla, holding exactly one function, call', () => {
    const bridge = exposed();
    expect(Object.keys(bridge)).toEqual(['call']);
    expect(typeof bridge.call).toBe('function');
    expect(Object.values(bridge).some((v) => v === electron.ipcRenderer)).toBe(false);
  });

  it('carries the envelope on the call channel, and nothing else', async () => {
    const call = exposed().call as (...args: unknown[]) => Promise<unknown>;
    const envelope = { call: 'system.status', input: {}, session: null };
    await expect(call(envelope, 'otro-canal', { extra: true })).resolves.toEqual({ ok: true, value: 'respuesta' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CALL_CHANNEL, envelope);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });
});
