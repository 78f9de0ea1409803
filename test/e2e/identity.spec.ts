// Identity documents as they really are (DOMAIN §4.2, §4.3), end to end in Chromium: a turno
// found by a cédula typed with a dash, a foreign natural person whose third-digit-6 RUC passes
// the natural-person rule, a German representative whose passport says D and whose name is
// typed "Müller", and a valid RUC of another kind that only warns.
import { DEMO, expect, field, login, recordEmailOffline, screenshot, testWithOwnDesk, type Desk } from './desk';
import type { Locator, Page } from '@playwright/test';

/** A desk of our own: these tests check turnos in, which must not leak into other files. */
const test = testWithOwnDesk();

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
  await fillContact(page, email);
}

async function fillContact(page: Page, email: string): Promise<void> {
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
  // With a cédula he identifies with it: neither passport nor visa is asked (seed 004, lines 61–71).
  await expect(field(page, 'Caducidad del pasaporte')).toHaveCount(0);
  await fillContact(page, 'camilo.restrepo@correo.com.co');
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
  // Not enrolled: the clerk records that she is not registered in the IESS (no code is asked).
  await page.getByRole('combobox', { name: 'Registro en el IESS' }).selectOption('no_registrado_sin_consulta');
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

/**
 * Verifies one document by keyboard only, from its «Presentado» box (where the screen puts the
 * focus): Space on each box the clerk confirms (names, the record, a signature), Tab onwards,
 * Enter on «Verificado».
 */
async function verifyByKeyboard(page: Page, row: Locator): Promise<void> {
  await expect(row.getByRole('checkbox', { name: 'Presentado' })).toBeFocused();
  await page.keyboard.press('Space');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    const name = (await focused.getAttribute('aria-label')) ?? (await focused.evaluate((el) => (el as { labels?: { textContent: string | null }[] }).labels?.[0]?.textContent ?? el.textContent ?? ''));
    // The button is named with its document («Verificado: Cédula del representante legal»).
    if (/^Verificado(: |$)/.test(name.trim())) {
      await page.keyboard.press('Enter');
      await expect(row.getByText('Verificado', { exact: true })).toBeVisible();
      return;
    }
    const box = await focused.evaluate((el) => (el as { type?: string }).type === 'checkbox' && !(el as { checked?: boolean }).checked);
    if (box && /Los nombres coinciden|Coincide con el registro|Autoriza a|^Firmado por/.test(name.trim())) await page.keyboard.press('Space');
  }
  throw new Error(`no «Verificado» reached in ${await row.getAttribute('aria-label')}`);
}

