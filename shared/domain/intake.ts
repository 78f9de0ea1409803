/**
 * The intake of a counter request as a whole: each field checked with the identity checks,
 * the fields checked against each other (the RUC matches the kind of employer, a natural
 * person's RUC is their own cédula...), and the requirement profile derived from it.
 * The screen calls it on every keystroke; the core calls it before verification starts.
 */
import { checkArtisanQualification } from './artisan';
import { APPLICANT_KINDS, FOREIGNER_REGISTRATIONS, REPRESENTATIVE_ID_TYPES, type ApplicantKind, type Channel, type ForeignerRegistration, type RepresentativeIdType } from './catalogs';
import { checkCedula } from './cedula';
import { checkEmail, checkMobile, checkPersonName } from './contact';
import { compareIsoDates, formatDateEs, isAttentionDate, isIsoDate, isWithinYearsAfter, type IsoDate } from './dates';
import { readField } from './fields';
import { checkForeignerCode } from './foreigner-code';
import { issue, type CheckResult, type Issue } from './issues';
import { checkNationality } from './nationality';
import { PASSPORT_MAX_YEARS } from './passport';
import { checkPrintable } from './printable';
import { profileIssues, type RequirementProfile } from './requirements';
import { checkRuc, type RucKind } from './ruc';
import { checkVisa } from './visa';

/** Everything the clerk types at intake; every field optional while it is a draft. */
export interface IntakeDraft {
  applicantKind?: ApplicantKind | null;
  employerRuc?: string;
  employerBranch?: string;
  employerLegalName?: string;
  representativeIdType?: RepresentativeIdType | null;
  representativeIdNumber?: string;
  representativeNames?: string;
  /** ICAO / ISO 3166 alpha-3; 'ECU' for Ecuadorians. */
  representativeNationality?: string;
  passportExpiryDate?: string;
  /** A foreigner identified by passport: registered or affiliated in the IESS? (seed 004, line 63) */
  foreignerRegistration?: ForeignerRegistration | null;
  /** The IESS foreigner code, when registered and identified by passport. */
  foreignerCode?: string;
  visaCategory?: string;
  visaNumber?: string;
  visaIssueDate?: string;
  visaExpiryDate?: string;
  email?: string;
  mobile?: string;
  address?: string;
  viaThirdParty?: boolean;
  thirdPartyNames?: string;
  thirdPartyCedula?: string;
  artisan?: boolean;
  artisanNumber?: string;
  artisanBranch?: string;
  artisanIssueDate?: string;
  /** yyyy-mm-dd or 'Indefinida'. */
  artisanExpiryDate?: string;
}

export type IntakeField = keyof IntakeDraft;
/** Fields typed as free text (the others are choices and yes/no). */
export type IntakeTextField = Exclude<IntakeField, 'applicantKind' | 'representativeIdType' | 'foreignerRegistration' | 'viaThirdParty' | 'artisan'>;

export interface IntakeFinding {
  field: IntakeField;
  issue: Issue;
}

export interface IntakeCheck {
  /** No errors: verification may start (warnings still need acknowledging). */
  ok: boolean;
  errors: IntakeFinding[];
  warnings: IntakeFinding[];
  /** Canonical values to store for the fields that checked clean. */
  normalized: Partial<Record<IntakeTextField, string>>;
  /** Null until the fields that decide the required documents are known and consistent. */
  profile: RequirementProfile | null;
}

export interface IntakeOptions {
  attentionDate: IsoDate;
  channel?: Channel;
  foreignerCodePattern?: string;
}

const RUC_KIND_FOR: Record<ApplicantKind, RucKind> = {
  juridica_privada: 'privada',
  juridica_publica: 'publica',
  natural_ecuatoriana: 'natural',
  natural_extranjera: 'natural',
};

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

