// «Hojas de orientación» from Atención, by keyboard: Alt+O, the procedure, the applicant's
// identification, names and e-mail, Enter; the sheet in the print dialog, saved as PDF and read
// back; its QR scanned into the check-in box is recognised as a guidance sheet.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO, expect, field, login, screenshot, seededDeskFixture, test as deskTest, type Desk } from './desk';

// Its own desk: the sheet numbers below start at 000001.
const test = deskTest.extend<object, { desk: Desk }>({ desk: [({}, use) => seededDeskFixture({}, use), { scope: 'worker' }] });

const SHEETS = [
  { label: 'Generar la clave (primera vez)', title: 'Cómo generar su clave de afiliado del IESS', step: '11. Escriba su nueva clave dos veces' },
  { label: 'Recuperar la clave (olvidada)', title: 'Cómo recuperar su clave de afiliado del IESS', step: 'Tiene 5 intentos' },
  { label: 'Desbloquear la clave', title: 'Cómo desbloquear su clave de afiliado del IESS', step: 'El enlace dura solo 3 minutos' },
  { label: 'Cambiar la clave', title: 'Cómo cambiar su clave de afiliado del IESS', step: '«He leído y acepto el acuerdo de uso de la clave»' },
] as const;

const text = (pdf: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
function qrOf(pdf: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-guidance-'));
  try {
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', pdf, path.join(dir, 'p')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const out = execFileSync('zbarimg', ['-q', path.join(dir, png)], { encoding: 'utf8' });
    return out.split('\n').find((l) => l.startsWith('QR-Code:'))!.slice('QR-Code:'.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole dialog by keyboard: Alt+O, arrows for the procedure, Tab between fields, Enter. */
async function fillByKeyboard(page: Page, index: number, who: { foreigner: boolean; id: string; names: string; email: string }) {
  await page.keyboard.press('Alt+O');
  const dialog = page.getByRole('dialog', { name: 'Hoja de orientación', exact: true });
  await expect(dialog.getByRole('radio', { name: SHEETS[0].label })).toBeFocused();
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: SHEETS[index]!.label })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('combobox', { name: 'Se identifica con' })).toBeFocused();
  if (who.foreigner) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.id);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.names);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.email);
  return dialog;
}

test('a clerk prints each of the four guidance sheets by keyboard, and its QR is recognised', async ({ page, desk }) => {
  test.setTimeout(240_000);
  await login(page, desk, DEMO.clerk);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  const legend = page.getByRole('list', { name: 'Atajos de teclado' });
  await expect(legend).toContainText('Alt+O hoja de orientación');
  const checkIn = field(page, 'Código de confirmación o cédula');
  await expect(page.getByRole('button', { name: 'Hoja de orientación' })).toHaveAttribute('aria-keyshortcuts', 'Alt+O');
  await screenshot(page, '80-atencion-boton-hoja-orientacion');

  // A wrong check digit is caught before anything is printed, under its field.
  const dialog = await fillByKeyboard(page, 0, { foreigner: false, id: '1714307104', names: 'Begoña Peña Muñoz', email: 'begona.pena@correo.ec' });
  await page.keyboard.press('Enter');
  const idField = field(dialog, 'Número de cédula');
  await expect(idField).toBeFocused();
  await expect(dialog.getByText('El dígito verificador de la cédula no es válido', { exact: false })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  let savedQr = '';
  for (const [index, sheet] of SHEETS.entries()) {
    const foreigner = index === 2;
    const who = foreigner
      ? { foreigner, id: 'EXT202455831', names: 'Jean-Pierre Müller Dubois', email: 'jp.muller@correo.fr' }
      : { foreigner, id: '1714307103', names: 'Begoña Peña Muñoz', email: 'begona.pena@correo.ec' };
    const form = await fillByKeyboard(page, index, who);
    if (index === 0) await screenshot(page, '81-atencion-hoja-orientacion');
    await page.keyboard.press('Enter');
    await expect(form).toBeHidden();

    const number = `ORI-UIO-2026-00000${index + 1}`;
    const printDialog = page.getByRole('dialog', { name: `Hoja de orientación impresa · ${number}` });
    await expect(printDialog).toBeVisible();
    await expect(printDialog.getByRole('button', { name: 'Imprimir con diálogo…' })).toBeVisible();
    await expect(printDialog.getByRole('tab')).toHaveCount(0);
    if (index === 0) {
      await expect(printDialog.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
      await expect(printDialog.getByRole('progressbar', { name: 'Cargando PDF' })).toHaveCount(0, { timeout: 30_000 });
      await screenshot(page, '82-hoja-orientacion-vista-previa');
    }
    const download = page.waitForEvent('download');
    await printDialog.getByRole('button', { name: 'Guardar PDF' }).focus();
    await page.keyboard.press('Enter');
    const pdf = await (await download).path();
    const paper = text(pdf);
    expect(paper).toContain(sheet.title);
    expect(paper).toContain(sheet.step);
    expect(paper).toContain(number);
    expect(paper).toContain(who.id);
    expect(paper).toContain(who.names);
    expect(paper).toContain(who.email);
    if (index === 1) savedQr = qrOf(pdf);

    await page.keyboard.press('Escape');
    await expect(printDialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Hoja de orientación ${number} registrada.` })).toBeVisible();
    await expect(checkIn).toBeFocused();
  }

  // The keyboard-wedge reader scans the sheet's QR into the check-in box: checked as a paper.
  expect(savedQr).toMatch(/^IESS-VP1\|ORI-UIO-2026-000002\|[0-9a-f-]+\|orientacion\|v1\|[0-9a-f]{16}$/);
  await checkIn.fill(savedQr);
  await page.keyboard.press('Enter');
  const check = page.getByRole('dialog', { name: 'Verificar formulario impreso' });
  const result = check.getByRole('status', { name: 'Resultado de la verificación' });
  await expect(result).toContainText('Documento auténtico');
  await expect(result).toContainText('Hoja de orientación «Recuperar la clave (olvidada)» N.º ORI-UIO-2026-000002');
  const record = result.getByRole('table', { name: 'Datos del registro' });
  await expect(record.getByRole('row', { name: /^Solicitante/ })).toContainText('Begoña Peña Muñoz · Cédula de identidad 1714307103');
  await expect(record.getByRole('row', { name: /^Impresa/ })).toContainText('por José Muñoz Quishpe');
  await screenshot(page, '83-verificar-hoja-orientacion');
});
