// Electronegativity over the Electron code, as part of `npm test` (build/security-scan.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, readAccepted, scan } from '../../../build/security-scan';

describe('Electronegativity', () => {
  it('finds no HIGH or MEDIUM issue left unexplained, and parses every file', async () => {
    const report = await scan();
    expect(report.parseErrors).toEqual([]);
    const { unexplained } = judge(report, readAccepted());
    expect(unexplained).toEqual([]);
    // Every accepted finding carries a reason a reviewer can check.
    for (const a of readAccepted()) expect(a.reason.length).toBeGreaterThan(40);
  }, 60_000);

  it('fails on a new insecure window (the check is not vacuous)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-eneg-fixture-'));
    try {
      fs.mkdirSync(path.join(root, 'electron'));
      fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
      fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), '{"version":"41.7.1"}');
      fs.writeFileSync(
        path.join(root, 'electron', 'main.js'),
        `const { BrowserWindow } = require('electron');
         new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });`,
      );
      const report = await scan(root, ['electron']);
      const { unexplained } = judge(report, readAccepted());
      expect(unexplained.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
