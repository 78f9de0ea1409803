// The printed forms, read back as a person and a scanner would: text, QR, barcode, determinism.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest, DEMO_PRINTED_AT } from '../../../electron/core/forms/demo';
import {
  archivePdf,
  DEFAULT_TEMPLATES,
  FORM_KINDS,
  fillTemplate,
  formDigest,
  parseQrPayload,
  qrPayload,
  renderAll,
  renderForm,
  TemplateError,
  validateTemplate,
  verifyQrPayload,
  type FormKind,
  type FormTemplate,
  type PrintableRequest,
} from '../../../electron/core/forms';
import { decodeSymbols, pageCount, pdfFonts, pdfInfo, pdfLines, pdfText, renderPages, scratchDir } from './poppler';

const opts = { printedAt: DEMO_PRINTED_AT };
const withThird = demoRequest(true);
const withoutThird = demoRequest(false);
const texts = new Map<string, string>();
const pdfs = new Map<string, Buffer>();
const key = (kind: FormKind, third: boolean) => `${kind}-${third ? 'con' : 'sin'}`;

beforeAll(async () => {
  for (const third of [true, false]) {
    for (const form of await renderAll(third ? withThird : withoutThird, DEFAULT_TEMPLATES, opts)) {
      pdfs.set(key(form.kind, third), form.pdf);
      texts.set(key(form.kind, third), pdfText(form.pdf));
    }
  }
});

function text(kind: FormKind, third: boolean): string {
  const t = texts.get(key(kind, third));
  if (t === undefined) throw new Error(`no text for ${key(kind, third)}`);
  return t;
}

function pdf(kind: FormKind, third: boolean): Buffer {
  const p = pdfs.get(key(kind, third));
  if (!p) throw new Error(`no pdf for ${key(kind, third)}`);
  return p;
}

