// `npm run dist` needs a newer Node than the rest (its @electron/rebuild says so in its
// engines): it says so in Spanish up front, instead of failing deep inside the rebuild. And what
// the build scripts import is declared in package.json, not borrowed from another package's
// dependencies.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distNodeProblem, ROOT } from '../../../build/dist';

describe('npm run dist and Node', () => {
  it('refuses an older Node in Spanish, naming the minimum @electron/rebuild declares', () => {
    const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electron/rebuild/package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const minimum = /(\d+\.\d+(?:\.\d+)?)/.exec(engines)![1]!;
    expect(distNodeProblem('20.19.0')).toBe(
      `npm run dist necesita Node.js ${minimum} o superior (lo exige @electron/rebuild, que compila better-sqlite3 para Electron); este equipo tiene Node.js 20.19.0. Para desarrollar y probar basta Node.js 20.19.`,
    );
    expect(distNodeProblem(minimum)).toBeNull();
    expect(distNodeProblem('24.0.0')).toBeNull();
    const major = Number(minimum.split('.')[0]);
    expect(distNodeProblem(`${major - 1}.99.99`)).toContain('necesita');
    expect(distNodeProblem(`${major + 1}.0.0`)).toBeNull();
  });

  it('every package the build scripts import is declared in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const dir = path.join(ROOT, 'build');
    const imported = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => /\.(ts|mjs|js)$/.test(f))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\(\s*)'([^'.][^']*)'/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(imported.has('@electron/rebuild')).toBe(true);
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
  });
});
