// Every finding the intake can raise points at a field the clerk sees and can change in the very
// draft that raises it (a foreigner identified by code was once refused about a nationality the
// screen did not show). IntakeStep renders exactly visibleFields() and disables lockedFields().
// Two walks: every code the intake and the checks it calls can raise, each with a draft that
// raises it; and random drafts, where no finding may land on a hidden or disabled field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIntake, type IntakeDraft, type IntakeField } from '../../../shared/domain/intake';
import { lockedFields, visibleFields } from '../../../renderer/src/counter/intake/model';

const DATE = '2026-06-15';
const check = (d: IntakeDraft) => checkIntake(d, { attentionDate: DATE });

const BASE: IntakeDraft = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '0001',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Pérez Andrade Juan Carlos',
  email: 'gerencia@andina.com.ec',
  mobile: '0991234567',
  address: 'Av. Amazonas N24-12 y Colón, Quito',
  viaThirdParty: false,
  artisan: false,
};
const FOREIGN: IntakeDraft = {
  ...BASE,
  representativeIdType: 'pasaporte',
  representativeIdNumber: 'AB1234567',
  representativeNationality: 'COL',
  passportExpiryDate: '2030-01-01',
  foreignerRegistration: 'no_registrado',
  visaCategory: 'temporal_trabajo',
  visaNumber: 'V1234567',
  visaIssueDate: '2025-06-01',
  visaExpiryDate: '2027-06-01',
};
const THIRD: IntakeDraft = { ...BASE, viaThirdParty: true, thirdPartyNames: 'Lema Chicaiza Rosa Elena', thirdPartyCedula: '0602910945' };
const ARTISAN: IntakeDraft = { ...BASE, artisan: true, artisanNumber: 'JNDA-2024-0815', artisanBranch: 'Carpintería', artisanIssueDate: '2024-01-10', artisanExpiryDate: 'Indefinida' };
const NATURAL: IntakeDraft = { ...BASE, applicantKind: 'natural_ecuatoriana', employerRuc: '1714307103001', employerLegalName: 'Pérez Andrade Juan Carlos', representativeNationality: 'ECU' };

