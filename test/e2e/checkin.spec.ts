// Registering a turno's arrival: a cédula typed with a wrong check digit is answered as a
// cédula, and a turno already attended is said to be so, its request offered but not opened.
import type { Page } from '@playwright/test';
import { DEMO, expect, field, login, screenshot, testWithOwnDesk } from './desk';

/** A desk of its own: checking turnos in writes outbox events other specs count. */
const test = testWithOwnDesk({ requests: 60 });

const checkInBox = (page: Page) => field(page, 'Código de confirmación o cédula');
const pendingTurno = (page: Page) => page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr').filter({ hasText: 'Pendiente' }).first();

test('a cédula with a wrong check digit gets the cédula\'s message, not the confirmation code\'s', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  const cedula = (await pendingTurno(page).locator('td').nth(2).innerText()).trim();
  const wrong = cedula.slice(0, 9) + String((Number(cedula[9]) + 1) % 10);
  await checkInBox(page).fill(`${wrong.slice(0, 9)}-${wrong.slice(9)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`La cédula ${wrong} no es válida. El dígito verificador de la cédula no es válido.`)).toBeVisible();
  await expect(page.getByText(/código de confirmación en esta agencia/)).toHaveCount(0);
  await expect(checkInBox(page)).toBeFocused();
  await screenshot(page, 'checkin-01-cedula-digito');
});

test('a turno attended already is said to be so; its request opens only when the clerk asks', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  const code = (await pendingTurno(page).locator('td').nth(1).innerText()).trim();
  await checkInBox(page).fill(code);
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Solicitud CAU-UIO-');
  const number = (await heading.innerText()).match(/CAU-UIO-\d{4}-\d{6}/)![0];
  await page.keyboard.press('Escape');
  await expect(heading).toHaveText('Atención');

  // The same code again: Atención stays, says which request the turno already has, and offers it.
  await checkInBox(page).fill(code);
  await page.keyboard.press('Enter');
  const notice = page.getByRole('alert').filter({ hasText: 'Este turno ya fue atendido' });
  await expect(notice).toContainText(`su solicitud es la ${number.replace('CAU-UIO-', '')} (Borrador)`);
  await expect(heading).toHaveText('Atención');
  await expect(notice.getByRole('button', { name: 'Abrir la solicitud' })).toBeFocused();
  await screenshot(page, 'checkin-02-turno-ya-atendido');
  await page.keyboard.press('Enter');
  await expect(heading).toContainText(`Solicitud ${number}`);
});
