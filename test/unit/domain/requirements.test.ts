import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICANT_KINDS,
  CHANNELS,
  CLAVE_PATRONAL_RULE_SETS,
  CLAVE_PATRONAL_V1,
  DOCUMENT_TYPES,
  holds,
  requiredDocuments,
  RequirementProfileSchema,
  selectRuleSet,
  sheetReference,
  type RequiredDocument,
  type RequirementProfile,
  type RuleSet,
} from '../../../shared/domain';
import { GUIDANCE_PROCEDURES, GUIDANCE_SHEETS, type GuidanceRequirement, type SeedCite } from '../../../shared/domain/guidance';

const SEED_FILE = 'seeds/004_b3a097c2fb3b9007.txt';
/** The official procedure sheets are kept in docs/ so that every citation can be checked. */
const SEED_PATH = fileURLToPath(new URL(`../../../docs/${SEED_FILE}`, import.meta.url));
const SEED_LINE_COUNT = 128;
const seedLines = readFileSync(SEED_PATH, 'utf8').split('\n');

const booleans = [false, true] as const;
const profiles: RequirementProfile[] = APPLICANT_KINDS.flatMap(({ code: applicantKind }) =>
  CHANNELS.flatMap(({ code: channel }) =>
    booleans.flatMap((viaThirdParty) =>
      booleans.flatMap((representativeHasCedula) =>
        booleans.flatMap((representativeIsForeign) =>
          booleans.flatMap((artisan) =>
            booleans.map((representativeIessRegistered) => ({
              applicantKind,
              channel,
              viaThirdParty,
              representativeHasCedula,
              representativeIsForeign,
              artisan,
              representativeIessRegistered,
              date: '2026-06-15',
            })),
          ),
        ),
      ),
    ),
  ),
);

/** Written independently of profileIssues: which combinations cannot happen, and why. */
function expectedRefusals(p: RequirementProfile): string[] {
  const codes: string[] = [];
  if (p.applicantKind === 'natural_ecuatoriana' && p.representativeIsForeign) codes.push('profile.natural_ecuatoriana_foreign_representative');
  if (p.applicantKind === 'natural_extranjera' && !p.representativeIsForeign) codes.push('profile.natural_extranjera_not_foreign');
  if (!p.representativeIsForeign && !p.representativeHasCedula) codes.push('profile.ecuadorian_without_cedula');
  if (p.applicantKind === 'juridica_publica' && p.artisan) codes.push('profile.public_artisan');
  return codes;
}

/** Words the cited seed lines must contain for each document type. */
const CITED_WORDS: Record<string, RegExp> = {
  solicitud_entrega_clave: /Solicitud de entrega de clave/i,
  autorizacion_retiro_contrasena: /Autorización de Retiro de Contraseña/,
  cedula_tercero_autorizado: /tercero autorizado deberá presentar su cédula original/,
  cedula_representante: /Cédula/,
  acuerdo_responsabilidad: /Acuerdo de Responsabilidad/,
  codigo_extranjero: /Código de identificación para extranjeros/,
  pasaporte: /Pasaporte/,
  visa: /Visa/,
  calificacion_artesanal: /Calificación Artesanal/,
  ruc: /Registro Único de Contribuyentes/,
};

const PRESENTATION_WORDS: Record<string, RegExp> = {
  original: /original|presentar el documento/,
  copia: /copia/,
  copia_simple: /copia simple/,
  entrega_en_ventanilla: /Entregue el documento/,
  escaneo: /Escanee y cargue/,
};

function types(documents: RequiredDocument[]): string[] {
  return documents.map((d) => d.documentType);
}

function find(documents: RequiredDocument[], type: string): RequiredDocument | undefined {
  return documents.find((d) => d.documentType === type);
}

