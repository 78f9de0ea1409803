// Builds a ready core over a data directory: database opened and migrated, handlers bound.
import { openDatabase } from '../../db/open';
import { systemClock, silentLogger, type Clock, type HostKind, type Logger, type SecretStore } from './context';
import { handlers } from './handlers';
import { applyPendingRestore, recordAppliedRestore } from './ops/pending-restore';
import { createCore, type Core } from './registry';
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
}

export interface OpenedCore {
  core: Core;
  close(): void;
}

export function openCore(opts: OpenCoreOptions): OpenedCore {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? silentLogger;
  // A restore an administrator scheduled from the Operación screen goes in before the database opens.
  const restore = applyPendingRestore(opts.dataDir, clock.now(), log);
  const opened = openDatabase({ dataDir: opts.dataDir, migrationsDir: opts.migrationsDir });
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
    },
    handlers,
  );
  if (restore.outcome === 'aplicada') {
    recordAppliedRestore(core.ctx, restore.restore);
    restore.finish();
  }
  return { core, close: opened.close };
}
