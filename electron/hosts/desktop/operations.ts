// What the desktop app runs besides the window and the core's background services, once the
// core is open: the agency configuration file applied if it changed, and the updater. Kept out
// of main-process.ts so that it can be driven in tests with a real core and a stand-in updater.
import type { CoreContext, Logger } from '../../core/context';
import { applyAgencyConfigFileIfChanged } from '../../core/ops/agency-config';
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

export function startDesktopOps(ctx: CoreContext, o: DesktopOpsOptions): DesktopOps {
  let stopped = false;
  const applied = applyAgencyConfigFileIfChanged(ctx.db, ctx.dataDir, ctx.clock.now());
  if ('errors' in applied) {
    // The administrator sees the messages on the Operación screen; nothing was changed.
    o.log.warn('agency configuration file not applied', { outcome: applied.outcome, errors: applied.errors });
  } else if (applied.outcome === 'aplicado') {
    o.log.info('agency configuration file applied', {});
  }

  const updates = o.updater
    ? createUpdateController({
        updater: o.updater(),
        isPackaged: o.isPackaged,
        feedUrl: () => getSetting(ctx.db, 'ops.updateUrl'),
        unsavedWork: () => ctx.hostState.unsavedWork(),
        report: (state) => {
          // Updater events can arrive while the app is closing.
          if (!stopped) ctx.hostState.reportUpdate(state);
        },
        log: o.log,
        now: () => ctx.clock.now(),
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
