// Comments cite files inside the repository: a maintainer who clones it has every document a
// comment points to. Issue numbers and notes kept outside the repository (the team's DOMAIN.md,
// DESIGN.md, ENVIRONMENT.md) are not citations, and a cited docs/ file must exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SELF = 'test/unit/lint/citations.test.ts';
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', 'electron', 'renderer/src', 'shared', 'db', 'test', 'build', 'scripts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|js|cjs|mjs)$/.test(f) && f !== SELF && existsSync(path.join(ROOT, f)));

/** Citations that do not lead anywhere inside the repository. */
function outsideCitations(text: string): string[] {
  // The repository's own docs/domain.md is a citation like any other.
  const found = text.match(/\b(?:issue|issues)\s*#\d+|(?<!docs\/)\b(?:DOMAIN|DESIGN|ENVIRONMENT)\.md\b/gi) ?? [];
  return found;
}

test('the check itself finds what it forbids', () => {
  expect(outsideCitations('// Turnos (issue #5; DOMAIN.md §1.3), see DESIGN.md')).toEqual(['issue #5', 'DOMAIN.md', 'DESIGN.md']);
  expect(outsideCitations('// Turnos (docs/seeds/004_b3a097c2fb3b9007.txt:85-96, docs/domain.md)')).toEqual([]);
});

test('no source file cites an issue number or a note kept outside the repository', () => {
  expect(sources.length).toBeGreaterThan(100);
  const offenders = sources.flatMap((f) =>
    readFileSync(path.join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => outsideCitations(line).map((c) => `${f}:${i + 1}: ${c}`)),
  );
  expect(offenders).toEqual([]);
});

test('every docs/ file a source file cites exists', () => {
  const missing = sources.flatMap((f) =>
    [...readFileSync(path.join(ROOT, f), 'utf8').matchAll(/\bdocs\/[\w./-]+\.(?:md|txt|json|yaml)\b/g)]
      .map((m) => m[0])
      .filter((cited) => !existsSync(path.join(ROOT, cited)))
      .map((cited) => `${f}: ${cited}`),
  );
  expect(missing).toEqual([]);
});
