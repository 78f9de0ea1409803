import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEMO, deskCall, deskSession, expect, field, login, screenshot, seedDesk, startDesk, test, type Desk } from './desk';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function openOperations(page: import('@playwright/test').Page) {
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /Operación/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Operación');
}

test('an administrator configures the agency, backs up, verifies and copies the diagnostic', async ({ page, desk }) => {
  const backups = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-e2e-respaldos-'));
  // Other tests share this desk: its configuration and agencia.json go back as they were.
  const admin = await deskSession(desk, DEMO.admin);
  const before = await deskCall<{ config: unknown }>(desk, 'config.get', {}, admin);
  const file = path.join(desk.dataDir, 'agencia.json');
  const fileBefore = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  // The backups counted here are the ones this test makes: the scheduled one waits.
  await desk.services.pause('backup');
  try {
    await login(page, desk, DEMO.admin);
    await openOperations(page);
    const form = page.getByRole('form', { name: 'Configuración de la agencia' });
    await expect(form.getByText(/No hay agencia\.json|agencia\.json está aplicado/)).toBeVisible();

    // A plain-http central URL is refused on its field; nothing is saved.
    await field(form, 'Servicios centrales del IESS (https)').fill('http://servicios.iess.gob.ec');
    await form.getByRole('button', { name: 'Guardar configuración' }).click();
    await expect(form.getByRole('alert')).toContainText('https://');
    await screenshot(page, '70-operacion-error-campo');

    await field(form, 'Servicios centrales del IESS (https)').fill('https://servicios.iess.gob.ec/ventanilla');
    await field(form, 'Carpeta de respaldos').fill(backups);
    await form.getByRole('button', { name: 'Guardar configuración' }).click();
    await expect(form.getByText('agencia.json está aplicado')).toBeVisible();
    expect(JSON.parse(fs.readFileSync(path.join(desk.dataDir, 'agencia.json'), 'utf8'))).toMatchObject({ centralUrl: 'https://servicios.iess.gob.ec/ventanilla', backup: { dir: backups } });

    const section = page.getByRole('region', { name: 'Respaldos' });
    await section.getByRole('button', { name: 'Respaldar ahora' }).click();
    await expect(section.getByText(/Respaldo creado: respaldo-/)).toBeVisible();
    await expect(section.getByRole('table', { name: 'Respaldos disponibles' }).getByRole('row')).toHaveCount(2);
    await section.getByRole('button', { name: 'Verificar' }).click();
    await expect(section.getByRole('status')).toContainText('Respaldo íntegro');
    await expect(section.getByRole('status')).toContainText('Cadena de auditoría');

    const support = page.getByRole('region', { name: 'Soporte' });
    await support.getByRole('button', { name: 'Copiar diagnóstico' }).click();
    await expect(support.getByText('Diagnóstico copiado')).toBeVisible();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toContain('Versión de la aplicación: ');
    expect(copied).toMatch(/Último respaldo: .* correcto \(manual\)/);
    expect(copied).not.toMatch(/\b\d{10}\b/); // no cédula or phone in the support text
    await expect(page.getByRole('status', { name: 'Barra de estado' }).getByLabel('Versión en uso')).toHaveText(/^v\d+\.\d+\.\d+/);
    await screenshot(page, '71-operacion');
  } finally {
    if (before.ok) await deskCall(desk, 'config.update', before.value.config, admin);
    if (fileBefore === null) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, fileBefore);
    await desk.services.resume('backup');
    fs.rmSync(backups, { recursive: true, force: true });
  }
});

test('a broken agencia.json is reported field by field and changes nothing', async ({ page, desk }) => {
  const file = path.join(desk.dataDir, 'agencia.json');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const config = {
    agency: { code: 'UIO', name: 'CAU Quito Norte', provinceCode: '17' },
    centralUrl: null,
    updateUrl: 'http://actualizaciones.local',
    sla: { warnMinutes: 20, breachMinutes: 60, byState: {} },
    caps: { maxPendingReview: 50, attachmentMaxMB: 5 },
    idleLockMinutes: 500,
    backup: { dir: null, everyHours: 24, keep: 14 },
    foreignerCodePattern: '(?=A)[A-Z]{6}',
  };
  await login(page, desk, DEMO.admin);
  await openOperations(page);
  const form = page.getByRole('form', { name: 'Configuración de la agencia' });
  // Other tests share this desk: what must not change is whatever the value is now.
  const idleLock = form.getByRole('spinbutton', { name: /^Bloqueo por inactividad/ });
  await expect(idleLock).not.toHaveValue('');
  const current = await idleLock.inputValue();
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  await page.reload();
  await openOperations(page);
  const alert = form.getByRole('alert').first();
  await expect(alert).toContainText('agencia.json tiene errores');
  await expect(alert).toContainText('Campo "idleLockMinutes"');
  await expect(alert).toContainText('Campo "updateUrl"');
  await expect(alert).toContainText('Campo "foreignerCodePattern": Formato del código de extranjero: no se permiten búsquedas hacia adelante o hacia atrás');
  await expect(idleLock).toHaveValue(current);
  await screenshot(page, '72-agencia-json-con-errores');
  if (before === null) fs.rmSync(file);
  else fs.writeFileSync(file, before);
});