/** Every text field, as a record so the compiler flags one added to IntakeDraft and not here. */
const TEXT_FIELD_SET: Readonly<Record<IntakeTextField, true>> = {
  employerRuc: true, employerBranch: true, employerLegalName: true, representativeIdNumber: true, representativeNames: true,
  representativeNationality: true, passportExpiryDate: true, foreignerCode: true, visaCategory: true, visaNumber: true, visaIssueDate: true,
  visaExpiryDate: true, email: true, mobile: true, address: true, thirdPartyNames: true, thirdPartyCedula: true,
  artisanNumber: true, artisanBranch: true, artisanIssueDate: true, artisanExpiryDate: true,
};
const TEXT_FIELDS = Object.keys(TEXT_FIELD_SET) as IntakeTextField[];

/** The draft as data: text fields that are text, flags that are booleans, nothing else. */
function readDraft(input: unknown): IntakeDraft {
  const draft: IntakeDraft = {};
  for (const field of TEXT_FIELDS) {
    const value = readField(input, field);
    if (typeof value === 'string') draft[field] = value;
  }
  const kind = readField(input, 'applicantKind');
  draft.applicantKind = APPLICANT_KINDS.find((k) => k.code === kind)?.code ?? null;
  const idType = readField(input, 'representativeIdType');
  draft.representativeIdType = REPRESENTATIVE_ID_TYPES.find((t) => t.code === idType)?.code ?? null;
  const registration = readField(input, 'foreignerRegistration');
  draft.foreignerRegistration = FOREIGNER_REGISTRATIONS.find((r) => r.code === registration)?.code ?? null;
  draft.viaThirdParty = readField(input, 'viaThirdParty') === true;
  draft.artisan = readField(input, 'artisan') === true;
  return draft;
}

