// The host's own state (core/context.ts HostState) in the host process's memory: what the
// updater last reported and whether the screen has unsaved work. Both end with the process,
// which is their meaning: a new process has no screen yet and checks for updates anew.
import type { HostState, HostUpdateState } from '../../core/context';

export function memoryHostState(): HostState {
  let update: HostUpdateState | null = null;
  let unsaved = false;
  return {
    update: () => update,
    reportUpdate: (state) => void (update = { ...state }),
    unsavedWork: () => unsaved,
    setUnsavedWork: (value) => void (unsaved = value),
  };
}
