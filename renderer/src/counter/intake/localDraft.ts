// Write-through copy of what the clerk typed and the core has not acknowledged yet, kept in the
// renderer's localStorage on every change (the core save is debounced): a crash of the host or
// the window between a keystroke and its save loses nothing. Only the unsaved fields are kept,
// with the version of the core's data they were typed over, so that restoring them never
// silently overwrites something newer saved elsewhere.
import { z } from 'zod';
import { IntakeDraftSchema } from '../../../../shared/contract/intake-draft';
import type { IntakeDraft, IntakeField } from '../../../../shared/domain';

const PREFIX = 'vp.borrador';

export const localDraftKey = (userId: string, requestId: string) => `${PREFIX}.${userId}.${requestId}`;

const LocalDraft = z.object({
  /** Version of the core's data the fields were typed over. */
  baseVersion: z.number().int(),
  /** When they were last typed (this computer's clock), for the clerk. */
  at: z.number(),
  fields: IntakeDraftSchema,
});
export type LocalDraft = z.infer<typeof LocalDraft>;

/** What one storage offers (the renderer's localStorage, or a stand-in in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The fields of `latest` that differ from what the core has acknowledged. */
export function unsavedFields(latest: IntakeDraft, saved: IntakeDraft): IntakeDraft {
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(latest), ...Object.keys(saved)]) as Set<IntakeField>) {
    if (latest[k] !== saved[k]) out[k] = latest[k] ?? (typeof saved[k] === 'boolean' ? false : '');
  }
  return out as IntakeDraft;
}

/** Writes the unsaved fields (or forgets the copy when nothing is unsaved). Never throws. */
export function writeLocalDraft(storage: DraftStorage | null, key: string, baseVersion: number, fields: IntakeDraft, now: number): void {
  if (!storage) return;
  try {
    if (Object.keys(fields).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ baseVersion, at: now, fields } satisfies LocalDraft));
  } catch {
    // A full or disabled storage: the core save still runs; there is just no local copy.
  }
}

export function readLocalDraft(storage: DraftStorage | null, key: string): LocalDraft | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const parsed = LocalDraft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clearLocalDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing to do
  }
}

// The core keeps the keys duplicates are looked up by canonical (counter/store.ts writeIntake).
function canonical(field: string, v: unknown): unknown {
  if (v === undefined || v === null) return '';
  if (field === 'employerRuc' && typeof v === 'string') return v.replace(/[\s-]/g, '');
  if (field === 'employerBranch' && typeof v === 'string' && /^\d{1,4}$/.test(v)) return v.padStart(4, '0');
  return v;
}

export type Reconciled =
  /** Nothing kept here, or nothing that differs from the core: the copy is forgotten. */
  | { kind: 'none' }
  /** Typed over the data the core still has: put back and saved. */
  | { kind: 'restore'; fields: IntakeDraft; at: number }
  /** The core has newer data (another window or desk saved after): the clerk decides. */
  | { kind: 'stale'; fields: IntakeDraft; at: number };

/** What to do with a local copy when the request is opened with the core's `version` and `intake`. */
export function reconcileLocalDraft(local: LocalDraft | null, core: { version: number; intake: IntakeDraft }): Reconciled {
  if (!local) return { kind: 'none' };
  const differing = Object.fromEntries(
    Object.entries(local.fields).filter(([k, v]) => canonical(k, v) !== canonical(k, core.intake[k as IntakeField])),
  ) as IntakeDraft;
  if (Object.keys(differing).length === 0) return { kind: 'none' };
  if (local.baseVersion === core.version) return { kind: 'restore', fields: differing, at: local.at };
  return { kind: 'stale', fields: differing, at: local.at };
}

/** A storage whose keys can be listed (localStorage). */
export interface ListableStorage extends DraftStorage {
  readonly length: number;
  key(index: number): string | null;
}

/** Copies older than this are dropped unread: personal data does not linger on the computer. */
export const LOCAL_DRAFT_MAX_AGE_MS = 7 * 24 * 3600_000;

/** Forgets every local copy last typed more than `maxAgeMs` ago (or unreadable). */
export function pruneLocalDrafts(storage: ListableStorage | null, now: number, maxAgeMs = LOCAL_DRAFT_MAX_AGE_MS): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(`${PREFIX}.`)) keys.push(k);
    }
    for (const k of keys) {
      const d = readLocalDraft(storage, k);
      if (!d || now - d.at > maxAgeMs) storage.removeItem(k);
    }
  } catch {
    // nothing to do
  }
}

/** The renderer's localStorage, or null where there is none (it never throws). */
export function browserStorage(): ListableStorage | null {
  try {
    // Through globalThis: this module is also loaded by Node tests, which have no DOM types.
    return (globalThis as { localStorage?: ListableStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
