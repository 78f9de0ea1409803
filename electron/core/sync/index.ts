// Sync with IESS central services (issue #7): the hosts start the loop, the core registers the calls.
export { startSyncLoop, syncOnce, recoverAfterRestart, DEFAULT_SYNC_OPTIONS, type SyncLoop, type SyncOptions, type CycleResult } from './engine';
export { syncHandlers } from './handlers';
export { connectionState, TOKEN_SECRET } from './state';
