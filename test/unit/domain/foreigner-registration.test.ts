// «Registro de extranjero sin cédula»: the intake's checks (shared/domain/foreigner-registration.ts)
// and the readiness of a type that takes no e-mail at the counter.
import { describe, expect, it } from 'vitest';
import { checkForeignerRegistration, FOREIGNER_DOCUMENTS, foreignerDocumentOf, ForeignerRegistrationDetailsSchema, ForeignerRegistrationDraftSchema } from '../../../shared/domain/foreigner-registration';
import { emailProofGuard, readinessGuard } from '../../../shared/domain/readiness';
import { td3 } from '../../support/passport';

const AT = '2026-12-07';
const MRZ = td3({ surnames: 'ERIKSSON', givenNames: 'ANNA MARIA', number: 'L898902C3', nationality: 'COL', birth: '740812', sex: 'F', expiry: '310415' });
const GOOD = {
  mrz: MRZ,
  passportNumber: 'L898902C3',
  passportExpiryDate: '2031-04-15',
  nationality: 'COL',
  names: 'Eriksson Anna María',
  birthDate: '1974-08-12',
  sex: 'F',
  employerRuc: '1792060346001',
  contractNumber: 'sut-2026-000123',
  contractDate: '2026-11-20',
  position: 'Analista de  sistemas',
  startDate: '2026-12-01',
} as const;
const fields = (r: ReturnType<typeof checkForeignerRegistration>) => r.errors.map((e) => e.field);

describe('foreigner registration intake', () => {
  it('accepts a complete intake that agrees with the passport zone, normalized', () => {
    const r = checkForeignerRegistration(GOOD, { attentionDate: AT });
    expect(r.errors).toEqual([]);
    expect(r.normalized).toMatchObject({ passportNumber: 'L898902C3', nationality: 'COL', contractNumber: 'SUT-2026-000123', position: 'Analista de sistemas', sex: 'F' });
  });

  it('names each field the passport zone contradicts', () => {
    const r = checkForeignerRegistration({ ...GOOD, passportNumber: 'L898902C4', birthDate: '1974-08-13', names: 'Pérez Juan', sex: 'M' }, { attentionDate: AT });
    expect(fields(r).sort()).toEqual(['birthDate', 'names', 'passportNumber', 'sex']);
    expect(r.normalized).toBeNull();
  });

  it('refuses a passport zone with a wrong check digit, a missing one, and an expired passport', () => {
    expect(fields(checkForeignerRegistration({ ...GOOD, mrz: MRZ.replace('L898902C3', 'L898902C4') }, { attentionDate: AT }))).toContain('mrz');
    expect(fields(checkForeignerRegistration({ ...GOOD, mrz: '' }, { attentionDate: AT }))).toEqual(['mrz']);
    // Expired: said once, under the expiry date typed (the zone says the same date).
    const late = checkForeignerRegistration(GOOD, { attentionDate: '2031-04-16' });
    expect(fields(late)).toEqual(['passportExpiryDate']);
    expect(late.errors[0]!.issue.message).toBe('El pasaporte está caducado: venció el 15/04/2031.');
    // With no expiry date typed, the zone's own verdict stays under the zone.
    const untyped = checkForeignerRegistration({ ...GOOD, passportExpiryDate: '' }, { attentionDate: '2031-04-16' });
    expect(untyped.errors.find((e) => e.field === 'mrz')?.issue.code).toBe('passport.expired');
  });

  it('refuses an Ecuadorian (they identify with their cédula, 002:13), a bad RUC, a bad contract number and a future contract', () => {
    const ecu = td3({ surnames: 'ERIKSSON', givenNames: 'ANNA MARIA', number: 'L898902C3', nationality: 'ECU', birth: '740812', sex: 'F', expiry: '310415' });
    expect(fields(checkForeignerRegistration({ ...GOOD, mrz: ecu, nationality: 'ECU' }, { attentionDate: AT }))).toEqual(['nationality']);
    expect(fields(checkForeignerRegistration({ ...GOOD, employerRuc: '1792060346000' }, { attentionDate: AT }))).toEqual(['employerRuc']);
    expect(fields(checkForeignerRegistration({ ...GOOD, contractNumber: 'N.º 12' }, { attentionDate: AT }))).toEqual(['contractNumber']);
    expect(fields(checkForeignerRegistration({ ...GOOD, contractDate: '2026-12-08' }, { attentionDate: AT }))).toEqual(['contractDate']);
  });

  it('warns, without refusing, when work starts before the contract date', () => {
    const r = checkForeignerRegistration({ ...GOOD, startDate: '2026-11-01' }, { attentionDate: AT });
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.field)).toEqual(['startDate']);
  });

  it('answers anything that is not a draft as an empty one', () => {
    for (const odd of [null, 7, 'x', { sex: 'Q' }, { mrz: 5 }]) expect(checkForeignerRegistration(odd, { attentionDate: AT }).ok).toBe(false);
    expect(ForeignerRegistrationDraftSchema.safeParse({ ...GOOD, extra: 1 }).success).toBe(false);
    expect(ForeignerRegistrationDetailsSchema.safeParse({ mrzChecked: true, passportNumber: 'L898902C3' }).success).toBe(false);
  });

  it('checklists the sheet’s two papers, scanned, and the request signed by hand, each citing seed 002', () => {
    expect(FOREIGNER_DOCUMENTS.map((d) => [d.documentType, d.citation.lines[0], d.scanRequired, d.signature])).toEqual([
      ['copia_pasaporte', 17, true, null],
      ['contrato_sut', 18, true, null],
      ['solicitud_registro_extranjero', 14, false, 'manuscrita'],
    ]);
    expect(foreignerDocumentOf('extranjero.contrato_sut (seeds/002_7cf0ad12e8c8a3b1.txt:18-18)')?.documentType).toBe('contrato_sut');
    expect(foreignerDocumentOf('solicitud.base (x)')).toBeNull();
    expect(foreignerDocumentOf(undefined)).toBeNull();
  });
});

