// «Hojas de orientación» on a real SQLite file through the real migrations and handlers: each of
// the four affiliate procedures (seeds 000–003) printed with the applicant's data, read back with
// pdftotext (every step, filled in, and the data) and zbarimg (the QR, checked against the record);
// a reprint is the same bytes; roles, refusals that change nothing, the audit trail without
// personal data, the end-of-day count per clerk, and retention.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../shared/contract';
import { GUIDANCE_PROCEDURES, GUIDANCE_SHEETS, guidanceText, type GuidanceProcedure } from '../../../shared/domain/guidance';
import type { Auth } from '../../../electron/core/registry';
import { seededDesk, type TestDesk } from '../../support/desk';
import { decodeSymbols, pageCount, pdfText, renderPages } from './poppler';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const CLERK2: Auth = { kind: 'cli', username: 'ventanilla2' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
const OTHER_AGENCY: Auth = { kind: 'cli', username: 'ventanilla.gye' };

type Printed = CallOutput<'forms.printGuidance'>;
type Verified = CallOutput<'forms.verifyQr'>;
type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: { path: string; message: string }[] } };

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
});
afterAll(() => desk.dispose());

async function call<T>(name: string, input: unknown, as: Auth = CLERK): Promise<T> {
  const r = (await desk.core.call(name, input, as)) as R;
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function fails(name: string, input: unknown, as: Auth = CLERK) {
  const r = (await desk.core.call(name, input, as)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}
const sqlite = () => desk.core.ctx.db.$client;
const count = (table: string) => (sqlite().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const pdfOf = (p: Printed) => Buffer.from(p.form.pdfBase64, 'base64');
function scanQr(pdf: Buffer): string {
  const symbols = decodeSymbols(renderPages(pdf, 200)[0]!);
  const qr = symbols.find((s) => s.startsWith('QR-Code:'));
  if (!qr) throw new Error(`no QR on the page: ${symbols.join(', ')}`);
  return qr.slice('QR-Code:'.length);
}

const APPLICANT = { idType: 'cedula', idNumber: '171430710-3', names: 'Begoña  Peña Muñoz', email: 'begona.pena@correo.ec' } as const;
const FOREIGNER = { idType: 'codigo_extranjero', idNumber: 'ext-2024-55831', names: 'Jean-Pierre Müller Dubois', email: 'jp.muller@correo.fr' } as const;
const printed = new Map<GuidanceProcedure, Printed>();

describe('a clerk prints each guidance sheet', () => {
  it.each(GUIDANCE_PROCEDURES)('%s: one page with every step of the seed, filled in, and the applicant’s data', async (procedure) => {
    const applicant = procedure === 'desbloquear_clave' ? FOREIGNER : APPLICANT;
    const p = await call<Printed>('forms.printGuidance', { procedure, ...applicant });
    printed.set(procedure, p);
    expect(p).toMatchObject({ procedure, reprint: false, number: expect.stringMatching(/^ORI-UIO-2026-\d{6}$/), form: { kind: 'orientacion', templateVersion: 1 } });
    const pdf = pdfOf(p);
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    const sheet = GUIDANCE_SHEETS[procedure];
    expect(text).toContain('INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL');
    expect(text).toContain('HOJA DE ORIENTACIÓN N.º');
    expect(text).toContain(sheet.title);
    expect(text).toContain(p.number);
    expect(text).toContain('20/11/2026');
    // Normalized as the domain checks them: cédula digits, names NFC and single-spaced, code upper case.
    // (pdftotext reads the two-column grid label, label, value, value.)
    if (applicant === APPLICANT) expect(text).toMatch(/Cédula de identidad .*1714307103/);
    else expect(text).toMatch(/Código de identificación para extranjeros .*EXT202455831/);
    expect(text).toContain(applicant === APPLICANT ? 'Begoña Peña Muñoz' : 'Jean-Pierre Müller Dubois');
    expect(text).toContain(applicant.email);
    const fill = (t: string) => guidanceText(t, { idType: applicant.idType, email: applicant.email });
    sheet.steps.forEach((step, i) => expect(text).toContain(`${i + 1}. ${fill(step.text)}`));
    for (const line of [sheet.purpose, ...sheet.notes]) expect(text).toContain(fill(line.text));
    // What to bring names only the identification this applicant uses.
    for (const need of sheet.needs) {
      const other = need.covers === (applicant.idType === 'cedula' ? 'codigo_extranjero' : 'identificacion');
      if (other) expect(text).not.toContain(fill(need.text));
      else expect(text).toContain(fill(need.text));
    }
    expect(text).toContain('Le atendió: José Muñoz Quishpe.');
    expect(text).toContain('Verifique este documento con el código QR');
  });

  it('numbers the sheets of the agency in sequence', () => {
    expect(GUIDANCE_PROCEDURES.map((p) => printed.get(p)!.number)).toEqual(['ORI-UIO-2026-000001', 'ORI-UIO-2026-000002', 'ORI-UIO-2026-000003', 'ORI-UIO-2026-000004']);
  });

  it('records who printed which procedure for which identification — and the audit trail and logs carry no names nor e-mail', async () => {
    const p = printed.get('generar_clave')!;
    const row = sqlite().prepare('SELECT s.procedure, s.id_type AS idType, s.id_number AS idNumber, u.username FROM guidance_sheets s JOIN users u ON u.id = s.created_by WHERE s.id = ?').get(p.id);
    expect(row).toEqual({ procedure: 'generar_clave', idType: 'cedula', idNumber: '1714307103', username: 'ventanilla1' });
    const audit = sqlite().prepare("SELECT call, target, outcome FROM audit_log WHERE call = 'forms.printGuidance' ORDER BY seq").all();
    expect(audit).toEqual(GUIDANCE_PROCEDURES.map((q) => ({ call: 'forms.printGuidance', target: `guidance:${printed.get(q)!.id}`, outcome: 'ok' })));
    const trail = JSON.stringify(sqlite().prepare('SELECT * FROM audit_log').all()) + JSON.stringify(desk.logs);
    for (const personal of ['1714307103', 'Begoña', 'begona.pena', 'EXT202455831', 'Müller']) expect(trail).not.toContain(personal);
  });

  it('the QR read off the paper is recognised by «Verificar formulario impreso»; altered or foreign ones are not', async () => {
    const p = printed.get('desbloquear_clave')!;
    const qr = scanQr(pdfOf(p));
    expect(qr).toMatch(new RegExp(`^IESS-VP1\\|${p.number}\\|${p.id}\\|orientacion\\|v1\\|[0-9a-f]{16}$`));
    const v = await call<Verified>('forms.verifyQr', { payload: qr }, SUPERVISOR);
    expect(v).toMatchObject({
      valid: true,
      outcome: 'autentico',
      kind: 'orientacion',
      number: p.number,
      request: null,
      printed: null,
      guidance: { procedureLabel: 'Desbloquear la clave', names: 'Jean-Pierre Müller Dubois', identification: 'Código de identificación para extranjeros EXT202455831' },
    });
    expect(v.message).toBe(`Documento auténtico: Hoja de orientación «Desbloquear la clave» N.º ${p.number}, impresa el 20/11/2026 09:00 por José Muñoz Quishpe.`);
    const altered = qr.replace(/[0-9a-f]{16}$/, (d) => (d[0] === '0' ? '1' : '0') + d.slice(1));
    expect(await call<Verified>('forms.verifyQr', { payload: altered })).toMatchObject({ valid: false, outcome: 'alterado' });
    expect(await call<Verified>('forms.verifyQr', { payload: qr }, OTHER_AGENCY)).toMatchObject({ valid: false, outcome: 'desconocido' });
    expect(await call<Verified>('forms.verifyQr', { payload: p.number })).toMatchObject({ outcome: 'no_reconocido', message: expect.stringContaining(`hoja de orientación ${p.number}`) });
    const audit = sqlite().prepare("SELECT target FROM audit_log WHERE call = 'forms.verifyQr' ORDER BY seq LIMIT 1").get();
    expect(audit).toEqual({ target: `guidance:${p.id}` });
  });

  it('a reprint, later and by another clerk, is byte for byte the first paper, archived once', async () => {
    const p = printed.get('recuperar_clave')!;
    desk.clock.advance(2 * 3_600_000);
    const again = await call<Printed>('forms.reprintGuidance', { id: p.id }, CLERK2);
    expect(again).toMatchObject({ id: p.id, number: p.number, reprint: true });
    expect(again.form.sha256).toBe(p.form.sha256);
    expect(Buffer.compare(pdfOf(again), pdfOf(p))).toBe(0);
    const dir = path.join(desk.dataDir, 'formularios', p.id);
    expect(fs.readdirSync(dir)).toEqual([`orientacion-${p.form.sha256.slice(0, 16)}.pdf`]);
    expect(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!)).equals(pdfOf(p))).toBe(true);
    const rows = sqlite().prepare('SELECT reprint, sha256, actor_id AS actor FROM guidance_prints WHERE sheet_id = ? ORDER BY id').all(p.id) as { reprint: number; sha256: string }[];
    expect(rows.map((r) => [r.reprint, r.sha256])).toEqual([
      [0, p.form.sha256],
      [1, p.form.sha256],
    ]);
    const v = await call<Verified>('forms.verifyQr', { payload: scanQr(pdfOf(again)) });
    expect(v.message).toContain('reimpresa una vez');
    expect(v.guidance!.prints.map((x) => [x.actor, x.reprint])).toEqual([
      ['José Muñoz Quishpe', false],
      ['Ana Lucía Castañeda', true],
    ]);
  });
});

describe('roles and refusals', () => {
  it('a supervisor may print; an administrator may not, nor reprint; another agency cannot reprint', async () => {
    const p = await call<Printed>('forms.printGuidance', { procedure: 'cambiar_clave', ...APPLICANT }, SUPERVISOR);
    expect(p.number).toBe('ORI-UIO-2026-000005');
    expect((await fails('forms.printGuidance', { procedure: 'cambiar_clave', ...APPLICANT }, ADMIN)).code).toBe('forbidden');
    expect((await fails('forms.reprintGuidance', { id: p.id }, ADMIN)).code).toBe('forbidden');
    expect((await fails('forms.reprintGuidance', { id: p.id }, OTHER_AGENCY)).code).toBe('not_found');
    expect((await fails('forms.sendGuidanceToPrinter', { id: p.id, printer: 'X' }, OTHER_AGENCY)).code).toBe('not_found');
  });

  it.each([
    ['a cédula with a wrong check digit', { idType: 'cedula', idNumber: '1714307104' }, 'idNumber', /dígito verificador/i],
    ['a foreigner code outside the agency’s pattern', { idType: 'codigo_extranjero', idNumber: 'A-1' }, 'idNumber', /formato esperado/],
    ['an e-mail without a domain', { email: 'begona.pena@' }, 'email', /correo electrónico no es válido/],
    ['no e-mail', { email: '' }, 'email', /allí llega el enlace del IESS/],
    ['names with digits', { names: 'Begoña 2' }, 'names', /./],
    ['an unknown procedure', { procedure: 'jubilacion' }, 'procedure', /Elija el trámite/],
  ] as const)('refuses %s in Spanish, naming the field, and writes nothing', async (_, change, field, message) => {
    const before = [count('guidance_sheets'), count('guidance_prints')];
    const error = await fails('forms.printGuidance', { procedure: 'generar_clave', ...APPLICANT, ...change });
    expect(error.code).toBe('invalid_input');
    const issue = error.fields?.find((f) => f.path === field);
    expect(issue?.message).toMatch(message);
    expect([count('guidance_sheets'), count('guidance_prints')]).toEqual(before);
  });
});

describe('end of day and retention', () => {
  it('the end-of-day report counts the sheets each clerk printed (reprints are not new sheets)', async () => {
    const date = new Date(desk.clock.now() - 5 * 3_600_000).toISOString().slice(0, 10);
    const report = await call<CallOutput<'reports.endOfDay'>>('reports.endOfDay', { date }, SUPERVISOR);
    const of = (name: string) => report.perClerk.find((c) => c.name === name)!.guidanceSheets;
    expect(of('José Muñoz Quishpe')).toBe(4);
    expect(of('Ana Lucía Castañeda')).toBe(0);
    // The supervisor's sheet counts for the agency.
    expect(report.total.guidanceSheets).toBe(5);
    const csv = await call<{ dataBase64: string }>('reports.endOfDayFile', { date, format: 'csv' }, SUPERVISOR);
    const lines = Buffer.from(csv.dataBase64, 'base64').toString('utf8').split('\r\n');
    // The sheets' column, then the contact updates' and the foreigners' registrations (none here).
    expect(lines[0]).toMatch(/;hojas_de_orientación;actualizaciones_de_contacto;registros_de_extranjero$/);
    expect(lines.find((l) => l.includes('José Muñoz Quishpe'))).toMatch(/;4;0;0$/);
    expect(lines.find((l) => l.includes('TOTAL AGENCIA'))).toMatch(/;5;0;0$/);
  });

  it('after the turnos’ retention period the applicant data and the archived PDFs are gone; the count stays', async () => {
    const p = printed.get('generar_clave')!;
    const qr = scanQr(pdfOf(p));
    desk.clock.advance(91 * 86_400_000);
    const purge = await call<CallOutput<'retention.purge'>>('retention.purge', {}, ADMIN);
    expect(purge.guidanceSheets).toBe(5);
    expect(sqlite().prepare("SELECT count(*) AS n FROM guidance_sheets WHERE id_number != '' OR personal_data_purged_at IS NULL").get()).toEqual({ n: 0 });
    expect(sqlite().prepare('SELECT count(*) AS n FROM guidance_prints WHERE snapshot IS NOT NULL').get()).toEqual({ n: 0 });
    expect(fs.existsSync(path.join(desk.dataDir, 'formularios', p.id))).toBe(false);
    expect(await call<Verified>('forms.verifyQr', { payload: qr })).toMatchObject({ valid: false, outcome: 'desconocido', message: expect.stringContaining('depurados') });
    expect((await fails('forms.reprintGuidance', { id: p.id })).code).toBe('conflict');
    expect(count('guidance_sheets')).toBe(5);
  });
});

describe('a reprint is the archived paper', () => {
  it('a missing file is drawn again byte for byte and kept; an altered file is refused and nothing is recorded', async () => {
    const p = await call<Printed>('forms.printGuidance', { procedure: 'desbloquear_clave', ...FOREIGNER });
    const dir = path.join(desk.dataDir, 'formularios', p.id);
    const file = path.join(dir, fs.readdirSync(dir)[0]!);
    fs.rmSync(file);
    const again = await call<Printed>('forms.reprintGuidance', { id: p.id });
    expect(again.form.sha256).toBe(p.form.sha256);
    expect(fs.readFileSync(file).equals(pdfOf(p))).toBe(true);
    // Someone edits the archived PDF: the reprint is not handed out, and no print is recorded.
    fs.writeFileSync(file, Buffer.concat([pdfOf(p), Buffer.from('%% edited\n')]));
    const prints = count('guidance_prints');
    const error = await fails('forms.reprintGuidance', { id: p.id });
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('no coincide con el que se imprimió') });
    expect(count('guidance_prints')).toBe(prints);
  });
});
