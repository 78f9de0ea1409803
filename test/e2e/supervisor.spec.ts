import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { centralAdmin } from '../central/admin';
import { startCentral, type CentralServer } from '../central/server';
import { toCentral, VIRTUAL_INTAKE, virtualScans } from '../support/virtual-scans';
import { DEMO, emptyDataDir, expect, field, login, screenshot, seedDesk, startDesk, testWithOwnDesk, type Desk } from './desk';
import { PALETTE } from '../../renderer/src/app/palette';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

// The supervisor's tests change queues: they get their own seeded desk.
const test = testWithOwnDesk({ requests: 600 });

async function openSection(page: Page, desk: Desk, label: string) {
  await login(page, desk, DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const queueRows = (page: Page) => page.getByRole('table', { name: 'Solicitudes de la cola' }).locator('tbody tr');
const queueButton = (page: Page, name: RegExp) => page.getByRole('list', { name: 'Colas' }).getByRole('button', { name });
/** The count a queue shows in its badge. */
const queueCount = async (page: Page, name: RegExp) => Number((await queueButton(page, name).locator('.MuiBadge-badge').innerText()).replace(/\D/g, ''));
const numberOf = async (row: import('@playwright/test').Locator) => (await row.getAttribute('aria-label'))!.replace('Solicitud ', '');
/** The row of a request in the open queue, loading more pages (oldest first) until it shows. */
async function queueRow(page: Page, number: string) {
  const row = page.getByRole('row', { name: `Solicitud ${number}` });
  await expect(queueRows(page).first()).toBeVisible();
  for (let i = 0; i < 20 && (await row.count()) === 0; i++) {
    const more = page.getByRole('button', { name: 'Cargar más' });
    if ((await more.count()) === 0) break;
    const shown = await queueRows(page).count();
    await more.click();
    await expect.poll(() => queueRows(page).count()).toBeGreaterThan(shown);
  }
  return row;
}
const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ') ?? ''}`);

test('the queues show their counts; a supervisor reviews and approves with the keyboard', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  const queues = page.getByRole('list', { name: 'Colas' });
  await expect(queues.getByRole('button', { name: /Por revisar \(presencial\)/ })).toBeVisible();
  const before = await queueRows(page).count();
  expect(before).toBeGreaterThan(1);
  await screenshot(page, '40-colas');
  const first = queueRows(page).first();
  const number = (await first.getAttribute('aria-label'))!.replace('Solicitud ', '');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  await screenshot(page, '41-revision');
  const review = await new AxeBuilder({ page }).analyze();
  expect(review.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Approval cannot be undone: Alt+A asks, Enter confirms.
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('dialog', { name: `¿Aprobar la solicitud ${number}?` }).getByRole('button', { name: 'Aprobar (Enter)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Solicitud ${number} aprobada.` })).toBeVisible();
  await expect(page.getByRole('row', { name: `Solicitud ${number}` })).toHaveCount(0);
});

test('coming back from a review puts focus back on the row opened, also one below the rows of the first frame', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  // The table draws its first 20 rows in one frame and the rest in the next
  // (renderer/src/app/PagedTable.tsx FIRST_FRAME_ROWS): the 25th is one of the rest.
  await expect.poll(() => queueRows(page).count()).toBeGreaterThan(24);
  const row = queueRows(page).nth(24);
  const number = await numberOf(row);
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('row', { name: `Solicitud ${number}` })).toBeFocused();
});

test('bulk approval takes only the requests opened after their last change', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  const [a, b] = [queueRows(page).nth(0), queueRows(page).nth(1)];
  const numbers = [(await a.getAttribute('aria-label'))!.replace('Solicitud ', ''), (await b.getAttribute('aria-label'))!.replace('Solicitud ', '')];
  await expect(page.getByRole('checkbox', { name: `Seleccionar ${numbers[0]}` })).toBeDisabled();
  for (const n of numbers) {
    await page.getByRole('row', { name: `Solicitud ${n}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${n}`);
    await page.keyboard.press('Escape');
  }
  for (const n of numbers) await page.getByRole('checkbox', { name: `Seleccionar ${n}` }).check();
  await page.getByRole('button', { name: /Aprobar seleccionadas \(2\)/ }).click();
  await page.getByRole('dialog', { name: '¿Aprobar 2 solicitudes?' }).getByRole('button', { name: 'Aprobar (Enter)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 aprobadas.' })).toBeVisible();
  await screenshot(page, '42-aprobacion-en-lote');
});

test('return, reject and reassign: each asks what it needs and moves the queues', async ({ page, desk }) => {
  await openSection(page, desk, 'Colas de trabajo');
  const POR_REVISAR = /Por revisar \(presencial\)/;
  const DEVUELTAS = /^Devueltas/;
  const RECHAZADAS = /^Rechazadas/;
  await expect(queueRows(page).first()).toBeVisible();
  const before = { porRevisar: await queueCount(page, POR_REVISAR), devueltas: await queueCount(page, DEVUELTAS), rechazadas: await queueCount(page, RECHAZADAS) };

  // Return: a catalogued reason is required; the request leaves "por revisar" for "devueltas".
  const returned = await numberOf(queueRows(page).first());
  await queueRows(page).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${returned}`);
  await expect(page.getByRole('button', { name: 'Devolver… · Alt+D' })).toBeEnabled();
  await page.keyboard.press('Alt+D');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Devolver al ventanillero' }).click();
  await expect(dialog.getByText('Seleccione el motivo.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Motivo' }).selectOption({ label: 'Falta una firma obligatoria' });
  await dialog.getByRole('textbox', { name: /Observación/ }).fill('Falta la firma del representante en el Acuerdo.');
  await dialog.getByRole('button', { name: 'Devolver al ventanillero' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Solicitud ${returned} devuelta al ventanillero.` })).toBeVisible();
  await expect.poll(() => queueCount(page, POR_REVISAR)).toBe(before.porRevisar - 1);
  await expect.poll(() => queueCount(page, DEVUELTAS)).toBe(before.devueltas + 1);

  // Reject: the reason is required too; the request ends in "rechazadas".
  const rejected = await numberOf(queueRows(page).first());
  await queueRows(page).first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${rejected}`);
  await page.keyboard.press('Alt+R');
  const reject = page.getByRole('dialog', { name: `Rechazar la solicitud ${rejected}` });
  await reject.getByRole('button', { name: 'Rechazar solicitud' }).click();
  await expect(reject.getByText('Seleccione el motivo.')).toBeVisible();
  // The note's label and required state follow the chosen reason (REJECTION_REASONS.requiresNote),
  // before the supervisor clicks Rechazar.
  const motivo = reject.getByRole('combobox', { name: 'Motivo' });
  await motivo.selectOption({ label: '— Seleccione el motivo —' });
  await expect(reject.getByRole('textbox', { name: 'Observación', exact: true })).toBeVisible();
  await expect(reject.getByText('Algunos motivos la exigen: se indica al elegir el motivo.')).toBeVisible();
  await motivo.selectOption({ label: 'Documento con indicios de alteración o falsificación' });
  await expect(reject.getByRole('textbox', { name: 'Observación (obligatoria)' })).toHaveAttribute('required', '');
  await expect(reject.getByText('Este motivo requiere una observación.')).toBeHidden();
  await motivo.selectOption({ label: 'Ya existe otra solicitud en trámite para el mismo empleador' });
  await expect(reject.getByRole('textbox', { name: 'Observación (opcional)' })).not.toHaveAttribute('required', '');
  await screenshot(page, '46-rechazo');
  await reject.getByRole('button', { name: 'Rechazar solicitud' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Solicitud ${rejected} rechazada.` })).toBeVisible();
  await expect.poll(() => queueCount(page, POR_REVISAR)).toBe(before.porRevisar - 2);
  await expect.poll(() => queueCount(page, RECHAZADAS)).toBe(before.rechazadas + 1);
  await queueButton(page, RECHAZADAS).click();
  await expect(await queueRow(page, rejected)).toContainText('Rechazada');

  // Reassign the returned request to another clerk: it stays returned, with its new clerk.
  await queueButton(page, DEVUELTAS).click();
  const row = await queueRow(page, returned);
  // The desk, then the clerk under it (one cell «Ventanilla · ventanillero»).
  const clerk = (await row.locator('td').nth(2).innerText()).trim().split('\n').at(-1)!.trim();
  await row.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${returned}`);
  await page.getByRole('button', { name: 'Reasignar…' }).click();
  const reassign = page.getByRole('dialog', { name: `Reasignar ${returned}` });
  await expect(reassign.getByRole('button', { name: 'Reasignar' })).toBeDisabled();
  await reassign.getByRole('combobox', { name: 'Ventanillero' }).click();
  const target = (await page.getByRole('option').filter({ hasNotText: clerk }).first().innerText()).trim();
  await page.getByRole('option', { name: target }).click();
  await reassign.getByRole('button', { name: 'Reasignar' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Solicitud ${returned} reasignada a ${target}.` })).toBeVisible();
  await expect.poll(() => queueCount(page, DEVUELTAS)).toBe(before.devueltas + 1);
  await queueButton(page, DEVUELTAS).click();
  await expect((await queueRow(page, returned)).locator('td').nth(2)).toHaveText(`Sin estación${target}`);
});

