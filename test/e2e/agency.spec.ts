// The agency-wide view end to end: two desks (each its own data directory and browser host) and
// the stand-in central as real processes. A request recorded at desk 01 shows at desk 02 with its
// desk and clerk; a supervisor opening it at desk 01 shows «en atención» at desk 02, where opening
// it asks first. The desks' sync services run only when the test steps them (deterministic).
import fs from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { CentralAdmin } from '../central/admin';
import { TINY_JPEG } from '../support/images';
import { DEMO, deskCall, deskSession, login, screenshot, seedDesk, startCentral, startDesk, type CentralProcess, type Desk } from './desk';

test.describe.configure({ timeout: 240_000 });


let centralProcess: CentralProcess | undefined;
let centralUrl: string;
let central: CentralAdmin;
const desks: Desk[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  centralProcess = await startCentral();
  centralUrl = centralProcess.url;
  central = centralProcess.admin;
  // Enrolled in this order, central gives them stations 01 and 02.
  for (const name of ['Ventanilla 1, planta baja', 'Ventanilla 2, planta baja']) {
    const desk = await startDesk(seedDesk(40), { services: 'paused' });
    desks.push(desk);
    const admin = await deskSession(desk, DEMO.admin);
    const enrol = await deskCall(desk, 'sync.enrol', { centralUrl, enrolmentCode: await central.enrolmentCode('UIO'), deviceName: name }, admin);
    expect(enrol.ok, JSON.stringify(enrol)).toBe(true);
    expect(await desk.services.step('sync')).toMatchObject({ ok: true });
  }
});

test.afterAll(() => {
  for (const desk of desks) {
    desk.kill('SIGTERM');
    fs.rmSync(desk.dataDir, { recursive: true, force: true });
  }
  centralProcess?.stop();
});

/** A presencial request taken to «pendiente de revisión» at `desk` by its clerk, over the host's HTTP API. */
async function toReview(desk: Desk): Promise<{ id: string; number: string }> {
  const session = await deskSession(desk, DEMO.clerk);
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await deskCall<T>(desk, name, input, session);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  const today = await call<{ items: { confirmationCode: string; status: string }[] }>('appointments.today', {});
  const { requestId: id } = await call<{ requestId: string }>('appointments.checkIn', { query: today.items.find((i) => i.status === 'pendiente')!.confirmationCode });
  let { version } = await call<{ version: number }>('requests.get', { id });
  const intake = {
    applicantKind: 'natural_ecuatoriana',
    employerRuc: '1714307103001',
    employerBranch: '0001',
    employerLegalName: 'Peña Muñoz Begoña',
    representativeIdType: 'cedula',
    representativeIdNumber: '1714307103',
    representativeNames: 'Peña Muñoz Begoña',
    representativeNationality: 'ECU',
    email: 'begona.pena@correo.ec',
    mobile: '0991234567',
    address: 'Calle Sucre 4-52 y Bolívar, Quito',
    viaThirdParty: false,
    artisan: false,
  };
  version = (await call<{ version: number }>('requests.saveDraft', { id, version, intake })).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  await call('attachments.add', { requestId: id, documentType: 'cedula_representante', fileName: 'cedula.jpg', dataBase64: TINY_JPEG.toString('base64') });
  const check = { presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } };
  version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: 'cedula_representante', ...check })).version;
  version = (await call<{ version: number }>('forms.print', { id, version })).version;
  const detail = await call<{ number: string; checklist: { documentType: string; signature: string | null }[] }>('requests.get', { id });
  for (const d of detail.checklist.filter((c) => c.signature === 'manuscrita')) {
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado' })).version;
  }
  // The active e-mail (docs/seeds/004_…:43): recorded as not proven, with its reason.
  version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version, reason: 'no_recibe' })).version;
  await call('requests.transition', { id, version, event: 'enviar_a_revision' });
  return { id, number: detail.number };
}

/** One sync cycle now («Reintentar ahora» makes it due, whatever the pull interval says). */
async function cycle(desk: Desk): Promise<{ ok: boolean; push?: { accepted: number } }> {
  expect(await deskCall(desk, 'sync.retry', {}, await deskSession(desk, DEMO.admin))).toMatchObject({ ok: true });
  return (await desk.services.step('sync')) as { ok: boolean; push?: { accepted: number } };
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: new RegExp(name) }).click();

async function supervisorPage(browser: Browser, desk: Desk): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, desk, DEMO.supervisor);
  return page;
}

