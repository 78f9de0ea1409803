// Adversarial review (second round) of the CLI (electron/hosts/cli/main.ts, suggest.ts) with
// hostile arguments: the unknown-operation message echoes what was typed verbatim to stderr, so
// terminal control sequences reach the IT person's terminal, a huge name is printed whole, and a
// name that differs from a real one only by an invisible character reads «requests.list» no
// existe. ¿Quiso decir requests.list?». Each test spawns the real CLI (../support/cli.ts) and failed before its fix.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli';
import { tempDir } from '../support/desk';

const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const cli = (...args: string[]) => spawnCli(...args, '--data-dir', dataDir);

/** C0/C1 controls other than the newline, and the ESC that starts a terminal sequence. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('npm run cli with hostile arguments', { timeout: 90_000 }, () => {
  it('an operation name with terminal control sequences is not echoed raw (ESC, BEL, CR never reach the terminal)', () => {
    const r = cli('requests.list\u001b]0;IESS\u0007\u001b[2J\r');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no existe');
    expect(CONTROL.test(r.stderr)).toBe(false);
  });

  it('a file name with terminal control sequences is not echoed raw', () => {
    const r = cli('requests.list', '--file', '/nonexistent/\u001b[31mrojo\u001b[0m.json', '--as', 'ventanilla1');
    expect(r.status).toBe(2);
    expect(CONTROL.test(r.stderr)).toBe(false);
  });

  it('a 100 000-character operation name is not printed whole', () => {
    const r = cli(`requests.${'x'.repeat(100_000)}`);
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeLessThan(1_000);
  });

  it('a name that differs from a real one only by an invisible character does not read as the same name', () => {
    const r = cli('requests.list\u200b');
    expect(r.status).toBe(2);
    const shown = /«([^»]*)»/.exec(r.stderr)?.[1] ?? '';
    // What a person sees between «…» (invisible characters drop out on a terminal) is not the suggested name.
    expect(shown.replace(/[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g, '')).not.toBe('requests.list');
  });

  it('a --file saved in Latin-1 (Windows «ANSI») is refused, not stored with «�» in place of ñ', () => {
    const file = path.join(tempDir(), 'turno.json');
    fs.writeFileSync(file, Buffer.from('{"reason":"Trabajador sin turno, se\u00f1ora Pe\u00f1a","supervisorUsername":"supervisora","supervisorPassword":"x","requestType":"clave_patronal"}', 'latin1'));
    const r = cli('appointments.walkIn', '--file', file, '--as', 'ventanilla1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('UTF-8');
    expect(fs.existsSync(path.join(dataDir, 'ventanilla.db'))).toBe(false);
  });

  it('a --file larger than any call takes (the browser host’s 16 MB) is refused before it is read', () => {
    const file = path.join(tempDir(), 'enorme.json');
    fs.writeFileSync(file, `{"limit": 3, "q": "${'a'.repeat(17 * 1024 * 1024)}"}`);
    const r = cli('requests.list', '--file', file, '--as', 'ventanilla1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('16 MB');
  });

  it('a data directory whose ventanilla.db is not a database (or is a folder) is named in Spanish and left as it was', () => {
    const garbage = tempDir();
    fs.writeFileSync(path.join(garbage, 'ventanilla.db'), 'esto no es una base de datos\n');
    const folder = tempDir();
    fs.mkdirSync(path.join(folder, 'ventanilla.db'));
    for (const dir of [garbage, folder]) {
      const r = spawnCli('requests.list', '{}', '--as', 'ventanilla1', '--data-dir', dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('No se pudo abrir la base de datos');
      expect(r.stderr).not.toMatch(/not a database|unable to open/);
    }
    expect(fs.readFileSync(path.join(garbage, 'ventanilla.db'), 'utf8')).toBe('esto no es una base de datos\n');
  });
});
