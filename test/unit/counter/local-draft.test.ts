// The intake's write-through copy: what it keeps, and what it does on reopening against the core.
import { describe, expect, it } from 'vitest';
import {
  clearLocalDraft,
  localDraftKey,
  LOCAL_DRAFT_MAX_AGE_MS,
  pruneLocalDrafts,
  readLocalDraft,
  reconcileLocalDraft,
  unsavedFields,
  writeLocalDraft,
  type DraftStorage,
} from '../../../renderer/src/counter/intake/localDraft';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const KEY = localDraftKey('user-1', 'req-1');
const CORE = { version: 7, intake: { employerRuc: '1792060346001', employerBranch: '0001', employerLegalName: 'Constructora Los Andes S.A.', viaThirdParty: false } };

describe('local copy of unsaved typing', () => {
  it('keeps only the fields the core has not acknowledged, per user and request', () => {
    expect(localDraftKey('user-1', 'req-1')).not.toBe(localDraftKey('user-2', 'req-1'));
    expect(unsavedFields({ ...CORE.intake, address: 'Av. Naciones Unidas E2' }, CORE.intake)).toEqual({ address: 'Av. Naciones Unidas E2' });
    expect(unsavedFields({ ...CORE.intake, viaThirdParty: true }, CORE.intake)).toEqual({ viaThirdParty: true });
    expect(unsavedFields(CORE.intake, CORE.intake)).toEqual({});
    const storage = memoryStorage();
    writeLocalDraft(storage, KEY, 7, { address: 'Av. Naciones Unidas E2' }, 1000);
    expect(readLocalDraft(storage, KEY)).toEqual({ baseVersion: 7, at: 1000, fields: { address: 'Av. Naciones Unidas E2' } });
    // Nothing unsaved (the core acknowledged it): the copy is gone.
    writeLocalDraft(storage, KEY, 8, {}, 2000);
    expect(storage.map.size).toBe(0);
  });

  it('puts back typing done over the version the core still has', () => {
    const local = { baseVersion: 7, at: 1000, fields: { address: 'Av. Naciones Unidas E2-17', employerLegalName: 'Constructora Los Andes S.A.' } };
    expect(reconcileLocalDraft(local, CORE)).toEqual({ kind: 'restore', fields: { address: 'Av. Naciones Unidas E2-17' }, at: 1000 });
  });

  it('never puts it over newer data of the core: the clerk is asked', () => {
    const local = { baseVersion: 6, at: 1000, fields: { address: 'Av. Naciones Unidas E2-17' } };
    expect(reconcileLocalDraft(local, CORE)).toEqual({ kind: 'stale', fields: { address: 'Av. Naciones Unidas E2-17' }, at: 1000 });
  });

  it('forgets a copy the core already has (the save went through, its answer was lost)', () => {
    const local = { baseVersion: 6, at: 1000, fields: { employerRuc: '1792060346-001', employerBranch: '1' } };
    expect(reconcileLocalDraft(local, CORE)).toEqual({ kind: 'none' });
    expect(reconcileLocalDraft(null, CORE)).toEqual({ kind: 'none' });
  });

  it('ignores a damaged or foreign entry instead of failing the screen', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{not json');
    expect(readLocalDraft(storage, KEY)).toBeNull();
    storage.setItem(KEY, JSON.stringify({ baseVersion: 1, at: 1, fields: { rogue: 'x' } }));
    expect(readLocalDraft(storage, KEY)).toBeNull();
    clearLocalDraft(storage, KEY);
    expect(storage.map.size).toBe(0);
    const full: DraftStorage = { getItem: () => null, removeItem: () => undefined, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeLocalDraft(full, KEY, 1, { address: 'x' }, 1)).not.toThrow();
  });

  it('drops copies older than a week, and only its own keys', () => {
    const storage = memoryStorage();
    const now = 10 * LOCAL_DRAFT_MAX_AGE_MS;
    writeLocalDraft(storage, localDraftKey('u', 'old'), 1, { address: 'x' }, now - LOCAL_DRAFT_MAX_AGE_MS - 1);
    writeLocalDraft(storage, localDraftKey('u', 'recent'), 1, { address: 'y' }, now - 1000);
    storage.setItem('ventanilla.otro', 'se queda');
    pruneLocalDrafts(storage, now);
    expect([...storage.map.keys()].sort()).toEqual([localDraftKey('u', 'recent'), 'ventanilla.otro'].sort());
  });
});