/** A draft that raises each code (error or warning). */
const RAISES: Record<string, IntakeDraft> = {
  'intake.applicantKind.required': { ...BASE, applicantKind: null },
  'intake.employerRuc.required': { ...BASE, employerRuc: '' },
  'ruc.length': { ...BASE, employerRuc: '179206034601' },
  'ruc.not_digits': { ...BASE, employerRuc: '17920603A6001' },
  'ruc.province': { ...BASE, employerRuc: '8810034069001' },
  'ruc.third_digit': { ...BASE, employerRuc: '0170000610001' },
  'ruc.establishment': { ...BASE, employerRuc: '0992397535000' },
  'ruc.check_digit': { ...NATURAL, employerRuc: '1714307104001' },
  'ruc.kind': { ...BASE, applicantKind: 'juridica_publica' },
  'ruc.sri_confirm': { ...BASE, employerRuc: '1790000000001' },
  'intake.employerBranch.format': { ...BASE, employerBranch: '0000' },
  'intake.employerLegalName.required': { ...BASE, employerLegalName: '' },
  'intake.employerLegalName.length': { ...BASE, employerLegalName: 'AB' },
  'intake.idType.required': { ...BASE, representativeIdType: null },
  'intake.idType.ecuadorian': { ...FOREIGN, representativeIdType: 'codigo_extranjero', representativeIdNumber: 'EXT0012345', representativeNationality: '' },
  'intake.representativeIdNumber.required': { ...BASE, representativeIdNumber: '' },
  'cedula.length': { ...BASE, representativeIdNumber: '171430710' },
  'cedula.not_digits': { ...BASE, representativeIdNumber: '123A567890' },
  'cedula.province': { ...BASE, representativeIdNumber: '8814307107' },
  'cedula.third_digit': { ...BASE, representativeIdNumber: '1784307108' },
  'cedula.check_digit': { ...BASE, representativeIdNumber: '1714307104' },
  'intake.passport.format': { ...FOREIGN, representativeIdNumber: 'AB' },
  'foreigner_code.format': { ...FOREIGN, representativeIdType: 'codigo_extranjero', representativeIdNumber: 'AB1' },
  'intake.representativeNames.required': { ...BASE, representativeNames: '' },
  'name.characters': { ...BASE, representativeNames: 'Pérez 123' },
  'name.too_long': { ...BASE, representativeNames: `Pérez ${'Andrade '.repeat(25)}` },
  'nationality.unknown': { ...FOREIGN, representativeNationality: 'QQQ' },
  'intake.nationality.natural_ec': { ...NATURAL, representativeNationality: 'COL' },
  // «Persona Natural - Extranjera» with a cédula and nationality ECU: the nationality is on screen.
  'intake.nationality.natural_foreign': { ...NATURAL, applicantKind: 'natural_extranjera', representativeNationality: 'ECU' },
  'intake.employerRuc.not_own': { ...NATURAL, employerRuc: '0602910945001' },
  'intake.passport.expiry_required': { ...FOREIGN, passportExpiryDate: '' },
  'intake.passport.expired': { ...FOREIGN, passportExpiryDate: '2026-06-14' },
  'intake.passport.expiry_implausible': { ...FOREIGN, passportExpiryDate: '2045-01-01' },
  'intake.foreignerRegistration.required': { ...FOREIGN, foreignerRegistration: null },
  'intake.foreignerCode.required': { ...FOREIGN, foreignerRegistration: 'registrado', foreignerCode: '' },
  'visa.category': { ...FOREIGN, visaCategory: 'turista' },
  'visa.number': { ...FOREIGN, visaNumber: '' },
  'visa.issue_date': { ...FOREIGN, visaIssueDate: '' },
  'visa.issue_date_future': { ...FOREIGN, visaIssueDate: '2026-07-01' },
  'visa.expiry_date': { ...FOREIGN, visaExpiryDate: '' },
  'visa.expired': { ...FOREIGN, visaIssueDate: '2024-06-01', visaExpiryDate: '2026-06-01' },
  'visa.expiry_before_issue': { ...FOREIGN, visaIssueDate: '2026-06-01', visaExpiryDate: '2026-05-01' },
  'visa.expiry_implausible': { ...FOREIGN, visaExpiryDate: '2045-06-01' },
  'visa.duration': { ...FOREIGN, visaExpiryDate: '2026-12-01' },
  // A permanent visa whose old expiry stayed: the date field stays editable so it can be cleared.
  'visa.permanent_expiry': { ...FOREIGN, visaCategory: 'permanente' },
  'intake.email.required': { ...BASE, email: '' },
  'email.format': { ...BASE, email: 'juan@' },
  'email.domain_typo': { ...BASE, email: 'juan@gmial.com' },
  'mobile.format': { ...BASE, mobile: '0812345678' },
  'intake.address.required': { ...BASE, address: '' },
  'intake.thirdPartyNames.required': { ...THIRD, thirdPartyNames: '' },
  'intake.thirdPartyCedula.required': { ...THIRD, thirdPartyCedula: '' },
  'intake.thirdParty.same_person': { ...THIRD, thirdPartyCedula: '1714307103' },
  'intake.artisan.public': { ...ARTISAN, applicantKind: 'juridica_publica', employerRuc: '1760001550001' },
  'artisan.number': { ...ARTISAN, artisanNumber: '' },
  'artisan.craft_branch': { ...ARTISAN, artisanBranch: '' },
  'artisan.issue_date': { ...ARTISAN, artisanIssueDate: '' },
  'artisan.issue_date_future': { ...ARTISAN, artisanIssueDate: '2026-07-01' },
  'artisan.expiry_date': { ...ARTISAN, artisanExpiryDate: 'mañana' },
  'artisan.expired': { ...ARTISAN, artisanExpiryDate: '2026-06-01' },
  'artisan.expiry_implausible': { ...ARTISAN, artisanExpiryDate: '2090-01-01' },
  'artisan.issue_after_expiry': { ...ARTISAN, artisanIssueDate: '2026-01-10', artisanExpiryDate: '2025-12-31' },
  'text.unprintable': { ...BASE, employerLegalName: 'Comercial \u202eAndina' },
};

/** Codes the checks define that the intake cannot raise from what a clerk types, and why. */
const NOT_FROM_THE_SCREEN: Record<string, string> = {
  'intake.attention_date': 'the date of attention is the desk clock, not a field',
  'ruc.empty': 'a blank RUC is intake.employerRuc.required first',
  'ruc.type': 'the draft reader passes text only',
  'cedula.empty': 'a blank number is the field\'s .required first',
  'cedula.type': 'the draft reader passes text only',
  'email.required': 'a blank e-mail is intake.email.required first',
  'mobile.required': 'the mobile is optional: blank is not checked',
  'name.required': 'a blank name is the field\'s .required first',
  'name.script': 'letters outside the printable repertoire are text.unprintable first',
  'nationality.empty': 'a blank nationality is ECU',
  'foreigner_code.empty': 'a blank code is the field\'s .required first',
  'foreigner_code.type': 'the draft reader passes text only',
  'foreigner_code.pattern_invalid': 'agencia.json refuses an invalid pattern before it is applied (shared/contract/ops.ts SafePattern)',
  'visa.missing': 'the intake always passes the visa fields',
  'visa.attention_date': 'the date of attention is checked first (intake.attention_date)',
  'artisan.missing': 'the intake always passes the qualification fields',
  'artisan.attention_date': 'the date of attention is checked first (intake.attention_date)',
  'profile.ecuadorian_without_cedula': 'intake.idType.ecuadorian is raised first and the profile is not built',
  'profile.natural_ecuatoriana_foreign_representative': 'intake.nationality.natural_ec first',
  'profile.natural_extranjera_not_foreign': 'intake.nationality.natural_foreign first',
  'profile.public_artisan': 'intake.artisan.public first',
  'profile.missing': 'the intake builds the profile itself',
  'requirements.date': 'the intake passes the checked date of attention',
  'requirements.no_rule_set': 'a rule set is in effect from 2020 on',
};

