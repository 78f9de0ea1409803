// Sync with central end to end: the browser host and the stand-in central as real processes; an
// administrator enrols the desk, a clerk sees a failing item with its error and next try, retries
// it by hand, and watches a large pull's progress.
//
// The desk's sync service runs only when a test steps it (the host is started with its test
// control: services paused). A cycle running on its own timer would meet a fault injected for a
// later moment (a 503 with Retry-After 600 s before the check-in's event exists, leaving it
// «Pendiente» for ten minutes). Each test restores what it changed, also when it fails: central's
// faults off, the outbox sent.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CentralAdmin } from '../central/admin';
import { DEMO, deskCall, deskSession, expect, field, login, screenshot, test as deskTest, withSeededDesk, startCentral, type CentralProcess, type Desk } from './desk';
import { TINY_PDF } from '../support/images';

/**
 * A desk of its own: these tests count outbox items and turnos, so another spec's check-ins on
 * the shared desk (the forms tests check turnos in through the CLI) must not reach them.
 */
const test = deskTest.extend<object, { desk: Desk }>({ desk: [({}, use) => withSeededDesk(use, { services: 'paused' }), { scope: 'worker', timeout: 180_000 }] });
// Each test starts processes (the CLI, a login's password hashing) that a loaded machine slows down.
test.describe.configure({ timeout: 120_000 });

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let centralProcess: CentralProcess | undefined;
let centralUrl: string;
let central: CentralAdmin;

test.beforeAll(async () => {
  centralProcess = await startCentral();
  centralUrl = centralProcess.url;
  central = centralProcess.admin;
});

test.afterAll(() => {
  centralProcess?.stop();
});

test.afterEach(async ({ desk }) => {
  await central.faults({ rate: 0, kinds: [], next: [], delayMs: 0, retryAfterSeconds: 1 });
  // Whatever a test left waiting or failed is retried now and sent: the next test starts with an empty outbox.
  await deskCall(desk, 'sync.retry', {}, await deskSession(desk, DEMO.admin));
  await desk.services.step('sync');
});

/** The tests after the enrolment one need an enrolled desk, whether that test ran (and passed) or not. */
async function ensureEnrolled(desk: Desk): Promise<void> {
  const admin = await deskSession(desk, DEMO.admin);
  const status = await deskCall<{ enrolled: boolean }>(desk, 'sync.status', {}, admin);
  if (status.ok && status.value.enrolled) return;
  const enrol = await deskCall(desk, 'sync.enrol', { centralUrl, enrolmentCode: await central.enrolmentCode('UIO'), deviceName: 'Ventanilla 1, planta baja' }, admin);
  expect(enrol.ok, JSON.stringify(enrol)).toBe(true);
  expect(await desk.services.step('sync')).toMatchObject({ ok: true });
}

/**
 * Checks in the day's first pending turno through the CLI: another process writing the database,
 * as a second program on the desk would, whose event the desk's sync service must find.
 */
async function checkInNextTurno(desk: Desk): Promise<{ requestId: string }> {
  const today = await deskCall<{ items: { confirmationCode: string; status: string }[] }>(desk, 'appointments.today', {}, await deskSession(desk, DEMO.clerk));
  if (!today.ok) throw new Error(today.error.message);
  const next = today.value.items.find((i) => i.status === 'pendiente')!;
  const r = spawnSync(TSX, ['electron/hosts/cli/main.ts', 'appointments.checkIn', JSON.stringify({ query: next.confirmationCode }), '--data-dir', desk.dataDir, '--as', 'ventanilla1'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { value: { requestId: string } }).value;
}

/** «Reintentar ahora» on the sync screen, and its answer (the retry is recorded before a step may send). */
async function retryNow(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('button', { name: 'Reintentar ahora' }).click();
  await expect(page.getByText(/^Se reintentará ahora/)).toBeVisible();
}

const nav = (page: import('@playwright/test').Page, name: string) => page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: new RegExp(name) }).click();