describe('requiredDocuments — every combination of the profile', () => {
  it('enumerates the whole cartesian product', () => {
    expect(profiles).toHaveLength(4 * 2 * 2 * 2 * 2 * 2 * 2);
    expect(new Set(profiles.map((p) => JSON.stringify(p))).size).toBe(profiles.length);
  });

  it.each(profiles.map((p) => [JSON.stringify(p), p] as const))('%s', (_, profile) => {
    const refusals = expectedRefusals(profile);
    const result = requiredDocuments(profile);
    expect(RequirementProfileSchema.safeParse(profile).success).toBe(refusals.length === 0);
    if (refusals.length > 0) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(refusals);
      return;
    }
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const documents = result.documents;
    const presencial = profile.channel === 'presencial';
    const docTypes = types(documents);

    // No document twice; always the request and the responsibility agreement.
    expect(new Set(docTypes).size).toBe(docTypes.length);
    const solicitud = find(documents, 'solicitud_entrega_clave');
    const acuerdo = find(documents, 'acuerdo_responsabilidad');
    expect(solicitud).toBeDefined();
    expect(acuerdo).toBeDefined();

    // Presencial → handwritten; virtual → electronic, plus the RUC, everything scanned ≤ 1 MB.
    const signature = presencial ? 'manuscrita' : 'electronica';
    expect(solicitud?.signature).toBe(signature);
    expect(acuerdo?.signature).toBe(signature);
    expect(solicitud?.signer).toBe('representante_legal');
    expect(acuerdo?.signer).toBe('representante_legal');
    expect(docTypes.includes('ruc')).toBe(!presencial);
    for (const document of documents) {
      if (document.signature !== null) expect(document.signature).toBe(signature);
      if (presencial) {
        expect(document.presentation).not.toBe('escaneo');
        expect(document.scan).toBeNull();
      } else {
        expect(document.presentation).toBe('escaneo');
        expect(document.scan).toEqual({ formats: ['jpg', 'pdf'], maxBytes: 1_048_576 });
      }
    }

    // Third party at the counter → pickup authorization + the third party's original cédula.
    const pickup = presencial && profile.viaThirdParty;
    expect(docTypes.includes('autorizacion_retiro_contrasena')).toBe(pickup);
    expect(docTypes.includes('cedula_tercero_autorizado')).toBe(pickup);
    if (pickup) {
      // The third party signs the Autorización (a section of the brought Solicitud).
      const autorizacion = find(documents, 'autorizacion_retiro_contrasena');
      expect(autorizacion?.signature).toBe('manuscrita');
      expect(autorizacion?.signer).toBe('tercero_autorizado');
      expect(autorizacion?.partOf).toBe('solicitud_entrega_clave');
      expect(autorizacion?.origins).toEqual(['traido']);
      expect(find(documents, 'cedula_tercero_autorizado')?.presentation).toBe('original');
    }

    // The representative's papers: brought signed or printed here; only brought when a third party files.
    const paperOrigins = !presencial ? [] : profile.viaThirdParty ? ['traido'] : ['traido', 'impreso'];
    expect(solicitud?.origins).toEqual(paperOrigins);
    expect(acuerdo?.origins).toEqual(paperOrigins);
    for (const document of documents) if (document.signature === null) expect(document.origins).toEqual([]);

    // A foreigner without cédula → passport + visa; one with a cédula identifies with it.
    // The code only for one without cédula registered or affiliated in the IESS (line 63).
    const withoutCedula = profile.representativeIsForeign && !profile.representativeHasCedula;
    expect(docTypes.includes('pasaporte')).toBe(withoutCedula);
    expect(docTypes.includes('visa')).toBe(withoutCedula);
    expect(docTypes.includes('cedula_representante')).toBe(profile.representativeHasCedula);
    const code = !profile.representativeHasCedula && profile.representativeIessRegistered === true;
    expect(docTypes.includes('codigo_extranjero')).toBe(code);
    if (presencial && withoutCedula) {
      expect(find(documents, 'pasaporte')?.presentation).toBe('original');
      expect(find(documents, 'visa')?.presentation).toBe('original');
    }
    if (presencial && code) expect(find(documents, 'codigo_extranjero')?.presentation).toBe('copia');

    // Artisan → artisan qualification (simple copy at the counter).
    expect(docTypes.includes('calificacion_artesanal')).toBe(profile.artisan);
    if (presencial && profile.artisan) expect(find(documents, 'calificacion_artesanal')?.presentation).toBe('copia_simple');

    // Every item cites lines that exist in the seed.
    for (const document of documents) {
      expect(document.citation.file).toBe(SEED_FILE);
      const [from, to] = document.citation.lines;
      expect(Number.isInteger(from) && Number.isInteger(to)).toBe(true);
      expect(from).toBeGreaterThanOrEqual(1);
      expect(to).toBeGreaterThanOrEqual(from);
      expect(to).toBeLessThanOrEqual(SEED_LINE_COUNT);
      expect(document.label).toMatch(/\S/);
      expect(document.ruleId).toMatch(/\S/);
    }
  });
});

