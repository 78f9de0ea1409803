// What the desktop app runs besides the window and the core's background services, once the
// core is open: the agency configuration file applied if it changed, and the updater. Kept out
// of main-process.ts so that it can be driven in tests with a real core and a stand-in updater.
import type { CoreContext, HostState, Logger } from '../../core/context';
import { getSetting } from '../../core/settings';
import type { Core } from '../../core/registry';
import { createUpdateController, withUpdateHooks, type UpdateController, type UpdaterLike } from './updater';

export interface DesktopOpsOptions {
  isPackaged: boolean;
  log: Logger;
  /** electron-updater's autoUpdater, created on demand (it reads the app on first access). */
  updater?: () => UpdaterLike;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
}

export interface DesktopOps {
  /** The core as the IPC handler should see it (app.installUpdate restarts into the installer). */
  core(core: Pick<Core, 'call'>): Pick<Core, 'call'>;
  updates: UpdateController | null;
  beforeQuit(): void;
  /** Before the database closes: nothing may write to it afterwards. */
  stop(): void;
}

/**
 * What the operations read of the core, from the main process: the core runs in a worker
 * (core-process.ts), so these are the main process's own copies (agencia.json is applied by the
 * worker at start: core/ops/agency-config.ts applyAgencyConfigAtStart).
 */
export interface DesktopOpsPort {
  hostState: HostState;
  now(): number;
  /** The agency configuration's update feed as last read from the core. */
  updateUrl(): string | null;
}

/** The port over a core in this process (tests that drive the operations with a real core). */
export function inProcessOpsPort(ctx: CoreContext): DesktopOpsPort {
  return { hostState: ctx.hostState, now: () => ctx.clock.now(), updateUrl: () => getSetting(ctx.db, 'ops.updateUrl') };
}

export function startDesktopOps(port: DesktopOpsPort, o: DesktopOpsOptions): DesktopOps {
  let stopped = false;
  const ctx = port;

  const updates = o.updater
    ? createUpdateController({
        updater: o.updater(),
        isPackaged: o.isPackaged,
        feedUrl: () => port.updateUrl(),
        unsavedWork: () => ctx.hostState.unsavedWork(),
        report: (state) => {
          // Updater events can arrive while the app is closing.
          if (!stopped) ctx.hostState.reportUpdate(state);
        },
        log: o.log,
        now: () => port.now(),
        ...(o.timers ? { timers: o.timers } : {}),
      })
    : null;
  if (updates) updates.start();
  else ctx.hostState.reportUpdate({ state: 'no_disponible', availableVersion: null, percent: null, checkedAt: null, message: null });

  return {
    core: (core) => (updates ? withUpdateHooks(core, updates) : core),
    updates,
    beforeQuit: () => updates?.beforeQuit(),
    stop() {
      stopped = true;
      updates?.stop();
    },
  };
}
