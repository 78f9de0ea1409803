// The OpenAPI document passes a standard linter: Redocly CLI with its `recommended` rules
// (public operations say `security: []`, the info has a licence, every operation has a 4XX
// answer...). It lints the document the current schemas generate, which protocol.test.ts proves
// equal to docs/protocol/openapi.json.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { renderOpenApi } from '../../central/write-openapi';
import { tempDir } from '../../support/desk';

const CLI = path.resolve(import.meta.dirname, '../../../node_modules/@redocly/cli/bin/cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location?: { pointer?: string }[] }[];
}

test("the OpenAPI document passes Redocly's recommended rules with no error and no warning", { timeout: 60_000 }, async () => {
  const dir = tempDir('vp-openapi-');
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, renderOpenApi());
    // No telemetry nor update check: CI has no internet and a test must not phone home.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const run = await promisify(execFile)(process.execPath, [CLI, 'lint', file, '--extends', 'recommended', '--format', 'json'], { env, cwd: dir, maxBuffer: 16 * 1_048_576 }).catch(
      (err: { stdout?: string; code?: number }) => ({ stdout: err.stdout ?? '', code: err.code }),
    );
    const report = JSON.parse(run.stdout) as LintReport;
    const problems = report.problems.map((p) => `${p.ruleId} ${p.location?.[0]?.pointer ?? ''}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
