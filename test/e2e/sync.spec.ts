// Sync with central end to end: the browser host (with its sync loop) and the stand-in central
// as real processes; an administrator enrols the desk, a clerk sees a failing item with its
// error and next try, retries it by hand, and watches a large pull's progress.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { centralAdmin, type CentralAdmin } from '../central/admin';
import { DEMO, emptyDataDir, expect, field, login, screenshot, seededDeskFixture, test as deskTest, type Desk } from './desk';
import { TINY_PDF } from '../support/images';

/**
 * A desk of its own: these tests count outbox items and turnos, so another spec's check-ins on
 * the shared desk (the forms tests check turnos in through the CLI) must not reach them.
 */
const test = deskTest.extend<object, { desk: Desk }>({ desk: [({}, use) => seededDeskFixture({}, use), { scope: 'worker' }] });

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let centralProcess: ChildProcess;
let centralDir: string;
let centralUrl: string;
let admin: CentralAdmin;

test.beforeAll(async () => {
  centralDir = emptyDataDir();
  centralProcess = spawn(TSX, ['test/central/main.ts', '--port', '0', '--data-dir', centralDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  centralUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`central did not start: ${out}`)), 30_000);
    centralProcess.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  admin = centralAdmin(centralUrl);
});

test.afterAll(() => {
  centralProcess.kill('SIGTERM');
  fs.rmSync(centralDir, { recursive: true, force: true });
});

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
  await field(page, 'Código de enrolamiento').fill(await admin.enrolmentCode('UIO'));
  await page.getByRole('button', { name: 'Enrolar estación' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Estación enrolada en CAU Quito Norte (Iñaquito)' })).toBeVisible();
  await expect(page.getByText('IESS: en línea').first()).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole('status', { name: 'Barra de estado' })).toContainText('IESS: en línea');
  await screenshot(page, 'sync-02-enrolada');
});

test('a failing item shows its error and next try; "Reintentar" sends it', async ({ page, desk }) => {
  await admin.faults({ rate: 1, kinds: ['unavailable_503'], retryAfterSeconds: 600 });
  const code = spawnSync(TSX, ['electron/hosts/cli/main.ts', 'appointments.today', '{}', '--data-dir', desk.dataDir, '--as', 'ventanilla1'], { cwd: ROOT, encoding: 'utf8' });
  const first = (JSON.parse(code.stdout) as { value: { items: { confirmationCode: string; status: string }[] } }).value.items.find((i) => i.status === 'pendiente')!.confirmationCode;
  const checkIn = spawnSync(TSX, ['electron/hosts/cli/main.ts', 'appointments.checkIn', JSON.stringify({ query: first }), '--data-dir', desk.dataDir, '--as', 'ventanilla1'], { cwd: ROOT, encoding: 'utf8' });
  expect(checkIn.status, checkIn.stderr).toBe(0);

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

  await admin.faults({ rate: 0, kinds: [] });
  await row.getByRole('button', { name: 'Reintentar' }).click();
  await expect(page.getByRole('tab', { name: /Con error \(0\)/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('tab', { name: /Pendientes \(0\)/ })).toBeVisible();
  await expect(page.getByText('No hay envíos con error.')).toBeVisible();
  expect((await admin.stats()).accepted).toBe(1);
  await screenshot(page, 'sync-04-reintentado');
});

test('a large pull shows its progress; a Ventanilla Virtual request arrives', async ({ page, desk }) => {
  const pdf = TINY_PDF.toString('base64'); // a real PDF: the desk reads every scan whole
  const virtual = await admin.virtual({
    agencyCode: 'UIO',
    intake: { applicantKind: 'juridica_privada', employerRuc: '1792060346001', employerBranch: '0001', employerLegalName: 'Comercial Andina Cía. Ltda.', representativeIdType: 'cedula', representativeIdNumber: '1714307103', representativeNames: 'Peña Muñoz Begoña', representativeNationality: 'ECU', email: 'begona.pena@andina.com.ec' },
    attachments: [{ documentType: 'ruc', fileName: 'ruc.pdf', dataBase64: pdf }],
  });
  await admin.bulkCatalog('UIO', 4_000);
  await admin.faults({ delayMs: 1_500 });
  await login(page, desk, DEMO.clerk);
  await nav(page, 'Sincronización');
  await page.getByRole('button', { name: 'Reintentar ahora' }).click();
  await expect(page.getByText(/Recibiendo cambios del IESS: [\d.]+ de 4\.001/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('progressbar', { name: 'Progreso de la recepción' })).toBeVisible();
  await screenshot(page, 'sync-05-recepcion-en-curso');
  await expect(page.getByText(/Recibiendo cambios del IESS/)).toBeHidden({ timeout: 20_000 });
  await admin.faults({ delayMs: 0 });
  await nav(page, 'Solicitudes');
  await expect(page.getByRole('table', { name: 'Solicitudes' })).toContainText(virtual.number);
  await screenshot(page, 'sync-06-solicitud-virtual');
});

test('what central refused about a request shows on the request itself', async ({ page, desk }) => {
  const today = spawnSync(TSX, ['electron/hosts/cli/main.ts', 'appointments.today', '{}', '--data-dir', desk.dataDir, '--as', 'ventanilla1'], { cwd: ROOT, encoding: 'utf8' });
  const pending = (JSON.parse(today.stdout) as { value: { items: { confirmationCode: string; status: string }[] } }).value.items.filter((i) => i.status === 'pendiente');
  const checkIn = spawnSync(TSX, ['electron/hosts/cli/main.ts', 'appointments.checkIn', JSON.stringify({ query: pending[0]!.confirmationCode }), '--data-dir', desk.dataDir, '--as', 'ventanilla1'], { cwd: ROOT, encoding: 'utf8' });
  expect(checkIn.status, checkIn.stderr).toBe(0);
  const requestId = (JSON.parse(checkIn.stdout) as { value: { requestId: string } }).value.requestId;
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
  await page.getByRole('button', { name: 'Reintentar ahora' }).click();
  await expect(page.getByRole('tab', { name: /Rechazados por el IESS \([1-9]/ })).toBeVisible({ timeout: 15_000 });
  await nav(page, 'Atención');
  await page.getByRole('table', { name: 'Mis solicitudes abiertas' }).getByRole('button', { name: /^Abrir CAU-/ }).first().click();
  const alert = page.getByRole('alert', { name: 'Avisos de sincronización' });
  await expect(alert).toContainText('El IESS no aceptó un cambio de esta solicitud');
  await expect(alert).toContainText('no en «Pendiente de revisión»');
  await screenshot(page, 'sync-07-rechazo-en-la-solicitud');
});
