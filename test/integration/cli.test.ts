import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/desk';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
let dataDir: string;

const run = (script: string, ...args: string[]) => spawnSync(TSX, [script, ...args], { cwd: ROOT, encoding: 'utf8' });
const cli = (...args: string[]) => run('electron/hosts/cli/main.ts', ...args);

beforeAll(() => {
  dataDir = tempDir();
  const seeded = run('db/seed/cli.ts', '--data-dir', dataDir, '--requests', '25');
  expect(seeded.status, seeded.stderr).toBe(0);
  expect(seeded.stdout).toContain('solicitudes: 25');
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Each test spawns the CLI through tsx, some several times (seconds each, more on a loaded machine).
describe('npm run cli', { timeout: 90_000 }, () => {
  it('runs a call as a user and prints the JSON envelope', () => {
    const r = cli('requests.list', '{"limit": 3}', '--data-dir', dataDir, '--as', 'ventanilla1');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.value.items).toHaveLength(3);
  });

  it('goes through the same role check as the screens', () => {
    const r = cli('requests.list', '{}', '--data-dir', dataDir, '--as', 'admin');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('forbidden');
    const nobody = cli('requests.list', '{}', '--data-dir', dataDir, '--as', 'nadie');
    expect(JSON.parse(nobody.stdout).error).toEqual({ code: 'unauthenticated', message: 'El usuario «nadie» no existe o está deshabilitado.' });
  });

  it('explains bad input in Spanish and exits 2 for usage errors', () => {
    const badJson = cli('requests.list', '{limit:', '--data-dir', dataDir, '--as', 'ventanilla1');
    expect(badJson.status).toBe(2);
    expect(badJson.stderr).toContain('no son un JSON válido');
    const badFlag = cli('system.info', '--data-dir', dataDir, '--desconocida');
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('Opción desconocida: --desconocida.');
    const badInput = cli('requests.list', '{"limit": 0}', '--data-dir', dataDir, '--as', 'ventanilla1');
    expect(JSON.parse(badInput.stdout).error.code).toBe('invalid_input');
  });

  it('names a misspelt operation or a missing option value in Spanish and exits 2', () => {
    const noValue = cli('backup.run', '--data-dir', dataDir, '--to');
    expect(noValue.status).toBe(2);
    expect(noValue.stderr).toContain('Falta el valor de --to.');
    const misspelt = cli('backup.verfy', '--data-dir', dataDir);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('La operación «backup.verfy» no existe. ¿Quiso decir backup.verify?');
  });

  it('a mistyped data directory is named and left uncreated; a call without --as asks for it', () => {
    const missing = path.join(dataDir, 'no-existe');
    const typo = cli('requests.list', '{"limit": 1}', '--data-dir', missing, '--as', 'ventanilla1');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(`No hay datos de Ventanilla Patronal en ${missing}: revise --data-dir.`);
    expect(fs.existsSync(missing)).toBe(false);
    const noUser = cli('requests.list', '{"limit": 1}', '--data-dir', dataDir);
    expect(noUser.status).toBe(2);
    expect(noUser.stderr).toContain('Indique con --as USUARIO quién hace la operación requests.list.');
  });

  it('lists the operations with --help', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('requests.list');
    expect(r.stdout).toContain('Uso: npm run cli');
  });

  it('refuses to seed demo data over an agency that already has users', () => {
    const again = run('db/seed/cli.ts', '--data-dir', dataDir, '--requests', '5');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('ya contiene usuarios');
  });
});
