// A real desk for end-to-end tests: a temporary data directory seeded with the demo agency and
// the browser host started on it as a child process (so a test can kill it like a crash).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { centralAdmin, type CentralAdmin } from '../central/admin';
import { placeDemoPki } from '../support/seed-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
export const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');

export interface Desk {
  dataDir: string;
  url: string;
  /**
   * Starts the host again on the same data directory and port (after `kill`): the same origin,
   * as the desktop app's app:// is, so what the page kept in localStorage is still there.
   */
  restart(): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
  /**
   * The host's background services (sync, retention, backups), through the host's test control
   * (electron/hosts/web/test-control.ts): running on their own timers as in production, unless
   * the desk was started with `{ services: 'paused' }`; then they run only when the test steps them.
   */
  services: DeskServices;
}

export interface DeskServices {
  /** One run of the service now; resolves with what the run returned (e.g. sync's cycle result). */
  step(name: 'sync' | 'retention' | 'backup' | 'scans' | 'search-index'): Promise<unknown>;
  pause(name?: string): Promise<void>;
  resume(name?: string): Promise<void>;
}

export const emptyDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vp-e2e-'));

export function seedDesk(requests = 300): string {
  const dataDir = emptyDataDir();
  // The run's DEMO PKI (test/support/seed-fixtures.ts): the seed reads its keys instead of generating them.
  placeDemoPki(dataDir);
  const r = spawnSync(TSX, ['db/seed/cli.ts', '--data-dir', dataDir, '--requests', String(requests)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
  return dataDir;
}

function startHost(dataDir: string, port = 0): Promise<{ child: ChildProcess; url: string }> {
  // Node itself runs the host (tsx as a loader, not a wrapper process): a SIGKILL from a test
  // reaches the server, exactly as a crash would. The test control needs the IPC channel; it
  // also ends the host when this process goes away.
  const args = ['--import', 'tsx', 'electron/hosts/web/main.ts', '--data-dir', dataDir, '--port', String(port), '--test-control'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
}

/** Sends a test-control message to the host (electron/hosts/web/test-control.ts) and waits for its reply. */
function control(child: () => ChildProcess, op: string, service?: string): Promise<unknown> {
  const c = child();
  const id = nextControlId++;
  return new Promise((resolve, reject) => {
    // Both listeners go once the answer (or the exit) comes: a long spec steps services many times.
    const onExit = (code: number | null) => {
      c.off('message', onMessage);
      reject(new Error(`test control ${op}: the host exited (${code})`));
    };
    const onMessage = (m: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.id !== id) return;
      c.off('message', onMessage);
      c.off('exit', onExit);
      if (m.ok) resolve(m.value);
      else reject(new Error(`test control ${op} ${service ?? ''}: ${m.error}`));
    };
    c.on('message', onMessage);
    c.once('exit', onExit);
    c.send({ id, op, ...(service ? { service } : {}) });
  });
}
let nextControlId = 1;

export async function startDesk(dataDir: string, o: { services?: 'running' | 'paused' } = {}): Promise<Desk> {
  const launch = async (port?: number) => {
    const started = await startHost(dataDir, port);
    // A host under test control starts its services paused; a desk runs them unless asked not to.
    if ((o.services ?? 'running') === 'running') await control(() => started.child, 'resume');
    return started;
  };
  let current = await launch();
  const child = () => current.child;
  const desk: Desk = {
    dataDir,
    url: current.url,
    async restart() {
      current = await launch(Number(new URL(current.url).port));
      desk.url = current.url;
    },
    kill(signal = 'SIGKILL') {
      current.child.kill(signal);
    },
    services: {
      step: (name) => control(child, 'step', name),
      pause: async (name) => void (await control(child, 'pause', name)),
      resume: async (name) => void (await control(child, 'resume', name)),
    },
  };
  return desk;
}

/** The stand-in central (test/central/main.ts) as a process of its own, on a random port. */
export interface CentralProcess {
  url: string;
  admin: CentralAdmin;
  stop(): void;
}

export async function startCentral(): Promise<CentralProcess> {
  const dataDir = emptyDataDir();
  const child = spawn(TSX, ['test/central/main.ts', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`central did not start: ${out}`)), 30_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`central exited with ${code}: ${out}`)));
    });
    return { url, admin: centralAdmin(url), stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** A contract call to the desk's host over HTTP, as the renderer makes it (the launch token is in the desk's URL). */