describe('readiness of a type without e-mail at the counter', () => {
  const documents = [{ documentType: 'copia_pasaporte' as const, label: 'Copia', verified: true, signature: null, signatureMarked: false }];
  const context = { actor: 'ventanillero' as const, channel: 'presencial' as const, attentionDate: AT };

  it('does not ask for an e-mail nor its proof when the type says so, and does otherwise', () => {
    expect(readinessGuard({ ...context, readiness: { documents, email: null, emailRequired: false } })).toEqual([]);
    expect(emailProofGuard({ ...context, readiness: { documents, email: null, emailRequired: false, emailProof: null } })).toEqual([]);
    expect(readinessGuard({ ...context, readiness: { documents, email: null } }).map((i) => i.code)).toEqual(['lifecycle.email_missing']);
    expect(emailProofGuard({ ...context, readiness: { documents, email: null, emailProof: null } }).map((i) => i.code)).toEqual(['lifecycle.email_unproven']);
  });
});

// Adversarial review of the intake: each failed before its fix.
describe('foreigner registration intake, attacked', () => {
  const mrzWith = (p: { birth?: string; expiry?: string }) =>
    td3({ surnames: 'ERIKSSON', givenNames: 'ANNA MARIA', number: 'L898902C3', nationality: 'COL', birth: p.birth ?? '740812', sex: 'F', expiry: p.expiry ?? '310415' });

  it('refuses a passport valid for longer than any state issues (as the employer intake does): a misread year', () => {
    const far = checkForeignerRegistration({ ...GOOD, mrz: mrzWith({ expiry: '700415' }), passportExpiryDate: '2070-04-15' }, { attentionDate: AT });
    expect(far.ok).toBe(false);
    expect(far.errors.find((e) => e.field === 'passportExpiryDate')?.issue.message).toContain('más de 11 años');
  });

  it('refuses a worker born after the contract was signed, or younger than the legal working age when it was', () => {
    const unborn = checkForeignerRegistration({ ...GOOD, mrz: mrzWith({ birth: '261121' }), birthDate: '2026-11-21' }, { attentionDate: AT });
    expect(fields(unborn)).toEqual(['birthDate']);
    const child = checkForeignerRegistration({ ...GOOD, mrz: mrzWith({ birth: '200203' }), birthDate: '2020-02-03' }, { attentionDate: AT });
    expect(fields(child)).toEqual(['birthDate']);
    expect(child.errors[0]!.issue.message).toContain('15 años');
    // Fifteen the day the contract was signed is allowed (the law's minimum, not above it).
    const fifteen = checkForeignerRegistration({ ...GOOD, mrz: mrzWith({ birth: '111120' }), birthDate: '2011-11-20' }, { attentionDate: AT });
    expect(fifteen.errors).toEqual([]);
  });

  it('refuses a position the printed Solicitud cannot show (control, bidi override, other scripts), naming the characters', () => {
    for (const position of ['Ingeniero\u0000 de procesos', 'Ingeniero \u202Esosecorp', 'Ingeniero 工程师', 'Ingeniero \u200B']) {
      const r = checkForeignerRegistration({ ...GOOD, position }, { attentionDate: AT });
      expect(fields(r)).toEqual(['position']);
      expect(r.errors[0]!.issue.message).toContain('Cargo');
    }
    // Accents typed as combining marks are the same letters once composed.
    expect(checkForeignerRegistration({ ...GOOD, position: 'Te\u0301cnico' }, { attentionDate: AT }).normalized?.position).toBe('Técnico');
  });
});
