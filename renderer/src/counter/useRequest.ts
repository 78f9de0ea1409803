// One request open at the counter: its detail as last loaded, and the version every change
// must carry. Changes run one after another (a fast clerk can press two keys before the first
// answer arrives) and each takes the version the previous one returned.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallOutput, Result } from '../../../shared/contract';
import { call } from '../api/client';

export type RequestDetail = CallOutput<'requests.get'>;
export type ChecklistItem = RequestDetail['checklist'][number];

export interface RequestHandle {
  detail: RequestDetail | null;
  loadError: string | null;
  /** Increases on every load: screens keyed on it start from the loaded data. */
  loadSeq: number;
  reload(): Promise<RequestDetail | null>;
  /** Runs a versioned change with the latest version; keeps the version it answers with. */
  run<T extends { version: number }>(op: (version: number) => Promise<Result<T>>): Promise<Result<T>>;
  /** Local update after a change the core accepted (avoids a reload per checkbox). */
  patch(update: (d: RequestDetail) => RequestDetail): void;
}

export function useRequest(id: string): RequestHandle {
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadSeq, setLoadSeq] = useState(0);
  const version = useRef(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const reload = useCallback(async () => {
    const r = await call('requests.get', { id });
    if (!r.ok) {
      setLoadError(r.error.message);
      return null;
    }
    version.current = r.value.version;
    setDetail(r.value);
    setLoadError(null);
    setLoadSeq((n) => n + 1);
    return r.value;
  }, [id]);

  useEffect(() => {
    let cancelled = false;
    void call('requests.get', { id }).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setLoadError(r.error.message);
      version.current = r.value.version;
      setDetail(r.value);
      setLoadSeq((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [id]);

  const run = useCallback(<T extends { version: number }>(op: (v: number) => Promise<Result<T>>) => {
    const next = queue.current.then(async () => {
      const r = await op(version.current);
      if (r.ok) version.current = r.value.version;
      return r;
    });
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const patch = useCallback((update: (d: RequestDetail) => RequestDetail) => setDetail((d) => (d ? update(d) : d)), []);

  return { detail, loadError, loadSeq, reload, run, patch };
}