export async function deskCall<T = unknown>(desk: Desk, call: string, input: unknown, session: string | null = null): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  const url = new URL(desk.url);
  const res = await fetch(new URL('/api/call', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.hash.replace('#launch=', '')}` },
    body: JSON.stringify({ call, input, session }),
  });
  return (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}

/** Signs in over HTTP (not in the page) and returns the session token. */
export async function deskSession(desk: Desk, who: { username: string; password: string }): Promise<string> {
  const r = await deskCall<{ token: string }>(desk, 'session.login', who);
  if (!r.ok) throw new Error(`login failed: ${r.error.message}`);
  return r.value.token;
}

export const DEMO = {
  admin: { username: 'admin', password: 'Admin.Demo.2026' },
  supervisor: { username: 'supervisora', password: 'Super.Demo.2026' },
  clerk: { username: 'ventanilla1', password: 'Ventanilla.Demo.2026' },
} as const;

/** A text or password input by its visible label (MUI appends ' *' to required ones). */
export const field = (scope: Page | Locator, label: string) =>
  scope.getByRole('textbox', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`) });

export async function login(page: Page, desk: Desk, who: { username: string; password: string }): Promise<void> {
  await page.goto(desk.url);
  await field(page, 'Usuario').fill(who.username);
  await field(page, 'Contraseña').fill(who.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export const seededDeskFixture = async ({}, use: (desk: Desk) => Promise<void>) => withSeededDesk(use);

/** A seeded desk for the duration of `use`, removed after it (also when `use` fails). */
export async function withSeededDesk(use: (desk: Desk) => Promise<void>, o: { requests?: number; services?: 'running' | 'paused' } = {}): Promise<void> {
  const dataDir = seedDesk(o.requests);
  const desk = await startDesk(dataDir, o);
  try {
    await use(desk);
  } finally {
    desk.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The e2e desk is not enrolled with central: no proof code can be sent, so the clerk records the
 * e-mail as «no verificado» with that reason (docs/seeds/004_…:43), which the supervisor reads.
 */
export async function recordEmailOffline(page: Page): Promise<void> {
  const proof = page.getByRole('region', { name: 'Correo electrónico activo' });
  await proof.getByRole('button', { name: 'Enviar código al correo' }).click();
  await expect(proof.getByRole('alert')).toContainText('no está enrolada');
  await expect(proof.getByRole('combobox', { name: 'Motivo' })).toHaveValue('sin_conexion');
  await proof.getByRole('button', { name: 'Registrar «no verificado»' }).click();
  await expect(proof).toContainText('No verificado: Sin conexión con el IESS');
}

/** One seeded desk per worker: shared by the spec files that run in it, one after the other. */
export const test = base.extend<object, { desk: Desk }>({ desk: [seededDeskFixture, { scope: 'worker' }] });

// A spec file that counts what is on a desk (outbox items, turnos) declares a desk of its own:
//   const test = deskTest.extend<object, { desk: Desk }>({ desk: [({}, use) => seededDeskFixture({}, use), { scope: 'worker' }] });
// Playwright groups files into workers by their fixtures' functions: the file's own arrow
// function is what gives it its own worker, and so its own desk.
export { expect } from '@playwright/test';

/**
 * The `test` of a spec whose tests change what others count (check-ins, settings, outbox items):
 * a desk of its own, seeded with `requests`, started for the spec's worker and removed after it.
 */
export const testWithOwnDesk = (o: { requests?: number; services?: 'running' | 'paused' } = {}) =>
  test.extend<object, { desk: Desk }>({ desk: [({}, use) => withSeededDesk(use, o), { scope: 'worker', timeout: 180_000 }] });