describe('text on the page (pdftotext)', () => {
  it.each(FORM_KINDS)('%s carries the header, the employer and the representative exactly', (kind) => {
    for (const third of [true, false]) {
      const t = text(kind, third);
      const data = third ? withThird : withoutThird;
      expect(t).toContain('INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL');
      expect(t).toContain(DEFAULT_TEMPLATES[kind].title);
      expect(t).toContain(data.number);
      expect(t).toContain('CAU Quito Centro (UIO) · Pichincha');
      expect(t).toContain('16/03/2026');
      expect(t).not.toContain('2026-03-16');
      expect(t).toContain('Peña Muñoz Begoña');
      expect(t).toContain('Comercial Andina Cía. Ltda.');
      expect(t).toContain('1792060346001');
      expect(t).toContain('1714307103');
      expect(t).toContain('begona.pena@comercialandina.com.ec');
      expect(t).toContain('Verifique este documento con el código QR');
      expect(t).toContain('Página 1 de 1');
      expect(t).not.toMatch(/\{\{|\}\}|\*\*/);
    }
  });

  it('embeds its fonts with a Unicode map (accents survive copy-paste on any machine)', () => {
    for (const kind of FORM_KINDS) {
      const fonts = pdfFonts(pdf(kind, true));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.name).toMatch(/DejaVuSans/);
        expect(font.embedded, font.name).toBe(true);
        expect(font.unicode, font.name).toBe(true);
      }
    }
  });

  it('the solicitud has every field, the authorization filled with a third party', () => {
    const t = text('solicitud', true);
    for (const value of ['0001', 'Persona Jurídica - Privada', 'Cédula de identidad', 'Ecuatoriana (ECU)', '0991234567',
      'Av. 10 de Agosto N24-15 y Cordero, edificio Ñucanchik, oficina 3, Quito', 'Autorización de Retiro de Contraseña',
      'Ordóñez Quishpe José Íñiguez', '0602910945', 'autorizo a Ordóñez Quishpe José Íñiguez', 'Firma del tercero autorizado',
      'C.I. N.º 0602910945', 'C.I. N.º 1714307103', 'Firma del representante legal']) {
      expect(t, value).toContain(value);
    }
    expect(t).not.toContain('NO APLICA');
  });

  it('the solicitud without a third party voids the authorization visibly', () => {
    const t = text('solicitud', false);
    expect(t).toContain('Autorización de Retiro de Contraseña');
    expect(t).toContain('NO APLICA — el representante legal retira personalmente.');
    expect(t).not.toContain('Ordóñez');
    expect(t).not.toContain('Firma del tercero autorizado');
  });

  it('the acuerdo has every clause the acuerdo names and the signer under the line', () => {
    const t = text('acuerdo', true);
    for (const clause of ['personal e intransferible', 'responsable de todas las transacciones', 'artículos 49 y 50 de la Ley de Comercio Electrónico',
      'Confidencialidad', 'me obligo a cambiarla de inmediato', 'Ley Orgánica de Protección de Datos Personales (LOPDP)', 'finalidades',
      'Firma del representante legal', 'C.I. N.º 1714307103']) {
      expect(t, clause).toContain(clause);
    }
  });

  it('the comprobante lists what was received and verified, the next step and the status check', () => {
    const t = text('comprobante', true);
    expect(t).toContain('Documentos recibidos y verificados');
    expect(t).toContain('Cédula del tercero autorizado');
    expect(t).toContain('✓ Verificado');
    expect(t).toContain('La clave se enviará al correo registrado begona.pena@comercialandina.com.ec');
    expect(t).toContain('Consulta del estado');
    expect(t).toContain('Ordóñez Quishpe José Íñiguez (tercero autorizado, C.I. N.º 0602910945)');
    expect(t).toContain('Andrés Yánez Carrión');
    expect(text('comprobante', false)).toContain('Peña Muñoz Begoña (representante legal, personalmente)');
  });

  it('an unverified document says so', async () => {
    const data = demoRequest(false);
    data.documents = [{ label: 'Cédula del representante legal', presentationLabel: 'Original (se exhibe)', verified: false }];
    const t = pdfText(await renderForm('comprobante', data, DEFAULT_TEMPLATES.comprobante, opts));
    expect(t).toContain('No verificado');
    expect(t).not.toContain('✓ Verificado');
  });

  it('names typed with combining accents print precomposed (NFC), as the database stores them', async () => {
    const data = demoRequest(false);
    data.representative.names = 'Pen\u0303a Mun\u0303oz Begon\u0303a';
    const t = pdfText(await renderForm('acuerdo', data, DEFAULT_TEMPLATES.acuerdo, opts));
    expect(t).toContain('Peña Muñoz Begoña');
    expect(formDigest('acuerdo', data, DEFAULT_TEMPLATES.acuerdo)).toBe(formDigest('acuerdo', withoutThird, DEFAULT_TEMPLATES.acuerdo));
  });

  it('an artisan, a passport holder and missing contact data print as such', async () => {
    const data: PrintableRequest = {
      ...demoRequest(false),
      applicantKind: { code: 'natural_extranjera', label: 'Persona Natural - Extranjera' },
      representative: { names: 'Gómez Peñaloza María José', idType: 'pasaporte', idTypeLabel: 'Pasaporte', idNumber: 'AB123456', nationality: 'COL' },
      contact: { email: 'mj.gomez@correo.ec', mobile: null, address: null },
      artisan: { number: 'JNDA-2024-0815', branch: 'Carpintería', expiryDate: null },
    };
    const t = pdfText(await renderForm('solicitud', data, DEFAULT_TEMPLATES.solicitud, opts));
    for (const v of ['Colombiana (COL)', 'Pasaporte N.º AB123456', 'No registrado', 'JNDA-2024-0815', 'Carpintería', 'Indefinida', 'artesano calificado']) {
      expect(t, v).toContain(v);
    }
  });
});

