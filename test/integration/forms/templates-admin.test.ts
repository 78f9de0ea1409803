// The administrator's versions of the form wording, on a real SQLite file through the real
// migrations and handlers: list, check, publish (audited), refuse bad files field by field
// without changing anything; papers printed before a new version reprint byte for byte and
// still verify; the paper's QR, read back with zbarimg, checks out against the record.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../shared/contract';
import type { RequestDetail } from '../../../shared/contract/counter';
import type { Auth } from '../../../electron/core/registry';
import { DEFAULT_TEMPLATES } from '../../../electron/core/forms/templates';
import { spawnCli } from '../../support/cli';
import { okCaller, seededDesk, type TestDesk } from '../../support/desk';
import { decodeSymbols, pdfText, renderPages } from './poppler';
import { NATURAL_INTAKE } from '../../support/intake';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: { path: string; message: string }[] } };
const call = okCaller(() => desk, ADMIN);
async function fails(name: string, input: unknown, as: Auth = ADMIN) {
  const r = (await desk.core.call(name, input, as)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}

const sqlite = () => desk.core.ctx.db.$client;
const templateRows = () => sqlite().prepare('SELECT kind, version, title, paragraphs, created_by AS createdBy FROM form_templates ORDER BY kind, version').all();
const lastAudit = () => sqlite().prepare('SELECT call, target, outcome, actor_id AS actorId FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { call: string; target: string | null; outcome: string; actorId: string };
const userId = (username: string) => (sqlite().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

type Printed = CallOutput<'forms.print'>;
type Verified = CallOutput<'forms.verifyQr'>;

/** A clerk takes the next turno through check-in, intake and verification, and prints the forms. */
async function printNewRequest(): Promise<{ id: string; number: string; printed: Printed }> {
  const code = (sqlite().prepare("SELECT confirmation_code AS c FROM appointments WHERE status = 'pendiente' ORDER BY time LIMIT 1").get() as { c: string }).c;
  const id = (await call<{ requestId: string }>('appointments.checkIn', { query: code }, CLERK)).requestId;
  const detail = await call<RequestDetail>('requests.get', { id }, CLERK);
  let version = (
    await call<{ version: number }>(
      'requests.saveDraft',
      {
        id,
        version: detail.version,
        intake: NATURAL_INTAKE,
      },
      CLERK,
    )
  ).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version }, CLERK)).version;
  version = (
    await call<{ version: number }>(
      'requests.verifyDocument',
      { id, version, documentType: 'cedula_representante', presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } },
      CLERK,
    )
  ).version;
  const printed = await call<Printed>('forms.print', { id, version }, CLERK);
  return { id, number: (sqlite().prepare('SELECT number FROM requests WHERE id = ?').get(id) as { number: string }).number, printed };
}

const pdfOf = (printed: Printed, kind: string) => Buffer.from(printed.forms.find((f) => f.kind === kind)!.pdfBase64, 'base64');

/** What a scanner reads off the first page: the QR's text, decoded by zbarimg from a 200 dpi render. */
function scanQr(pdf: Buffer): string {
  const symbols = decodeSymbols(renderPages(pdf, 200)[0]!);
  const qr = symbols.find((s) => s.startsWith('QR-Code:'));
  if (!qr) throw new Error(`no QR on the page: ${symbols.join(', ')}`);
  return qr.slice('QR-Code:'.length);
}

const ACUERDO_V2 = {
  kind: 'acuerdo',
  title: 'Acuerdo de Responsabilidad y Uso de la Información',
  paragraphs: [
    ...DEFAULT_TEMPLATES.acuerdo.paragraphs.slice(0, -1),
    '**Octava. Vigencia.** Este acuerdo rige desde su firma y mientras el empleador tenga la clave patronal.',
    DEFAULT_TEMPLATES.acuerdo.paragraphs.at(-1)!,
  ],
};

