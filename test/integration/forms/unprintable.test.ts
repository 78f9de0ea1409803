// The renderer of forms refuses, in Spanish and naming the field, any text it cannot print
// faithfully, whatever path the data took to get there (a record written before intake refused
// such text, a request from central, a template): it used to print Chinese as empty boxes,
// Hebrew reversed and an emoji as a picture. What it does print reads back exactly (pdftotext).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/contract/counter';
import type { Auth } from '../../../electron/core/registry';
import { seededDesk, type TestDesk } from '../../support/desk';
import { NATURAL_INTAKE } from '../../support/intake';
import { demoRequest, DEMO_PRINTED_AT } from '../../../electron/core/forms/demo';
import { DEFAULT_TEMPLATES, renderAll, renderForm, type PrintableRequest } from '../../../electron/core/forms';
import { templateIssues } from '../../../electron/core/forms/templates';
import { CallFailure } from '../../../electron/core/errors';
import { pdfText } from './poppler';

const withNames = (names: string): PrintableRequest => {
  const data = demoRequest(true);
  return { ...data, representative: { ...data.representative, names } };
};

async function refusal(data: PrintableRequest): Promise<CallFailure> {
  try {
    await renderAll(data, DEFAULT_TEMPLATES, { printedAt: DEMO_PRINTED_AT });
  } catch (err) {
    if (err instanceof CallFailure) return err;
    throw err;
  }
  throw new Error('the forms were printed');
}

describe('the renderer of forms refuses what it cannot print', () => {
  it.each([
    ['Chinese (no glyph in DejaVu: an empty box)', '王 小明', '«王» (U+738B)'],
    ['Devanagari (no glyph)', 'राम शर्मा', '«र» (U+0930)'],
    ['Hebrew (glyphs exist, but would print reversed)', 'דוד כהן', '«ד» (U+05D3)'],
    ['Arabic (glyphs exist, unjoined and reversed)', 'محمد علي', '«م» (U+0645)'],
    ['an emoji (DejaVu has it, but it is no letter of a name)', 'Peña Muñoz 😀', '«😀» (U+1F600)'],
    ['a control character', 'Peña\u0007 Muñoz', 'un carácter invisible o de control (U+0007)'],
    ['a right-to-left override', 'Peña \u202eMuñoz', 'un carácter invisible o de control (U+202E)'],
  ])("a representative's name in %s: refused, naming the field and the character", async (_, names, shown) => {
    const failure = await refusal(withNames(names));
    expect(failure.code).toBe('conflict');
    expect(failure.message).toContain('«Apellidos y nombres»');
    expect(failure.message).toContain(shown);
    expect(failure.message).toMatch(/^No se pueden imprimir los formularios: /);
  });

  it('a legal name, an address or a third party with such text: refused the same way, naming each field', async () => {
    const base = demoRequest(true);
    expect((await refusal({ ...base, employer: { ...base.employer, legalName: 'Comercial 王 S.A.' } })).message).toContain('«Razón social»');
    expect((await refusal({ ...base, contact: { ...base.contact, address: 'Calle דוד 4-52' } })).message).toContain('«Dirección»');
    expect((await refusal({ ...base, thirdParty: { names: 'สมชาย ใจดี', cedula: '0602910945' } })).message).toMatch(/tercero/i);
  });

  it('a template whose wording has such a character: refused, naming the paragraph (also at import: templateIssues)', async () => {
    const paragraphs = [...DEFAULT_TEMPLATES.acuerdo.paragraphs, 'Texto con un símbolo 😀 que no se imprime.'];
    const template = { ...DEFAULT_TEMPLATES.acuerdo, paragraphs };
    const message = `Párrafo ${paragraphs.length}: los formularios impresos no pueden representar «😀» (U+1F600).`;
    expect(templateIssues(template)).toEqual([{ path: `paragraphs.${paragraphs.length - 1}`, message: expect.stringContaining(message) }]);
    await expect(renderForm('acuerdo', demoRequest(false), template, { printedAt: DEMO_PRINTED_AT })).rejects.toThrow(message);
  });

  it('prints every Latin-script name intake accepts, and pdftotext reads each back exactly', async () => {
    const base = demoRequest(true);
    const data: PrintableRequest = {
      ...base,
      employer: { ...base.employer, legalName: 'Dvořák & Łukasz Żółć Cía. Ltda.' },
      representative: { ...base.representative, names: 'Nguyễn Thị Minh Khai' },
      thirdParty: { names: "O'Connor Ørsted Zoë Šťastný", cedula: '0602910945' },
    };
    const forms = await renderAll(data, DEFAULT_TEMPLATES, { printedAt: DEMO_PRINTED_AT });
    const solicitud = pdfText(forms.find((f) => f.kind === 'solicitud')!.pdf);
    for (const text of ['Dvořák & Łukasz Żółć Cía. Ltda.', 'Nguyễn Thị Minh Khai', "O'Connor Ørsted Zoë Šťastný"]) expect(solicitud).toContain(text);
  });
});

describe('the core refuses such text when verification starts (intake), naming the field', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await seededDesk({ requests: 10 });
  });
  afterAll(() => desk.dispose());
  const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };

  it("a Chinese representative's name: startVerification answers invalid_input on intake.representativeNames and the request stays a draft", async () => {
    const appointment = desk.core.ctx.db.$client
      .prepare("SELECT confirmation_code AS code FROM appointments WHERE agency_id = 'agency-uio' AND status = 'pendiente' ORDER BY time LIMIT 1")
      .get() as { code: string };
    const checkIn = (await desk.core.call('appointments.checkIn', { query: appointment.code }, CLERK)) as { ok: true; value: { requestId: string } };
    const id = checkIn.value.requestId;
    const detail = (await desk.core.call('requests.get', { id }, CLERK)) as { ok: true; value: RequestDetail };
    const saved = (await desk.core.call('requests.saveDraft', { id, version: detail.value.version, intake: { ...NATURAL_INTAKE, representativeNames: '王 小明' } }, CLERK)) as { ok: true; value: { version: number } };
    const r = await desk.core.call('requests.startVerification', { id, version: saved.value.version, acknowledgedWarnings: ['ruc.sri_confirm'] }, CLERK);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('Nombres del representante legal: los formularios impresos no pueden representar «王» (U+738B)'),
        fields: expect.arrayContaining([{ path: 'intake.representativeNames', message: expect.stringMatching(/alfabeto latino/) }]),
      },
    });
    expect((await desk.core.call('requests.get', { id }, CLERK)) as { ok: true; value: RequestDetail }).toMatchObject({ value: { state: 'borrador' } });
  });
});
