// The intake form as data: the fields' labels and screen order, which fields a draft shows, how
// one edit changes the draft (the rules that tie inputs together), and the messages per field.
// Pure (no React, no DOM), so the unit tests run it in Node.
import {
  APPLICANT_KINDS,
  checkPassportMrz,
  comparePassport,
  isoToEs,
  nationalityName,
  REPRESENTATIVE_ID_TYPES,
  type IntakeCheck,
  type IntakeDraft,
  type IntakeField,
  type IntakeTextField,
  type PassportCheck,
} from '../../../../shared/domain';
import type { CallOutput } from '../../../../shared/contract';

export const FIELD_LABELS: Record<IntakeField, string> = {
  applicantKind: 'Tipo de solicitante',
  employerRuc: 'RUC',
  employerBranch: 'Sucursal',
  employerLegalName: 'Razón social',
  representativeIdType: 'Documento de identidad',
  representativeIdNumber: 'Número de documento',
  representativeNames: 'Nombres del representante',
  representativeNationality: 'Nacionalidad',
  passportExpiryDate: 'Caducidad del pasaporte',
  visaCategory: 'Categoría de visa',
  visaNumber: 'Número de visa',
  visaIssueDate: 'Emisión de la visa',
  visaExpiryDate: 'Caducidad de la visa',
  email: 'Correo electrónico',
  mobile: 'Celular',
  address: 'Dirección',
  viaThirdParty: 'Retiro por tercero',
  thirdPartyNames: 'Nombres del tercero',
  thirdPartyCedula: 'Cédula del tercero',
  artisan: 'Artesano calificado',
  artisanNumber: 'Número de calificación',
  artisanBranch: 'Rama artesanal',
  artisanIssueDate: 'Expedición de la calificación',
  artisanExpiryDate: 'Caducidad de la calificación',
};

/** Screen order: where focus goes first, and which error is shown first. */
export const FIELD_ORDER = Object.keys(FIELD_LABELS) as IntakeField[];
export const OPTIONAL = new Set<IntakeField>(['mobile', 'viaThirdParty', 'artisan']);

export const INDEFINITE = 'Indefinida';
/** The applicant kind focused when none is chosen yet. */
export const APPLICANT_KIND_DEFAULT = APPLICANT_KINDS[0].code;

export const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export const isForeign = (d: IntakeDraft) => {
  const n = (d.representativeNationality ?? '').trim().toUpperCase();
  return n !== '' && n !== 'ECU';
};

export function visibleFields(d: IntakeDraft): Set<IntakeField> {
  const hidden = new Set<IntakeField>();
  if (!isForeign(d)) for (const f of ['passportExpiryDate', 'visaCategory', 'visaNumber', 'visaIssueDate', 'visaExpiryDate'] as const) hidden.add(f);
  if (!d.viaThirdParty) for (const f of ['thirdPartyNames', 'thirdPartyCedula'] as const) hidden.add(f);
  if (!d.artisan) for (const f of ['artisanNumber', 'artisanBranch', 'artisanIssueDate', 'artisanExpiryDate'] as const) hidden.add(f);
  return new Set(FIELD_ORDER.filter((f) => !hidden.has(f)));
}

/** Where the clerk starts: the first required field still empty (after check-in, usually the kind). */
export function firstEmptyRequired(d: IntakeDraft): IntakeField {
  const vis = visibleFields(d);
  return FIELD_ORDER.find((f) => vis.has(f) && !OPTIONAL.has(f) && blank(d[f])) ?? 'applicantKind';
}

/** The core keeps '' in NOT NULL columns of a fresh draft; the contract wants null for "no choice". */
export function initialDraft(intake: CallOutput<'requests.get'>['intake']): IntakeDraft {
  return {
    viaThirdParty: false,
    artisan: false,
    ...intake,
    applicantKind: APPLICANT_KINDS.find((k) => k.code === intake.applicantKind)?.code ?? null,
    representativeIdType: REPRESENTATIVE_ID_TYPES.find((t) => t.code === intake.representativeIdType)?.code ?? null,
  };
}

// ---- Edits: what one input changes in the draft (a patch to merge) ----

export function textEdit(field: IntakeTextField, value: string): IntakeDraft {
  let v = value;
  if (field === 'representativeNationality') v = v.toUpperCase().replace(/[^A-Z]/g, '');
  if (field === 'employerBranch') v = v.replace(/\D/g, '');
  const patch: IntakeDraft = { [field]: v };
  if (field === 'visaCategory' && v === 'permanente') patch.visaExpiryDate = '';
  return patch;
}

export function kindEdit(draft: IntakeDraft, value: string): IntakeDraft {
  const kind = APPLICANT_KINDS.find((k) => k.code === value)?.code ?? null;
  const patch: IntakeDraft = { applicantKind: kind };
  // A natural Ecuadorian is their own representative, with cédula and nationality ECU.
  if (kind === 'natural_ecuatoriana') Object.assign(patch, { representativeNationality: 'ECU', representativeIdType: 'cedula' });
  if (kind === 'juridica_publica' && draft.artisan) patch.artisan = false;
  return patch;
}

