import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 1_000;

/**
 * Calls `onIdle` once after `minutes` without keyboard or pointer activity. Checked against
 * Date.now() every second, so a machine waking from sleep locks at once.
 */
export function useIdleLock(minutes: number, enabled: boolean, onIdle: () => void): void {
  const last = useRef(0);
  const fire = useRef(onIdle);
  useEffect(() => {
    fire.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (!enabled) return;
    last.current = Date.now();
    const touch = () => void (last.current = Date.now());
    for (const type of ACTIVITY) window.addEventListener(type, touch, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) {
        last.current = Number.POSITIVE_INFINITY; // once per idle period
        fire.current();
      }
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [minutes, enabled]);
}