test('clerks do not see the operations section, but see the version they run', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  await expect(page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /Operación/ })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Barra de estado' }).getByLabel('Versión en uso')).toHaveText(/^v\d+\.\d+\.\d+/);
});

test('an administrator restores a backup from the screen: checked, confirmed, applied at the next start', async ({ page }) => {
  // A desk of its own: the restore replaces its data.
  const desk = await startDesk(seedDesk(60));
  const backups = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-e2e-respaldos-'));
  try {
    await login(page, desk, DEMO.admin);
    await openOperations(page);
    const form = page.getByRole('form', { name: 'Configuración de la agencia' });
    await field(form, 'Carpeta de respaldos').fill(backups);
    await form.getByRole('button', { name: 'Guardar configuración' }).click();
    await expect(form.getByText('agencia.json está aplicado')).toBeVisible();
    await page.getByRole('region', { name: 'Respaldos' }).getByRole('button', { name: 'Respaldar ahora' }).click();
    await expect(page.getByRole('region', { name: 'Respaldos' }).getByText(/Respaldo creado: respaldo-/)).toBeVisible();
    // A change after the backup, which the restore takes back.
    const idleLock = form.getByRole('spinbutton', { name: /^Bloqueo por inactividad/ });
    await idleLock.fill('9');
    await form.getByRole('button', { name: 'Guardar configuración' }).click();
    const agencia = path.join(desk.dataDir, 'agencia.json');
    await expect.poll(() => JSON.parse(fs.readFileSync(agencia, 'utf8')).idleLockMinutes).toBe(9);

    const panel = page.getByRole('region', { name: 'Restaurar un respaldo' });
    await panel.getByRole('combobox', { name: 'Respaldo' }).click();
    await page.getByRole('option', { name: /· respaldo-/ }).click();
    await panel.getByRole('button', { name: 'Revisar respaldo' }).click();
    await expect(panel.getByRole('status', { name: 'Resultado de la revisión' })).toContainText('El respaldo pasó todas las verificaciones');
    await expect(panel.getByRole('status', { name: 'Resultado de la revisión' })).toContainText('Cadena de auditoría');
    const contents = panel.getByRole('table', { name: 'Contenido del respaldo' });
    await expect(contents.getByRole('row', { name: /Solicitudes/ })).toContainText('60');
    await expect(contents.getByRole('row', { name: /Agencia/ })).toContainText('UIO');
    const confirm = panel.getByRole('button', { name: 'Programar restauración' });
    await expect(confirm).toBeDisabled();
    await field(panel, 'Para confirmar, escriba RESTAURAR').fill('restaurar');
    await expect(confirm).toBeEnabled();
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(page, '76-restaurar-revision');
    const axe = await new AxeBuilder({ page }).include('section[aria-label="Restaurar un respaldo"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await confirm.click();
    await expect(panel.getByText('Restauración programada. Cierre Ventanilla Patronal')).toBeVisible();
    const pending = panel.getByRole('status', { name: 'Restauración programada' });
    await expect(pending).toContainText('Se aplica al volver a abrir la aplicación');
    await panel.getByRole('heading', { name: 'Restaurar un respaldo' }).scrollIntoViewIfNeeded();
    await screenshot(page, '77-restauracion-programada');

    // Close the app and open it again: the restore goes in before the database opens.
    desk.kill('SIGTERM');
    const wal = path.join(desk.dataDir, 'ventanilla.db-wal');
    await expect.poll(() => fs.existsSync(wal), { timeout: 15_000 }).toBe(false);
    await desk.restart();
    await page.goto(desk.url); // same port: only the #launch token changes, so load it again
    await page.reload();
    // The restore ended every session, the one the backup carried included: the administrator
    // lands on the login screen and signs in again.
    await expect(field(page, 'Usuario')).toBeVisible();
    await login(page, desk, DEMO.admin);
    await openOperations(page);
    await expect(form.getByRole('spinbutton', { name: /^Bloqueo por inactividad/ })).toHaveValue('5');
    await expect(page.getByRole('region', { name: 'Restaurar un respaldo' }).getByText(/Última restauración: .* programada por admin\. Los datos que había quedaron en la carpeta anterior-/)).toBeVisible();
    expect(fs.readdirSync(desk.dataDir).filter((n) => n.startsWith('anterior-'))).toHaveLength(1);
    await page.getByRole('region', { name: 'Restaurar un respaldo' }).scrollIntoViewIfNeeded();
    await screenshot(page, '78-restauracion-aplicada');
  } finally {
    desk.kill('SIGTERM');
    fs.rmSync(backups, { recursive: true, force: true });
    fs.rmSync(desk.dataDir, { recursive: true, force: true });
  }
});

/** What the host believes about the screen's unsaved work (what «Reiniciar y actualizar» checks), asked as an administrator. */
async function unsavedWork(desk: Desk): Promise<boolean> {
  const r = await deskCall<{ unsavedWork: boolean }>(desk, 'app.updateStatus', {}, await deskSession(desk, DEMO.admin));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.unsavedWork;
}

test('signing out with a request open leaves no unsaved work behind, so an update is not held back', async ({ page }) => {
  // A desk of its own: checking a turno in writes events other specs count.
  const desk = await startDesk(seedDesk(20));
  try {
    await login(page, desk, DEMO.clerk);
    const next = page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr').filter({ hasText: 'Pendiente' }).first();
    await field(page, 'Código de confirmación o cédula').fill((await next.locator('td').nth(1).innerText()).trim());
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');
    await expect.poll(() => unsavedWork(desk)).toBe(true);

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect(field(page, 'Usuario')).toBeVisible();
    await expect.poll(() => unsavedWork(desk)).toBe(false);
  } finally {
    desk.kill('SIGTERM');
    fs.rmSync(desk.dataDir, { recursive: true, force: true });
  }
});

test('a backup from another machine is «no verificable»: restored only after the administrator accepts it', async ({ page }) => {
  test.setTimeout(180_000); // two desks seeded and a backup taken by the CLI before the screen opens
  // Another machine of the agency: its own audit key signs its trail, and it takes a backup.
  const other = seedDesk(10);
  const backups = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-e2e-respaldos-'));
  const root = path.resolve(import.meta.dirname, '../..');
  const cli = (...args: string[]) => spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['electron/hosts/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  expect(cli('users.list', '{}', '--data-dir', other, '--as', 'admin').status).toBe(0);
  expect(cli('backup.run', '--data-dir', other, '--to', backups).status).toBe(0);
  const folder = path.join(backups, fs.readdirSync(backups)[0]!);
  const desk = await startDesk(seedDesk(10));
  try {
    await login(page, desk, DEMO.admin);
    await openOperations(page);
    const panel = page.getByRole('region', { name: 'Restaurar un respaldo' });
    await panel.getByRole('combobox', { name: 'Respaldo' }).click();
    await page.getByRole('option', { name: 'Otra carpeta (escribir la ruta)…' }).click();
    await field(panel, 'Carpeta del respaldo').fill(folder);
    await panel.getByRole('button', { name: 'Revisar respaldo' }).click();
    const result = panel.getByRole('status', { name: 'Resultado de la revisión' });
    await expect(result).toContainText('NO SE PUEDE VERIFICAR en este equipo');
    await expect(result).toContainText('⚠ Cadena de auditoría: No verificable');
    // Nothing to confirm until the administrator accepts the unverifiable trail.
    await expect(panel.getByRole('button', { name: 'Programar restauración' })).toHaveCount(0);
    const accept = panel.getByRole('checkbox', { name: /acepto restaurarlo sin poder verificar su registro de auditoría/ });
    await accept.check();
    await field(panel, 'Para confirmar, escriba RESTAURAR').fill('RESTAURAR');
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, '79-restaurar-auditoria-no-verificable');
    const axe = await new AxeBuilder({ page }).include('section[aria-label="Restaurar un respaldo"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await panel.getByRole('button', { name: 'Programar restauración' }).click();
    await expect(panel.getByText('Restauración programada. Cierre Ventanilla Patronal')).toBeVisible();
  } finally {
    desk.kill('SIGTERM');
    for (const d of [other, backups, desk.dataDir]) fs.rmSync(d, { recursive: true, force: true });
  }
});
