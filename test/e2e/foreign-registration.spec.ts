// «Registro de extranjero sin cédula» by keyboard, by the Spanish labels, in Chromium against the
// browser host, with the stand-in central as a process of its own: a walk-in of the type, the
// passport read from its MRZ (typed as the document reader types it), the SUT contract, both papers
// scanned and verified, the Solicitud printed and signed, sent to review; the supervisor approves;
// the desk syncs, central assigns the foreigner's code, and the comprobante printed again shows it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { td3 } from '../support/passport';
import { TINY_JPEG, TINY_PDF } from '../support/images';
import { DEMO, deskCall, deskSession, expect, field, login, screenshot, startCentral, testWithOwnDesk, type CentralProcess } from './desk';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ') ?? ''} — ${v.help}`);
}

const test = testWithOwnDesk({ requests: 20 });
let central: CentralProcess;
test.beforeAll(async () => {
  central = await startCentral();
});
test.afterAll(() => central.stop());

const MRZ = td3({ surnames: 'MUELLER', givenNames: 'JOSE ANDRES', number: 'C01X00T47', nationality: 'D', birth: '880203', sex: 'M', expiry: '350115' });

/** The scan the clerk picks (the operating system's file dialog is outside the page: its input gets the file). */
async function attach(page: Page, documentType: string, name: string, data: Buffer, mimeType: string) {
  await page.locator(`input[type=file][data-document="${documentType}"]`).setInputFiles({ name, mimeType, buffer: data });
  await expect(page.getByRole('status').filter({ hasText: `Escaneo adjuntado: ${name}.` })).toBeVisible();
}

