// Sandboxed preload (bundled to dist-electron/preload.cjs): only 'electron' can be required
// here, and only the bridge crosses into the page. See electron-host/bridge.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './bridge';

exposeBridge(contextBridge, ipcRenderer);