test('search finds requests by names without accents, by prefix, and by RUC', async ({ page, desk }) => {
  await openSection(page, desk, 'Buscar');
  await field(page, 'Número, RUC, documento o nombres').fill('munoz');
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  const rows = page.getByRole('table', { name: 'Resultados de la búsqueda' }).locator('tbody tr');
  await expect(rows.first()).toContainText(/Muñoz/);
  await screenshot(page, '43-busqueda');
  const ruc = (await rows.first().locator('td').nth(2).locator('span').innerText()).trim();
  await field(page, 'Número, RUC, documento o nombres').fill(ruc);
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await expect(rows.first()).toContainText(ruc);
});

test('the dashboard renders its charts and figures', async ({ page, desk }) => {
  await openSection(page, desk, 'Tablero');
  await expect(page.getByRole('heading', { name: 'Solicitudes por día' })).toBeVisible();
  await expect(page.locator('svg.MuiChartsSurface-root, .MuiChartsSurface-root').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Solicitudes por ventanillero' })).toContainText('José Muñoz Quishpe');
  // Approved reads as success and rejected as error, as the status chips do.
  const mark = (label: string) => page.locator('.MuiChartsLegend-root li').filter({ hasText: new RegExp(`^${label}$`) }).locator('rect');
  await expect(mark('Aprobadas')).toHaveAttribute('fill', PALETTE.success.main);
  await expect(mark('Rechazadas')).toHaveAttribute('fill', PALETTE.error.main);
  await screenshot(page, '44-tablero');
});

test('end of day: the report per clerk, its PDF and CSV, and closing with pending items carried over', async ({ page, desk }) => {
  await openSection(page, desk, 'Cierre del día');
  await expect(page.getByRole('table', { name: 'Cifras del día por ventanillero' })).toContainText('Total de la agencia');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar CSV' }).click();
  const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8');
  // Written for Excel in es-EC: BOM, ';' between fields.
  expect(csv.split('\r\n')[0]).toBe('\uFEFFfecha;agencia;ventanilla;ventanillero;recibidas;aprobadas;devueltas;rechazadas;pendientes;formularios_impresos;reimpresiones;sin_turno_autorizadas;hojas_de_orientación;actualizaciones_de_contacto;registros_de_extranjero');
  expect(csv).toContain('TOTAL AGENCIA');
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar PDF' }).click();
  expect(fs.readFileSync(await (await pdfDownload).path()).subarray(0, 5).toString()).toBe('%PDF-');
  // Pending items need a reason: it is checked in its field first, and only then the irreversible question.
  const closeDay = page.getByRole('button', { name: 'Cerrar el día', exact: true });
  const confirm = page.getByRole('dialog', { name: /¿Cerrar el día \d{2}\/\d{2}\/\d{4}\?/ });
  const reason = field(page, 'Motivo para arrastrar los pendientes');
  await closeDay.click();
  await expect(confirm).toBeHidden();
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Escriba el motivo para arrastrar los pendientes.')).toBeVisible();
  await screenshot(page, '45b-cierre-falta-motivo');
  await page.keyboard.type('Mañana');
  await expect(reason).toHaveAttribute('aria-invalid', 'false');
  await closeDay.click();
  await expect(confirm).toBeHidden();
  await expect(reason).toBeFocused();
  await expect(page.getByText('Explique por qué se arrastran pendientes (al menos 10 caracteres).')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /No se puede cerrar|Día cerrado/ })).toHaveCount(0);
  await reason.fill('Borradores de la tarde que se completan mañana a primera hora.');
  // Closing cannot be undone: it asks first, by keyboard like Aprobar (Esc cancels, Enter confirms).
  await closeDay.click();
  await expect(confirm).toContainText('El cierre no se puede deshacer.');
  await expect(confirm.getByRole('button', { name: 'Cerrar el día (Enter)' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /No se puede cerrar|Día cerrado/ })).toHaveCount(0);
  await closeDay.click();
  await expect(confirm).toContainText('se arrastran al día siguiente');
  await screenshot(page, '45a-cierre-confirmar');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Cerrado el .* por Mónica Peña Yánez/)).toBeVisible();
  await screenshot(page, '45-cierre-del-dia');
});