describe('verification marks (zbarimg at 200 dpi)', () => {
  it.each(FORM_KINDS)('%s: every page has a QR that verifies and the request number as Code 128', async (kind) => {
    for (const third of [true, false]) {
      const data = third ? withThird : withoutThird;
      const pages = renderPages(pdf(kind, third), 200);
      expect(pages.length).toBeGreaterThan(0);
      for (const png of pages) {
        const symbols = decodeSymbols(png);
        expect(symbols).toContain(`CODE-128:${data.number}`);
        const qr = symbols.find((s) => s.startsWith('QR-Code:'))?.slice('QR-Code:'.length);
        expect(qr).toBe(qrPayload(kind, data, DEFAULT_TEMPLATES[kind]));
        expect(verifyQrPayload(qr ?? '', data, DEFAULT_TEMPLATES[kind])).toBe(true);
      }
    }
  });

  it('a long form spills onto a second page and both pages carry the marks', async () => {
    const template: FormTemplate = {
      ...DEFAULT_TEMPLATES.acuerdo,
      version: 2,
      paragraphs: [...DEFAULT_TEMPLATES.acuerdo.paragraphs, ...DEFAULT_TEMPLATES.acuerdo.paragraphs.slice(1, 7)],
    };
    const out = await renderForm('acuerdo', withThird, template, opts);
    expect(pageCount(out)).toBe(2);
    const t = pdfText(out);
    expect(t).toContain('Página 1 de 2');
    expect(t).toContain('Página 2 de 2');
    const payload = qrPayload('acuerdo', withThird, template);
    for (const png of renderPages(out, 200)) {
      const symbols = decodeSymbols(png);
      expect(symbols).toContain(`QR-Code:${payload}`);
      expect(symbols).toContain(`CODE-128:${withThird.number}`);
    }
  });
});

describe('a paragraph pdfkit splits across pages', () => {
  it('continues on the next page in the body font, not in the running header\'s', async () => {
    // The Tercera and Sexta clauses again after the Sexta: the second Sexta starts near the
    // bottom of page 1 with room for its first lines only, so pdfkit itself carries the rest over.
    const clauses = DEFAULT_TEMPLATES.acuerdo.paragraphs;
    const template: FormTemplate = {
      ...DEFAULT_TEMPLATES.acuerdo,
      version: 2,
      paragraphs: [...clauses.slice(0, 7), clauses[3]!, clauses[6]!, clauses[7]!],
    };
    const [first, second] = pdfLines(await renderForm('acuerdo', withThird, template, opts));
    if (!first || !second) throw new Error('expected two pages');
    const body = first.find((l) => l.text.startsWith('Tercera.'))?.height;
    expect(body).toBeGreaterThan(0);
    // Page 2: the running header, then what is left of the Sexta, then the Séptima.
    expect(second[0]?.text).toMatch(/^IESS · Acuerdo de Responsabilidad/);
    const septima = second.findIndex((l) => l.text.startsWith('Séptima.'));
    const continuation = second.slice(1, septima);
    expect(continuation.length).toBeGreaterThan(0);
    expect(continuation.at(-1)?.text).toMatch(/portabilidad\.$/);
    expect(first.filter((l) => l.text.startsWith('Sexta.'))).toHaveLength(2); // its start is on page 1
    for (const line of continuation) expect({ text: line.text, height: line.height }).toEqual({ text: line.text, height: body });
    expect(second[septima]?.height).toBe(body);
  });
});