test('an administrator enrols the desk; the status bar goes online', async ({ page, desk }) => {
  await login(page, desk, DEMO.admin);
  await nav(page, 'Enrolamiento con el IESS');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enrolamiento con el IESS');
  await screenshot(page, 'sync-01-enrolamiento');
  await field(page, 'Dirección de los servicios centrales').fill(centralUrl);
  await field(page, 'Código de enrolamiento').fill('NO-EXISTE');
  await field(page, 'Nombre de esta estación').fill('Ventanilla 1, planta baja');
  await page.getByRole('button', { name: 'Enrolar estación' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'El IESS no aceptó el código de enrolamiento' })).toBeVisible();
  await field(page, 'Código de enrolamiento').fill(await central.enrolmentCode('UIO'));
  await page.getByRole('button', { name: 'Enrolar estación' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Estación enrolada en CAU Quito Norte (Iñaquito)' })).toBeVisible();
  // The desk's first contact with central: one cycle of its sync service.
  expect(await desk.services.step('sync')).toMatchObject({ ok: true });
  await expect(page.getByRole('main').getByText('IESS: en línea')).toBeVisible({ timeout: 15_000 });
  // The status bar says the same as soon as the screen does, without reloading (it polls far
  // less often than the sync screens: what they learn refreshes it).
  const bar = page.getByRole('status', { name: 'Barra de estado' });
  await expect(bar).toContainText('IESS: en línea');
  await expect(bar).toContainText('Pendientes de envío: 0');
  await screenshot(page, 'sync-02-enrolada');
});

test('a failing item shows its error and next try; "Reintentar" sends it', async ({ page, desk }) => {
  await ensureEnrolled(desk);
  const acceptedBefore = (await central.stats()).accepted;
  await central.faults({ rate: 1, kinds: ['unavailable_503'], retryAfterSeconds: 600 });
  await checkInNextTurno(desk);
  // The desk meets the fault with the check-in's event in its outbox.
  expect(await desk.services.step('sync')).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 503') });

  await login(page, desk, DEMO.clerk);
  await nav(page, 'Sincronización');
  const failedTab = page.getByRole('tab', { name: /Con error \(1\)/ });
  await expect(failedTab).toBeVisible({ timeout: 15_000 });
  await failedTab.click();
  const row = page.getByRole('table', { name: 'Envíos fallidos' }).locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Solicitud registrada');
  await expect(row).toContainText('HTTP 503');
  await expect(row).toContainText('El servidor pidió esperar 600 s');
  await expect(page.getByRole('alert').filter({ hasText: 'Último error' })).toContainText('HTTP 503');
  await screenshot(page, 'sync-03-con-error');

  await central.faults({ rate: 0, kinds: [] });
  await row.getByRole('button', { name: 'Reintentar' }).click();
  await expect(page.getByText(/^Se reintentará ahora/)).toBeVisible();
  expect(await desk.services.step('sync')).toMatchObject({ ok: true, push: { accepted: 1 } });
  await expect(page.getByRole('tab', { name: /Con error \(0\)/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('tab', { name: /Pendientes \(0\)/ })).toBeVisible();
  await expect(page.getByText('No hay envíos con error.')).toBeVisible();
  expect((await central.stats()).accepted).toBe(acceptedBefore + 1);
  await screenshot(page, 'sync-04-reintentado');
});

test('a large pull shows its progress; a Ventanilla Virtual request arrives', async ({ page, desk }) => {
  await ensureEnrolled(desk);
  const pdf = TINY_PDF.toString('base64'); // a real PDF: the desk reads every scan whole
  const virtual = await central.virtual({
    agencyCode: 'UIO',
    intake: { applicantKind: 'juridica_privada', employerRuc: '1792060346001', employerBranch: '0001', employerLegalName: 'Comercial Andina Cía. Ltda.', representativeIdType: 'cedula', representativeIdNumber: '1714307103', representativeNames: 'Peña Muñoz Begoña', representativeNationality: 'ECU', email: 'begona.pena@andina.com.ec' },
    attachments: [{ documentType: 'ruc', fileName: 'ruc.pdf', dataBase64: pdf }],
  });
  await central.bulkCatalog('UIO', 4_000);
  // A running desk warms the scan check up at start (counter/services.ts); this desk's services
  // are paused, so that one run is done here, or the first page would also load pdf.js.
  await desk.services.step('scans');
  await central.faults({ delayMs: 1_500 });
  await login(page, desk, DEMO.clerk);
  await nav(page, 'Sincronización');
  await retryNow(page);
  // Five pages of 1,000 changes, each answered after 1.5 s: the screen follows the cycle while it runs.
  const cycle = desk.services.step('sync');
  await expect(page.getByText(/Recibiendo cambios del IESS: [\d.]+ de 4\.001/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('progressbar', { name: 'Progreso de la recepción' })).toBeVisible();
  await screenshot(page, 'sync-05-recepcion-en-curso');
  expect(await cycle).toMatchObject({ ok: true });
  await expect(page.getByText(/Recibiendo cambios del IESS/)).toBeHidden({ timeout: 20_000 });
  await nav(page, 'Solicitudes');
  await expect(page.getByRole('table', { name: 'Solicitudes' })).toContainText(virtual.number);
  await screenshot(page, 'sync-06-solicitud-virtual');
});

test('what central refused about a request shows on the request itself', async ({ page, desk }) => {
  await ensureEnrolled(desk);
  const { requestId } = await checkInNextTurno(desk);
  // A change this desk recorded from a state central does not have (e.g. written while another
  // desk moved the request): central answers "rejected" with its reason.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(desk.dataDir, 'ventanilla.db'));
  const at = Date.now();
  db.prepare("INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at) VALUES (?, 'agency-uio', ?, 'request.transition', ?, ?)").run(
    `e2e-${at}`,
    requestId,
    JSON.stringify({ event: 'devolver', from: 'pendiente_revision', to: 'devuelta', at }),
    at,
  );
  db.close();

  await login(page, desk, DEMO.clerk);
  await nav(page, 'Sincronización');
  await retryNow(page);
  expect(await desk.services.step('sync')).toMatchObject({ ok: true });
  await expect(page.getByRole('tab', { name: /Rechazados por el IESS \([1-9]/ })).toBeVisible({ timeout: 15_000 });
  await nav(page, 'Atención');
  await page.getByRole('table', { name: 'Mis solicitudes abiertas' }).getByRole('button', { name: /^Abrir CAU-/ }).first().click();
  const alert = page.getByRole('alert', { name: 'Avisos de sincronización' });
  await expect(alert).toContainText('El IESS no aceptó un cambio de esta solicitud');
  await expect(alert).toContainText('no en «Pendiente de revisión»');
  await screenshot(page, 'sync-07-rechazo-en-la-solicitud');
});
