// An accessibility scan (axe) of every screen each role can reach: no serious or critical
// violation. The screens are scanned as they open, with the demo agency's data; then the states
// a section only reaches by working in it: the review of a request (presencial and virtual) with
// its return and reject dialogs, search results, and the counter's intake and checklist steps.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, field, login, seededDeskFixture, test as deskTest, type Desk } from './desk';

/**
 * A desk of its own: checking a turno in writes outbox events that the sync tests (which share
 * the default desk) would then count.
 */
const test = deskTest.extend<object, { desk: Desk }>({ desk: [({}, use) => seededDeskFixture({}, use), { scope: 'worker' }] });

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ') ?? ''} — ${v.help}`);
}

test('the login screen', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const [role, who] of [
  ['ventanillero', DEMO.clerk],
  ['supervisor', DEMO.supervisor],
  ['administrador', DEMO.admin],
] as const) {
  test(`every section of the ${role}`, async ({ page, desk }) => {
    // Up to seven sections, each loaded and scanned by axe: more than the default minute when the machine is loaded.
    test.setTimeout(180_000);
    await login(page, desk, who);
    const buttons = page.getByRole('navigation', { name: 'Secciones' }).getByRole('button');
    const found: string[] = [];
    for (let i = 0; i < (await buttons.count()); i++) {
      const label = (await buttons.nth(i).innerText()).split('\n')[0]!;
      await buttons.nth(i).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      for (const v of await seriousViolations(page)) found.push(`${label}: ${v}`);
    }
    expect(found).toEqual([]);
  });
}

/** A dialog scanned mid-fade would show faded colours: wait until it is fully opaque. */
const settled = (page: Page) => expect(page.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');

const section = async (page: Page, name: RegExp) => {
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
};

test('the supervisor\'s review, its return and reject dialogs, a virtual request, and search results', async ({ page, desk }) => {
  await login(page, desk, DEMO.supervisor);
  const found: string[] = [];
  const scan = async (what: string) => {
    for (const v of await seriousViolations(page)) found.push(`${what}: ${v}`);
  };
  await section(page, /^Colas de trabajo/);
  const rows = page.getByRole('table', { name: 'Solicitudes de la cola' }).locator('tbody tr');
  await rows.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Revisión · ');
  await expect(page.getByRole('button', { name: 'Devolver… · Alt+D' })).toBeEnabled();
  await scan('revisión');
  await page.keyboard.press('Alt+D');
  const returning = page.getByRole('dialog', { name: /^Devolver la solicitud/ });
  await returning.getByRole('button', { name: 'Devolver al ventanillero' }).click();
  await expect(returning.getByText('Seleccione el motivo.')).toBeVisible();
  await settled(page);
  await scan('diálogo de devolución (con error)');
  await returning.getByRole('button', { name: 'Cancelar (Esc)' }).click();
  await expect(returning).toBeHidden();
  await page.keyboard.press('Alt+R');
  const rejecting = page.getByRole('dialog', { name: /^Rechazar la solicitud/ });
  await expect(rejecting.getByRole('combobox', { name: 'Motivo' })).toBeFocused();
  await settled(page);
  await scan('diálogo de rechazo');
  await rejecting.getByRole('button', { name: 'Cancelar (Esc)' }).click();
  await page.keyboard.press('Escape');

  // A virtual request as the demo seeds it (no scans): the verification list and what is missing.
  await page.getByRole('list', { name: 'Colas' }).getByRole('button', { name: /Ventanilla Virtual por revisar/ }).click();
  await rows.first().click();
  await expect(page.getByRole('list', { name: 'Documentos de la Ventanilla Virtual' })).toBeVisible();
  await scan('revisión de la Ventanilla Virtual');
  await page.keyboard.press('Escape');

  await section(page, /^Buscar/);
  await field(page, 'Número, RUC, documento o nombres').fill('munoz');
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByRole('table', { name: 'Resultados de la búsqueda' }).locator('tbody tr').first()).toContainText(/Muñoz/);
  await scan('resultados de la búsqueda');
  expect(found).toEqual([]);
});

test('the counter\'s intake and checklist steps', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  const waiting = page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr').filter({ hasText: 'Pendiente' }).first();
  await field(page, 'Código de confirmación o cédula').fill((await waiting.locator('td').nth(1).innerText()).trim());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');
  const found: string[] = [];
  for (const v of await seriousViolations(page)) found.push(`solicitud: ${v}`);
  await page.getByRole('radio', { name: /Persona Jurídica - Privada/ }).check();
  await field(page, 'RUC').fill('1792060346001');
  await field(page, 'Razón social').fill('Comercial Andina del Pacífico S.A.');
  await field(page, 'Número de cédula').fill('0926687856');
  await field(page, 'Apellidos y nombres').fill('Zambrano Cevallos María Fernanda');
  await field(page, 'Correo electrónico').fill('gerencia@andinapacifico.com.ec');
  await field(page, 'Dirección del empleador').fill('Av. 6 de Diciembre N33-55, Quito');
  for (const v of await seriousViolations(page)) found.push(`solicitud completa: ${v}`);
  await page.getByRole('button', { name: 'Continuar a verificación' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Verificación CAU-UIO-');
  await expect(page.getByRole('list', { name: 'Documentos requeridos' }).getByRole('listitem').first()).toBeVisible();
  for (const v of await seriousViolations(page)) found.push(`verificación: ${v}`);
  expect(found).toEqual([]);
});
