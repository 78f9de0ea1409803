import { DEMO, expect, field, login, screenshot, test } from './desk';

test('login screen rejects a wrong password with a Spanish message', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Ventanilla Patronal' })).toBeVisible();
  await expect(page).not.toHaveURL(/launch=/); // the launch token leaves the address bar
  // The page declares its icon, and it is served (no 404 for /favicon.ico on every load).
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  // Fetched by the page itself, as the browser fetches its icon.
  const served = await page.evaluate(async (href) => {
    const r = await fetch(href);
    return { status: r.status, type: r.headers.get('content-type') };
  }, icon!);
  expect(served).toEqual({ status: 200, type: 'image/png' });
  await screenshot(page, '01-login');
  await field(page, 'Usuario').fill('ventanilla2');
  await field(page, 'Contraseña').fill('incorrecta');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos. Tras 3 intentos fallidos seguidos la cuenta se bloquea por 15 minutos; si no puede ingresar, pida al administrador que la desbloquee.');
  await expect(field(page, 'Contraseña')).toHaveValue('');
});

test('a clerk lands on Atención, sees the status bar and moves between sections with the keyboard', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  const nav = page.getByRole('navigation', { name: 'Secciones' });
  await expect(nav.getByRole('button')).toHaveText([/Atención\s*Alt\+1/, /Solicitudes\s*Alt\+2/, /Sincronización\s*Alt\+3/, /Mi cuenta\s*Alt\+4/]);
  const status = page.getByRole('status', { name: 'Barra de estado' });
  await expect(status).toContainText('José Muñoz Quishpe (Ventanillero)');
  await expect(status).toContainText('CAU Quito Norte (Iñaquito)');
  await expect(status).toContainText('IESS: estación no enrolada');
  await expect(status).toContainText(/Pendientes de envío: \d+/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  await expect(page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr')).toHaveCount(27);
  await screenshot(page, '02-atencion-ventanillero');

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solicitudes');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const requestRows = page.getByRole('table', { name: 'Solicitudes' }).locator('tbody tr');
  await expect(requestRows).toHaveCount(50);
  await expect(requestRows.first()).toContainText('CAU-UIO-');
  await screenshot(page, '04-solicitudes');
  await page.getByRole('button', { name: 'Cargar más' }).click();
  await expect(requestRows).toHaveCount(100);
});

test('navigation follows the role', async ({ page, desk }) => {
  await login(page, desk, DEMO.admin);
  const nav = page.getByRole('navigation', { name: 'Secciones' });
  await expect(nav.getByRole('button')).toHaveText([/Inicio/, /Usuarios/, /Seguridad y auditoría/, /Operación/, /Enrolamiento con el IESS/, /Sincronización/, /Mi cuenta/]);
  await screenshot(page, '05-inicio-administrador');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await login(page, desk, DEMO.supervisor);
  await expect(nav.getByRole('button')).toHaveText([/Colas de trabajo/, /Buscar/, /Tablero/, /Cierre del día/, /Atención/, /Solicitudes/, /Sincronización/, /Mi cuenta/]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Colas de trabajo');
});