export function checkIntake(input: IntakeDraft, options: IntakeOptions): IntakeCheck {
  const draft = readDraft(input);
  const attentionDate = readField(options, 'attentionDate');
  if (!isAttentionDate(attentionDate)) {
    const found = issue('intake.attention_date', 'No se pueden verificar los datos: la fecha de atención no es válida.');
    return { ok: false, errors: [{ field: 'applicantKind', issue: found }], warnings: [], normalized: {}, profile: null };
  }
  const channel = readField(options, 'channel');
  const pattern = readField(options, 'foreignerCodePattern');
  options = {
    attentionDate,
    ...(channel === 'presencial' || channel === 'virtual' ? { channel } : {}),
    ...(typeof pattern === 'string' ? { foreignerCodePattern: pattern } : {}),
  };
  const errors: IntakeFinding[] = [];
  const warnings: IntakeFinding[] = [];
  const normalized: Partial<Record<IntakeTextField, string>> = {};
  // What the printed forms cannot represent is refused first, with the field's name, and the
  // field's own check is then skipped (one clear reason, not two).
  const unprintable = new Set<IntakeField>();
  for (const [field, label] of Object.entries(PRINTED_LABELS) as [IntakeTextField, string][]) {
    const value = draft[field];
    const problem = typeof value === 'string' ? checkPrintable(value, { label, personName: field === 'representativeNames' || field === 'thirdPartyNames' }) : null;
    if (problem) {
      errors.push({ field, issue: problem });
      unprintable.add(field);
    }
  }
  const record = (field: IntakeTextField, result: CheckResult) => {
    if (unprintable.has(field)) return false;
    for (const i of result.errors) errors.push({ field, issue: i });
    for (const i of result.warnings) warnings.push({ field, issue: i });
    if (result.ok && result.normalized !== null) normalized[field] = result.normalized;
    return result.ok;
  };
  const fail = (field: IntakeField, code: string, message: string) => errors.push({ field, issue: issue(code, message) });
  const required = (field: IntakeField, label: string): boolean => {
    const value = draft[field];
    if (typeof value === 'string' && !blank(value)) return true;
    fail(field, `intake.${field}.required`, `Ingrese ${label}.`);
    return false;
  };

  const kind = draft.applicantKind ?? null;
  if (!kind) fail('applicantKind', 'intake.applicantKind.required', 'Seleccione el tipo de solicitante.');

  // Employer
  // The kind chosen never blocks a valid number: at most a warning naming the likelier kind
  // (DOMAIN §4.2 "Kind vs applicant").
  if (required('employerRuc', 'el RUC del empleador')) {
    record('employerRuc', checkRuc(draft.employerRuc, { expectedKind: kind ? RUC_KIND_FOR[kind] : null }));
  }
  const branch = (draft.employerBranch ?? '').trim();
  if (/^\d{1,4}$/.test(branch) && Number(branch) > 0) normalized.employerBranch = branch.padStart(4, '0');
  else fail('employerBranch', 'intake.employerBranch.format', 'La sucursal es un número de 4 dígitos, por ejemplo 0001.');
  if (required('employerLegalName', 'la razón social') && !unprintable.has('employerLegalName')) {
    const name = draft.employerLegalName!.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (name.length < 3 || name.length > 200) fail('employerLegalName', 'intake.employerLegalName.length', 'La razón social debe tener entre 3 y 200 caracteres.');
    else normalized.employerLegalName = name;
  }

  // Legal representative
  // ICAO codes as passports print them: D is Germany (DOMAIN §4.3).
  const nationalityCheck = checkNationality(blank(draft.representativeNationality) ? 'ECU' : draft.representativeNationality);
  const nationality = nationalityCheck.normalized ?? (draft.representativeNationality ?? '').trim().toUpperCase();
  if (nationalityCheck.ok) normalized.representativeNationality = nationality;
  else for (const found of nationalityCheck.errors) errors.push({ field: 'representativeNationality', issue: found });
  const foreign = nationality !== 'ECU';
  const idType = draft.representativeIdType ?? null;
  if (!idType) fail('representativeIdType', 'intake.idType.required', 'Seleccione el documento de identidad del representante legal.');
  // The nationality is always on screen: the clerk fixes either the document or the nationality.
  if (idType && idType !== 'cedula' && !foreign) {
    fail('representativeIdType', 'intake.idType.ecuadorian', 'Un representante ecuatoriano se identifica con su cédula; si es extranjero, escriba su nacionalidad.');
  }
  if (idType && required('representativeIdNumber', 'el número de documento del representante legal')) {
    checkRepresentativeId(idType, draft.representativeIdNumber!, options, record, fail);
  }
  if (required('representativeNames', 'los nombres del representante legal')) record('representativeNames', checkPersonName(draft.representativeNames));
  if (kind === 'natural_ecuatoriana' && foreign) fail('representativeNationality', 'intake.nationality.natural_ec', 'Una persona natural ecuatoriana tiene nacionalidad ECU.');
  if (kind === 'natural_extranjera' && !foreign) fail('representativeNationality', 'intake.nationality.natural_foreign', 'Una persona natural extranjera no puede tener nacionalidad ECU: escriba la de su pasaporte (COL, VEN, D…).');
  // A natural person is their own legal representative: their RUC is their cédula plus 001.
  if (kind?.startsWith('natural') && idType === 'cedula' && normalized.employerRuc && normalized.representativeIdNumber) {
    if (normalized.employerRuc.slice(0, 10) !== normalized.representativeIdNumber) {
      fail('employerRuc', 'intake.employerRuc.not_own', 'Para una persona natural, el RUC debe ser su propia cédula seguida del establecimiento.');
    }
  }
  // Passport and visa replace the cédula (seed 004, lines 61–71): a foreigner who holds an
  // Ecuadorian cédula identifies with it, and an expired passport of theirs blocks nothing.
  if (foreign && idType !== null && idType !== 'cedula') checkForeignDocuments(draft, options, record, fail, warnings);
  if (foreign && idType === 'pasaporte') checkForeignerRegistration(draft, options, record, fail);

  // Contact: the key is delivered by email (seed 004, line 43)
  if (required('email', 'el correo electrónico (obligatorio: la clave se envía a este correo)')) record('email', checkEmail(draft.email));
  if (!blank(draft.mobile)) record('mobile', checkMobile(draft.mobile));
  if (required('address', 'la dirección del empleador') && !unprintable.has('address')) normalized.address = draft.address!.normalize('NFC').replace(/\s+/g, ' ').trim();

  // Authorized third party (seed 004, line 38)
  if (draft.viaThirdParty) {
    if (required('thirdPartyNames', 'los nombres del tercero autorizado')) record('thirdPartyNames', checkPersonName(draft.thirdPartyNames));
    if (required('thirdPartyCedula', 'la cédula del tercero autorizado')) {
      const ok = record('thirdPartyCedula', checkCedula(draft.thirdPartyCedula));
      if (ok && normalized.thirdPartyCedula === normalized.representativeIdNumber) {
        fail('thirdPartyCedula', 'intake.thirdParty.same_person', 'El tercero autorizado no puede ser el mismo representante legal.');
      }
    }
  }

  // Artisan qualification (seed 004, lines 75–77)
  if (draft.artisan) {
    if (kind === 'juridica_publica') fail('artisan', 'intake.artisan.public', 'Una entidad pública no puede ser artesano calificado.');
    const q = checkArtisanQualification(
      { number: draft.artisanNumber, craftBranch: draft.artisanBranch, issueDate: draft.artisanIssueDate, expiryDate: draft.artisanExpiryDate },
      { attentionDate: options.attentionDate },
    );
    for (const i of q.errors) errors.push({ field: artisanField(i.code), issue: i });
  }

  // The profile (what documents to ask for) is known as soon as the fields deciding it are,
  // even while other fields still have errors: the checklist can be previewed early.
  let profile: RequirementProfile | null = null;
  if (kind && idType && !errors.some((e) => PROFILE_FIELDS.has(e.field))) {
    const candidate = buildProfile(kind, idType, foreign, draft, options);
    const inconsistent = profileIssues(candidate);
    for (const i of inconsistent) errors.push({ field: 'applicantKind', issue: i });
    if (inconsistent.length === 0) profile = candidate;
  }
  return { ok: errors.length === 0, errors, warnings, normalized, profile };
}

