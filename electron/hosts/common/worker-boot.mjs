// Starts a core worker from source (browser host under tsx, tests, the benchmark): registers
// tsx in this worker, then loads the TypeScript entry named in workerData. The desktop app's
// workers run the bundled dist-electron/core-worker.cjs instead and never load this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
