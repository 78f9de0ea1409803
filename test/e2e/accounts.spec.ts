import fs from 'node:fs';
import { DEMO, emptyDataDir, expect, field, login, screenshot, startDesk, test } from './desk';

test('first start: an empty desk asks for its agency and first administrator', async ({ page }) => {
  const dataDir = emptyDataDir();
  const desk = await startDesk(dataDir);
  try {
    await page.goto(desk.url);
    await expect(page.getByRole('heading', { name: 'Configuración inicial' })).toBeVisible();
    // Nothing typed meets nothing: no rule is ticked over an empty password or username.
    const rules = page.getByRole('list', { name: 'Política de contraseñas' }).getByRole('listitem');
    await expect(rules.first()).toBeVisible();
    for (const rule of await rules.all()) await expect(rule).toContainText('pendiente');
    await expect(rules.filter({ hasText: 'No se basa en el nombre de usuario' })).toContainText('pendiente');
    await field(page, 'Contraseña').fill('Loja.Segura.2026');
    await expect(rules.filter({ hasText: 'Sin espacios' })).toContainText('cumple');
    // Which username it must not be based on is not known yet.
    await expect(rules.filter({ hasText: 'No se basa en el nombre de usuario' })).toContainText('pendiente');
    await field(page, 'Contraseña').fill('');
    await field(page, 'Código').fill('LOJ');
    await field(page, 'Nombre de la agencia').fill('CAU Loja');
    await page.getByRole('combobox', { name: 'Provincia' }).click();
    await page.getByRole('option', { name: '11 · Loja' }).click();
    await field(page, 'Nombre completo').fill('Zoila Toapanta Logroño');
    await field(page, 'Usuario').fill('zoila.toapanta');
    await field(page, 'Contraseña').fill('corta');
    await expect(page.getByRole('list', { name: 'Política de contraseñas' })).toContainText('Al menos 10 caracteres');
    await field(page, 'Confirme la contraseña').fill('corta');
    await page.getByRole('button', { name: 'Crear agencia y administrador' }).click();
    await expect(page.getByRole('alert')).toContainText('no cumple la política');
    // A long but weak password: each rule it breaks says why the rule exists.
    await field(page, 'Contraseña').fill('aaaaaaaaa1');
    const policy = page.getByRole('list', { name: 'Política de contraseñas' });
    await expect(policy).toContainText('Sin caracteres repetidos (aaa, 1111, abab…)pendientePor qué: una repetición se adivina tan rápido como un solo carácter.');
    await field(page, 'Contraseña').fill('Password.2026');
    await expect(policy).toContainText(/No es una contraseña comúnpendientePor qué: está entre las [\d.]+ más usadas, las primeras que se prueban\./);
    await screenshot(page, '10b-politica-de-contrasenas');
    await field(page, 'Contraseña').fill('Loja.Segura.2026');
    await field(page, 'Confirme la contraseña').fill('Loja.Segura.2026');
    await expect(rules.filter({ hasText: 'No se basa en el nombre de usuario' })).toContainText('cumple');
    await screenshot(page, '10-configuracion-inicial');
    await page.getByRole('button', { name: 'Crear agencia y administrador' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido, Zoila Toapanta Logroño');
    await expect(page.getByRole('status', { name: 'Barra de estado' })).toContainText('CAU Loja · LOJ');
  } finally {
    desk.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('three wrong passwords lock the account; the login says no more than for an unknown user', async ({ page, desk }) => {
  const UNIFORM = 'Usuario o contraseña incorrectos. Tras 3 intentos fallidos seguidos la cuenta se bloquea por 15 minutos; si no puede ingresar, pida al administrador que la desbloquee.';
  // Each refused login runs a full scrypt (32 MiB, test/bench/accounts.ts) on purpose, the unknown
  // user's too: on a loaded 2-core machine the answer can take longer than the 5 s default wait.
  const answered = { timeout: 20_000 };
  // «Ingresar» is disabled while an attempt is pending: enabled again means this attempt was answered,
  // so the alert read next is this attempt's, not the one before.
  const ingresar = page.getByRole('button', { name: 'Ingresar' });
  const submit = async () => {
    await ingresar.click();
    await expect(ingresar).toBeEnabled(answered);
  };
  await page.goto(desk.url);
  await field(page, 'Usuario').fill('no.existe');
  await field(page, 'Contraseña').fill('Cualquier.Clave.1');
  await submit();
  await expect(page.getByRole('alert')).toHaveText(UNIFORM, answered);
  await field(page, 'Usuario').fill('ventanilla3');
  for (let i = 1; i <= 3; i++) {
    await field(page, 'Contraseña').fill(`equivocada-${i}`);
    await submit();
    await expect(page.getByRole('alert')).toHaveText(UNIFORM, answered);
  }
  // Locked: the right password is refused too, with the same words (no username probing).
  await field(page, 'Contraseña').fill('Ventanilla.Demo.2026');
  await submit();
  await expect(page.getByRole('alert')).toHaveText(UNIFORM, answered);
  await expect(ingresar).toBeVisible();
  await screenshot(page, '11-cuenta-bloqueada');
});

test('idle lock covers the screen after 5 minutes and keeps what was being typed', async ({ page, desk }) => {
  await page.clock.install();
  await login(page, desk, DEMO.supervisor);
  await page.keyboard.press('Alt+8'); // Mi cuenta (supervisor)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mi cuenta');
  await expect(field(page, 'Nueva contraseña')).toBeVisible();
  await screenshot(page, '17-mi-cuenta');
  await field(page, 'Nueva contraseña').fill('a medio escribir 123');
  await page.clock.fastForward('04:00');
  await expect(page.getByRole('dialog', { name: 'Sesión bloqueada' })).toBeHidden();
  await page.clock.fastForward('01:05');
  const lock = page.getByRole('dialog', { name: 'Sesión bloqueada' });
  await expect(lock).toBeVisible();
  await screenshot(page, '12-bloqueo-inactividad');
  await field(lock, 'Contraseña').fill('no-es-la-clave');
  await lock.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(lock.getByRole('alert')).toHaveText('La contraseña no es correcta.');
  await field(lock, 'Contraseña').fill(DEMO.supervisor.password);
  await lock.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(lock).toBeHidden();
  await expect(field(page, 'Nueva contraseña')).toHaveValue('a medio escribir 123');
});

test('an administrator creates a user, who must change the temporary password first', async ({ page, desk }) => {
  await login(page, desk, DEMO.admin);
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Usuarios');
  await expect(page.getByRole('table', { name: 'Usuarios' })).toContainText('Begoña Núñez Cárdenas');
  await screenshot(page, '13-usuarios');
  await page.getByRole('button', { name: 'Nuevo usuario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo usuario' });
  await field(dialog, 'Nombre completo').fill('Cristóbal Yánez Proaño');
  await field(dialog, 'Usuario').fill('cristobal.yanez');
  await field(dialog, 'Contraseña temporal').fill('Temporal.Uio.2026');
  await screenshot(page, '14-nuevo-usuario');
  await dialog.getByRole('button', { name: 'Crear usuario' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cristobal.yanez creado' })).toBeVisible();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();

  await field(page, 'Usuario').fill('cristobal.yanez');
  await field(page, 'Contraseña').fill('Temporal.Uio.2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Cambie su contraseña' })).toBeVisible();
  await field(page, 'Contraseña temporal').fill('Temporal.Uio.2026');
  await field(page, 'Nueva contraseña').fill('Cristobal.Nueva.77');
  await field(page, 'Confirme la nueva contraseña').fill('Cristobal.Nueva.77');
  await screenshot(page, '15-cambio-obligatorio');
  await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  await expect(page.getByRole('status', { name: 'Barra de estado' })).toContainText('Cristóbal Yánez Proaño (Ventanillero)');
});

test('an administrator verifies the audit trail and changes the security settings', async ({ page, desk }) => {
  await login(page, desk, DEMO.admin);
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seguridad y auditoría');
  await expect(page.getByText('se guardan sin cifrar')).toBeVisible();
  await page.getByRole('button', { name: 'Verificar integridad' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registro de auditoría íntegro' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar CSV' }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  // One BOM only (the core writes it; the screen saves the file as it is).
  expect(csv).toMatch(/^\uFEFFsecuencia;fecha_hora_utc;usuario_id;usuario;operacion;objetivo;resultado;hash\r\n/);
  expect(csv).toContain(';admin;session.login;');
  await page.getByRole('spinbutton', { name: /^Bloqueo de pantalla por inactividad/ }).fill('0');
  await page.getByRole('button', { name: 'Guardar parámetros' }).click();
  await expect(page.getByText('al menos 1 minuto')).toBeVisible();
  await page.getByRole('spinbutton', { name: /^Bloqueo de pantalla por inactividad/ }).fill('10');
  await page.getByRole('button', { name: 'Guardar parámetros' }).click();
  await expect(page.getByText('Parámetros guardados')).toBeVisible();
  await screenshot(page, '16-seguridad-auditoria');
});
