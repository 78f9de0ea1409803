// Tells the desktop host whether there is work on screen that is not saved yet, so that an
// update never installs in the middle of an intake (electron-host/updater.ts). A screen calls
// useUnsavedWork('intake', dirty) with its own idea of "dirty" (e.g. a request open in the
// workspace, or the autosave not yet flushed); the flag sent is the OR of all screens, and only
// its changes are sent. Leaving the screen clears its part.
import { useEffect } from 'react';
import { call } from '../api/client';

const dirtyKeys = new Set<string>();
let reported = false;

function report(): void {
  const unsaved = dirtyKeys.size > 0;
  if (unsaved === reported) return;
  reported = unsaved;
  void call('app.setUnsavedWork', { unsaved });
}

export function setUnsavedWork(key: string, dirty: boolean): void {
  if (dirty) dirtyKeys.add(key);
  else dirtyKeys.delete(key);
  report();
}

export function useUnsavedWork(key: string, dirty: boolean): void {
  useEffect(() => {
    setUnsavedWork(key, dirty);
  }, [key, dirty]);
  useEffect(() => () => setUnsavedWork(key, false), [key]);
}
