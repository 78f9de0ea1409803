import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, field, login, screenshot, seedDesk, startDesk, test as deskTest, type Desk } from './desk';

// The supervisor's tests change queues: they get their own seeded desk.
const test = deskTest.extend<object, { desk: Desk }>({
  desk: [
    async ({}, use) => {
      const dataDir = seedDesk(600);
      const desk = await startDesk(dataDir);
      await use(desk);
      desk.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

async function openSection(page: Page, desk: Desk, label: string) {
  await login(page, desk, DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const queueRows = (page: Page) => page.getByRole('table', { name: 'Solicitudes de la cola' }).locator('tbody tr');

test('the queues show their counts; a supervisor reviews and approves with the keyboard', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  const queues = page.getByRole('list', { name: 'Colas' });
  await expect(queues.getByRole('button', { name: /Por revisar \(presencial\)/ })).toBeVisible();
  const before = await queueRows(page).count();
  expect(before).toBeGreaterThan(1);
  await screenshot(page, '40-colas');
  const first = queueRows(page).first();
  const number = (await first.getAttribute('aria-label'))!.replace('Solicitud ', '');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  await screenshot(page, '41-revision');
  const review = await new AxeBuilder({ page }).analyze();
  expect(review.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('status').filter({ hasText: `Solicitud ${number} aprobada.` })).toBeVisible();
  await expect(page.getByRole('row', { name: `Solicitud ${number}` })).toHaveCount(0);
});

test('bulk approval takes only the requests opened after their last change', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  const [a, b] = [queueRows(page).nth(0), queueRows(page).nth(1)];
  const numbers = [(await a.getAttribute('aria-label'))!.replace('Solicitud ', ''), (await b.getAttribute('aria-label'))!.replace('Solicitud ', '')];
  await expect(page.getByRole('checkbox', { name: `Seleccionar ${numbers[0]}` })).toBeDisabled();
  for (const n of numbers) {
    await page.getByRole('row', { name: `Solicitud ${n}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${n}`);
    await page.keyboard.press('Escape');
  }
  for (const n of numbers) await page.getByRole('checkbox', { name: `Seleccionar ${n}` }).check();
  await page.getByRole('button', { name: /Aprobar seleccionadas \(2\)/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 aprobadas.' })).toBeVisible();
  await screenshot(page, '42-aprobacion-en-lote');
});

test('return and reject ask for a catalogued reason', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  await queueRows(page).first().click();
  await expect(page.getByRole('button', { name: 'Devolver… · Alt+D' })).toBeEnabled();
  await page.keyboard.press('Alt+D');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Devolver al ventanillero' }).click();
  await expect(dialog.getByText('Seleccione el motivo.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Motivo' }).selectOption({ label: 'Falta una firma obligatoria' });
  await dialog.getByRole('button', { name: 'Devolver al ventanillero' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'devuelta al ventanillero' })).toBeVisible();
  await page.getByRole('list', { name: 'Colas' }).getByRole('button', { name: /Devueltas/ }).click();
  await expect(queueRows(page).first()).toBeVisible();
});

test('search finds requests by names without accents, by prefix, and by RUC', async ({ page, desk }) => {
  await openSection(page, desk, 'Buscar');
  await field(page, 'Número, RUC, documento o nombres').fill('munoz');
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  const rows = page.getByRole('table', { name: 'Resultados de la búsqueda' }).locator('tbody tr');
  await expect(rows.first()).toContainText(/Muñoz/);
  await screenshot(page, '43-busqueda');
  const ruc = (await rows.first().locator('td').nth(2).locator('span').innerText()).trim();
  await field(page, 'Número, RUC, documento o nombres').fill(ruc);
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await expect(rows.first()).toContainText(ruc);
});

test('the dashboard renders its charts and figures', async ({ page, desk }) => {
  await openSection(page, desk, 'Tablero');
  await expect(page.getByRole('heading', { name: 'Solicitudes por día' })).toBeVisible();
  await expect(page.locator('svg.MuiChartsSurface-root, .MuiChartsSurface-root').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Solicitudes por ventanillero' })).toContainText('José Muñoz Quishpe');
  await screenshot(page, '44-tablero');
});

test('end of day: the report per clerk, its PDF and CSV, and closing with pending items carried over', async ({ page, desk }) => {
  await openSection(page, desk, 'Cierre del día');
  await expect(page.getByRole('table', { name: 'Cifras del día por ventanillero' })).toContainText('Total de la agencia');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar CSV' }).click();
  const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('fecha,agencia,ventanillero,recibidas,aprobadas,devueltas,rechazadas,pendientes,formularios_impresos,reimpresiones,sin_turno_autorizadas');
  expect(csv).toContain('TOTAL AGENCIA');
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar PDF' }).click();
  expect(fs.readFileSync(await (await pdfDownload).path()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByRole('button', { name: 'Cerrar el día' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'No se puede cerrar el día' })).toBeVisible();
  await field(page, 'Motivo para arrastrar los pendientes').fill('Borradores de la tarde que se completan mañana a primera hora.');
  await page.getByRole('button', { name: 'Cerrar el día' }).click();
  await expect(page.getByText(/Cerrado el .* por Mónica Peña Yánez/)).toBeVisible();
  await screenshot(page, '45-cierre-del-dia');
});
