// Drafts are saved as the clerk types: ~500 ms after the last keystroke, at once when a field
// loses focus, and before leaving the request. A failed save is retried until it goes through,
// so a dropped connection or a restarted host never costs typed work. Between a keystroke and
// its save, the journal (a write-through local copy, see localDraft.ts) holds what is unsaved.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallError, Result } from '../../../../shared/contract';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'offline' }
  | { kind: 'error'; message: string };

const DEBOUNCE_MS = 500;
const RETRY_MS = 3_000;

export interface Autosave<D> {
  status: SaveStatus;
  /** Call after every change of the draft. */
  changed(draft: D): void;
  /** Saves now if anything is unsaved; resolves true when everything is saved. */
  flush(): Promise<boolean>;
}

/**
 * Told synchronously of every change and every acknowledged save: `latest` is what is on screen,
 * `saved` what the core acknowledged, at `version`.
 */
export type DraftJournal<D> = (latest: D, saved: D, version: number) => void;

export function useAutosave<D>(
  initial: D,
  save: (draft: D) => Promise<Result<{ version: number }>>,
  onConflict: (error: CallError) => void,
  journal?: { version: number; record: DraftJournal<D> },
): Autosave<D> {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const latest = useRef(initial);
  const saved = useRef(initial);
  const savedVersion = useRef(journal?.version ?? 0);
  const journalRef = useRef(journal?.record);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const stopped = useRef(false);
  const saveRef = useRef(save);
  const conflictRef = useRef(onConflict);
  useEffect(() => {
    saveRef.current = save;
    conflictRef.current = onConflict;
    journalRef.current = journal?.record;
  });

  // flush reschedules itself (after a retry delay) through this ref.
  const again = useRef<() => Promise<boolean>>(() => Promise.resolve(false));
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (stopped.current) return false;
    if (latest.current === saved.current) return true;
    const snapshot = latest.current;
    const attempt = (async () => {
      setStatus({ kind: 'saving' });
      const r = await saveRef.current(snapshot);
      if (r.ok) {
        saved.current = snapshot;
        savedVersion.current = r.value.version;
        journalRef.current?.(latest.current, snapshot, r.value.version);
        setStatus(latest.current === snapshot ? { kind: 'saved', at: Date.now() } : { kind: 'pending' });
        if (latest.current !== snapshot) timer.current = window.setTimeout(() => void again.current(), DEBOUNCE_MS);
        return true;
      }
      if (r.error.code === 'unavailable') {
        setStatus({ kind: 'offline' });
        timer.current = window.setTimeout(() => void again.current(), RETRY_MS);
      } else if (r.error.code === 'conflict') {
        // The request moved on elsewhere: stop saving this copy, the screen reloads it.
        stopped.current = true;
        conflictRef.current(r.error);
      } else {
        setStatus({ kind: 'error', message: r.error.message });
      }
      return false;
    })();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }, []);
  useEffect(() => {
    again.current = flush;
  }, [flush]);

  const changed = useCallback(
    (draft: D) => {
      latest.current = draft;
      // Before anything else: the local copy is what survives a crash in the next 500 ms.
      journalRef.current?.(draft, saved.current, savedVersion.current);
      setStatus((s) => (s.kind === 'offline' || s.kind === 'saving' ? s : { kind: 'pending' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    // Closing the window with unsaved typing: ask first, and try to save meanwhile.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (latest.current === saved.current) return;
      void flush();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      // Leaving the screen (Esc, another section): save what is pending, without waiting.
      window.clearTimeout(timer.current);
      if (latest.current !== saved.current && !stopped.current) void flush();
    };
  }, [flush]);

  return { status, changed, flush };
}
