// Printed forms beyond the counter flow: the administrator's versions of the wording (Operación
// › Plantillas de los formularios) and "Verificar formulario impreso" in Atención, where the
// clerk scans a paper's QR code with a keyboard-wedge reader.
import { spawnSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEMO, expect, login, SCREENS_DIR, screenshot, test, type Desk } from './desk';
import { NATURAL_INTAKE } from '../support/intake';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const ACUERDO_V2 = {
  kind: 'acuerdo',
  version: 2,
  title: 'Acuerdo de Responsabilidad y Uso de la Información',
  paragraphs: [
    'Yo, {{representative.names}}, con {{representative.idTypeLabel}} N.º {{representative.idNumber}}, representante legal de {{employer.legalName}}, RUC {{employer.ruc}}, acepto las siguientes condiciones:',
    '**Primera. Clave personal e intransferible.** La clave patronal es personal e intransferible; no la cederé ni la revelaré a terceros.',
    '**Segunda. Responsabilidad.** Respondo por todas las transacciones realizadas con la clave patronal del empleador.',
    '**Tercera. Notificaciones.** Acepto las notificaciones electrónicas en {{contact.email}}.',
    '**Cuarta. Vigencia.** Este acuerdo rige desde su firma en {{agency.name}}, el {{attentionDate}}.',
  ],
};

const file = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content, 'utf8') });

/**
 * The panel sits below the fold of Operación, which scrolls inside the frame: the window is made
 * tall enough for the whole panel, which is captured alone.
 */
async function panelShot(page: Page, panel: Locator, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const viewport = page.viewportSize()!;
  const box = await panel.boundingBox();
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil((box?.height ?? 0) + 200)) });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), animations: 'disabled' });
  await page.setViewportSize(viewport);
}

/** axe on one part of the screen (what is behind a modal's backdrop is dimmed on purpose). */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')} — ${v.help}`);
}

async function openTemplates(page: Page) {
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /Operación/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Operación');
  return page.getByRole('region', { name: 'Plantillas de los formularios' });
}

test('el administrador ve las versiones, un archivo con errores no cambia nada y publica la versión 2', async ({ page, desk }) => {
  await login(page, desk, DEMO.admin);
  const panel = await openTemplates(page);
  await expect(panel.getByText(/^En uso: v\d$/)).toHaveText(['En uso: v1', 'En uso: v1', 'En uso: v1']);
  const picker = panel.getByLabel('Archivo JSON de la plantilla');

  // Broken JSON: where it broke, in Spanish.
  await picker.setInputFiles(file('acuerdo-roto.json', '{\n  "kind": "acuerdo",\n  "title": "Acuerdo"\n  "paragraphs": []\n}'));
  await expect(panel.getByRole('alert')).toContainText('acuerdo-roto.json: El archivo no es un JSON válido (línea 4, columna 3)');

  // Valid JSON, wrong template: every problem on its own line; nothing is published.
  await picker.setInputFiles(
    file(
      'acuerdo-malo.json',
      JSON.stringify({ kind: 'acuerdo', title: 'Acuerdo {{version}}', paragraphs: ['Yo, {{representante.nombres}}, acepto.', '[terceros] Texto.', 'Sin cerrar {{employer.ruc}'], autor: 'TI' }),
    ),
  );
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('Campos no reconocidos: «autor»');
  await picker.setInputFiles(file('acuerdo-malo.json', JSON.stringify({ kind: 'acuerdo', title: 'Acuerdo {{version}}', paragraphs: ['Yo, {{representante.nombres}}, acepto.', '[terceros] Texto.', 'Sin cerrar {{employer.ruc}'] })));
  await expect(alert).toContainText('acuerdo-malo.json: La plantilla de «Acuerdo de Responsabilidad y Uso de la Información» tiene 4 problemas; no se cambió nada.');
  const problems = alert.getByRole('list', { name: 'Problemas del archivo' }).getByRole('listitem');
  await expect(problems).toHaveText([
    'El título no admite marcadores ni llaves.',
    /^Párrafo 1: el marcador \{\{representante\.nombres\}\} no existe\./,
    /^Párrafo 2: la condición \[terceros\] no existe/,
    /^Párrafo 3: tiene llaves sin cerrar o sueltas/,
  ]);
  await expect(panel.getByText(/^En uso: v\d$/)).toHaveText(['En uso: v1', 'En uso: v1', 'En uso: v1']);
  await panelShot(page, panel, '73-plantillas-errores');

  // A good file: checked, shown on a sample request, then published.
  await picker.setInputFiles(file('acuerdo-v2.json', `\uFEFF${JSON.stringify(ACUERDO_V2, null, 2)}`));
  const pending = panel.getByRole('region', { name: 'Nueva versión por publicar' });
  await expect(pending.getByRole('status')).toContainText('acuerdo-v2.json: versión 2 de «Acuerdo de Responsabilidad y Uso de la Información», sin errores');
  await expect(pending.getByRole('status')).toContainText('Reemplazará a la versión 1');
  await expect(pending.getByRole('img', { name: /Muestra de Acuerdo de Responsabilidad y Uso de la Información, versión 2, página 1/ })).toBeVisible();
  await panelShot(page, panel, '74-plantillas-muestra');
  expect(await seriousViolations(page, 'main')).toEqual([]);
  await pending.getByRole('button', { name: 'Publicar versión 2' }).click();
  await expect(panel.getByRole('status')).toContainText('Versión 2 de «Acuerdo de Responsabilidad y Uso de la Información» publicada');
  await expect(panel.getByText(/^En uso: v\d$/)).toHaveText(['En uso: v1', 'En uso: v2', 'En uso: v1']);
  await panel.getByRole('button', { name: /Acuerdo de Responsabilidad y Uso de la Información/ }).click();
  const v2 = panel.getByRole('article', { name: 'Versión 2' });
  await expect(v2).toContainText('Versión 2 (en uso)');
  await expect(v2).toContainText('por Patricio Ordóñez');
  await expect(v2).toContainText('**Cuarta. Vigencia.**');
  await expect(panel.getByRole('article', { name: 'Versión 1' })).toContainText('incluida con la aplicación');

  // The same file again: version 2 exists now.
  await picker.setInputFiles(file('acuerdo-v2.json', JSON.stringify(ACUERDO_V2)));
  await expect(panel.getByRole('alert')).toContainText('la versión 2 de «Acuerdo de Responsabilidad y Uso de la Información» ya existe; la siguiente es la 3');
  await panelShot(page, panel, '75-plantillas-publicada');
});

