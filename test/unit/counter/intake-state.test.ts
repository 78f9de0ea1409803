// The intake screen's state and edits without a browser: what one edit changes in the draft,
// which errors show when, and what a refusal by the core leaves on screen.
import { describe, expect, it } from 'vitest';
import { checkIntake } from '../../../shared/domain';
import { fieldMessages, firstEmptyRequired, idTypeEdit, initialDraft, kindEdit, mrzEdit, readMrz, textEdit, visibleFields } from '../../../renderer/src/counter/intake/model';
import { initialIntakeState, intakeReducer, showsError, type IntakeState } from '../../../renderer/src/counter/intake/state';

const LINE1 = 'P<COLERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const LINE2 = 'L898902C36COL7408122F1204159ZE184226B<<<<<10';
const fresh = (): IntakeState => initialIntakeState(initialDraft({ applicantKind: '', representativeIdType: '', employerRuc: '' } as never), ['ruc.sri_confirm'], { kind: 'none' });
const edited = (s: IntakeState, patch: object) => intakeReducer(s, { type: 'edited', draft: { ...s.draft, ...patch }, fields: Object.keys(patch) as never });

describe('intake edits', () => {
  it('a fresh draft has no choice made (the core stores "" for none) and starts at the applicant kind', () => {
    const d = fresh().draft;
    expect(d.applicantKind).toBeNull();
    expect(d.representativeIdType).toBeNull();
    expect(d.viaThirdParty).toBe(false);
    expect(firstEmptyRequired(d)).toBe('applicantKind');
    expect(firstEmptyRequired({ ...d, applicantKind: 'juridica_privada' })).toBe('employerRuc');
  });

  it('keeps only what a field can hold, and a permanent visa has no expiry', () => {
    expect(textEdit('representativeNationality', 'co-l1')).toEqual({ representativeNationality: 'COL' });
    expect(textEdit('employerBranch', '0a01')).toEqual({ employerBranch: '001' });
    expect(textEdit('visaCategory', 'permanente')).toEqual({ visaCategory: 'permanente', visaExpiryDate: '' });
    expect(textEdit('email', 'x@y.ec')).toEqual({ email: 'x@y.ec' });
  });

  it('a natural Ecuadorian is their own representative; a public entity is never an artisan', () => {
    expect(kindEdit({}, 'natural_ecuatoriana')).toEqual({ applicantKind: 'natural_ecuatoriana', representativeNationality: 'ECU', representativeIdType: 'cedula' });
    expect(kindEdit({ artisan: true }, 'juridica_publica')).toEqual({ applicantKind: 'juridica_publica', artisan: false });
    expect(kindEdit({}, 'no-such-kind')).toEqual({ applicantKind: null });
  });

  it('a number typed for another kind of document does not carry over', () => {
    expect(idTypeEdit({ representativeIdType: 'cedula', representativeIdNumber: '1710034065' }, 'pasaporte')).toEqual({ representativeIdType: 'pasaporte', representativeIdNumber: '' });
    expect(idTypeEdit({ representativeIdType: 'cedula', representativeIdNumber: '1710034065' }, 'cedula')).toEqual({ representativeIdType: 'cedula' });
  });

  it('a clean MRZ read (or one only expired) fills the passport fields; a bad one fills nothing', () => {
    const expected = { representativeIdType: 'pasaporte', representativeIdNumber: 'L898902C3', representativeNames: 'Eriksson Anna Maria', representativeNationality: 'COL', passportExpiryDate: '2012-04-15' };
    expect(mrzEdit(readMrz(`${LINE1}\n${LINE2}`, '2011-06-01'))).toEqual(expected);
    expect(mrzEdit(readMrz(`${LINE1}\n${LINE2}`, '2013-01-01'))).toEqual(expected);
    expect(mrzEdit(readMrz(`${LINE1}\n${LINE2.replace('2F1', '2Q1')}`, '2011-06-01'))).toBeNull();
  });

  it('shows the foreigner, third-party and artisan fields only when they apply', () => {
    expect(visibleFields({}).has('visaNumber')).toBe(false);
    // A foreigner with a cédula identifies with it: no visa asked; without one, passport and visa.
    expect(visibleFields({ representativeNationality: 'COL', representativeIdType: 'cedula' }).has('visaNumber')).toBe(false);
    expect(visibleFields({ representativeNationality: 'COL', representativeIdType: 'pasaporte' }).has('visaNumber')).toBe(true);
    expect(visibleFields({ representativeIdType: 'codigo_extranjero' }).has('representativeNationality')).toBe(true);
    expect(visibleFields({ representativeIdType: 'pasaporte' }).has('foreignerRegistration')).toBe(true);
    expect(visibleFields({ representativeIdType: 'pasaporte', foreignerRegistration: 'registrado' }).has('foreignerCode')).toBe(true);
    expect(visibleFields({ representativeIdType: 'pasaporte', foreignerRegistration: 'no_registrado' }).has('foreignerCode')).toBe(false);
    expect(visibleFields({ viaThirdParty: true }).has('thirdPartyCedula')).toBe(true);
    expect(visibleFields({ artisan: false }).has('artisanNumber')).toBe(false);
  });
});

describe('intake state', () => {
  it('an empty field shows its error only once touched, or after an attempt to continue', () => {
    let s = fresh();
    expect(showsError(s, 'employerRuc')).toBe(false);
    s = edited(s, { employerRuc: '' });
    expect(showsError(s, 'employerRuc')).toBe(true);
    expect(showsError(s, 'email')).toBe(false);
    s = intakeReducer(s, { type: 'attempted' });
    expect(showsError(s, 'email')).toBe(true);
  });

  it('the core\'s refusal of a field stays until that field is edited, not another', () => {
    let s = intakeReducer(fresh(), { type: 'submitting' });
    expect(s.busy).toBe(true);
    s = intakeReducer(s, { type: 'refused', banner: 'El correo no es válido.', serverErrors: { email: 'No es un correo.' } });
    expect(s).toMatchObject({ busy: false, banner: 'El correo no es válido.', serverErrors: { email: 'No es un correo.' } });
    const messages = fieldMessages(checkIntake(s.draft, { attentionDate: '2026-01-05' }), s.serverErrors);
    expect(messages.errors.email).toBeDefined();
    s = edited(s, { address: 'Av. Amazonas' });
    expect(s.serverErrors).toEqual({ email: 'No es un correo.' });
    s = edited(s, { email: 'ana@empresa.ec' });
    expect(s.serverErrors).toEqual({});
  });

  it('warnings confirmed on reopening stay confirmed; a confirmation can be taken back', () => {
    let s = fresh();
    expect(s.acked.has('ruc.sri_confirm')).toBe(true);
    s = intakeReducer(s, { type: 'acked', code: 'email.domain_typo', checked: true });
    s = intakeReducer(s, { type: 'acked', code: 'ruc.sri_confirm', checked: false });
    expect([...s.acked]).toEqual(['email.domain_typo']);
  });

  it('typing recovered over the same version is put in the draft; closing the notice keeps the draft', () => {
    const s = initialIntakeState({ email: 'old@x.ec' }, [], { kind: 'restore', fields: { email: 'new@x.ec' }, at: 1 });
    expect(s.draft.email).toBe('new@x.ec');
    const closed = intakeReducer(s, { type: 'recoveryClosed' });
    expect(closed.recovery).toEqual({ kind: 'none' });
    expect(closed.draft.email).toBe('new@x.ec');
    expect(initialIntakeState({ email: 'old@x.ec' }, [], { kind: 'stale', fields: { email: 'new@x.ec' }, at: 1 }).draft.email).toBe('old@x.ec');
  });
});
