// The layers of docs/architecture.md hold: a planted import across any of them fails `npm run
// lint` (build/eslint-layers.js), and the same import in the allowed direction passes.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

const violations: [string, string, string][] = [
  // [file the import is planted in, the import, what the message names]
  ['shared/domain/planted.ts', "import { contract } from '../contract/calls';", "'domain' may not import layer 'contract'"],
  ['shared/domain/planted.ts', "import { ProtocolVersion } from '../sync/protocol';", "'domain' may not import layer 'protocol'"],
  ['shared/domain/planted.ts', "import fs from 'node:fs';", "package 'node:fs'"],
  ['shared/domain/planted.ts', "import { useState } from 'react';", "package 'react'"],
  ['shared/contract/planted.ts', "import { handlers } from '../../electron/core/handlers';", "'contract' may not import layer 'core'"],
  ['shared/contract/planted.ts', "import Database from 'better-sqlite3';", "package 'better-sqlite3'"],
  ['shared/sync/planted.ts', "import { counterCalls } from '../contract/counter';", "'protocol' may not import layer 'contract'"],
  ['electron/core/planted.ts', "import { fileSecretStore } from '../hosts/common/secrets-file';", "'core' may not import layer 'hosts-common'"],
  ['electron/core/counter/planted.ts', "import { startWebHost } from '../../hosts/web/server';", "'core' may not import layer 'web'"],
  ['electron/core/planted.ts', "import { app } from 'electron';", "package 'electron'"],
  ['electron/core/planted.ts', "import { App } from '../../renderer/src/app/App';", "'core' may not import layer 'renderer'"],
  ['electron/hosts/web/planted.ts', "import { app } from 'electron';", "package 'electron'"],
  ['electron/hosts/web/planted.ts', "import { main } from '../cli/main';", "'web' may not import layer 'cli'"],
  ['electron/hosts/common/planted.ts', "import { startWebHost } from '../web/server';", "'hosts-common' may not import layer 'web'"],
  ['electron/hosts/desktop/planted.ts', "import { startWebHost } from '../web/server';", "'desktop' may not import layer 'web'"],
  ['db/planted.ts', "import { handlers } from '../electron/core/handlers';", "'db' may not import layer 'core'"],
  ['renderer/src/planted.ts', "import { openDatabase } from '../../db/open';", "'renderer' may not import layer 'db'"],
  ['renderer/src/planted.ts', "import { handlers } from '../../electron/core/handlers';", "'renderer' may not import layer 'core'"],
  ['renderer/src/planted.ts', "import path from 'path';", "package 'path'"],
  ['renderer/src/planted.ts', "const m = await import('../../electron/core/handlers');", "'renderer' may not import layer 'core'"],
  ['renderer/src/planted.ts', "export { handlers } from '../../electron/core/handlers';", "'renderer' may not import layer 'core'"],
  ['electron/core/planted.ts', "import { seedDemo } from '../../test/support/desk';", 'outside the layers'],
];

describe('layers', () => {
  it.each(violations)('%s: %s is refused', async (file, code, expected) => {
    const errors = await layerErrors(file, `${code}\nexport const planted = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  const allowed: [string, string][] = [
    ['shared/contract/planted.ts', "import { REQUEST_STATES } from '../domain/lifecycle';"],
    ['electron/core/planted.ts', "import { contract } from '../../shared/contract';"],
    ['electron/core/planted.ts', "import { openDatabase } from '../../db/open';"],
    ['electron/hosts/web/planted.ts', "import { openCore } from '../../core/open';"],
    ['electron/hosts/desktop/planted.ts', "import { app } from 'electron';"],
    ['electron/hosts/launch.ts', "import { main } from './web/main';"],
    ['renderer/src/planted.ts', "import { contract } from '../../shared/contract';"],
    ['shared/domain/planted.ts', "import { parse } from 'mrz';"],
  ];
  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport const planted = 1;\n`)).toEqual([]);
  });

});
