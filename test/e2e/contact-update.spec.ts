// «Actualización presencial de datos de contacto» by keyboard, by the Spanish labels: a walk-in of
// that type authorized by the supervisor, the affiliate identified by cédula (its check digit
// refused when wrong), the new e-mail and phones, the e-mail recorded «no verificado» (this desk is
// not enrolled with central), the constancia printed and signed, and the trámite registered
// without review.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, field, login, screenshot, testWithOwnDesk } from './desk';

/** Serious or critical accessibility violations (axe), as in test/e2e/a11y.spec.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ') ?? ''} — ${v.help}`);
}

/** A desk of its own: the walk-in writes outbox events other specs count. */
const test = testWithOwnDesk({ requests: 40 });

test('a clerk registers an affiliate’s new contact data by keyboard and prints the constancia', async ({ page, desk }) => {
  test.setTimeout(120_000);
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');

  // Walk-in of the new type, authorized by the supervisor.
  await page.keyboard.press('Alt+S');
  const walkIn = page.getByRole('dialog', { name: 'Atención sin turno' });
  await expect(field(walkIn, 'Motivo de la atención sin turno')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  const type = walkIn.getByRole('combobox', { name: 'Tipo de trámite' });
  await expect(type).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(type).toHaveValue('actualizacion_contacto');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Jubilado perdió el acceso a su correo registrado');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.supervisor.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.supervisor.password);
  await screenshot(page, 'contacto-01-sin-turno-tipo');
  await page.keyboard.press('Enter');

  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Actualización presencial de datos de contacto');
  const kind = page.getByRole('combobox', { name: 'Calidad del solicitante' });
  await expect(kind).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(kind).toHaveValue('jubilado');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Tipo de identificación' })).toHaveValue('cedula');
  await page.keyboard.press('Tab');
  // A cédula with a wrong check digit is refused, named on its field.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1714307104');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pérez Guamán María José');
  await page.keyboard.press('Tab');
  await page.keyboard.type('maria.perez@gmail.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('099 123 4567');
  await page.keyboard.press('Tab');
  await page.keyboard.type('(02) 234-5678');
  await page.keyboard.press('Alt+P');
  const idNumber = field(page, 'Número de identificación');
  await expect(idNumber).toBeFocused();
  await expect(page.getByText('El dígito verificador de la cédula no es válido.')).toBeVisible();
  await screenshot(page, 'contacto-02-cedula-invalida');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1714307103');
  await page.keyboard.press('Alt+G');
  await expect(page.getByRole('status').filter({ hasText: 'Datos guardados.' })).toBeVisible();

  // The constancia waits for the e-mail proof; offline, «no verificado» with its reason.
  await page.keyboard.press('Alt+P');
  await expect(page.getByRole('alert').filter({ hasText: 'Compruebe el correo' })).toBeVisible();
  const proof = page.getByRole('region', { name: 'Correo electrónico activo' });
  await proof.getByRole('button', { name: 'Enviar código al correo' }).focus();
  await page.keyboard.press('Enter');
  await expect(proof.getByRole('alert')).toContainText('no está enrolada');
  await expect(proof.getByRole('combobox', { name: 'Motivo' })).toHaveValue('sin_conexion');
  await proof.getByRole('button', { name: 'Registrar «no verificado»' }).focus();
  await page.keyboard.press('Enter');
  await expect(proof).toContainText('No verificado: Sin conexión con el IESS');
  await expect(proof).toContainText('en el historial del trámite');
  await screenshot(page, 'contacto-03-datos');
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press('Alt+P');
  const dialog = page.getByRole('dialog', { name: /Constancia impresa/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Imprimir con diálogo…' })).toBeVisible();
  // Rasterizing the A4 page is legitimately slow on a loaded machine.
  await expect(dialog.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('Cargando PDF')).toHaveCount(0, { timeout: 30_000 });
  await screenshot(page, 'contacto-04-constancia');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Printed: the data are frozen; the signature is marked and the update registered (Alt+R).
  await expect(field(page, 'Correo electrónico')).toBeDisabled();
  const signedBox = page.getByRole('checkbox', { name: 'El afiliado firmó la constancia impresa' });
  await expect(signedBox).toBeFocused();
  await page.keyboard.press('Alt+R');
  await expect(page.getByRole('alert').filter({ hasText: 'Marque que el afiliado firmó' })).toBeVisible();
  await signedBox.focus();
  await page.keyboard.press('Space');
  await expect(signedBox).toBeChecked();
  await screenshot(page, 'contacto-05-firmada');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Alt+R');
  await expect(page.getByText('Completada', { exact: true })).toBeVisible();
  await expect(page.getByText(/Datos de contacto actualizados\. Entregue al afiliado/)).toBeVisible();
  await expect(page.getByText('Pérez Guamán María José · 1714307103 · maria.perez@gmail.com')).toBeVisible();
  await screenshot(page, 'contacto-06-completada');
  await page.keyboard.press('Escape');
  await expect(heading).toHaveText('Atención');
});
