// Automatic updates with electron-updater against a generic HTTPS feed per deployment (the
// agency configuration's updateUrl: the agency's or the IESS's own server holding latest.yml
// and the installers). The update downloads in the background; it is installed only
//   - when someone presses "Reiniciar y actualizar" (app.installUpdate), and the screen has
//     reported no unsaved work, or
//   - when the app quits, again only if no unsaved work was reported at that moment.
// It is never installed on its own in the middle of the day: on 'update-downloaded' we only
// say that it waits.
import type { HostUpdateState, Logger } from '../../core/context';
import type { Core } from '../../core/registry';

/** The part of electron-updater's AppUpdater we use (the real autoUpdater satisfies it). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (arg: never) => void): unknown;
}

export type InstallDecision = 'instalar' | 'esperar_trabajo' | 'nada_que_instalar';

/** The one rule: an update that waits is installed only when nothing is left unsaved. */
export function installDecision(s: { state: HostUpdateState['state']; unsavedWork: boolean }): InstallDecision {
  if (s.state !== 'lista') return 'nada_que_instalar';
  return s.unsavedWork ? 'esperar_trabajo' : 'instalar';
}

export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export interface UpdateControllerOptions {
  updater: UpdaterLike;
  isPackaged: boolean;
  /** The agency configuration's update feed, read at every check (it may change). */
  feedUrl(): string | null;
  unsavedWork(): boolean;
  /** Publishes the state for the status bar (the host state the core reads: core/ops/service.ts). */
  report(state: HostUpdateState): void;
  log: Logger;
  now(): number;
  /** Between two checks; the first one runs a minute after start so start-up stays fast. */
  checkEveryMs?: number;
  firstCheckMs?: number;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
}

export interface UpdateController {
  start(): void;
  checkNow(): Promise<void>;
  /** After app.installUpdate answered ok. Returns what it decided. */
  requestInstall(): InstallDecision;
  /** On app 'before-quit': whether electron-updater may install as the app closes. */
  beforeQuit(): void;
  state(): HostUpdateState;
  stop(): void;
}

const FOUR_HOURS = 4 * 3_600_000;

export function createUpdateController(o: UpdateControllerOptions): UpdateController {
  const timers = o.timers ?? globalThis;
  let current: HostUpdateState = { state: 'no_disponible', availableVersion: null, percent: null, checkedAt: null, message: null };
  const set = (patch: Partial<HostUpdateState>) => {
    current = { ...current, ...patch };
    o.report(current);
  };
  let first: ReturnType<typeof setTimeout> | undefined;
  let every: ReturnType<typeof setInterval> | undefined;
  let lastPercentStep = -1;

  const u = o.updater;
  u.autoDownload = true;
  // Stays true so electron-updater registers its quit handler; beforeQuit() turns it off
  // when there is unsaved work at that moment.
  u.autoInstallOnAppQuit = true;
  u.allowDowngrade = false;
  // electron-updater logs URLs and file names; through our logger they are masked and rotated.
  u.logger = {
    info: (m: unknown) => o.log.info('updater', { detail: String(m) }),
    warn: (m: unknown) => o.log.warn('updater', { detail: String(m) }),
    error: (m: unknown) => o.log.error('updater', { detail: String(m) }),
    debug: () => {},
  };
  u.on('checking-for-update', () => set({ state: 'buscando', message: null }));
  u.on('update-not-available', () => set({ state: 'al_dia', availableVersion: null, percent: null, checkedAt: o.now(), message: null }));
  u.on('update-available', (info: { version: string }) => {
    lastPercentStep = -1;
    set({ state: 'descargando', availableVersion: info.version, percent: 0, checkedAt: o.now(), message: `Descargando la versión ${info.version}…` });
  });
  u.on('download-progress', (p: { percent: number }) => {
    // One report per 10 %: the status bar need not follow every chunk.
    const step = Math.floor(p.percent / 10);
    if (step === lastPercentStep) return;
    lastPercentStep = step;
    set({ state: 'descargando', percent: Math.round(p.percent) });
  });
  u.on('update-downloaded', (info: { version: string }) =>
    set({
      state: 'lista',
      availableVersion: info.version,
      percent: 100,
      message: `La versión ${info.version} está lista: se instalará al cerrar la aplicación, o ahora con "Reiniciar y actualizar".`,
    }),
  );
  u.on('error', (err: Error) => {
    o.log.error('update failed', { error: err });
    // A failed check keeps a downloaded update usable: only the check is reported as failed.
    if (current.state !== 'lista') set({ state: 'error', percent: null, checkedAt: o.now(), message: 'No se pudo buscar o descargar la actualización; se volverá a intentar más tarde.' });
  });

  async function checkNow(): Promise<void> {
    if (!o.isPackaged) return;
    if (current.state === 'lista' || current.state === 'descargando') return;
    const url = o.feedUrl();
    if (!url) return set({ state: 'sin_configurar', message: 'Sin dirección de actualizaciones: configúrela en Operación › Configuración de la agencia.' });
    if (!isHttpsUrl(url)) return set({ state: 'error', message: 'La dirección de actualizaciones debe ser https://.' });
    u.setFeedURL({ provider: 'generic', url });
    try {
      await u.checkForUpdates();
    } catch {
      // Reported through the 'error' event.
    }
  }

  return {
    start() {
      if (!o.isPackaged) {
        set({ state: 'no_disponible', message: 'Las actualizaciones automáticas funcionan en la aplicación instalada.' });
        return;
      }
      set({ state: o.feedUrl() ? 'al_dia' : 'sin_configurar', message: null });
      first = timers.setTimeout(() => void checkNow(), o.firstCheckMs ?? 60_000);
      every = timers.setInterval(() => void checkNow(), o.checkEveryMs ?? FOUR_HOURS);
    },
    checkNow,
    requestInstall() {
      const decision = installDecision({ state: current.state, unsavedWork: o.unsavedWork() });
      o.log.info('update install requested', { decision });
      // Next tick: the IPC answer reaches the renderer before the windows close.
      if (decision === 'instalar') timers.setTimeout(() => u.quitAndInstall(false, true), 0);
      return decision;
    },
    beforeQuit() {
      const unsaved = o.unsavedWork();
      u.autoInstallOnAppQuit = !unsaved;
      if (unsaved && current.state === 'lista') o.log.info('update postponed: unsaved work at quit', {});
    },
    state: () => current,
    stop() {
      if (first) timers.clearTimeout(first);
      if (every) timers.clearInterval(every);
    },
  };
}

/**
 * The IPC door, with one addition: once the core has accepted app.installUpdate (role, audit,
 * unsaved-work check), the controller restarts the app into the installer.
 */
export function withUpdateHooks(core: Pick<Core, 'call'>, controller: Pick<UpdateController, 'requestInstall'>): Pick<Core, 'call'> {
  return {
    async call(name, input, auth) {
      const result = await core.call(name, input, auth);
      if (name === 'app.installUpdate' && result.ok) controller.requestInstall();
      return result;
    },
  };
}
