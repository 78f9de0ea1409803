import { DEMO, expect, field, login, screenshot, test } from './desk';

test('login screen rejects a wrong password with a Spanish message', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Ventanilla Patronal' })).toBeVisible();
  await expect(page).not.toHaveURL(/launch=/); // the launch token leaves the address bar
  await screenshot(page, '01-login');
  await field(page, 'Usuario').fill('ventanilla2');
  await field(page, 'Contraseña').fill('incorrecta');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await expect(field(page, 'Contraseña')).toHaveValue('');
});

test('a clerk sees the app shell, the status bar and navigates with the keyboard', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  const status = page.getByRole('status', { name: 'Barra de estado' });
  await expect(status).toContainText('José Muñoz Quishpe (Ventanillero)');
  await expect(status).toContainText('CAU Quito Norte (Iñaquito)');
  await expect(status).toContainText('IESS: sin configurar');
  await expect(status).toContainText('Pendientes de envío: 0');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido, José Muñoz Quishpe');
  await screenshot(page, '02-inicio-ventanillero');

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Turnos del día');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const rows = page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr');
  await expect(rows).toHaveCount(27);
  await screenshot(page, '03-turnos');

  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solicitudes');
  const requestRows = page.getByRole('table', { name: 'Solicitudes' }).locator('tbody tr');
  await expect(requestRows).toHaveCount(50);
  await expect(requestRows.first()).toContainText('CAU-UIO-');
  await screenshot(page, '04-solicitudes');
  await page.getByRole('button', { name: 'Cargar más' }).click();
  await expect(requestRows).toHaveCount(100);
});

test('navigation follows the role: an administrator sees no counter sections', async ({ page, desk }) => {
  await login(page, desk, DEMO.admin);
  const nav = page.getByRole('navigation', { name: 'Secciones' });
  await expect(nav.getByRole('button')).toHaveText([/Inicio/, /Usuarios/, /Seguridad y auditoría/, /Mi cuenta/]);
  await screenshot(page, '05-inicio-administrador');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
});
