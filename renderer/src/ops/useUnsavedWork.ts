// Tells the desktop host whether there is work on screen that is not saved yet, so that an
// update never installs in the middle of an intake (electron-host/updater.ts). A screen calls
// useUnsavedWork('intake', dirty) with its own idea of "dirty" (e.g. a request open in the
// workspace, or the autosave not yet flushed); the flag sent is the OR of all screens, and only
// its changes are sent. Leaving the screen clears its part.
//
// The call needs no session (a screen unmounting after a logout, or under the lock screen,
// still clears its part), and a value counts as sent only once the core accepted it: a report
// that failed is sent again, so the core is never left believing there is unsaved work.
import { useEffect } from 'react';
import { call } from '../api/client';

const RETRY_MS = 5_000;
const dirtyKeys = new Set<string>();
/** The last value the core accepted. */
let acknowledged = false;
let inFlight = false;
let retry: ReturnType<typeof setTimeout> | null = null;

function report(): void {
  const unsaved = dirtyKeys.size > 0;
  if (inFlight || unsaved === acknowledged) return;
  inFlight = true;
  if (retry) clearTimeout(retry);
  retry = null;
  void call('app.setUnsavedWork', { unsaved }).then((r) => {
    inFlight = false;
    if (r.ok) acknowledged = unsaved;
    else retry = setTimeout(report, RETRY_MS);
    // The screens may have changed while the call was on its way.
    if (r.ok) report();
  });
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