/** Every text field as the messages name it: each may end up on a printed form (printable.ts). */
const PRINTED_LABELS: Record<IntakeTextField, string> = {
  employerRuc: 'RUC del empleador',
  employerBranch: 'Sucursal',
  employerLegalName: 'Razón social',
  representativeIdNumber: 'Número de documento del representante legal',
  representativeNames: 'Nombres del representante legal',
  representativeNationality: 'Nacionalidad',
  passportExpiryDate: 'Caducidad del pasaporte',
  foreignerCode: 'Código de identificación para extranjeros',
  visaCategory: 'Categoría de visa',
  visaNumber: 'Número de visa',
  visaIssueDate: 'Emisión de la visa',
  visaExpiryDate: 'Caducidad de la visa',
  email: 'Correo electrónico',
  mobile: 'Celular',
  address: 'Dirección del empleador',
  thirdPartyNames: 'Nombres del tercero autorizado',
  thirdPartyCedula: 'Cédula del tercero autorizado',
  artisanNumber: 'Número de calificación artesanal',
  artisanBranch: 'Rama artesanal',
  artisanIssueDate: 'Expedición de la calificación artesanal',
  artisanExpiryDate: 'Caducidad de la calificación artesanal',
};

const PROFILE_FIELDS = new Set<IntakeField>(['applicantKind', 'representativeIdType', 'representativeNationality', 'foreignerRegistration']);

/** Identified by the code, or by passport and registered: the code is one of the documents (line 63). */
export function iessRegistered(draft: Pick<IntakeDraft, 'representativeIdType' | 'foreignerRegistration'>): boolean {
  const idType = readField(draft, 'representativeIdType');
  return idType === 'codigo_extranjero' || (idType === 'pasaporte' && readField(draft, 'foreignerRegistration') === 'registrado');
}

function buildProfile(kind: ApplicantKind, idType: RepresentativeIdType, foreign: boolean, draft: IntakeDraft, options: IntakeOptions): RequirementProfile {
  return {
    applicantKind: kind,
    channel: options.channel ?? 'presencial',
    viaThirdParty: draft.viaThirdParty === true,
    representativeHasCedula: idType === 'cedula',
    representativeIsForeign: foreign,
    artisan: draft.artisan === true,
    representativeIessRegistered: iessRegistered(draft),
    date: options.attentionDate,
  };
}

type Record_ = (field: IntakeTextField, result: CheckResult) => boolean;
type Fail = (field: IntakeField, code: string, message: string) => void;

