// Identity documents as they really are (DOMAIN §4.2, §4.3), end to end in Chromium: a turno
// found by a cédula typed with a dash, a foreign natural person whose third-digit-6 RUC passes
// the natural-person rule, a German representative whose passport says D and whose name is
// typed "Müller", and a valid RUC of another kind that only warns.
import fs from 'node:fs';
import { DEMO, expect, field, login, screenshot, seedDesk, startDesk, test as deskTest, type Desk } from './desk';
import type { Page } from '@playwright/test';

/** A desk of our own: these tests check turnos in, which must not leak into other files. */
const test = deskTest.extend<object, { desk: Desk }>({
  desk: [
    async ({}, use) => {
      const dataDir = seedDesk();
      const desk = await startDesk(dataDir);
      await use(desk);
      desk.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

/** Today at the agency (America/Guayaquil), as yyyy-mm-dd, shifted by whole years/days. */
function ecuadorDate(years = 0, days = 0): string {
  const now = new Date(Date.now() - 5 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}
const es = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** ICAO 9303 check digit: weights 7,3,1; '<' = 0, A–Z = 10–35. */
function mrzCheck(s: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

/** A TD3 MRZ with correct check digits; `state` may be one letter (Germany is D). */
function passportMrz(p: { number: string; state: string; name: string; birth: string; sex: 'M' | 'F'; expiry: string }): string {
  const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const state = p.state.padEnd(3, '<');
  const line1 = `P<${state}${p.name}`.padEnd(44, '<');
  const number = p.number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const parts = [number + mrzCheck(number), yymmdd(p.birth) + mrzCheck(yymmdd(p.birth)), yymmdd(p.expiry) + mrzCheck(yymmdd(p.expiry)), personal + mrzCheck(personal)];
  return `${line1}\n${parts[0]}${state}${parts[1]}${p.sex}${parts[2]}${parts[3]}${mrzCheck(parts[0]! + parts[1] + parts[2] + parts[3])}`;
}

async function openCounter(page: Page, desk: Desk): Promise<void> {
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  await expect(field(page, 'Código de confirmación o cédula')).toBeFocused();
}

/** Checks the next waiting turno in by its cédula, typed as people do: a dash before the check digit. */
async function checkInByCedula(page: Page): Promise<void> {
  const row = page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr').filter({ hasText: 'Pendiente' }).first();
  const cedula = (await row.locator('td').nth(2).innerText()).trim();
  await field(page, 'Código de confirmación o cédula').fill(`${cedula.slice(0, 9)}-${cedula.slice(9)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');
}

async function fillVisaAndContact(page: Page, email: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Categoría de visa' }).selectOption('temporal_trabajo');
  await field(page, 'Número de visa').fill('VT-2025-018832');
  await field(page, 'Emisión de la visa').fill(es(ecuadorDate(-1)));
  await field(page, 'Caducidad de la visa').fill(es(ecuadorDate(1)));
  await field(page, 'Correo electrónico').fill(email);
  await field(page, 'Dirección del empleador').fill('Calle Whymper E7-37 y Av. Coruña, Quito');
}

async function continueToChecklist(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Estado del borrador' })).toContainText('Guardado');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Verificación CAU-UIO-');
}

test('persona natural extranjera con cédula de tercer dígito 6: su RUC 1760000073001 vale como persona natural', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Natural - Extranjera/ }).check();
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('cedula');
  await field(page, 'Número de cédula').fill('1760000073');
  await field(page, 'Apellidos y nombres').fill('Restrepo Gómez Camilo Andrés');
  await field(page, 'Nacionalidad').fill('col');
  await expect(page.getByText('Colombia', { exact: true })).toBeVisible();
  await field(page, 'RUC').fill('1760000073001');
  await field(page, 'Razón social').fill('Restrepo Gómez Camilo Andrés');
  await field(page, 'Caducidad del pasaporte').fill(es(ecuadorDate(4)));
  await fillVisaAndContact(page, 'camilo.restrepo@correo.com.co');
  // Valid for the kind chosen: neither an error nor a warning under the RUC.
  const employer = page.getByRole('region', { name: 'Empleador' });
  await expect(employer.getByText(/tercer dígito|no es válido/)).toHaveCount(0);
  await screenshot(page, '60-natural-extranjera-ruc-tercer-digito-6');
  await continueToChecklist(page);
});

test('representante alemán: el pasaporte dice D y el nombre se digita «Müller»', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Jurídica - Privada/ }).check();
  await field(page, 'RUC').fill('1792060346001');
  await field(page, 'Razón social').fill('Maschinenbau Andina S.A.');
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('pasaporte');
  const mrz = passportMrz({ number: 'C01X0006H', state: 'D', name: 'MUELLER<<ERIKA', birth: '1964-08-12', sex: 'F', expiry: ecuadorDate(6) });
  await field(page, 'Zona de lectura mecánica (MRZ)').pressSequentially(mrz.replace('\n', '\r'), { delay: 0 });
  await expect(field(page, 'Número de pasaporte')).toHaveValue('C01X0006H');
  await expect(field(page, 'Nacionalidad')).toHaveValue('D');
  await expect(page.getByText('Alemania', { exact: true })).toBeVisible();
  await expect(page.getByText(/D \(Alemania\)/)).toBeVisible();
  // The clerk types the name as the visual zone shows it, with its umlaut: it matches MUELLER.
  await field(page, 'Apellidos y nombres').fill('Müller Erika');
  await expect(page.getByText(/Apellidos y nombres: se digitó/)).toHaveCount(0);
  await field(page, 'Apellidos y nombres').fill('Miller Erika');
  await expect(page.getByText('Apellidos y nombres: se digitó «Miller Erika» pero el pasaporte dice «MUELLER ERIKA».')).toBeVisible();
  await field(page, 'Apellidos y nombres').fill('Müller Erika');
  await fillVisaAndContact(page, 'erika.mueller@maschinenbau.ec');
  await screenshot(page, '61-representante-aleman-pasaporte-d');
  await continueToChecklist(page);
});

test('un lector que confundió O con 0: la corrección se ofrece y solo se aplica al aceptarla', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Jurídica - Privada/ }).check();
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('pasaporte');
  const mrz = passportMrz({ number: 'AB1234567', state: 'COL', name: 'GARCIA<<CAMILA', birth: '1985-03-15', sex: 'F', expiry: ecuadorDate(5) });
  const misread = mrz.replace('COL850315', 'COL85O315');
  expect(misread).not.toBe(mrz);
  const box = field(page, 'Zona de lectura mecánica (MRZ)');
  await box.fill(misread);
  await expect(page.getByText(/El lector pudo confundir caracteres parecidos \(línea 2, posición 16: «O» por «0»\)/)).toBeVisible();
  await expect(field(page, 'Número de pasaporte')).toHaveValue('');
  await screenshot(page, '62-mrz-correccion-sugerida');
  await page.getByRole('button', { name: 'Usar la corrección' }).click();
  await expect(box).toHaveValue(mrz);
  await expect(field(page, 'Número de pasaporte')).toHaveValue('AB1234567');
});

test('un RUC válido de otro tipo no bloquea: advierte el tipo más probable y se confirma', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Jurídica - Pública/ }).check();
  await field(page, 'RUC').fill('1792060346001');
  await field(page, 'Razón social').fill('Empresa Pública Metropolitana de Servicios');
  const employer = page.getByRole('region', { name: 'Empleador' });
  await expect(employer.getByText(/parece de una sociedad privada \(tercer dígito 9\), y se eligió entidad pública/)).toBeVisible();
  await expect(field(page, 'RUC')).not.toHaveAttribute('aria-invalid', 'true');
});
