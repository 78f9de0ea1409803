// What can wait one frame waits for it: a screen's first frame (the queue's first rows) is drawn
// before its secondary reads (the status bar's, the queue counts, the list of desks) are asked for
// and before what lies below the fold is drawn (app/PagedTable.tsx), so that neither their
// requests nor their styles delay it (test/bench/supervisor.ts, queue screen metric;
// docs/architecture.md, «The first frame»).
import { useEffect, useState } from 'react';

/**
 * Runs `fn` once the next frame is painted (a task after that frame's callbacks), or after
 * FALLBACK_MS if no frame comes (a tab in the background draws none); returns the cancel.
 */
export function afterPaint(fn: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancel();
    fn();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  const fallback = setTimeout(run, FALLBACK_MS);
  function cancel() {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  }
  return () => {
    done = true;
    cancel();
  };
}

const FALLBACK_MS = 250;

/** False in a component's first render; true once the frame that first showed it is painted. */
export function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => (painted ? undefined : afterPaint(() => setPainted(true))), [painted]);
  return painted;
}
