import { describe, expect, it } from 'vitest';
import { checkIntake, fieldFindings, nationalityLabel, nationalityName, type IntakeDraft } from '../../../shared/domain';

const at = { attentionDate: '2026-06-15' };
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

const COMPANY: IntakeDraft = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '1',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Peña Muñoz Begoña',
  representativeNationality: 'ECU',
  email: 'begona.pena@andina.com.ec',
  address: 'Av. Amazonas N24-12 y Colón, Quito',
};

const FOREIGN_DOCUMENTS: IntakeDraft = {
  passportExpiryDate: '2030-01-31',
  visaCategory: 'temporal_trabajo',
  visaNumber: 'V-2025-7781',
  visaIssueDate: '2025-03-01',
  visaExpiryDate: '2027-03-01',
};

describe('checkIntake — the applicant kind never blocks a valid RUC (DOMAIN §4.2)', () => {
  it('a foreign natural person whose RUC has third digit 6 and passes the natural rule', () => {
    const check = checkIntake(
      {
        ...COMPANY,
        ...FOREIGN_DOCUMENTS,
        applicantKind: 'natural_extranjera',
        employerRuc: '1760000073001',
        employerLegalName: 'Restrepo Gómez Camilo',
        representativeIdNumber: '1760000073',
        representativeNames: 'Restrepo Gómez Camilo',
        representativeNationality: 'COL',
      },
      at,
    );
    expect(check.errors).toEqual([]);
    expect(fieldFindings(check, 'employerRuc')).toEqual({ errors: [], warnings: [] });
    expect(check.profile).toMatchObject({ applicantKind: 'natural_extranjera', representativeIsForeign: true });
  });

  it('a RUC of another kind is a warning on the RUC field naming the likelier kind, not an error', () => {
    const check = checkIntake({ ...COMPANY, employerRuc: '1714307103001' }, at);
    expect(check.ok).toBe(true);
    expect(check.normalized.employerRuc).toBe('1714307103001');
    const findings = fieldFindings(check, 'employerRuc');
    expect(findings.errors).toEqual([]);
    expect(codes(findings.warnings)).toEqual(['ruc.kind']);
    expect(findings.warnings[0]?.message).toContain('persona natural');
  });

  it('a RUC valid for no kind is still an error', () => {
    const check = checkIntake({ ...COMPANY, employerRuc: '1763154690001' }, at);
    expect(codes(fieldFindings(check, 'employerRuc').errors)).toEqual(['ruc.check_digit']);
  });
});

describe('checkIntake — nationality as passports write it (ICAO 9303)', () => {
  const german: IntakeDraft = { ...COMPANY, ...FOREIGN_DOCUMENTS, representativeIdType: 'pasaporte', representativeIdNumber: 'C01X0006H', representativeNames: 'Müller Erika' };

  it('accepts D (Germany) and other ICAO-only codes', () => {
    for (const code of ['D', 'GBD', 'XXA', 'UNO', 'EUE']) {
      const check = checkIntake({ ...german, representativeNationality: code }, at);
      expect(fieldFindings(check, 'representativeNationality').errors).toEqual([]);
      expect(check.normalized.representativeNationality).toBe(code);
    }
  });

  it('refuses a code no travel document carries, in Spanish', () => {
    const check = checkIntake({ ...german, representativeNationality: 'XYZ' }, at);
    expect(fieldFindings(check, 'representativeNationality').errors[0]?.message).toContain('«XYZ» no es un código de nacionalidad');
  });

  it('shows codes with their Spanish names', () => {
    expect(nationalityName('D')).toBe('Alemania');
    expect(nationalityName('DEU')).toBe('Alemania');
    expect(nationalityName('col')).toBe('Colombia');
    expect(nationalityName('XXA')).toBe('Apátrida (Convención de 1954)');
    expect(nationalityName('GBN')).toBe('Reino Unido (nacional británico de ultramar)');
    expect(nationalityName('UTO')).toBeNull();
    expect(nationalityLabel('D<<')).toBe('D — Alemania');
  });
});

describe('checkIntake — passport expiry bounded (ICAO: at most 10 years, plus carried-over months)', () => {
  const foreign: IntakeDraft = { ...COMPANY, ...FOREIGN_DOCUMENTS, representativeIdType: 'pasaporte', representativeIdNumber: 'AB123456', representativeNationality: 'COL' };

  it.each([
    ['9999-12-31', 'intake.passport.expiry_required'],
    ['0000-02-29', 'intake.passport.expiry_required'],
    ['2037-06-16', 'intake.passport.expiry_implausible'],
  ])('%s → %s', (passportExpiryDate, code) => {
    expect(codes(fieldFindings(checkIntake({ ...foreign, passportExpiryDate }, at), 'passportExpiryDate').errors)).toEqual([code]);
  });

  it('eleven years after the date of attention is still plausible', () => {
    expect(fieldFindings(checkIntake({ ...foreign, passportExpiryDate: '2037-06-15' }, at), 'passportExpiryDate').errors).toEqual([]);
  });
});