// --- A printed paper, as the applicant brings it ---------------------------------------------

function cli<T>(desk: Desk, name: string, input: unknown, as = DEMO.clerk.username): T {
  const r = spawnSync(TSX, ['electron/hosts/cli/main.ts', name, JSON.stringify(input), '--data-dir', desk.dataDir, '--as', as], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name} exited with ${r.status}: ${r.stdout} ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { ok: true; value: T };
  return out.value;
}

/** A clerk checks in the next turno, fills the intake, verifies the cédula and prints the forms (through the core, as the screens do). */
function printRequest(desk: Desk): { number: string; acuerdoPdf: Buffer } {
  const turno = cli<{ items: { confirmationCode: string; status: string }[] }>(desk, 'appointments.today', {}).items.find((a) => a.status === 'pendiente')!;
  const id = cli<{ requestId: string }>(desk, 'appointments.checkIn', { query: turno.confirmationCode }).requestId;
  const detail = cli<{ version: number; number: string }>(desk, 'requests.get', { id });
  let { version } = cli<{ version: number }>(desk, 'requests.saveDraft', {
    id,
    version: detail.version,
    intake: NATURAL_INTAKE,
  });
  version = cli<{ version: number }>(desk, 'requests.startVerification', { id, version }).version;
  version = cli<{ version: number }>(desk, 'requests.verifyDocument', {
    id,
    version,
    documentType: 'cedula_representante',
    presented: true,
    presentedAs: 'original',
    status: 'verificado',
    checks: { numberValid: true, namesMatch: true },
  }).version;
  const printed = cli<{ forms: { kind: string; pdfBase64: string }[] }>(desk, 'forms.print', { id, version });
  return { number: detail.number, acuerdoPdf: Buffer.from(printed.forms.find((f) => f.kind === 'acuerdo')!.pdfBase64, 'base64') };
}

