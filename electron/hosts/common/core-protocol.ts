// The messages between a host and the core it runs in a worker (electron/hosts/common/
// core-worker.ts): a worker thread for the browser host, an Electron utility process for the
// desktop app. Both ends are ours, but what comes back from the worker is still parsed with zod
// (core-client.ts): a worker that dies mid-message or a version mismatch after an update must
// not become a host exception.
import { z } from 'zod';
import type { HostKind, HostUpdateState } from '../../core/context';
import type { Auth } from '../../core/registry';

/** How a worker starts another worker of the same code (the core's readers). */
export type WorkerSpec =
  /** A bundled CommonJS file (the desktop app's dist-electron/core-worker.cjs). */
  | { kind: 'bundle'; file: string }
  /** From source: a plain .mjs that registers tsx, then imports the TypeScript entry. */
  | { kind: 'source'; boot: string; entry: string };

export interface CoreInit {
  dataDir: string;
  migrationsDir: string;
  host: HostKind;
  /** Tests only: the services start paused and run when a test steps them. */
  servicesPaused: boolean;
  /**
   * Where secrets live. 'file': the owner-only file the worker reads itself (browser host).
   * 'mirror': the host decrypts (safeStorage exists only in Electron's main process) and sends
   * the values; the worker sends every change back for the host to encrypt and store.
   */
  secrets: { kind: 'file' } | { kind: 'mirror'; encrypted: boolean; values: Record<string, string> };
  /** The desktop app applies agencia.json at start when it changed (ops/agency-config.ts). */
  applyAgencyConfig: boolean;
  /** Reader workers for heavy reads (core/heavy.ts); 0 runs them on the core's own thread. */
  readers: number;
  worker: WorkerSpec;
  /** Tests only: see ReaderInit.hold (reader-pool.ts). */
  holdReaders?: SharedArrayBuffer;
  /**
   * The host's state (core/context.ts HostState) as the host keeps it: the worker holds a copy
   * for the core's synchronous reads, and a worker started after a crash gets it back from here
   * (the window still has its unfinished intake, the updater its download).
   */
  hostState: { update: HostUpdateState | null; unsavedWork: boolean };
}

export type ServiceOp = 'pause' | 'resume' | 'step' | 'status';

export type ToCore =
  | { t: 'init'; init: CoreInit }
  | { t: 'call'; id: number; name: string; input: unknown; auth: Auth }
  | { t: 'cancel'; id: number }
  | { t: 'services'; id: number; op: ServiceOp; service?: string }
  | { t: 'setting'; id: number; key: 'ops.updateUrl' }
  | { t: 'hostUpdate'; state: HostUpdateState }
  | { t: 'stop' };

const Level = z.enum(['info', 'warn', 'error']);

export const FromCore = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready') }),
  /** Opening failed: `message` is Spanish, for the person at the screen. */
  z.object({ t: z.literal('failed'), message: z.string(), versionError: z.boolean() }),
  z.object({ t: z.literal('result'), id: z.number(), result: z.unknown() }),
  z.object({ t: z.literal('reply'), id: z.number(), ok: z.boolean(), value: z.unknown(), error: z.string().optional() }),
  z.object({ t: z.literal('log'), level: Level, message: z.string(), fields: z.record(z.string(), z.unknown()).optional() }),
  z.object({ t: z.literal('secret'), name: z.string(), value: z.string().nullable() }),
  z.object({ t: z.literal('unsaved'), value: z.boolean() }),
  z.object({ t: z.literal('stopped') }),
]);
export type FromCore = z.infer<typeof FromCore>;