test('a clerk registers a foreigner without cédula by keyboard; the supervisor approves; central’s code is on the comprobante', async ({ page, browser, desk }) => {
  test.setTimeout(240_000);
  const admin = await deskSession(desk, DEMO.admin);
  const enrolled = await deskCall(desk, 'sync.enrol', { centralUrl: central.url, enrolmentCode: await central.admin.enrolmentCode('UIO'), deviceName: 'Ventanilla 1' }, admin);
  expect(enrolled.ok, JSON.stringify(enrolled)).toBe(true);
  await central.admin.options({ foreignerCodeFormats: { UIO: 'EXT#######' } });

  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Atención');
  await page.keyboard.press('Alt+S');
  const walkIn = page.getByRole('dialog', { name: 'Atención sin turno' });
  await expect(field(walkIn, 'Motivo de la atención sin turno')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  const type = walkIn.getByRole('combobox', { name: 'Tipo de trámite' });
  await expect(type).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(type).toHaveValue('registro_extranjero');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Trabajador extranjero sin turno en línea');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.supervisor.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.supervisor.password);
  await page.keyboard.press('Enter');

  // The passport's zone, as the reader types it, fills the passport's fields.
  await expect(heading).toContainText('Registro de extranjero sin cédula');
  const number = (await heading.innerText()).split('·')[1]!.trim();
  await expect(field(page, 'Zona de lectura mecánica (MRZ)')).toBeFocused();
  await page.keyboard.type(MRZ.replace('\n', '\n'));
  await expect(field(page, 'Número de pasaporte')).toHaveValue('C01X00T47');
  await expect(field(page, 'Fecha de nacimiento')).toHaveValue('03/02/1988');
  await expect(field(page, 'Caducidad del pasaporte')).toHaveValue('15/01/2035');
  await page.keyboard.press('Tab'); // number
  await page.keyboard.press('Tab'); // expiry
  await page.keyboard.press('Tab'); // nationality
  await page.keyboard.press('Tab'); // names: with accents, as the data page shows them
  await expect(field(page, 'Apellidos y nombres')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Müller José Andrés');
  await page.keyboard.press('Tab'); // birth date
  await page.keyboard.press('Tab'); // sex (read from the MRZ)
  await expect(page.getByRole('combobox', { name: 'Sexo' })).toHaveValue('M');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1792060346000'); // a RUC whose establishment is 000: refused on its field
  await page.keyboard.press('Tab');
  await page.keyboard.type('SUT-2024-884512');
  await page.keyboard.press('Tab');
  await page.keyboard.type('10012024');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ingeniero de procesos');
  await page.keyboard.press('Tab');
  await page.keyboard.type('01022024');
  await page.keyboard.press('Alt+C');
  const ruc = field(page, 'RUC del empleador');
  await expect(ruc).toBeFocused();
  await expect(ruc).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'extranjero-01-datos-error');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1792060346001');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'extranjero-02-datos');
  await page.keyboard.press('Alt+C');

  // The two papers, scanned and verified; the Solicitud printed and signed.
  await expect(page.getByRole('region', { name: 'Documentos' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Adjuntar escaneo: Fotocopia a color/ })).toBeFocused();
  await attach(page, 'copia_pasaporte', 'pasaporte-color.jpg', TINY_JPEG, 'image/jpeg');
  const passport = page.getByRole('checkbox', { name: /^Verificado: Fotocopia a color/ });
  await expect(passport).toBeFocused();
  await page.keyboard.press('Space');
  await expect(passport).toBeChecked();
  await attach(page, 'contrato_sut', 'contrato-sut.pdf', TINY_PDF, 'application/pdf');
  const contract = page.getByRole('checkbox', { name: /^Verificado: Copia del contrato/ });
  await expect(contract).toBeFocused();
  await page.keyboard.press('Space');
  await expect(contract).toBeChecked();
  await screenshot(page, 'extranjero-03-documentos');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Alt+P');
  const dialog = page.getByRole('dialog', { name: /Solicitud impresa/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('Cargando PDF')).toHaveCount(0, { timeout: 30_000 });
  await screenshot(page, 'extranjero-04-solicitud');
  await page.keyboard.press('Escape');
  const signed = page.getByRole('checkbox', { name: 'El extranjero firmó la solicitud impresa' });
  await expect(signed).toBeFocused();
  await page.keyboard.press('Space');
  await expect(signed).toBeChecked();
  await page.keyboard.press('Alt+E');
  await expect(page.getByText('Pendiente de revisión', { exact: true })).toBeVisible();
  await expect(page.getByText(/asigna el código de identificación para extranjeros una vez aprobado/)).toBeVisible();
  await screenshot(page, 'extranjero-05-enviada');

  // The supervisor reviews it (the foreigner's data and the scans) and approves by keyboard.
  // A browser context of its own (axe wants one per page opened this way).
  const supervisorContext = await browser.newContext();
  const sup = await supervisorContext.newPage();
  await login(sup, desk, DEMO.supervisor);
  await sup.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Colas de trabajo/ }).click();
  const row = sup.getByRole('row', { name: `Solicitud ${number}` });
  for (let i = 0; i < 20 && (await row.count()) === 0; i++) await sup.getByRole('button', { name: 'Cargar más' }).click();
  await row.focus();
  await sup.keyboard.press('Enter');
  await expect(sup.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  await expect(sup.getByText('Müller José Andrés')).toBeVisible();
  await expect(sup.getByText('N.º SUT-2024-884512', { exact: false })).toBeVisible();
  await expect(sup.getByRole('button', { name: 'Ver 1' })).toHaveCount(2);
  await screenshot(sup, 'extranjero-06-revision');
  expect(await seriousViolations(sup)).toEqual([]);
  // The paper printed at the counter, as archived: the Solicitud the foreigner signed.
  await sup.getByRole('button', { name: 'Ver formularios impresos' }).click();
  const papers = sup.getByRole('dialog', { name: 'Formularios impresos' });
  await expect(papers.getByText(/^Solicitud de registro de extranjero · plantilla v1/)).toBeVisible();
  await expect(papers.getByRole('img', { name: /Solicitud de registro de extranjero, página 1/ })).toBeVisible({ timeout: 30_000 });
  await screenshot(sup, 'extranjero-06b-formularios-impresos');
  await sup.keyboard.press('Escape');
  await expect(papers).toHaveCount(0);
  await sup.keyboard.press('Alt+A');
  await expect(sup.getByRole('dialog', { name: `¿Aprobar la solicitud ${number}?` }).getByRole('button', { name: 'Aprobar (Enter)' })).toBeFocused();
  await sup.keyboard.press('Enter');
  await expect(sup.getByRole('status').filter({ hasText: `Solicitud ${number} aprobada.` })).toBeVisible();
  await supervisorContext.close();

  // Sync: the approval and the registration go to central, which answers with the code.
  const clerk = await deskSession(desk, DEMO.clerk);
  const list = await deskCall<{ items: { id: string; number: string }[] }>(desk, 'requests.list', { requestType: 'registro_extranjero' }, clerk);
  const id = list.ok ? list.value.items.find((i) => i.number === number)!.id : '';
  await expect
    .poll(async () => {
      await desk.services.step('sync');
      const r = await deskCall<{ state: string }>(desk, 'requests.get', { id }, clerk);
      return r.ok ? r.value.state : null;
    }, { timeout: 60_000 })
    .toBe('completada');

  // The clerk prints the comprobante again: it carries the code, as the screen does.
  await page.keyboard.press('Alt+P');
  const receipt = page.getByRole('dialog', { name: /Comprobante (impreso|reimpreso)/ });
  await expect(receipt).toBeVisible();
  await expect(receipt.getByLabel('Cargando PDF')).toHaveCount(0, { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(page.locator('#foreigner-code')).toHaveText(/^EXT\d{7}$/);
  const code = await page.locator('#foreigner-code').innerText();
  await expect(page.getByText('Completada', { exact: true })).toBeVisible();
  await screenshot(page, 'extranjero-07-codigo');
  expect(await seriousViolations(page)).toEqual([]);
  const dir = path.join(desk.dataDir, 'formularios', id);
  const newest = fs.readdirSync(dir).filter((f) => f.startsWith('comprobante_extranjero-')).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]!;
  expect(execFileSync('pdftotext', ['-enc', 'UTF-8', newest, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(`Código asignado por el IESS ${code}`);
});