const DOMAIN = (file: string) => readFileSync(fileURLToPath(new URL(`../../../shared/domain/${file}`, import.meta.url)), 'utf8');
/** Every code the intake's checks define, read from their sources. */
function definedCodes(): Set<string> {
  const files = ['intake.ts', 'cedula.ts', 'ruc.ts', 'contact.ts', 'visa.ts', 'artisan.ts', 'printable.ts', 'nationality.ts', 'foreigner-code.ts', 'requirements.ts'];
  const codes = new Set<string>();
  const pattern = /['`]((?:intake|cedula|ruc|email|mobile|name|visa|artisan|text|nationality|foreigner_code|profile|requirements)\.[A-Za-z_.]+)['`]/g;
  for (const file of files) for (const m of DOMAIN(file).matchAll(pattern)) codes.add(m[1]!);
  // `intake.${field}.required`: one per required text field, named in the intake's calls.
  for (const m of DOMAIN('intake.ts').matchAll(/required\('(\w+)'/g)) codes.add(`intake.${m[1]}.required`);
  return codes;
}

function findingsOf(d: IntakeDraft) {
  const c = check(d);
  return [...c.errors, ...c.warnings];
}

function assertReachable(d: IntakeDraft, findings: { field: IntakeField; issue: { code: string } }[]) {
  const visible = visibleFields(d);
  const locked = lockedFields(d);
  for (const f of findings) {
    expect(visible.has(f.field), `${f.issue.code} on hidden field ${f.field} in ${JSON.stringify(d)}`).toBe(true);
    expect(locked.has(f.field), `${f.issue.code} on disabled field ${f.field}`).toBe(false);
  }
}

describe('every intake finding points at a field the clerk sees and can change', () => {
  it('the base drafts are clean', () => {
    for (const d of [BASE, FOREIGN, THIRD, ARTISAN, NATURAL]) expect(check(d).errors).toEqual([]);
  });

  it('every code the checks define is raised by a draft below, or is listed with why the screen cannot raise it', () => {
    const defined = definedCodes();
    const missing = [...defined].filter((code) => !(code in RAISES) && !(code in NOT_FROM_THE_SCREEN));
    expect(missing).toEqual([]);
    // Both lists name real codes (a renamed code does not linger here).
    expect(Object.keys(RAISES).filter((c) => !defined.has(c))).toEqual([]);
    expect(Object.keys(NOT_FROM_THE_SCREEN).filter((c) => !defined.has(c))).toEqual([]);
  });

  it.each(Object.entries(RAISES))('%s: raised, and on a visible, editable field', (code, draft) => {
    const findings = findingsOf(draft);
    expect(findings.map((f) => f.issue.code)).toContain(code);
    assertReachable(draft, findings);
  });

  it('random drafts: no finding on a hidden or disabled field', () => {
    const pick = <T>(...values: T[]) => fc.constantFrom(...values);
    const draft = fc.record(
      {
        applicantKind: pick(null, 'juridica_privada', 'juridica_publica', 'natural_ecuatoriana', 'natural_extranjera'),
        employerRuc: pick('', '1792060346001', '1760001550001', '1714307103001', '1760000073001', '123'),
        employerBranch: pick('', '1', '0000'),
        employerLegalName: pick('', 'AB', 'Comercial Andina'),
        representativeIdType: pick(null, 'cedula', 'pasaporte', 'codigo_extranjero'),
        representativeIdNumber: pick('', '1714307103', '1760000073', 'AB1234567', 'EXT0012345', 'x'),
        representativeNames: pick('', 'Pérez Juan', 'Müller Erika', 'J0hn'),
        representativeNationality: pick('', 'ECU', 'COL', 'D', 'QQQ'),
        passportExpiryDate: pick('', '2026-06-01', '2030-01-01'),
        foreignerRegistration: pick(null, 'registrado', 'no_registrado', 'no_registrado_sin_consulta'),
        foreignerCode: pick('', 'EXT0012345', 'A'),
        visaCategory: pick('', 'temporal_trabajo', 'permanente', 'x'),
        visaNumber: pick('', 'V1234567'),
        visaIssueDate: pick('', '2025-06-01', '2027-01-01'),
        visaExpiryDate: pick('', '2027-06-01', '2026-01-01'),
        email: pick('', 'a@b.ec', 'juan@'),
        mobile: pick('', '0991234567', '12'),
        address: pick('', 'Quito'),
        viaThirdParty: fc.boolean(),
        thirdPartyNames: pick('', 'Lema Rosa'),
        thirdPartyCedula: pick('', '0602910945', '1714307103', '1'),
        artisan: fc.boolean(),
        artisanNumber: pick('', 'JNDA-1'),
        artisanBranch: pick('', 'Carpintería'),
        artisanIssueDate: pick('', '2024-01-10'),
        artisanExpiryDate: pick('', 'Indefinida', '2026-01-01'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(draft, (d) => {
        assertReachable(d as IntakeDraft, findingsOf(d as IntakeDraft));
      }),
      { numRuns: 2000 },
    );
  });
});
