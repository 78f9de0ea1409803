// The screens scroll inside AppFrame's <main id="contenido">, which stays mounted while a section
// moves between its views: a new view starts at its top, not where the last one was scrolled to.
import { useLayoutEffect } from 'react';

export const MAIN_ID = 'contenido';

/** Scrolls the main area to its top whenever `key` changes (before any focus moves within it). */
export function useScrollTopOn(key: string): void {
  useLayoutEffect(() => {
    document.getElementById(MAIN_ID)?.scrollTo({ top: 0 });
  }, [key]);
}