test('another desk’s request shows with its desk; opened at its desk, it shows «en atención» and asks before it is opened here', async ({ browser }) => {
  const [one, two] = desks as [Desk, Desk];
  const req = await toReview(one);
  expect(req.number).toMatch(/^CAU-UIO-\d{4}-01-\d{6}$/);
  expect(await cycle(one)).toMatchObject({ ok: true });
  expect(await cycle(two)).toMatchObject({ ok: true });

  // Desk 02's supervisor: the request of desk 01 in the review queue, with its desk and clerk.
  const atTwo = await supervisorPage(browser, two);
  await nav(atTwo, 'Colas de trabajo');
  const table = atTwo.getByRole('table', { name: 'Solicitudes de la cola' });
  const row = table.getByRole('row', { name: `Solicitud ${req.number}` });
  await expect(row).toContainText('Ventanilla 01');
  await expect(row).toContainText('José Muñoz Quishpe');
  await expect(table.getByRole('columnheader', { name: 'Ventanilla' })).toBeVisible();
  await screenshot(atTwo, 'agency-01-cola-con-ventanilla');

  // Desk 01's supervisor opens it for review: desk 01 records its marker and tells central.
  const atOne = await supervisorPage(browser, one);
  await nav(atOne, 'Colas de trabajo');
  await atOne.getByRole('table', { name: 'Solicitudes de la cola' }).getByRole('row', { name: `Solicitud ${req.number}` }).click();
  await expect(atOne.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${req.number}`);
  await expect.poll(() => cycle(one)).toMatchObject({ ok: true, push: { accepted: 1 } });
  expect(await cycle(two)).toMatchObject({ ok: true });

  // At desk 02 the row says who works it, where and since when.
  await atTwo.getByRole('list', { name: 'Colas' }).getByRole('button', { name: /Por revisar \(presencial\)/ }).click();
  const marker = row.getByText(/^En atención en Ventanilla 01 — Mónica Peña Yánez, desde \d{2}:\d{2}$/);
  await expect(marker).toBeVisible({ timeout: 20_000 });
  await screenshot(atTwo, 'agency-02-en-atencion-en-la-cola');

  // Opening it asks first; «Volver» leaves it untouched, «Abrir de todos modos» opens it.
  await row.click();
  const dialog = atTwo.getByRole('dialog', { name: `La solicitud ${req.number} ya está en atención` });
  await expect(dialog).toContainText(/En atención en Ventanilla 01 — Mónica Peña Yánez, desde \d{2}:\d{2}/);
  await screenshot(atTwo, 'agency-03-confirmar-apertura');
  await dialog.getByRole('button', { name: 'Volver (Esc)' }).click();
  await expect(atTwo.getByRole('heading', { level: 1 })).toHaveText('Colas de trabajo');
  await row.click();
  await atTwo.getByRole('dialog').getByRole('button', { name: 'Abrir de todos modos' }).click();
  await expect(atTwo.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${req.number}`);
  await expect(atTwo.getByRole('status').filter({ hasText: 'Usted también la tiene abierta' })).toContainText('En atención en Ventanilla 01 — Mónica Peña Yánez');
  await expect(atTwo.getByText(/Ventanilla 01 · ventanillero: José Muñoz Quishpe/)).toBeVisible();
  await screenshot(atTwo, 'agency-04-abierta-de-todos-modos');

  // Desk 01 goes back: its marker is released; after a sync desk 02's search no longer shows it.
  await atOne.keyboard.press('Escape');
  await expect(atOne.getByRole('heading', { level: 1 })).toHaveText('Colas de trabajo');
  await expect.poll(() => cycle(one)).toMatchObject({ ok: true, push: { accepted: 1 } });
  expect(await cycle(two)).toMatchObject({ ok: true });
  await atTwo.keyboard.press('Escape');
  await nav(atTwo, 'Buscar');
  await atTwo.getByRole('combobox', { name: 'Ventanilla' }).click();
  await atTwo.getByRole('option', { name: 'Ventanilla 01' }).click();
  await atTwo.getByRole('search').getByRole('button', { name: 'Buscar', exact: true }).click();
  const results = atTwo.getByRole('table', { name: 'Resultados de la búsqueda' });
  const found = results.getByRole('row').filter({ hasText: req.number });
  await expect(found).toContainText('Ventanilla 01');
  await expect(found).not.toContainText('En atención');
  // Every result of the filter is of desk 01.
  for (const text of await results.locator('tbody tr').allInnerTexts()) expect(text).toContain('Ventanilla 01');
  await screenshot(atTwo, 'agency-05-busqueda-por-ventanilla');
});