test('un tercero presenta con los formularios que el representante firmó antes: sin imprimir formularios, el comprobante solo, por teclado', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Jurídica - Privada/ }).check();
  await field(page, 'RUC').fill('0190115798001');
  await field(page, 'Razón social').fill('Textiles del Austro Cía. Ltda.');
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('cedula');
  await field(page, 'Número de cédula').fill('0926687856');
  await field(page, 'Apellidos y nombres').fill('Zambrano Cevallos María Fernanda');
  await fillContact(page, 'gerencia@andina.com.ec');
  await page.getByRole('checkbox', { name: 'Un tercero autorizado presenta y retira' }).check();
  await field(page, 'Apellidos y nombres del tercero').fill('Guamán Chicaiza Pedro José');
  await field(page, 'Cédula del tercero').fill('0602910945');
  await continueToChecklist(page);

  // The representative is not here: the Solicitud and the Acuerdo can only be brought signed
  // (seed 004, lines 35–41), and the third party signs the Autorización de Retiro.
  const list = page.getByRole('list', { name: 'Documentos requeridos' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Traído firmado por el solicitante' })).toHaveCount(3);
  await expect(list.getByRole('combobox', { name: 'Papel firmado' })).toHaveCount(0);
  const autorizacion = list.getByRole('listitem', { name: /Autorización de Retiro/ });
  await expect(autorizacion.getByRole('checkbox', { name: 'Firmado por el tercero autorizado' })).toBeEnabled();
  await expect(autorizacion.getByRole('checkbox', { name: /Autoriza a Guamán Chicaiza Pedro José \(cédula 0602910945\)/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Qué falta' })).not.toContainText('imprimir');

  for (const label of [/^Solicitud de entrega de clave$/, /Autorización de Retiro/, /Cédula del tercero autorizado/, /Cédula del representante legal/, /Acuerdo de Responsabilidad/]) {
    await verifyByKeyboard(page, list.getByRole('listitem', { name: label }));
  }
  // Nothing printed: the e-mail is next. Offline, the clerk records why, by keyboard.
  const proof = page.getByRole('region', { name: 'Correo electrónico activo' });
  await expect(proof.getByRole('button', { name: 'Enviar código al correo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(proof.getByRole('combobox', { name: 'Motivo' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(proof).toContainText('No verificado: Sin conexión con el IESS');
  await expect(page.getByRole('complementary', { name: 'Envío a revisión' })).toContainText('Lista para enviar a revisión');
  await expect(page.getByText('En verificación', { exact: true })).toBeVisible();
  await screenshot(page, '63-tercero-formularios-traidos');
  await expect(page.getByRole('button', { name: 'Enviar a revisión' })).toBeFocused();
  await page.keyboard.press('Alt+R');
  await expect(page.getByText('Pendiente de revisión', { exact: true })).toBeVisible();
  // No form was printed, but the applicant leaves with the comprobante (DOMAIN §5.3): printed alone, by keyboard.
  await expect(page.getByText(/Los formularios llegaron firmados: imprima el comprobante de recepción y entréguelo al solicitante; con el número CAU-UIO-/)).toBeVisible();
  const printReceipt = page.getByRole('button', { name: 'Imprimir comprobante (Alt+I)' });
  await expect(printReceipt).toBeFocused();
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog', { name: /Comprobante impreso/ });
  // Rasterizing the PDF is slow on a loaded machine: its own wait.
  await expect(preview.getByRole('img', { name: /Comprobante de recepción.*página 1/ })).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByRole('tab')).toHaveCount(0);
  await screenshot(page, '63b-tercero-comprobante');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(page.getByRole('button', { name: 'Volver a Atención (Esc)' })).toBeFocused();
  // Once printed it is reprinted with a reason (the same bytes, archive.ts), and the history says so.
  await expect(page.getByRole('button', { name: 'Reimprimir comprobante… (Alt+I)' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Historial de la solicitud' })).toContainText('Comprobante de recepción impreso');
  await page.keyboard.press('Alt+I');
  const reason = page.getByRole('dialog', { name: 'Reimprimir el comprobante' });
  await expect(reason).toBeVisible();
  await page.keyboard.type('El solicitante perdió la primera copia');
  await page.keyboard.press('Enter');
  const again = page.getByRole('dialog', { name: /Comprobante reimpreso/ });
  await expect(again.getByRole('img', { name: /página 1/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();
});

test('representante colombiano con cédula ecuatoriana y pasaporte caducado: se identifica con la cédula', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Jurídica - Privada/ }).check();
  await field(page, 'RUC').fill('0992397535001');
  await field(page, 'Razón social').fill('Exportadora del Pacífico S.A.');
  // The clerk reads his passport first: it expired last month.
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('pasaporte');
  const mrz = passportMrz({ number: 'AX7719020', state: 'COL', name: 'OSPINA<VELEZ<<JUAN<PABLO', birth: '1979-11-02', sex: 'M', expiry: ecuadorDate(0, -30) });
  await field(page, 'Zona de lectura mecánica (MRZ)').pressSequentially(mrz.replace('\n', '\r'), { delay: 0 });
  await expect(field(page, 'Nacionalidad')).toHaveValue('COL');
  await expect(page.getByText(/El pasaporte caducó el/).first()).toBeVisible();
  // He holds an Ecuadorian cédula: he identifies with it; the expired passport blocks nothing.
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('cedula');
  await field(page, 'Número de cédula').fill('1714307103');
  await field(page, 'Apellidos y nombres').fill('Ospina Vélez Juan Pablo');
  await expect(field(page, 'Nacionalidad')).toHaveValue('COL');
  await expect(page.getByText('Colombia', { exact: true })).toBeVisible();
  await expect(field(page, 'Caducidad del pasaporte')).toHaveCount(0);
  await expect(page.getByText(/caducó/)).toHaveCount(0);
  await fillContact(page, 'juan.ospina@andina.com.ec');
  await screenshot(page, '64-colombiano-con-cedula');
  await continueToChecklist(page);
  const list = page.getByRole('list', { name: 'Documentos requeridos' });
  await expect(list.locator(':scope > li')).toHaveText([/Solicitud de entrega de clave/, /Cédula del representante legal/, /Acuerdo de Responsabilidad/]);

  // The representative is here: the papers are printed and he signs them, by keyboard.
  await verifyByKeyboard(page, list.getByRole('listitem', { name: /Cédula del representante legal/ }));
  await expect(page.getByRole('button', { name: 'Imprimir formularios' })).toBeFocused();
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog', { name: /Formularios impresos/ });
  // Rasterizing the PDF is slow on a loaded machine: its own wait.
  await expect(preview.getByRole('img', { name: /página 1/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByText('Pendiente de firma', { exact: true })).toBeVisible();
  for (const label of [/^Solicitud de entrega de clave$/, /Acuerdo de Responsabilidad/]) await verifyByKeyboard(page, list.getByRole('listitem', { name: label }));
  await recordEmailOffline(page);
  await page.keyboard.press('Alt+R');
  await expect(page.getByText('Pendiente de revisión', { exact: true })).toBeVisible();
});

test('cada error de los datos señala un campo visible: extranjero por código y persona natural extranjera con cédula', async ({ page, desk }) => {
  await openCounter(page, desk);
  await checkInByCedula(page);
  await page.getByRole('radio', { name: /Persona Jurídica - Privada/ }).check();
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('codigo_extranjero');
  await field(page, 'Código de extranjero').fill('EXT0012345');
  // The nationality is on screen, and the message says to fill it.
  await expect(page.getByText('Un representante ecuatoriano se identifica con su cédula; si es extranjero, escriba su nacionalidad.')).toBeVisible();
  await field(page, 'Nacionalidad').fill('VEN');
  await expect(page.getByText(/Un representante ecuatoriano se identifica/)).toHaveCount(0);
  await expect(field(page, 'Caducidad del pasaporte')).toBeVisible();
  await screenshot(page, '65-extranjero-por-codigo');

  await page.getByRole('radio', { name: /Persona Natural - Extranjera/ }).check();
  await page.getByRole('combobox', { name: 'Documento de identidad' }).selectOption('cedula');
  await field(page, 'Nacionalidad').fill('ECU');
  await expect(page.getByText(/Una persona natural extranjera no puede tener nacionalidad ECU/)).toBeVisible();
  await expect(field(page, 'Nacionalidad')).toHaveAttribute('aria-invalid', 'true');
  await field(page, 'Nacionalidad').fill('PER');
  await expect(page.getByText(/no puede tener nacionalidad ECU/)).toHaveCount(0);
});
