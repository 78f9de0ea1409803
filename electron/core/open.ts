// Builds a ready core over a data directory: database opened and migrated, handlers bound, its
// background services ready for the host to start.
import { openDatabase } from '../../db/open';
import { systemClock, silentLogger, type Clock, type HostKind, type HostState, type Logger, type SecretStore } from './context';
import { handlers } from './handlers';
import { removeInterruptedCopies } from './ops/leftovers';
import { applyPendingRestore, recordAppliedRestore } from './ops/pending-restore';
import { createCore, type Core, type Offload } from './registry';
import { createScheduler, type Services } from './scheduler';
import { services } from './services';
import { dropHostKeys } from './settings';
import pkg from '../../package.json';

export interface OpenCoreOptions {
  dataDir: string;
  migrationsDir: string;
  host: HostKind;
  clock?: Clock;
  log?: Logger;
  /**
   * Where the desk's secrets live: a port the host provides (the desktop app's safeStorage store,
   * the owner-only file of the browser host and the CLI: electron/hosts/common/secrets-file.ts).
   */
  secrets: SecretStore;
  /** The host's own state (updater, unsaved work), kept by the host outside the database. */
  hostState: HostState;
  /** Where heavy reads run (core/heavy.ts); without it, on this thread like every other call. */
  offload?: Offload;
}

export interface OpenedCore {
  core: Core;
  /** The background services (core/services.ts), not started: a host starts them, and stops them before close. */
  services: Services;
  close(): void;
}

export function openCore(opts: OpenCoreOptions): OpenedCore {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? silentLogger;
  // Copies of a backup an interrupted restore or verification left behind hold personal data.
  removeInterruptedCopies(opts.dataDir, log);
  // A restore an administrator scheduled from the Operación screen goes in before the database opens.
  const restore = applyPendingRestore(opts.dataDir, clock.now(), log, opts.secrets);
  const opened = openDatabase({ dataDir: opts.dataDir, migrationsDir: opts.migrationsDir });
  dropHostKeys(opened.db);
  const core = createCore(
    {
      db: opened.db,
      clock,
      log,
      dataDir: opts.dataDir,
      appVersion: pkg.version,
      schemaVersion: opened.schemaVersion,
      host: opts.host,
      secrets: opts.secrets,
      hostState: opts.hostState,
    },
    handlers,
    opts.offload ? { offload: opts.offload } : {},
  );
  if (restore.outcome === 'aplicada') {
    recordAppliedRestore(core.ctx, restore.restore);
    restore.finish();
  }
  return { core, services: createScheduler(core.ctx, services), close: opened.close };
}