// --- Ventanilla Virtual -------------------------------------------------------------------
// A request filed on the IESS portal arrives through the real sync from the stand-in central:
// its own small desk, enrolled before the host starts (the host's sync loop pulls it at once).
test.describe('Ventanilla Virtual', () => {
  let centralServer: CentralServer;
  let centralDir: string;
  let vdesk: Desk;
  let number: string;
  let requestId: string;
  /** Requests whose Acuerdo is forged: edited after signing, and a signature that is only text. */
  const forged: { kind: 'modificado' | 'firma_falsa'; number: string; verdict: string }[] = [];

  test.beforeAll(async ({ browser }) => {
    // Seeding a desk, enrolling it through the CLI, signing six PDFs and starting a host: slow
    // work of its own, given its own time rather than a test's minute.
    test.setTimeout(180_000);
    centralDir = emptyDataDir();
    centralServer = await startCentral({ port: 0, dataDir: centralDir });
    const admin = centralAdmin(centralServer.url);
    const dataDir = seedDesk(40);
    const enrolment = { centralUrl: centralServer.url, enrolmentCode: await admin.enrolmentCode('UIO'), deviceName: 'Supervisión, planta alta' };
    // Asynchronously: central answers from this very process.
    await promisify(execFile)(TSX, ['electron/hosts/cli/main.ts', 'sync.enrol', JSON.stringify(enrolment), '--data-dir', dataDir, '--as', 'admin'], { cwd: ROOT });
    // The applicant's cédula, photographed: a real JPEG, made by the browser.
    const camera = await browser.newPage();
    await camera.setContent(`<div id="c" style="width:520px;height:320px;padding:18px;box-sizing:border-box;font:15px sans-serif;background:linear-gradient(135deg,#dbe8f5,#f7f3e3);border-radius:14px">
      <b>REPÚBLICA DEL ECUADOR</b><br>CÉDULA DE CIUDADANÍA<br><br>No. 1714307103<br>APELLIDOS: PEÑA MUÑOZ<br>NOMBRES: BEGOÑA<br>NACIONALIDAD: ECUATORIANA</div>`);
    const cedula = await camera.locator('#c').screenshot({ type: 'jpeg', quality: 80 });
    await camera.close();
    // Signed by the representative with the demo CA whose root seed:demo installed as the
    // agency's trust anchor (its keys are in the demo's data directory).
    const filed = await admin.virtual({ agencyCode: 'UIO', intake: VIRTUAL_INTAKE, attachments: toCentral(await virtualScans(cedula, { dataDir, at: new Date() })) });
    number = filed.number;
    requestId = filed.requestId;
    for (const [kind, verdict] of [
      ['modificado', 'Documento modificado después de firmar'],
      ['firma_falsa', 'Sin firma electrónica'],
    ] as const) {
      const other = await admin.virtual({ agencyCode: 'UIO', intake: VIRTUAL_INTAKE, attachments: toCentral(await virtualScans(cedula, { dataDir, at: new Date(), acuerdo: kind })) });
      forged.push({ kind, number: other.number, verdict });
    }
    vdesk = await startDesk(dataDir);
  });

  test.afterAll(async () => {
    vdesk?.kill('SIGTERM');
    await centralServer?.close();
    if (vdesk) fs.rmSync(vdesk.dataDir, { recursive: true, force: true });
    fs.rmSync(centralDir, { recursive: true, force: true });
  });

  test('the supervisor verifies each scan against the rules and approves, with the keyboard', async ({ page }) => {
    await login(page, vdesk, DEMO.supervisor);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Colas de trabajo/ }).click();
    const VIRTUAL = /Ventanilla Virtual por revisar/;
    const row = page.getByRole('row', { name: `Solicitud ${number}` });
    // The host's sync loop pulls the request within seconds of starting.
    await expect(async () => {
      await queueButton(page, VIRTUAL).click();
      await expect(row).toBeVisible({ timeout: 1_000 });
      for (const f of forged) await expect(page.getByRole('row', { name: `Solicitud ${f.number}` })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // The rows answer before the counts (QueuesScreen.tsx): the badge is read once it agrees with
    // the rows on screen (the queue fits one page), never while the summary is still the old one.
    await expect.poll(async () => (await queueCount(page, VIRTUAL)) === (await queueRows(page).count())).toBe(true);
    const before = await queueCount(page, VIRTUAL);
    await expect(row).toContainText('Virtual');
    // A portal request has no desk of origin: the row says where it came from, not «Sin estación».
    await expect(row.locator('td').filter({ hasText: /^Ventanilla Virtual/ })).toHaveCount(1);
    await expect(row).not.toContainText('Sin estación');

    await row.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
    // The header names the channel once (it is also where the request came from).
    await expect(page.getByText(/ · Ventanilla Virtual · ventanillero:/)).toBeVisible();
    await expect(page.getByText(/Ventanilla Virtual · Ventanilla Virtual/)).toHaveCount(0);
    const docs = page.getByRole('list', { name: 'Documentos de la Ventanilla Virtual' });
    const doc = (label: string | RegExp) => docs.getByRole('listitem', { name: label });
    const scan = page.getByRole('region', { name: /^Escaneo/ });
    // Seed 004's rules, per document: JPG or PDF of at most 1 MB; e-signature on the Solicitud and the Acuerdo.
    // Each e-signature verified for real: signer, cédula, date and CA; never a text match.
    await expect(doc('Solicitud de entrega de clave')).toContainText('Firma válida de BEGOÑA PEÑA MUÑOZ, C.I. 1714307103');
    await expect(doc('Acuerdo de Responsabilidad y Uso de la Información')).toContainText('certificado de DEMO Entidad de Certificación');
    await expect(page.getByText(/firma electrónica \(PAdES\)/)).toHaveCount(0);
    await expect(doc('Cédula del representante legal')).toContainText('cedula.jpg · JPG');
    await expect(page.getByRole('list', { name: 'Qué falta para aprobar' })).toContainText('Falta verificar: Registro Único de Contribuyentes');

    // Focus starts on the first document to check, its scan in view (a PDF drawn by pdf.js).
    await expect(page.locator('#vdoc-ruc-verify')).toBeFocused();
    await expect(scan.getByRole('img', { name: /página 1 de 1/ })).toBeVisible();
    await screenshot(page, '47-virtual-revision');
    expect(await seriousViolations(page)).toEqual([]);

    // Alt+A before everything is verified says what is missing and approves nothing.
    await page.keyboard.press('Alt+A');
    await expect(page.getByRole('alert').filter({ hasText: 'Todavía no se puede aprobar.' })).toBeVisible();

    await page.locator('#vdoc-ruc-verify').focus();
    await page.keyboard.press('Enter'); // RUC
    await expect(doc(/Registro Único/)).toHaveAttribute('data-status', 'verificado');
    await expect(page.locator('#vdoc-solicitud_entrega_clave-verify')).toBeFocused();
    await expect(scan).toContainText('Firma válida de BEGOÑA PEÑA MUÑOZ');
    // The checks behind the verdict are one click away.
    await scan.getByRole('button', { name: /^Detalles de la firma/ }).click();
    const details = page.getByRole('dialog', { name: /Firmas electrónicas/ });
    await expect(details).toContainText('Integridad:');
    await expect(details).toContainText('Revocación: Revocación comprobada con los datos incluidos en el PDF');
    await screenshot(page, '47b-virtual-detalles-firma');
    await details.getByRole('button', { name: 'Cerrar' }).click();
    await page.locator('#vdoc-solicitud_entrega_clave-verify').focus();
    await page.keyboard.press('Enter'); // Solicitud: e-signature recorded with the verdict
    await expect(doc('Solicitud de entrega de clave')).toContainText('Firma electrónica registrada');
    // The cédula: the names are confirmed by looking at the photo (Space), then verified.
    await expect(page.locator('#vdoc-cedula_representante-namesMatch')).toBeFocused();
    await expect(scan.getByRole('img', { name: /Cédula del representante legal/ })).toBeVisible();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(page.locator('#vdoc-cedula_representante-verify')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#vdoc-acuerdo_responsabilidad-verify')).toBeFocused();
    await page.keyboard.press('Enter'); // Acuerdo
    await expect(page.locator('#review-approve')).toBeFocused();
    await expect(page.getByText('Todos los documentos están verificados y las firmas electrónicas registradas')).toBeVisible();
    await expect(docs.locator('li[data-status="verificado"]')).toHaveCount(4);
    await screenshot(page, '48-virtual-verificada');

    await page.keyboard.press('Alt+A');
    await expect(page.getByRole('button', { name: 'Aprobar (Enter)' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Solicitud ${number} aprobada.` })).toBeVisible();
    await expect.poll(() => queueCount(page, VIRTUAL)).toBe(before - 1);
    await expect(page.getByRole('row', { name: `Solicitud ${number}` })).toHaveCount(0);
    await screenshot(page, '49-virtual-aprobada');
    // Both lifecycle events reached central, in order (it confirms receipt at once).
    const admin = centralAdmin(centralServer.url);
    await expect.poll(async () => (await admin.requests('UIO')).find((r) => r.id === requestId)?.state, { timeout: 20_000 }).toBe('enviada');
  });

  test('a forged or edited e-signature is shown for what it is and the request cannot be approved', async ({ page }) => {
    await login(page, vdesk, DEMO.supervisor);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Colas de trabajo/ }).click();
    for (const f of forged) {
      const row = page.getByRole('row', { name: `Solicitud ${f.number}` });
      await expect(async () => {
        await queueButton(page, /Ventanilla Virtual por revisar/).click();
        await expect(row).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await row.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${f.number}`);
      const acuerdo = page.getByRole('list', { name: 'Documentos de la Ventanilla Virtual' }).getByRole('listitem', { name: 'Acuerdo de Responsabilidad y Uso de la Información' });
      await expect(acuerdo).toContainText(f.verdict);
      await expect(acuerdo.getByRole('button', { name: 'Verificado' })).toBeDisabled();
      await expect(acuerdo).toContainText('La firma electrónica no es válida');
      if (f.kind === 'modificado') {
        await acuerdo.scrollIntoViewIfNeeded();
        await screenshot(page, '49b-virtual-firma-modificada');
      }
      await page.keyboard.press('Alt+A');
      await expect(page.getByRole('alert').filter({ hasText: 'Todavía no se puede aprobar.' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${f.number}`);
      await page.getByRole('button', { name: /^Volver/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Colas de trabajo');
    }
  });
});