describe('citations against the seed text', () => {
  const lines = seedLines;
  const cited = (from: number, to: number) => lines.slice(from - 1, to).join('\n');

  it('the seed has the line count the table test assumes', () => {
    expect(lines.length - (lines.at(-1) === '' ? 1 : 0)).toBe(SEED_LINE_COUNT);
  });

  it.each(CLAVE_PATRONAL_V1.rules.map((rule) => [rule.id, rule] as const))('rule %s cites what it encodes', (_, rule) => {
    const text = cited(rule.citation.lines[0], rule.citation.lines[1]);
    expect(text).toMatch(CITED_WORDS[rule.documentType] ?? /^$/);
    expect(text).toMatch(PRESENTATION_WORDS[rule.presentation] ?? /^$/);
    if (rule.signature === 'manuscrita') expect(text).toMatch(/forma manuscrita/);
    if (rule.signature === 'electronica') expect(text).toMatch(/forma electrónica/);
  });

  // What the clerk reads on hover (DocumentRow) must be the sheet's own words, from the cited lines.
  it.each(CLAVE_PATRONAL_V1.rules.map((rule) => [rule.id, rule] as const))('rule %s quotes the sheet verbatim, and names the requirement in words', (_, rule) => {
    const plain = cited(rule.citation.lines[0], rule.citation.lines[1])
      .split('\n')
      .map((l) => l.replace(/^- /, '').replace(/\*\*/g, ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const passage of rule.sheet.quote) expect(plain).toContain(passage);
    expect(rule.sheet.reference).toMatch(/^Ficha del trámite, (Ventanilla Virtual, )?(nota del )?requisito( alternativo| adicional)? \d$/);
    const shown = sheetReference(`${rule.id} (${rule.citation.file}:${rule.citation.lines[0]}-${rule.citation.lines[1]})`);
    expect(shown).toEqual({ reference: rule.sheet.reference, quote: rule.sheet.quote.join(' ') });
  });

  it('the scan policy cites "formato JPG o PDF (peso máximo 1MB)"', () => {
    const { lines: [from, to] } = CLAVE_PATRONAL_V1.scanPolicy.citation;
    expect(cited(from, to)).toMatch(/formato JPG o PDF \(peso máximo 1MB\)/);
  });
});

describe('rule sets', () => {
  const base: RequirementProfile = {
    applicantKind: 'juridica_privada',
    channel: 'presencial',
    viaThirdParty: false,
    representativeHasCedula: true,
    representativeIsForeign: false,
    artisan: false,
  };

  it('every document type of a rule is in the catalog, and rule ids are unique', () => {
    const catalog = new Set<string>(DOCUMENT_TYPES.map((d) => d.code));
    for (const rule of CLAVE_PATRONAL_V1.rules) expect(catalog.has(rule.documentType)).toBe(true);
    const ids = CLAVE_PATRONAL_V1.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('picks the version in effect at the date of attention', () => {
    const v2: RuleSet = {
      ...CLAVE_PATRONAL_V1,
      version: 2,
      effectiveFrom: '2027-01-01',
      rules: [
        ...CLAVE_PATRONAL_V1.rules,
        {
          id: 'presencial.ruc',
          documentType: 'ruc',
          when: { fact: 'channel', is: 'presencial' },
          presentation: 'copia',
          signature: null,
          signer: null,
          citation: { file: SEED_FILE, lines: [49, 49] },
          sheet: { reference: 'Ficha del trámite, requisito 1', quote: [] },
        },
      ],
    };
    const sets = [...CLAVE_PATRONAL_RULE_SETS, v2];
    const before = requiredDocuments({ ...base, date: '2026-12-31' }, sets);
    const after = requiredDocuments({ ...base, date: '2027-01-01' }, sets);
    expect(before.ok && before.ruleSet.version).toBe(1);
    expect(after.ok && after.ruleSet.version).toBe(2);
    expect(before.ok && types(before.documents).includes('ruc')).toBe(false);
    expect(after.ok && types(after.documents).includes('ruc')).toBe(true);
    expect(selectRuleSet(sets, 'clave_patronal')?.version).toBe(2);
  });

  it('refuses a date before any rule set, or an invalid date', () => {
    const early = requiredDocuments({ ...base, date: '2019-12-31' });
    expect(!early.ok && early.errors.map((e) => e.code)).toEqual(['requirements.no_rule_set']);
    expect(!early.ok && early.errors[0]?.message).toBe('No hay requisitos vigentes para el 31/12/2019. Avise al administrador.');
    const invalid = requiredDocuments({ ...base, date: '2026-02-30' });
    expect(!invalid.ok && invalid.errors.map((e) => e.code)).toEqual(['requirements.date']);
  });

  it('evaluates declarative conditions', () => {
    const facts = { ...base, artisan: true };
    expect(holds({ all: [] }, facts)).toBe(true);
    expect(holds({ any: [] }, facts)).toBe(false);
    expect(holds({ not: { fact: 'artisan', is: true } }, facts)).toBe(false);
    expect(holds({ any: [{ fact: 'applicantKind', is: 'juridica_publica' }, { fact: 'artisan', is: true }] }, facts)).toBe(true);
  });

  it('the profile schema never throws and gives Spanish messages', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const parsed = RequirementProfileSchema.safeParse(value);
      if (parsed.success) expect(requiredDocuments(parsed.data).ok).toBe(true);
    }), { numRuns: 1000 });
    const parsed = RequirementProfileSchema.safeParse({ ...base, channel: 'correo' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Seleccione el canal: presencial o virtual.');
  });
});

describe('seeds 000–003: the requirement lines the counter covers (Hojas de orientación)', () => {
  // What the counter checks when it prints a guidance sheet (cédula, foreigner code, e-mail) and
  // what the sheet asks the applicant to bring, each held against the seed lines it cites.
  const AFFILIATE_WORDS: Record<GuidanceRequirement['covers'], RegExp> = {
    identificacion: /Cédula de identidad o ciudadanía/,
    codigo_extranjero: /Código de identificación para extranjeros?:.*registrados o afiliados en el IESS/,
    correo: /correo electrónico/,
    clave_actual: /Clave de afiliado|clave anterior/,
    fecha_nacimiento: /nacimiento/,
  };
  const text = (c: SeedCite) => readFileSync(fileURLToPath(new URL(`../../../docs/${c.file}`, import.meta.url)), 'utf8').split('\n').slice(c.lines[0] - 1, c.lines[1]).join('\n');
  const needs = GUIDANCE_PROCEDURES.flatMap((p) => GUIDANCE_SHEETS[p].needs.map((n) => [`${p} · ${n.covers}`, n] as const));

  it.each(needs)('%s cites what it asks for', (_, need) => {
    for (const cite of need.cites) expect(text(cite), `${cite.file}:${cite.lines.join('-')}`).toMatch(AFFILIATE_WORDS[need.covers]);
  });

  it('every sheet asks for the cédula or the foreigner code, as 000:31/38 and 001:10 do', () => {
    for (const p of GUIDANCE_PROCEDURES) expect(GUIDANCE_SHEETS[p].needs.map((n) => n.covers)).toEqual(expect.arrayContaining(['identificacion', 'codigo_extranjero']));
  });
});