describe('QR payload and digest', () => {
  const template = DEFAULT_TEMPLATES.solicitud;

  it('has the documented shape', () => {
    const payload = qrPayload('solicitud', withThird, template);
    expect(payload).toMatch(/^IESS-VP1\|CAU-UIO-2026-000123\|0195f3a2-7c1e-7d3f-8a9b-0c1d2e3f4a5b\|solicitud\|v1\|[0-9a-f]{16}$/);
    expect(parseQrPayload(payload)).toEqual({
      number: withThird.number, id: withThird.id, kind: 'solicitud', templateVersion: 1, digest: formDigest('solicitud', withThird, template),
    });
    expect(parseQrPayload('https://example.org')).toBeNull();
    expect(parseQrPayload(payload.replace('solicitud', 'otro'))).toBeNull();
  });

  it('fails when any printed field changes', () => {
    const payload = qrPayload('solicitud', withThird, template);
    const changes: ((d: PrintableRequest) => void)[] = [
      (d) => { d.representative.names = 'Peña Muñoz Begoña María'; },
      (d) => { d.employer.ruc = '0992397535001'; },
      (d) => { d.contact.email = 'otro@correo.ec'; },
      (d) => { d.attentionDate = '2026-03-17'; },
      (d) => { d.agency.name = 'CAU Quito Norte'; },
      (d) => { d.thirdParty = { names: 'Ordóñez Quishpe José', cedula: '0602910945' }; },
      (d) => { d.thirdParty = null; },
      (d) => { d.number = 'CAU-UIO-2026-000999'; },
      (d) => { d.id = '0195f3a2-0000-7000-8000-000000000000'; },
    ];
    expect(verifyQrPayload(payload, demoRequest(true), template)).toBe(true);
    for (const change of changes) {
      const data = demoRequest(true);
      change(data);
      expect(verifyQrPayload(payload, data, template), change.toString()).toBe(false);
    }
  });

  it('fails with another template version or wording, or a tampered digest', () => {
    const payload = qrPayload('acuerdo', withThird, DEFAULT_TEMPLATES.acuerdo);
    const reworded = { ...DEFAULT_TEMPLATES.acuerdo, paragraphs: [...DEFAULT_TEMPLATES.acuerdo.paragraphs, 'Cláusula adicional.'] };
    expect(verifyQrPayload(payload, withThird, reworded)).toBe(false);
    expect(verifyQrPayload(payload, withThird, { ...DEFAULT_TEMPLATES.acuerdo, version: 2 })).toBe(false);
    expect(verifyQrPayload(payload, withThird, DEFAULT_TEMPLATES.solicitud)).toBe(false);
    const tampered = payload.slice(0, -1) + (payload.endsWith('0') ? '1' : '0');
    expect(verifyQrPayload(tampered, withThird, DEFAULT_TEMPLATES.acuerdo)).toBe(false);
  });

  it('ignores what is not printed (the clerk is not on the acuerdo)', () => {
    const data = demoRequest(true);
    data.clerk.name = 'Otra Persona';
    expect(formDigest('acuerdo', data, DEFAULT_TEMPLATES.acuerdo)).toBe(formDigest('acuerdo', withThird, DEFAULT_TEMPLATES.acuerdo));
    expect(formDigest('comprobante', data, DEFAULT_TEMPLATES.comprobante)).not.toBe(formDigest('comprobante', withThird, DEFAULT_TEMPLATES.comprobante));
  });
});

describe('reprints', () => {
  it('are byte-for-byte identical for the same input, with the same sha256', async () => {
    const again = await renderAll(demoRequest(true), DEFAULT_TEMPLATES, opts);
    for (const form of again) {
      expect(form.pdf.equals(pdf(form.kind, true)), form.kind).toBe(true);
      expect(form.sha256).toBe(createHash('sha256').update(pdf(form.kind, true)).digest('hex'));
    }
  });

  it('a different printedAt changes the bytes (dates) but not the printed content', async () => {
    const later = await renderForm('solicitud', withThird, DEFAULT_TEMPLATES.solicitud, { printedAt: DEMO_PRINTED_AT + 86_400_000 });
    expect(later.equals(pdf('solicitud', true))).toBe(false);
    expect(pdfText(later)).toBe(text('solicitud', true));
    expect(pdfInfo(later)).toMatchObject({ CreationDate: '2026-03-17T14:35:00Z', ModDate: '2026-03-17T14:35:00Z' });
    expect(pdfInfo(pdf('solicitud', true))).toMatchObject({ CreationDate: '2026-03-16T14:35:00Z', ModDate: '2026-03-16T14:35:00Z', 'Page size': '595.28 x 841.89 pts (A4)' });
  });
});

