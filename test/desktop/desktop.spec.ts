// The desktop app as the clerk runs it: the real build (dist-electron/main.cjs) in Electron,
// driven by Playwright's Electron support, on a seeded data directory. Only through
// npm run test:desktop (run.ts), on a machine with the Electron binary.
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { DEMO, field, seedDesk } from '../e2e/desk';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCREENS = path.join(ROOT, 'test-results', 'desktop');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = seedDesk(5_000);
  app = await electron.launch({ args: [path.join(ROOT, 'dist-electron', 'main.cjs'), '--data-dir', dataDir], cwd: ROOT });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function login(who: { username: string; password: string }): Promise<void> {
  await field(page, 'Usuario').fill(who.username);
  await field(page, 'Contraseña').fill(who.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: /Cerrar sesión/ }).click();
  await field(page, 'Usuario').waitFor();
}

/** The core's utility process, as Electron lists it (core-process.ts names it). */
async function corePid(): Promise<number | null> {
  return app.evaluate(({ app: a }) => a.getAppMetrics().find((m) => m.type === 'Utility' && m.serviceName === 'Ventanilla Patronal (núcleo)')?.pid ?? null);
}

test('login, a check-in and the forms printed to PDF', async () => {
  await login(DEMO.clerk);
  const code = (await page.getByRole('table').first().locator('tbody tr').filter({ hasText: 'Pendiente' }).first().locator('td').nth(1).innerText()).trim();
  await field(page, 'Código de confirmación o cédula').fill(code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');
  // Print to PDF: the window's own printToPDF, what "Imprimir con diálogo…" hands the system.
  const pdf = await app.evaluate(async ({ BrowserWindow }) => (await BrowserWindow.getAllWindows()[0]!.webContents.printToPDF({ pageSize: 'A4' })).toString('base64'));
  expect(Buffer.from(pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  await logout();
});

test('a heavy report does not hold up typing nor the next call', async () => {
  await login(DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Cierre del día/ }).click();
  await expect(page.getByRole('table', { name: 'Cifras del día por ventanillero' })).toContainText('Total de la agencia');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar PDF' }).click();
  // While the report renders in a reader, the clerk types and the core answers a search.
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Buscar/ }).click();
  const search = field(page, 'Número, RUC, documento o nombres');
  await search.pressSequentially('munoz', { delay: 20 });
  await expect(search).toHaveValue('munoz');
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByRole('table', { name: 'Resultados de la búsqueda' }).locator('tbody tr').first()).toContainText(/Muñoz/);
  // The report the screen asked for still arrives, whole (the download was asked before leaving).
  expect(fs.readFileSync((await (await download).path())!).subarray(0, 5).toString()).toBe('%PDF-');
  await logout();
});

test('the core killed: the screen says so, the core comes back, the next call works', async () => {
  await login(DEMO.clerk);
  const pid = await corePid();
  expect(pid).not.toBeNull();
  process.kill(pid!, 'SIGKILL');
  await expect.poll(corePid, { timeout: 30_000 }).not.toBe(pid);
  // The session lives in SQLite: after the restart the same window keeps working, and the next
  // call is answered by the new core (a check-in screen's search of turnos reads the database).
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button').first().click();
  await expect(page.getByRole('navigation', { name: 'Secciones' })).toBeVisible();
  await expect(page.getByRole('table').first().locator('tbody tr').first()).toBeVisible();
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, 'recuperado.png') });
});
