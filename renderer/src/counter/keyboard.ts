// Keyboard plumbing shared by the counter screens: the clerk works eight hours a day with the
// hands on the keyboard, so every main action has an Alt+letter and focus is placed for them.
import { useLayoutEffect, useRef } from 'react';

/** True while a MUI dialog is open: its own keys (Esc, Enter) win over the screen's. */
export const dialogOpen = () => document.querySelector('.MuiDialog-root') !== null;

/**
 * Focuses an element by id after the current commit and after AppFrame's own effect (which
 * moves focus to the section's h1 when a section is entered).
 */
export function focusSoon(id: string, select = false): void {
  window.setTimeout(() => {
    const el = document.getElementById(id);
    if (!el) return;
    // A dialog opened meanwhile (a quick Esc then Alt+O) keeps its focus: the deferred focus of
    // the screen behind it must not pull the clerk's keys out of it. A dialog still fading out
    // has already given focus back (MUI's FocusTrap), so it does not hold this one back.
    const dialog = document.activeElement?.closest('.MuiDialog-root');
    if (dialog && !dialog.contains(el)) return;
    el.focus();
    if (select && el instanceof HTMLInputElement) el.select();
  }, 0);
}

export interface Hotkeys {
  /** Keyed by KeyboardEvent.code of the letter with Alt (e.g. 'KeyI'): layout-independent. */
  alt?: Record<string, () => void>;
  ctrlEnter?: () => void;
  escape?: () => void;
}

/**
 * Screen-level shortcuts. Ignored while a dialog is open (the dialog owns Esc and Enter) and
 * for key repeats, so holding a key never fires an action twice.
 */
export function useHotkeys(keys: Hotkeys, enabled = true): void {
  const ref = useRef(keys);
  // Layout effects, not effects: the keys work from the first frame a screen is visible, so an
  // Alt+letter typed the instant a step appears is never lost.
  useLayoutEffect(() => {
    ref.current = keys;
  });
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.defaultPrevented || dialogOpen()) return;
      const current = ref.current;
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const action = current.alt?.[e.code];
        if (action) {
          e.preventDefault();
          action();
        }
        return;
      }
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && current.ctrlEnter) {
        e.preventDefault();
        current.ctrlEnter();
        return;
      }
      if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && current.escape) {
        // An open native <select> or a listbox handles its own Esc.
        const target = e.target as HTMLElement | null;
        if (target?.getAttribute('aria-expanded') === 'true') return;
        e.preventDefault();
        current.escape();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
