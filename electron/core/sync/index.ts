// Sync with IESS central services: the calls, and the background service the core registers.
export { syncService, syncOnce, recoverAfterRestart, DEFAULT_SYNC_OPTIONS, type SyncOptions, type CycleResult } from './engine';
export { syncHandlers } from './handlers';
export { connectionState, TOKEN_SECRET } from './state';