describe('template versions', () => {
  let first: { id: string; number: string; printed: Printed };
  let firstQr = '';

  it('lists version 1 of each form, shipped with the application, as the one in use', async () => {
    const list = await call<CallOutput<'forms.templates'>>('forms.templates', {});
    expect(list.templates.map((t) => [t.kind, t.current, t.versions.length])).toEqual([
      ['solicitud', 1, 1],
      ['acuerdo', 1, 1],
      ['comprobante', 1, 1],
    ]);
    expect(list.templates[1]!.versions[0]).toMatchObject({ version: 1, createdAt: null, createdBy: null, title: DEFAULT_TEMPLATES.acuerdo.title });
    expect(list.templates[1]!.versions[0]!.paragraphs).toEqual(DEFAULT_TEMPLATES.acuerdo.paragraphs);
  });

  it('only an administrator sees or changes the wording', async () => {
    expect((await fails('forms.templates', {}, CLERK)).code).toBe('forbidden');
    expect((await fails('forms.publishTemplate', ACUERDO_V2, SUPERVISOR)).code).toBe('forbidden');
    expect((await fails('forms.checkTemplate', ACUERDO_V2, CLERK)).code).toBe('forbidden');
    expect(templateRows()).toEqual([]);
  });

  it('a clerk prints a request with version 1; its QR, read off the paper, is authentic', async () => {
    first = await printNewRequest();
    expect(first.printed.forms.map((f) => [f.kind, f.templateVersion])).toEqual([
      ['solicitud', 1],
      ['acuerdo', 1],
      ['comprobante', 1],
    ]);
    firstQr = scanQr(pdfOf(first.printed, 'acuerdo'));
    expect(firstQr).toMatch(new RegExp(`^IESS-VP1\\|${first.number}\\|${first.id}\\|acuerdo\\|v1\\|[0-9a-f]{16}$`));
    const v = await call<Verified>('forms.verifyQr', { payload: firstQr }, CLERK);
    expect(v).toMatchObject({
      valid: true,
      outcome: 'autentico',
      number: first.number,
      kind: 'acuerdo',
      templateVersion: 1,
      request: { id: first.id, state: 'pendiente_firma' },
      printed: { employerLegalName: 'Peña Muñoz Begoña', employerRuc: '1714307103001', representativeNames: 'Peña Muñoz Begoña', thirdPartyNames: null },
    });
    expect(v.message).toBe(`Documento auténtico: Acuerdo de Responsabilidad y Uso de la Información de la solicitud ${first.number} (plantilla v1), impreso el 20/11/2026 09:00 por José Muñoz Quishpe.`);
    expect(v.printed!.prints).toEqual([{ at: desk.clock.now(), actor: 'José Muñoz Quishpe', reprint: false, reason: null }]);
  });

  it('its comprobante lists the papers printed with it as signed at the counter, not as «No verificado»', () => {
    const t = pdfText(pdfOf(first.printed, 'comprobante')).replace(/\s+/g, ' ');
    expect(t).toContain('Cédula del representante legal Original (se exhibe) ✓ Verificado');
    expect(t).toMatch(/Solicitud de entrega de clave .*Se firma en ventanilla/);
    expect(t).toMatch(/Acuerdo de Responsabilidad y Uso de la Información .*Se firma en ventanilla/);
    expect(t).not.toContain('No verificado');
  });

  it('refuses a bad file field by field, in Spanish, and changes nothing', async () => {
    const auditBefore = (sqlite().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const shape = await fails('forms.publishTemplate', { kind: 'contrato', title: 7, paragraphs: ['Texto', 3], autor: 'yo' });
    expect(shape.code).toBe('invalid_input');
    expect(shape.fields).toEqual(
      expect.arrayContaining([
        { path: 'kind', message: 'Campo «kind»: indique el formulario (solicitud, acuerdo, comprobante).' },
        { path: 'title', message: 'Campo «title»: escriba el título del formulario entre comillas.' },
        { path: 'paragraphs.1', message: 'Campo «paragraphs»: el párrafo 2 debe ser un texto entre comillas.' },
        { path: '', message: 'Campos no reconocidos: «autor». Use solo «kind», «version», «title» y «paragraphs».' },
      ]),
    );

    const wording = await fails('forms.publishTemplate', {
      kind: 'solicitud',
      title: 'Solicitud de entrega de clave patronal',
      paragraphs: ['Yo, {{representante.nombres}}, solicito la clave.', 'Autorizo a {{thirdParty.names}}.', '**Nota** con **negrita** al medio.'],
    });
    expect(wording.code).toBe('invalid_input');
    expect(wording.message).toBe('La plantilla de «Solicitud de entrega de clave patronal» tiene 5 problemas; no se cambió nada. Corrija el archivo y vuelva a importarlo.');
    expect(wording.fields!.map((f) => f.path)).toEqual(['paragraphs.0', 'paragraphs.1', 'paragraphs.2', 'paragraphs', 'paragraphs']);
    expect(wording.fields![0]!.message).toMatch(/^Párrafo 1: el marcador \{\{representante\.nombres\}\} no existe/);
    expect(wording.fields![1]!.message).toMatch(/^Párrafo 2: el marcador \{\{thirdParty\.names\}\} solo existe cuando un tercero presenta el trámite/);
    expect(wording.fields![3]!.message).toContain('al menos un párrafo [tercero]');

    const stale = await fails('forms.publishTemplate', { ...ACUERDO_V2, version: 5 });
    expect(stale.fields).toEqual([{ path: 'version', message: expect.stringContaining('la siguiente versión de «Acuerdo de Responsabilidad y Uso de la Información» es la 2, no la 5') }]);

    const same = await fails('forms.publishTemplate', { ...DEFAULT_TEMPLATES.acuerdo, version: undefined });
    expect(same).toMatchObject({ code: 'conflict', message: expect.stringContaining('mismo texto que la versión 1') });

    expect(templateRows()).toEqual([]);
    // Each refusal is attributable: four audit entries, none of them 'ok'.
    const refusals = sqlite().prepare('SELECT call, outcome, actor_id AS actorId FROM audit_log WHERE seq > ? ORDER BY seq').all(auditBefore);
    expect(refusals).toEqual([
      { call: 'forms.publishTemplate', outcome: 'invalid_input', actorId: userId('admin') },
      { call: 'forms.publishTemplate', outcome: 'invalid_input', actorId: userId('admin') },
      { call: 'forms.publishTemplate', outcome: 'invalid_input', actorId: userId('admin') },
      { call: 'forms.publishTemplate', outcome: 'conflict', actorId: userId('admin') },
    ]);
  });

  it('checks a new version without publishing it and shows it on a sample request', async () => {
    const checked = await call<CallOutput<'forms.checkTemplate'>>('forms.checkTemplate', ACUERDO_V2);
    expect(checked).toMatchObject({ kind: 'acuerdo', version: 2, currentVersion: 1, changes: { title: false, added: 1, removed: 0 } });
    expect(checked.previews.map((p) => p.label)).toEqual(['Con tercero autorizado y artesano calificado', 'El representante retira personalmente']);
    const text = pdfText(Buffer.from(checked.previews[0]!.pdfBase64, 'base64'));
    expect(text).toContain('Octava. Vigencia.');
    expect(text).toContain('CAU-UIO-MUESTRA');
    expect(text).toContain('plantilla v2');
    expect(templateRows()).toEqual([]);
  });

  it('publishes version 2, audited as a change by the administrator', async () => {
    desk.clock.advance(60_000);
    const published = await call<CallOutput<'forms.publishTemplate'>>('forms.publishTemplate', { ...ACUERDO_V2, version: 2 });
    expect(published).toEqual({ kind: 'acuerdo', label: 'Acuerdo de Responsabilidad y Uso de la Información', version: 2, createdAt: desk.clock.now() });
    expect(lastAudit()).toEqual({ call: 'forms.publishTemplate', target: 'form_template:acuerdo:v2', outcome: 'ok', actorId: userId('admin') });
    expect(templateRows()).toEqual([{ kind: 'acuerdo', version: 2, title: ACUERDO_V2.title, paragraphs: JSON.stringify(ACUERDO_V2.paragraphs), createdBy: userId('admin') }]);
    const list = await call<CallOutput<'forms.templates'>>('forms.templates', {});
    const acuerdo = list.templates.find((t) => t.kind === 'acuerdo')!;
    expect(acuerdo.current).toBe(2);
    expect(acuerdo.versions.map((v) => [v.version, v.createdBy])).toEqual([
      [2, 'Patricio Ordóñez'],
      [1, null],
    ]);
    // Importing the same file again is refused: version 2 exists now.
    expect((await fails('forms.publishTemplate', { ...ACUERDO_V2, version: 2 })).fields?.[0]?.message).toContain('la versión 2 de «Acuerdo de Responsabilidad y Uso de la Información» ya existe; la siguiente es la 3');
  });

  it('a paper printed before the new version reprints byte for byte with its own version, and still verifies', async () => {
    desk.clock.advance(3_600_000);
    const detail = await call<RequestDetail>('requests.get', { id: first.id }, CLERK);
    const again = await call<Printed>('forms.print', { id: first.id, version: detail.version, reprintReason: 'El solicitante manchó la hoja' }, CLERK);
    expect(again.reprint).toBe(true);
    expect(again.forms.map((f) => [f.kind, f.templateVersion, f.sha256])).toEqual(first.printed.forms.map((f) => [f.kind, f.templateVersion, f.sha256]));
    for (const f of again.forms) expect(Buffer.from(f.pdfBase64, 'base64').equals(pdfOf(first.printed, f.kind)), f.kind).toBe(true);
    expect(pdfText(pdfOf(again, 'acuerdo'))).not.toContain('Octava. Vigencia.');
    const v = await call<Verified>('forms.verifyQr', { payload: firstQr }, SUPERVISOR);
    expect(v).toMatchObject({ outcome: 'autentico', templateVersion: 1 });
    expect(v.message).toContain('reimpreso una vez');
    expect(v.printed!.prints.map((p) => [p.reprint, p.reason])).toEqual([
      [false, null],
      [true, 'El solicitante manchó la hoja'],
    ]);
  });

  it('a new request prints with version 2, and its paper verifies', async () => {
    const second = await printNewRequest();
    expect(second.printed.forms.map((f) => [f.kind, f.templateVersion])).toEqual([
      ['solicitud', 1],
      ['acuerdo', 2],
      ['comprobante', 1],
    ]);
    const pdf = pdfOf(second.printed, 'acuerdo');
    expect(pdfText(pdf)).toContain('Octava. Vigencia. Este acuerdo rige desde su firma');
    const qr = scanQr(pdf);
    expect(qr).toContain('|acuerdo|v2|');
    expect(await call<Verified>('forms.verifyQr', { payload: qr }, CLERK)).toMatchObject({ outcome: 'autentico', templateVersion: 2, number: second.number });
  });

  it('a tampered QR says how it fails, and never errors', async () => {
    const [prefix, number, id, kind, version, digest] = firstQr.split('|') as [string, string, string, string, string, string];
    const join = (...parts: string[]) => parts.join('|');
    const flipped = digest.slice(0, -1) + (digest.endsWith('0') ? '1' : '0');
    const cases: [string, Verified['outcome'], string][] = [
      [join(prefix, number, id, kind, version, flipped), 'alterado', 'no coincide con el registro'],
      [join(prefix, number, id, kind, 'v2', digest), 'alterado', 'no se imprimió su «Acuerdo de Responsabilidad y Uso de la Información» con la plantilla v2'],
      [join(prefix, number, id, kind, 'v9', digest), 'alterado', 'plantilla v9'],
      [join(prefix, number.replace(/\d$/, (d) => String((Number(d) + 1) % 10)), id, kind, version, digest), 'desconocido', 'No existe en esta agencia'],
      [join(prefix, number, '0195f3a2-0000-7000-8000-000000000000', kind, version, digest), 'desconocido', 'No existe en esta agencia'],
      [number, 'no_reconocido', 'Eso es el código de barras'],
      ['https://www.iess.gob.ec', 'no_reconocido', 'no corresponde a un código QR'],
    ];
    for (const [payload, outcome, says] of cases) {
      const v = await call<Verified>('forms.verifyQr', { payload }, CLERK);
      expect(v, payload).toMatchObject({ valid: false, outcome, printed: null });
      expect(v.message, payload).toContain(says);
    }
    expect((await fails('forms.verifyQr', { payload: '   ' }, CLERK)).message).toBe('Escanee o pegue el contenido del código QR.');
  });

  it('another agency cannot verify (or learn about) this agency’s paper', async () => {
    const v = await call<Verified>('forms.verifyQr', { payload: firstQr }, { kind: 'cli', username: 'ventanilla.gye' });
    expect(v).toMatchObject({ outcome: 'desconocido', request: null, printed: null });
  });
});

// Each test spawns the CLI (../../support/cli.ts; a few seconds each, more on a loaded machine).
describe('npm run cli -- forms.publishTemplate --file', { timeout: 90_000 }, () => {
  const cli = (...args: string[]) => spawnCli(...args, '--data-dir', desk.dataDir);
  const write = (name: string, content: string) => {
    const file = path.join(desk.dataDir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('refuses broken JSON with the line and column, and a bad template field by field; nothing changes', () => {
    const before = templateRows();
    const broken = cli('forms.publishTemplate', '--file', write('roto.json', '{\n  "kind": "comprobante",\n  "title": "Comprobante"\n  "paragraphs": []\n}'), '--as', 'admin');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('roto.json: El archivo no es un JSON válido (línea 4, columna 3)');

    const bad = cli('forms.publishTemplate', '--file', write('malo.json', JSON.stringify({ kind: 'comprobante', title: 'Comprobante de recepción', paragraphs: ['[artesano] Solo para artesanos.'] })), '--as', 'admin');
    expect(bad.status).toBe(1);
    const out = JSON.parse(bad.stdout);
    expect(out.error.code).toBe('invalid_input');
    expect(out.error.fields).toEqual([{ path: 'paragraphs', message: 'La plantilla necesita al menos un párrafo sin condición.' }]);
    expect(templateRows()).toEqual(before);
  });

  it('publishes a file saved with a byte-order mark (Windows Notepad), as the user given with --as', () => {
    const file = write('comprobante-v2.json', `\uFEFF${JSON.stringify({ kind: 'comprobante', version: 2, title: 'Comprobante de recepción', paragraphs: ['Recibido el {{attentionDate}} por {{clerk.name}}.'] }, null, 2)}`);
    const r = cli('forms.publishTemplate', '--file', file, '--as', 'admin');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: { kind: 'comprobante', version: 2 } });
    expect(lastAudit()).toMatchObject({ call: 'forms.publishTemplate', target: 'form_template:comprobante:v2', outcome: 'ok', actorId: userId('admin') });
    const list = JSON.parse(cli('forms.templates', '--as', 'admin').stdout);
    expect(list.value.templates.find((t: { kind: string }) => t.kind === 'comprobante').current).toBe(2);
    expect(cli('forms.templates', '--as', 'ventanilla1').status).toBe(1);
    expect(cli('forms.publishTemplate', '{}', '--file', file, '--as', 'admin').stderr).toContain('no de las dos formas');
  });
});