function checkRepresentativeId(idType: RepresentativeIdType, value: string, options: IntakeOptions, record: Record_, fail: Fail): void {
  if (idType === 'cedula') record('representativeIdNumber', checkCedula(value));
  else if (idType === 'codigo_extranjero') record('representativeIdNumber', checkForeignerCode(value, { pattern: options.foreignerCodePattern }));
  else {
    const passport = value.replace(/[\s-]/g, '').toUpperCase();
    if (/^[A-Z0-9]{3,20}$/.test(passport)) record('representativeIdNumber', { ok: true, errors: [], warnings: [], normalized: passport });
    else fail('representativeIdNumber', 'intake.passport.format', 'El número de pasaporte tiene de 3 a 20 letras o números.');
  }
}

/** Foreign nationals show passport and visa (seed 004, lines 66–71). */
function checkForeignDocuments(draft: IntakeDraft, options: IntakeOptions, record: Record_, fail: Fail, warnings: IntakeFinding[]): void {
  const expiry = draft.passportExpiryDate ?? '';
  if (!isIsoDate(expiry)) fail('passportExpiryDate', 'intake.passport.expiry_required', 'Ingrese la fecha de caducidad del pasaporte (dd/mm/aaaa).');
  else if (compareIsoDates(expiry, options.attentionDate) < 0) {
    fail('passportExpiryDate', 'intake.passport.expired', `El pasaporte caducó el ${formatDateEs(expiry)}.`);
  } else if (!isWithinYearsAfter(expiry, options.attentionDate, PASSPORT_MAX_YEARS)) {
    fail('passportExpiryDate', 'intake.passport.expiry_implausible', `La caducidad del pasaporte (${formatDateEs(expiry)}) está a más de ${PASSPORT_MAX_YEARS} años: revise el año.`);
  }
  const visa = checkVisa(
    { category: draft.visaCategory, number: draft.visaNumber, issueDate: draft.visaIssueDate, expiryDate: blank(draft.visaExpiryDate) ? undefined : draft.visaExpiryDate },
    { attentionDate: options.attentionDate },
  );
  for (const i of visa.errors) fail(visaField(i.code), i.code, i.message);
  for (const i of visa.warnings) warnings.push({ field: visaField(i.code), issue: i });
  if (visa.ok && visa.visa) record('visaNumber', { ok: true, errors: [], warnings: [], normalized: visa.visa.number });
}

/**
 * Without cédula, the foreigner code is asked only of those registered or affiliated in the IESS
 * (seed 004, line 63): central answers when online; offline the clerk records «no registrado».
 */
function checkForeignerRegistration(draft: IntakeDraft, options: IntakeOptions, record: Record_, fail: Fail): void {
  const registration = draft.foreignerRegistration ?? null;
  if (registration === null) {
    fail('foreignerRegistration', 'intake.foreignerRegistration.required', 'Indique si el representante está registrado o afiliado en el IESS (consulte al IESS o registre «no registrado»).');
    return;
  }
  if (registration !== 'registrado') return;
  if (blank(draft.foreignerCode)) fail('foreignerCode', 'intake.foreignerCode.required', 'Ingrese el código de identificación para extranjeros que entregó el IESS.');
  else record('foreignerCode', checkForeignerCode(draft.foreignerCode, { pattern: options.foreignerCodePattern }));
}

function visaField(code: string): IntakeField {
  if (code.includes('category')) return 'visaCategory';
  if (code.includes('number')) return 'visaNumber';
  if (code.includes('issue')) return 'visaIssueDate';
  return 'visaExpiryDate';
}

function artisanField(code: string): IntakeField {
  if (code.includes('number')) return 'artisanNumber';
  if (code.includes('branch')) return 'artisanBranch';
  if (code.includes('issue')) return 'artisanIssueDate';
  return 'artisanExpiryDate';
}

/** Findings of one field, for showing under it. */
export function fieldFindings(check: IntakeCheck, field: IntakeField): { errors: Issue[]; warnings: Issue[] } {
  const of = (list: unknown): Issue[] =>
    Array.isArray(list) ? (list as unknown[]).filter((f) => readField(f, 'field') === field).map((f) => readField(f, 'issue') as Issue) : [];
  return { errors: of(readField(check, 'errors')), warnings: of(readField(check, 'warnings')) };
}