/**
 * A natural person is their own employer: the razón social is their name. While the clerk types
 * the name, the razón social follows it, unless the clerk wrote a different one (then it stays).
 */
export function withLegalNameFromNames(draft: IntakeDraft, patch: IntakeDraft): IntakeDraft {
  const next = { ...draft, ...patch };
  const natural = next.applicantKind === 'natural_ecuatoriana' || next.applicantKind === 'natural_extranjera';
  if (!natural || 'employerLegalName' in patch) return patch;
  // Following: empty, or still what the name was (cleared together with it too).
  const legal = (draft.employerLegalName ?? '').trim();
  const following = legal === '' || legal === (draft.representativeNames ?? '').trim();
  const names = next.representativeNames ?? '';
  if (!following || names === (draft.employerLegalName ?? '')) return patch;
  return { ...patch, employerLegalName: names };
}

export function idTypeEdit(draft: IntakeDraft, value: string): IntakeDraft {
  const idType = REPRESENTATIVE_ID_TYPES.find((t) => t.code === value)?.code ?? null;
  // A number typed for another kind of document (often the turno's cédula) does not carry over.
  const patch: IntakeDraft = { representativeIdType: idType };
  if (idType !== draft.representativeIdType) patch.representativeIdNumber = '';
  return patch;
}

/** "GARCIA LOPEZ" → "Garcia Lopez": the MRZ has no case nor accents; the clerk adds accents. */
export const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

/** The passport reader: a clean read (or one only expired) fills the representative's fields. */
export function mrzEdit(read: PassportCheck): IntakeDraft | null {
  const p = read.passport;
  if (!p || !read.errors.every((e) => e.code === 'passport.expired')) return null;
  return {
    representativeIdType: 'pasaporte',
    representativeIdNumber: p.documentNumber,
    representativeNames: titleCase(`${p.surnames} ${p.givenNames}`.trim()),
    representativeNationality: p.nationality,
    passportExpiryDate: p.expiryDate ?? '',
  };
}

export const readMrz = (value: string, attentionDate: string) => checkPassportMrz(value, { attentionDate });

export interface MrzFeedback {
  errors: string[];
  /** Differences between what the reader read and what is typed in the fields. */
  mismatches: string[];
  read: string | null;
  /** Look-alike characters the reader may have confused: offered, applied only by the clerk. */
  suggestion: { message: string; mrz: string } | null;
}

/** What the MRZ field says under it: the read, its errors, where it disagrees with the form, and a correction to offer. */
export function mrzFeedback(read: PassportCheck | null, draft: IntakeDraft): MrzFeedback | null {
  if (!read) return null;
  const p = read.passport;
  const mismatches = p
    ? comparePassport(p, { documentNumber: draft.representativeIdNumber, fullName: draft.representativeNames, nationality: draft.representativeNationality, expiryDate: draft.passportExpiryDate }).errors.map((e) => e.message)
    : [];
  const line = p ? `${p.documentNumber} · ${p.surnames}, ${p.givenNames} · ${p.nationality} (${nationalityName(p.nationality) ?? 'código desconocido'}) · caduca ${isoToEs(p.expiryDate ?? '') || '—'}` : null;
  const suggestion = read.suggestion ? { message: read.warnings.map((w) => w.message).join(' '), mrz: read.suggestion.mrz } : null;
  return { errors: read.errors.map((e) => e.message), mismatches, read: line, suggestion };
}

// ---- Messages ----

/** One string per field (the domain's findings joined; the core's where the domain has none). */
export function fieldMessages(check: IntakeCheck, serverErrors: Partial<Record<IntakeField, string>>) {
  const errors: Partial<Record<IntakeField, string>> = {};
  const warnings: Partial<Record<IntakeField, string>> = {};
  for (const e of check.errors) errors[e.field] = errors[e.field] ? `${errors[e.field]} ${e.issue.message}` : e.issue.message;
  for (const w of check.warnings) warnings[w.field] = warnings[w.field] ? `${warnings[w.field]} ${w.issue.message}` : w.issue.message;
  for (const [f, m] of Object.entries(serverErrors) as [IntakeField, string][]) errors[f] ??= m;
  return { errors, warnings };
}

export interface WarningToAck {
  code: string;
  message: string;
  field: IntakeField;
}

/** The warnings the clerk confirms one by one, once per code. */
export function warningsToAck(check: IntakeCheck): WarningToAck[] {
  const seen = new Map<string, WarningToAck>();
  for (const w of check.warnings) if (!seen.has(w.issue.code)) seen.set(w.issue.code, { code: w.issue.code, message: w.issue.message, field: w.field });
  return [...seen.values()];
}

export function ackLabel(code: string, field: IntakeField): string {
  if (code === 'ruc.sri_confirm') return 'Confirmé con el SRI que el RUC existe y está activo';
  if (code === 'ruc.kind') return 'Confirmé el tipo de solicitante con el certificado del RUC';
  if (code === 'email.domain_typo') return 'Confirmé el correo con el solicitante';
  return `Revisé con el documento: ${FIELD_LABELS[field]}`;
}
