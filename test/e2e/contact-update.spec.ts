// «Actualización presencial de datos de contacto» by keyboard, by the Spanish labels: a walk-in of
// that type authorized by the supervisor, the affiliate identified by cédula (its check digit
// refused when wrong), the new e-mail and phones, the e-mail recorded «no verificado» (this desk is
// not enrolled with central), the constancia printed and signed, and the trámite registered
// without review.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, field, login, screenshot, seedDesk, startCentral, startDesk, testWithOwnDesk, type CentralProcess, type Desk } from './desk';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

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

test('what the clerk types is saved as it is typed, with «Guardado» in sight', async ({ page, desk }) => {
  test.setTimeout(90_000);
  await login(page, desk, DEMO.clerk);
  await openContactWalkIn(page);
  await typeAffiliate(page, 'autoguardado@gmail.com');
  // This desk has no link to central: what the IESS holds cannot be shown, and the screen says so.
  await expect(page.getByRole('status', { name: 'Registrado en el IESS' })).toHaveText('Sin conexión con el IESS: no se puede mostrar lo registrado.');
  // No «Guardar»: the core has it shortly after the last keystroke.
  await expect(page.getByRole('status', { name: 'Estado del borrador' })).toHaveText(/^Guardado \d{2}:\d{2}:\d{2}$/);
  await screenshot(page, 'contacto-07-guardado');
  // Read by another process on the desk's database, as after a crash: the data are there.
  const drafts = cli<{ items: { id: string }[] }>(desk.dataDir, 'requests.list', { requestType: 'actualizacion_contacto', state: 'borrador' }, 'ventanilla1').items;
  const stored = drafts.map((d) => cli<{ contactUpdate: Record<string, unknown> }>(desk.dataDir, 'requests.get', { id: d.id }, 'ventanilla1').contactUpdate);
  expect(stored).toContainEqual(expect.objectContaining({ affiliateKind: 'afiliado', idNumber: '1714307103', email: 'autoguardado@gmail.com', mobile: '0991234567' }));
});

/** Records the e-mail «no verificado» (this desk is offline) and prints the constancia; the dialog is closed after. */
async function printOffline(page: Page): Promise<void> {
  await page.keyboard.press('Alt+G');
  const proof = page.getByRole('region', { name: 'Correo electrónico activo' });
  await proof.getByRole('button', { name: 'Enviar código al correo' }).click();
  await expect(proof.getByRole('combobox', { name: 'Motivo' })).toHaveValue('sin_conexion');
  await proof.getByRole('button', { name: 'Registrar «no verificado»' }).click();
  await expect(proof).toContainText('No verificado: Sin conexión con el IESS');
  await page.keyboard.press('Alt+P');
  const dialog = page.getByRole('dialog', { name: /Constancia impresa/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'El afiliado firmó la constancia impresa' })).toBeFocused();
}

test('a printed constancia the affiliate does not sign is annulled with a required reason', async ({ page, desk }) => {
  test.setTimeout(90_000);
  await login(page, desk, DEMO.clerk);
  await openContactWalkIn(page);
  await typeAffiliate(page, 'no.firma@gmail.com');
  await printOffline(page);
  await page.keyboard.press('Alt+A');
  const dialog = page.getByRole('dialog', { name: /^Anular la solicitud/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Escriba por qué se anula la solicitud.')).toBeVisible();
  await page.keyboard.type('El afiliado se retiró sin firmar la constancia');
  await screenshot(page, 'contacto-08-anular');
  await page.keyboard.press('Enter');
  await expect(page.getByText('La solicitud fue anulada.')).toBeVisible();
  await expect(page.getByText('Anulada', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/El afiliado se retiró sin firmar la constancia/).first()).toBeVisible();
});

test('a reprint of the constancia asks why, and the reason written is the one recorded', async ({ page, desk }) => {
  test.setTimeout(90_000);
  await login(page, desk, DEMO.clerk);
  await openContactWalkIn(page);
  await typeAffiliate(page, 'reimpresion@gmail.com');
  await printOffline(page);
  await page.keyboard.press('Alt+P');
  const dialog = page.getByRole('dialog', { name: 'Reimprimir la constancia' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Escriba la observación (al menos 5 caracteres).')).toBeVisible();
  await page.keyboard.type('Se manchó la copia del afiliado');
  await expect(dialog.getByText('Escriba la observación (al menos 5 caracteres).')).toHaveCount(0);
  await screenshot(page, 'contacto-09-reimprimir');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Constancia reimpresa/ })).toBeVisible();
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(desk.dataDir, 'ventanilla.db'), { readonly: true });
  try {
    const reasons = db.prepare("SELECT reason FROM form_prints WHERE kind = 'constancia_contacto' AND reprint = 1").pluck().all();
    expect(reasons).toContain('Se manchó la copia del afiliado');
    expect(reasons).not.toContain('Reimpresión de la constancia en ventanilla');
  } finally {
    db.close();
  }
});

