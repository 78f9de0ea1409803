// What the app evaluates before its first screen: the modules main.tsx and the app it loads at
// once (start.tsx) reach through static, non-type imports (a lazy section's import() is not followed). The contract's call table
// (shared/contract/calls.ts and each capability's calls) builds hundreds of zod schemas when
// evaluated; the renderer needs none of them to start, so none may be on that path
// (renderer/src/api/client.ts takes the names it needs from shared/contract/change-calls.ts, the
// counter's start screen its draft schema and paper names from intake-draft.ts, paper-kinds.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

// A regular expression rather than the TypeScript compiler API: the renderer's import statements
// are plain ES syntax, one per statement, and only the static ones decide what the first screen loads.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:([\w$]+\s*,\s*)?(\{[^}]*\})|\*\s+as\s+[\w$]+|\*|[\w$]+)?\s*(?:from\s+)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)}: no se encuentra ${spec}`);
}

/** Whether an import brings values (not only types): `import type`, `{ type A, type B }` do not. */
function bringsValues(typeKeyword: string | undefined, defaultName: string | undefined, braces: string | undefined): boolean {
  if (typeKeyword) return false;
  if (defaultName || !braces) return true;
  const names = braces.slice(1, -1).split(',').map((n) => n.trim()).filter(Boolean);
  return names.some((n) => !n.startsWith('type '));
}

/** The repository's files an entry reaches, and the packages (bare specifiers) they import. */
function startupModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !/\.tsx?$/.test(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      if (!bringsValues(m[1], m[2], m[3])) continue;
      const target = resolve(file, m[4]!);
      if (target) visit(target);
      else packages.add(m[4]!);
    }
  };
  visit(entry);
  return new Set([...[...seen].map((f) => path.relative(ROOT, f)), ...[...packages].map((p) => `package:${p}`)]);
}

describe('the renderer at start', () => {
  const entry = startupModules(path.join(ROOT, 'renderer/src/main.tsx'));
  const modules = new Set([...entry, ...startupModules(path.join(ROOT, 'renderer/src/start.tsx'))]);

  it('asks for the start\'s answers before loading the app: the entry reaches no script package, and the app only by import()', () => {
    // renderer/src/app/boot.ts: its calls go out while React and MUI load; a package or a screen
    // imported statically from the entry would be evaluated before them.
    expect(entry).toContain('renderer/src/app/boot.ts');
    expect([...entry].filter((m) => m.startsWith('package:') && !m.endsWith('.css'))).toEqual([]);
    expect(entry).not.toContain('renderer/src/start.tsx');
    expect(fs.readFileSync(path.join(ROOT, 'renderer/src/main.tsx'), 'utf8')).toMatch(/import\('\.\/start'\)/);
  });

  it('reaches the supervisor queue screen and the client (the walk follows the app)', () => {
    expect(modules).toContain('renderer/src/supervisor/QueuesScreen.tsx');
    expect(modules).toContain('renderer/src/api/client.ts');
    expect(modules).toContain('shared/contract/change-calls.ts');
  });

  it('evaluates none of the contract call tables', () => {
    // A capability's calls are declared with defineCall (shared/contract/define.ts).
    const tables = [...modules].filter((m) => !m.startsWith('package:')).filter((m) => m === 'shared/contract/calls.ts' || fs.readFileSync(path.join(ROOT, m), 'utf8').includes('defineCall('));
    expect(tables).toEqual([]);
  });

  it('loads neither zod nor the passport reader: the clerk\'s section and the review load apart', () => {
    // The counter's intake and the supervisor's review (app/AppFrame.tsx, supervisor/QueuesScreen.tsx)
    // bring zod schemas, re2js and mrz, a third of the app's code; the first screens need none.
    expect([...modules].filter((m) => ['package:zod', 'package:re2js', 'package:mrz'].includes(m))).toEqual([]);
    expect(modules).not.toContain('renderer/src/counter/CounterSection.tsx');
    expect(modules).not.toContain('renderer/src/supervisor/ReviewScreen.tsx');
  });
});
