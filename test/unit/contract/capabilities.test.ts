// One name per capability: every call prefix belongs to exactly one capability
// (shared/contract/calls.ts CAPABILITIES), each capability's core folder provides exactly its own
// calls, and a handler for another capability's call does not compile (HandlersOf).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, CALL_NAMES, type Capability } from '../../../shared/contract';
import type { HandlersOf } from '../../../electron/core/registry';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('capabilities', () => {
  it('each call prefix belongs to exactly one capability, and every call to one', () => {
    const owner = new Map<string, Capability>();
    const seen: string[] = [];
    for (const [cap, calls] of Object.entries(CAPABILITIES) as [Capability, object][]) {
      for (const name of Object.keys(calls)) {
        seen.push(name);
        const prefix = name.split('.')[0]!;
        expect(owner.get(prefix) ?? cap, `${prefix}. belongs to ${owner.get(prefix)} and ${cap}`).toBe(cap);
        owner.set(prefix, cap);
      }
    }
    expect(seen.sort()).toEqual([...CALL_NAMES].sort());
  });

  it('each capability has its contract file, its core folder with handlers.ts and its renderer folder', () => {
    for (const cap of Object.keys(CAPABILITIES)) {
      expect(fs.existsSync(path.join(ROOT, 'shared/contract', `${cap}.ts`)), `shared/contract/${cap}.ts`).toBe(true);
      expect(fs.existsSync(path.join(ROOT, 'electron/core', cap, 'handlers.ts')), `electron/core/${cap}/handlers.ts`).toBe(true);
      expect(fs.existsSync(path.join(ROOT, 'renderer/src', cap)), `renderer/src/${cap}/`).toBe(true);
    }
  });

  it('each core folder registers exactly the calls of its capability', async () => {
    for (const cap of Object.keys(CAPABILITIES) as Capability[]) {
      const mod = (await import(`../../../electron/core/${cap}/handlers.ts`)) as Record<string, object>;
      const handlers = mod[`${cap}Handlers`];
      expect(handlers, `electron/core/${cap}/handlers.ts exports ${cap}Handlers`).toBeDefined();
      expect(Object.keys(handlers!).sort()).toEqual(Object.keys(CAPABILITIES[cap]).sort());
    }
  });

  it('a handler for another capability does not compile (checked by tsc in npm test)', () => {
    // @ts-expect-error 'forms.print' is not a call of the counter capability.
    const misplaced: Partial<HandlersOf<'counter'>> = { 'forms.print': () => Promise.reject(new Error('never')) };
    expect(Object.keys(misplaced)).toEqual(['forms.print']);
  });
});