/** The QR's text as a reader gets it off the paper: page 1 rendered at 200 dpi, decoded by zbarimg. */
function scanQr(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-e2e-qr-'));
  try {
    fs.writeFileSync(path.join(dir, 'form.pdf'), pdf);
    spawnSync('pdftoppm', ['-r', '200', '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'form.pdf'), path.join(dir, 'page')]);
    const out = spawnSync('zbarimg', ['-q', path.join(dir, 'page.png')], { encoding: 'utf8' }).stdout;
    const qr = out.split('\n').find((l) => l.startsWith('QR-Code:'));
    if (!qr) throw new Error(`no QR decoded: ${out}`);
    return qr.slice('QR-Code:'.length).trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('la ventanilla verifica el papel del solicitante con el lector de QR: auténtico y alterado', async ({ page, desk }) => {
  const { number, acuerdoPdf } = printRequest(desk);
  const payload = scanQr(acuerdoPdf);
  expect(payload).toMatch(new RegExp(`^IESS-VP1\\|${number}\\|[0-9a-f-]{36}\\|acuerdo\\|v\\d\\|[0-9a-f]{16}$`));

  await login(page, desk, DEMO.clerk);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atención');
  await expect(page.getByRole('button', { name: 'Verificar formulario impreso' })).toBeVisible();
  await screenshot(page, '59-atencion-verificar-papel');
  await page.keyboard.press('Alt+Q');
  const dialog = page.getByRole('dialog', { name: 'Verificar formulario impreso' });
  const qrField = dialog.getByRole('textbox', { name: 'Contenido del código QR' });
  await expect(qrField).toBeFocused();

  // The keyboard-wedge reader types the code's text and presses Enter.
  await page.keyboard.type(payload);
  await page.keyboard.press('Enter');
  const result = dialog.getByRole('status', { name: 'Resultado de la verificación' });
  await expect(result).toContainText('Documento auténtico');
  await expect(result).toContainText(`Acuerdo de Responsabilidad y Uso de la Información de la solicitud ${number}`);
  const record = result.getByRole('table', { name: 'Datos del registro' });
  await expect(record.getByRole('row', { name: /^Solicitud/ })).toContainText(number);
  await expect(record.getByRole('row', { name: /^Formulario/ })).toContainText(/plantilla v\d/);
  await expect(record.getByRole('row', { name: /^Estado de la solicitud/ })).toContainText('Pendiente de firma');
  await expect(record.getByRole('row', { name: /^Empleador/ })).toContainText('Peña Muñoz Begoña · RUC 1714307103001');
  await expect(record.getByRole('row', { name: /^Impreso/ })).toContainText('por José Muñoz Quishpe');
  // Ready for the next paper: the text is selected, so the next scan replaces it.
  await expect(qrField).toBeFocused();
  await expect(qrField).toHaveJSProperty('selectionStart', 0);
  await expect(qrField).toHaveJSProperty('selectionEnd', payload.length);
  await screenshot(page, '60-verificar-papel-autentico');
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);

  // A paper whose printed data was changed no longer matches its QR digest.
  const digest = payload.slice(-16);
  const tampered = payload.slice(0, -16) + [...digest].reverse().join('');
  await page.keyboard.type(tampered);
  await page.keyboard.press('Enter');
  await expect(result).toContainText('NO COINCIDE con el registro');
  await expect(result).toContainText(`El contenido impreso no coincide con el registro de la solicitud ${number}: el documento pudo ser alterado.`);
  await expect(record.getByRole('row', { name: /^Empleador/ })).toHaveCount(0);
  await screenshot(page, '61-verificar-papel-alterado');

  // Scanning the barcode by mistake is explained.
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(result).toContainText('Eso es el código de barras');

  await dialog.getByRole('button', { name: 'Cerrar (Esc)' }).click();
  await expect(dialog).toHaveCount(0);

  // The same QR scanned into the check-in field by mistake is checked as a paper, not a turno.
  const checkIn = page.getByRole('textbox', { name: 'Código de confirmación o cédula' });
  await checkIn.focus();
  await page.keyboard.type(payload);
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status', { name: 'Resultado de la verificación' })).toContainText('Documento auténtico');
  await expect(dialog.getByRole('textbox', { name: 'Contenido del código QR' })).toHaveValue(payload);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(checkIn).toBeFocused();
});

test('la supervisora también verifica un papel desde Atención', async ({ page, desk }) => {
  const { number, acuerdoPdf } = printRequest(desk);
  await login(page, desk, DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /Atención/ }).click();
  await page.getByRole('button', { name: 'Verificar formulario impreso' }).click();
  const dialog = page.getByRole('dialog', { name: 'Verificar formulario impreso' });
  await dialog.getByRole('textbox', { name: 'Contenido del código QR' }).fill(scanQr(acuerdoPdf));
  await dialog.getByRole('button', { name: 'Verificar', exact: true }).click();
  await expect(dialog.getByRole('status', { name: 'Resultado de la verificación' })).toContainText(`Documento auténtico: Acuerdo de Responsabilidad y Uso de la Información de la solicitud ${number}`);
});
