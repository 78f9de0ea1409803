// What the clerk and the supervisor read, in Chromium against the browser host: the requirement
// in the sheet's words, named controls, the wording that fits the channel, the history in
// sentences, the review of a foreign representative, a confirmation before approving, focus
// back on the row after a review, the dashboard per channel, and attentions outside the
// agency's opening hours.
import type { Page } from '@playwright/test';
import { ecuadorDate } from '../../shared/domain/dates';
import { DEMO, deskCall, deskSession, expect, field, login, screenshot, testWithOwnDesk, type Desk } from './desk';

// A desk of its own: these tests change the agency's hours and open requests.
const test = testWithOwnDesk();

async function nextTurno(desk: Desk, session: string): Promise<string> {
  const r = await deskCall<{ items: { confirmationCode: string; status: string }[] }>(desk, 'appointments.today', {}, session);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.items.find((a) => a.status === 'pendiente')!.confirmationCode;
}

const docRow = (page: Page, label: string) => page.getByRole('list', { name: 'Documentos requeridos' }).getByRole('listitem', { name: label });

test('the clerk reads the requirement in words, named controls, the channel’s wording and a history in sentences', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  await field(page, 'Código de confirmación o cédula').fill(await nextTurno(desk, await deskSession(desk, DEMO.clerk)));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');

  // A natural person is their own employer: the razón social follows the name as it is typed.
  await page.getByRole('radio', { name: /Persona Natural - Ecuatoriana/ }).check();
  await field(page, 'RUC').fill('1714307103001');
  await field(page, 'Número de cédula').fill('1714307103');
  // The turno brought a name: the razón social already shows it; typing another, it follows.
  await expect(field(page, 'Razón social')).toHaveValue(await field(page, 'Apellidos y nombres').inputValue());
  await field(page, 'Apellidos y nombres').fill('');
  await field(page, 'Apellidos y nombres').pressSequentially('Pérez Andrade Luis', { delay: 40 });
  await expect(field(page, 'Razón social')).toHaveValue('Pérez Andrade Luis');
  await field(page, 'Correo electrónico').fill('luis.perez@correo.ec');
  await field(page, 'Celular').fill('0991234567');
  await field(page, 'Dirección del empleador').fill('Av. Amazonas N34-12 y Av. República, Quito');
  await expect(page.getByRole('status', { name: 'Estado del borrador' })).toContainText(/Guardado \d\d:\d\d:\d\d/);
  await page.getByRole('button', { name: 'Continuar a verificación' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Verificación CAU-UIO-');

  // The requirement as the sheet numbers it, never a rule id or a file; the sheet's sentence on hover.
  const solicitud = docRow(page, 'Solicitud de entrega de clave');
  await expect(solicitud).toContainText('Ficha del trámite, requisito 1');
  await expect(page.getByRole('list', { name: 'Documentos requeridos' })).not.toContainText('seeds/');
  await expect(page.getByRole('list', { name: 'Documentos requeridos' })).not.toContainText('presencial.');
  await expect(docRow(page, 'Cédula del representante legal')).toContainText('Ficha del trámite, requisito 2');
  await solicitud.getByText('Ficha del trámite, requisito 1', { exact: true }).hover();
  await expect(page.getByRole('tooltip')).toContainText('La suscripción del documento de forma manuscrita es imprescindible.');
  await screenshot(page, '70-requisito-en-palabras');
  // The row's description carries the sentence for a screen reader.
  await expect(solicitud).toHaveAccessibleDescription(/^Ficha del trámite, requisito 1: «Solicitud de entrega de clave: Previo a la solicitud/);

  // Each document's controls say which document they are about.
  await expect(page.getByRole('checkbox', { name: 'Presentado: Cédula del representante legal' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Presentado: Acuerdo de Responsabilidad y Uso de la Información' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Verificado: Cédula del representante legal' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Presentado', exact: true })).toHaveCount(0);

  // At the counter, a document is not refused for a missing electronic signature.
  await docRow(page, 'Cédula del representante legal').getByRole('button', { name: /^Rechazar…/ }).click();
  const rejectDoc = page.getByRole('dialog', { name: /Rechazar documento/ });
  const reasons = await rejectDoc.getByRole('combobox', { name: 'Motivo' }).locator('option').allInnerTexts();
  expect(reasons).toContain('Falta la firma manuscrita');
  expect(reasons.join('|')).not.toContain('firma electrónica');
  await rejectDoc.getByRole('button', { name: 'Cancelar (Esc)' }).click();

  // Rejecting a request at the counter: a new turno. Annulling asks for its note in words.
  await page.keyboard.press('Alt+X');
  const reject = page.getByRole('dialog', { name: /Rechazar la solicitud/ });
  await expect(reject).toContainText('deberá sacar un nuevo turno');
  await reject.getByRole('button', { name: 'Cancelar (Esc)' }).click();
  await page.keyboard.press('Alt+A');
  const annul = page.getByRole('dialog', { name: /Anular la solicitud/ });
  await annul.getByRole('button', { name: 'Anular solicitud' }).click();
  await expect(annul.getByText('Escriba por qué se anula la solicitud.')).toBeVisible();
  await expect(annul).not.toContainText('Este motivo requiere');
  await field(annul, 'Observación: por qué se anula (obligatoria)').fill('Registrada para probar la lectura del historial.');
  await annul.getByRole('button', { name: 'Anular solicitud' }).click();

  // The history: the autosaves of the sitting as one line, every line in Spanish.
  const history = page.getByRole('list', { name: 'Historial de la solicitud' });
  await expect(history.getByRole('listitem').last()).toContainText('Anulada');
  const lines = await history.getByRole('listitem').allInnerTexts();
  const saves = lines.filter((l) => l.includes('Datos guardados'));
  expect(saves).toHaveLength(1);
  expect(saves[0]).toMatch(/Datos guardados \(\d+ veces, (de \d\d:\d\d a \d\d:\d\d|a las \d\d:\d\d)\)/);
  expect(lines.join('\n')).not.toMatch(/Operación|[a-z]+\.[a-z]+[A-Z]/);
  await screenshot(page, '71-historial-agrupado');
});

test('outside the opening hours the clerk is told, and the day’s report lists the attention', async ({ page, desk, browser }) => {
  // The agency does not open today (agencia.json openingHours.closedDates).
  const admin = await deskSession(desk, DEMO.admin);
  const current = await deskCall<{ config: Record<string, unknown> }>(desk, 'config.get', {}, admin);
  if (!current.ok) throw new Error(current.error.message);
  const today = ecuadorDate(Date.now());
  const updated = await deskCall(desk, 'config.update', { ...current.value.config, openingHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00', closedDates: [today] } }, admin);
  expect(updated.ok).toBe(true);

  const sup = await deskSession(desk, DEMO.supervisor);
  const outsideCount = async () => {
    const r = await deskCall<{ outsideHours: { count: number } }>(desk, 'reports.endOfDay', { date: today }, sup);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.outsideHours.count;
  };
  const before = await outsideCount();

  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  const notice = page.getByRole('note', { name: 'Fuera del horario de atención' });
  await expect(notice).toContainText('es un día no laborable de la agencia (atiende lunes a viernes de 08:00 a 17:00)');
  await expect(notice).toContainText('la atención queda señalada en el cierre del día');
  await screenshot(page, '72-fuera-de-horario');
  await field(page, 'Código de confirmación o cédula').fill(await nextTurno(desk, await deskSession(desk, DEMO.clerk)));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');
  expect(await outsideCount()).toBe(before + 1);

  // The supervisor, at another window.
  const supervisor = await browser.newPage();
  await login(supervisor, desk, DEMO.supervisor);
  await supervisor.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Cierre del día/ }).click();
  const outside = supervisor.getByRole('region', { name: /Atenciones fuera del horario/ });
  await expect(outside).toContainText('Horario de la agencia: lunes a viernes de 08:00 a 17:00.');
  await expect(outside.getByRole('heading', { level: 2 })).toHaveText(`Atenciones fuera del horario: ${before + 1}`);
  await expect(outside).toContainText('día no laborable');
  await screenshot(supervisor, '73-cierre-fuera-de-horario');
  await supervisor.close();
});

test('the supervisor: a foreigner’s documents, a confirmation before approving, focus back on the row, no reassigning an ended request, the dashboard per channel', async ({ page, desk }) => {
  // A foreign representative with passport and visa, filed at the counter (over HTTP, as the screen does).
  const clerk = await deskSession(desk, DEMO.clerk);
  const checked = await deskCall<{ requestId: string }>(desk, 'appointments.checkIn', { query: await nextTurno(desk, clerk) }, clerk);
  if (!checked.ok) throw new Error(checked.error.message);
  const detail = await deskCall<{ version: number; number: string }>(desk, 'requests.get', { id: checked.value.requestId }, clerk);
  if (!detail.ok) throw new Error(detail.error.message);
  const saved = await deskCall(desk, 'requests.saveDraft', {
    id: checked.value.requestId,
    version: detail.value.version,
    intake: {
      applicantKind: 'natural_extranjera', employerRuc: '1760000073001', employerBranch: '0001', employerLegalName: 'Restrepo Gómez Camilo',
      representativeIdType: 'pasaporte', representativeIdNumber: 'AB1234567', representativeNames: 'Restrepo Gómez Camilo', representativeNationality: 'COL',
      passportExpiryDate: '2031-09-20', visaCategory: 'temporal_trabajo', visaNumber: 'V-2025-7781', visaIssueDate: '2025-03-01', visaExpiryDate: '2027-03-01',
      email: 'camilo.restrepo@correo.co', mobile: '0991234567', address: 'Av. Amazonas N24-12 y Colón, Quito',
    },
  }, clerk);
  expect(saved.ok).toBe(true);

  await login(page, desk, DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Buscar/ }).click();
  await field(page, 'Número, RUC, documento o nombres').fill(detail.value.number);
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('row', { name: /CAU-UIO/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${detail.value.number}`);
  await expect(page.getByText('N.º AB1234567 · caduca: 20/09/2031')).toBeVisible();
  await expect(page.getByText('Residencia temporal - Trabajador · N.º V-2025-7781 · emitida: 01/03/2025 · caduca: 01/03/2027')).toBeVisible();
  await expect(page.getByText('2031-09-20')).toHaveCount(0);
  await screenshot(page, '74-revision-extranjero');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buscar solicitudes');
  await expect(page.getByRole('table', { name: 'Resultados de la búsqueda' }).locator('tbody tr').first()).toBeFocused();

  // A request whose key was issued cannot be reassigned.
  const sup = await deskSession(desk, DEMO.supervisor);
  const ended = await deskCall<{ items: { number: string }[] }>(desk, 'search.requests', { state: 'clave_emitida', limit: 1 }, sup);
  if (!ended.ok) throw new Error(ended.error.message);
  await field(page, 'Número, RUC, documento o nombres').fill(ended.value.items[0]!.number);
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('table', { name: 'Resultados de la búsqueda' }).getByRole('row', { name: /CAU-UIO/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${ended.value.items[0]!.number}`);
  await expect(page.getByRole('button', { name: 'Reasignar…' })).toBeDisabled();

  // From the queue: Alt+A asks first; Esc keeps the request; Esc again returns to its row.
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Colas de trabajo/ }).click();
  const rows = page.getByRole('table', { name: 'Solicitudes de la cola' }).locator('tbody tr');
  await expect(rows.nth(2)).toBeVisible();
  const third = rows.nth(2);
  const number = (await third.getAttribute('aria-label'))!.replace('Solicitud ', '');
  await third.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  await page.keyboard.press('Alt+A');
  const confirm = page.getByRole('dialog', { name: `¿Aprobar la solicitud ${number}?` });
  await expect(confirm).toContainText('no se puede deshacer');
  await expect(confirm.getByRole('button', { name: 'Aprobar (Enter)' })).toBeFocused();
  await screenshot(page, '75-confirmar-aprobacion');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('row', { name: `Solicitud ${number}` })).toBeFocused();

  // The dashboard: presencial and Ventanilla Virtual apart.
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Tablero/ }).click();
  await expect(page.getByText('Presencial (ventanilla)')).toBeVisible();
  await expect(page.getByText('Ventanilla Virtual', { exact: true })).toBeVisible();
  await expect(page.getByText('Recibidas por Ventanilla Virtual')).toBeVisible();
  await screenshot(page, '76-tablero-por-canal');
});