/** Atención → «Atención sin turno» of a contact update, authorized by the supervisor: the step opens. */
async function openContactWalkIn(page: Page): Promise<void> {
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  await page.keyboard.press('Alt+S');
  const walkIn = page.getByRole('dialog', { name: 'Atención sin turno' });
  await walkIn.getByRole('combobox', { name: 'Tipo de trámite' }).selectOption('actualizacion_contacto');
  await field(walkIn, 'Motivo de la atención sin turno').fill('Afiliada perdió el acceso a su correo registrado');
  await field(walkIn, 'Usuario del supervisor').fill(DEMO.supervisor.username);
  await field(walkIn, 'Contraseña del supervisor').fill(DEMO.supervisor.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Actualización presencial de datos de contacto');
}

/** Fills the affiliate's data (not saved by this helper). */
async function typeAffiliate(page: Page, email: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Calidad del solicitante' }).selectOption('afiliado');
  await page.getByRole('combobox', { name: 'Tipo de identificación' }).selectOption('cedula');
  await field(page, 'Número de identificación').fill('1714307103');
  await field(page, 'Apellidos y nombres').fill('Pérez Guamán María José');
  await field(page, 'Correo electrónico').fill(email);
  await field(page, 'Teléfono celular').fill('0991234567');
}

/** One call through the CLI on a desk's data directory, as `as`; its value (fails the test otherwise). */
function cli<T = unknown>(dataDir: string, name: string, input: unknown, as: string): T {
  const r = spawnSync(TSX, ['electron/hosts/cli/main.ts', name, JSON.stringify(input), '--data-dir', dataDir, '--as', as], { cwd: ROOT, encoding: 'utf8' });
  const envelope = JSON.parse(r.stdout) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message ?? r.stderr}`);
  return envelope.value as T;
}

// A desk enrolled with the stand-in central: the e-mail proof's code is really sent and read back
// from central's mailbox.
test.describe('with the IESS online', () => {
  let central: CentralProcess;
  let online: Desk;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    central = await startCentral();
    const dataDir = seedDesk(20);
    cli(dataDir, 'sync.enrol', { centralUrl: central.url, enrolmentCode: await central.admin.enrolmentCode('UIO'), deviceName: 'Ventanilla de prueba' }, 'admin');
    online = await startDesk(dataDir);
  });
  test.afterAll(() => {
    online?.kill('SIGTERM');
    central?.stop();
    if (online) fs.rmSync(online.dataDir, { recursive: true, force: true });
  });

  test('the e-mail proof keeps what is typed, sends the code to the address on screen and says a wrong code', async ({ page }) => {
    test.setTimeout(120_000);
    await central.admin.holdAffiliateContact({ idType: 'cedula', idNumber: '1714307103', names: 'Pérez Guamán María José', email: 'mperez.perdido@hotmail.com', mobile: '0987654312', landline: null });
    await login(page, online, DEMO.clerk);
    await openContactWalkIn(page);
    await typeAffiliate(page, 'maria.antes@gmail.com');
    // What the IESS holds, masked by central: the affiliate recognizes the address she lost.
    await expect(page.getByRole('status', { name: 'Registrado en el IESS' })).toHaveText('Registrado en el IESS: correo m***@h***.com · celular 09******12.');
    await page.keyboard.press('Alt+G');
    await expect(page.getByRole('status').filter({ hasText: /Datos guardados|Guardado/ }).first()).toBeVisible();
    // Typed over the saved data, then the code is asked for: it goes to the address on screen.
    await field(page, 'Apellidos y nombres').fill('Pérez Guamán María Josefa');
    await field(page, 'Correo electrónico').fill('maria.nueva@gmail.com');
    const proof = page.getByRole('region', { name: 'Correo electrónico activo' });
    await expect(proof).toContainText('maria.nueva@gmail.com');
    await proof.getByRole('button', { name: 'Enviar código al correo' }).click();
    await expect(proof.getByRole('status')).toContainText('Código enviado a maria.nueva@gmail.com');
    await expect.poll(async () => (await central.admin.mailbox('maria.nueva@gmail.com')).length).toBe(1);
    expect(await central.admin.mailbox('maria.antes@gmail.com')).toHaveLength(0);
    await expect(field(page, 'Apellidos y nombres')).toHaveValue('Pérez Guamán María Josefa');
    await expect(field(page, 'Correo electrónico')).toHaveValue('maria.nueva@gmail.com');
    // A wrong code: said, and nothing typed goes back.
    const code = /\b(\d{6})\b/.exec((await central.admin.mailbox('maria.nueva@gmail.com')).at(-1)!.body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    await field(proof, 'Código recibido').fill(wrong);
    await proof.getByRole('button', { name: 'Comprobar' }).click();
    await expect(proof.getByRole('alert')).toContainText('El código no coincide.');
    await expect(field(page, 'Apellidos y nombres')).toHaveValue('Pérez Guamán María Josefa');
    await screenshot(page, 'contacto-10-codigo-incorrecto');
    await field(proof, 'Código recibido').fill(code);
    await proof.getByRole('button', { name: 'Comprobar' }).click();
    await expect(proof).toContainText('Correo verificado con el código del IESS');
    await expect(field(page, 'Correo electrónico')).toHaveValue('maria.nueva@gmail.com');
    // Another address is another proof: shown unproven at once.
    await field(page, 'Correo electrónico').fill('maria.otra@gmail.com');
    await expect(proof).not.toContainText('Correo verificado');
    await expect(proof.getByRole('button', { name: 'Enviar código al correo' })).toBeVisible();
  });
});