describe('templates', () => {
  it('the defaults are valid version 1 templates', () => {
    for (const kind of FORM_KINDS) {
      expect(validateTemplate(DEFAULT_TEMPLATES[kind])).toEqual([]);
      expect(DEFAULT_TEMPLATES[kind].version).toBe(1);
      expect(DEFAULT_TEMPLATES[kind].kind).toBe(kind);
    }
  });

  it('rejects an unknown placeholder with a Spanish message, and fillTemplate throws', () => {
    const bad: FormTemplate = { ...DEFAULT_TEMPLATES.acuerdo, paragraphs: ['Yo, {{representante.nombres}}, acepto.'] };
    const problems = validateTemplate(bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Párrafo 1: el marcador {{representante.nombres}} no existe');
    expect(() => fillTemplate(bad, withThird)).toThrow(TemplateError);
    expect(() => fillTemplate(bad, withThird)).toThrow(/\{\{representante\.nombres\}\} no existe/);
  });

  it('rejects the other mistakes an administrator can make', () => {
    const problems = validateTemplate({
      kind: 'solicitud',
      version: 0,
      title: '',
      paragraphs: ['Hola {{thirdParty.names}}', '[terceros] texto', 'Sin cerrar {{employer.ruc}', '   ', 'Texto con **negrita** al medio', 'Objeto {{constructor}}'],
    });
    const all = problems.join('\n');
    expect(all).toContain('La versión debe ser un número entero');
    expect(all).toContain('El título no puede estar vacío');
    expect(all).toContain('Párrafo 1: el marcador {{thirdParty.names}} solo existe cuando un tercero presenta el trámite');
    expect(all).toContain('Párrafo 2: la condición [terceros] no existe');
    expect(all).toContain('Párrafo 3: tiene llaves sin cerrar');
    expect(all).toContain('Párrafo 4: está vacío');
    expect(all).toContain('Párrafo 5: la negrita');
    expect(all).toContain('Párrafo 6: el marcador {{constructor}} no existe');
    expect(all).toContain('al menos un párrafo [tercero]');
    expect(all).toContain('[sin-tercero]');
  });

  it('fills placeholders and keeps only the paragraphs that apply', () => {
    const filled = fillTemplate(DEFAULT_TEMPLATES.solicitud, withoutThird);
    expect(filled.some((p) => p.condition === 'tercero')).toBe(false);
    expect(filled.some((p) => p.condition === 'artesano')).toBe(false);
    expect(filled.find((p) => p.condition === 'sin-tercero')?.text).toBe('NO APLICA — el representante legal retira personalmente.');
    expect(filled[0]?.text).toContain('Yo, Peña Muñoz Begoña, con Cédula de identidad N.º 1714307103');
    const acuerdo = fillTemplate(DEFAULT_TEMPLATES.acuerdo, withThird);
    expect(acuerdo[1]?.lead).toBe('Primera. Clave personal e intransferible.');
    expect(acuerdo.at(-1)?.text).toContain('en CAU Quito Centro, el 16/03/2026.');
  });

  it('a new template version prints its wording and its version', async () => {
    const v2: FormTemplate = { ...DEFAULT_TEMPLATES.comprobante, version: 2, paragraphs: ['Recibido el {{attentionDate}} por {{clerk.name}}.'] };
    const t = pdfText(await renderForm('comprobante', withThird, v2, opts));
    expect(t).toContain('Recibido el 16/03/2026 por Andrés Yánez Carrión.');
    expect(t).toContain('plantilla v2');
  });

  it('refuses a template of another kind', async () => {
    await expect(renderForm('acuerdo', withThird, DEFAULT_TEMPLATES.solicitud, opts)).rejects.toThrow(/plantilla de «solicitud»/);
  });
});

describe('archive', () => {
  const dataDir = scratchDir('vp-forms-archive-');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps each printed PDF under its content hash, owner-only', () => {
    const bytes = pdf('acuerdo', true);
    const stored = archivePdf(dataDir, withThird.id, 'acuerdo', bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(stored).toEqual({ path: `formularios/${withThird.id}/acuerdo-${sha.slice(0, 16)}.pdf`, sha256: sha });
    const file = path.join(dataDir, stored.path);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'formularios')).mode & 0o777).toBe(0o700);
    // A reprint with the same bytes is the same file; another print is another file.
    expect(archivePdf(dataDir, withThird.id, 'acuerdo', bytes)).toEqual(stored);
    const other = archivePdf(dataDir, withThird.id, 'acuerdo', pdf('acuerdo', false));
    expect(other.path).not.toBe(stored.path);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual([path.basename(other.path), path.basename(stored.path)].sort());
  });

  it('refuses an id that could leave the directory', () => {
    expect(() => archivePdf(dataDir, '../x', 'acuerdo', Buffer.from('%PDF'))).toThrow(/no válido/);
    expect(() => archivePdf(dataDir, 'a/b', 'acuerdo', Buffer.from('%PDF'))).toThrow(/no válido/);
  });
});
