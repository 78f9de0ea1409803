/**
 * «Registro de extranjero sin cédula» (docs/seeds/002_7cf0ad12e8c8a3b1.txt:11–18): a foreign worker
 * without an Ecuadorian cédula is registered in person (002:14) with a colour copy of the passport,
 * enlarged (002:17), and a copy of the work contract registered in the SUT (002:18); central answers
 * with the foreigner's identification code (000:38, 001:10) that the online password procedure then
 * takes in place of a cédula (002:6). The intake's schema (zod) and its checks: the screen shows
 * them as the clerk types, the core re-checks with the same function
 * (electron/core/counter/foreigner-registration.ts).
 */
import { z } from 'zod';
import type { CatalogEntry, DocumentType, PaperOrigin, Presentation, SignatureKind, Signer } from './catalogs';
import { checkPersonName } from './contact';
import { addYears, compareIsoDates, formatDateEs, isIsoDate, isWithinYearsAfter, type IsoDate } from './dates';
import { readField } from './fields';
import { issue, type Issue } from './issues';
import { checkNationality, sameNationality } from './nationality';
import { checkPassportMrz, comparePassport, PASSPORT_MAX_YEARS, type PassportData } from './passport';
import { checkPrintable } from './printable';
import type { Citation } from './requirements';
import { checkRuc } from './ruc';
import { tidyText } from './text';

export const FOREIGNER_SEED = 'seeds/002_7cf0ad12e8c8a3b1.txt';

export const SEXES = [
  { code: 'F', label: 'Femenino' },
  { code: 'M', label: 'Masculino' },
  { code: 'X', label: 'No especificado' },
] as const satisfies readonly CatalogEntry[];
export type Sex = (typeof SEXES)[number]['code'];

const Text = (max: number) => z.string().max(max, { error: `Máximo ${max} caracteres.` });

/** What the screen sends while the clerk types: incomplete values are accepted, checkForeignerRegistration decides. */
export const ForeignerRegistrationDraftSchema = z
  .object({
    /** The passport's machine-readable zone, as the document reader typed it (two lines of 44). */
    mrz: Text(100),
    passportNumber: Text(20),
    /** yyyy-mm-dd. */
    passportExpiryDate: Text(10),
    /** ICAO code (COL, VEN, D…). */
    nationality: Text(3),
    /** «Apellidos y nombres», with accents as the passport's visual zone shows them. */
    names: Text(160),
    birthDate: Text(10),
    sex: z.enum(['F', 'M', 'X']).nullable(),
    employerRuc: Text(20),
    contractNumber: Text(40),
    contractDate: Text(10),
    position: Text(120),
    startDate: Text(10),
  })
  .partial()
  .strict();
export type ForeignerRegistrationDraft = z.infer<typeof ForeignerRegistrationDraftSchema>;

/**
 * The non-personal part kept in `requests.details.foreigner` (validated with this schema when
 * written and read back): whether the data were checked against the MRZ. Everything about the
 * person and the contract goes to PERSONAL columns the retention purge clears (db/schema.ts).
 */
export const ForeignerRegistrationDetailsSchema = z.object({ mrzChecked: z.boolean() }).strict();
export type ForeignerRegistrationDetails = z.infer<typeof ForeignerRegistrationDetailsSchema>;

export type ForeignerField = keyof ForeignerRegistrationDraft;

export interface ForeignerRegistrationData {
  mrz: string;
  passportNumber: string;
  passportExpiryDate: IsoDate;
  nationality: string;
  names: string;
  birthDate: IsoDate;
  sex: Sex;
  employerRuc: string;
  contractNumber: string;
  contractDate: IsoDate;
  position: string;
  startDate: IsoDate;
}

export interface ForeignerRegistrationCheck {
  ok: boolean;
  /** One per field at most, keyed by the field the screen shows. */
  errors: { field: ForeignerField; issue: Issue }[];
  warnings: { field: ForeignerField; issue: Issue }[];
  /** What the MRZ holds, even when another field fails (the screen fills the fields from it). */
  passport: PassportData | null;
  normalized: ForeignerRegistrationData | null;
}

/**
 * *(assumption)* The SUT's contract number: the Ministerio del Trabajo does not publish its shape;
 * letters, digits and - / . between them, up to 40, until it does.
 */
const CONTRACT_NUMBER = /^[A-Z0-9]+(?:[-/.][A-Z0-9]+)*$/;

const MRZ_REQUIRED = issue('foreigner.mrz_required', 'Pase el pasaporte por el lector o digite las dos líneas de la zona de lectura mecánica (MRZ).');
const ECUADORIAN = issue('foreigner.ecuadorian', 'Un ecuatoriano se identifica con su cédula: este trámite es para extranjeros sin cédula (ficha 002, línea 13).');
const DATE_REQUIRED = (what: string) => issue('foreigner.date_required', `Ingrese ${what} (dd/mm/aaaa).`);
const DATE_FUTURE = (what: string) => issue('foreigner.date_future', `${what} no puede ser posterior a la fecha de atención.`);
const SEX_REQUIRED = issue('foreigner.sex_required', 'Indique el sexo que consta en el pasaporte.');
const CONTRACT_REQUIRED = issue('foreigner.contract_required', 'Ingrese el número del contrato registrado en el SUT.');
const CONTRACT_FORMAT = issue('foreigner.contract_format', 'El número de contrato del SUT admite letras, dígitos y - / . entre ellos.');
const POSITION_REQUIRED = issue('foreigner.position_required', 'Ingrese el cargo que consta en el contrato.');
/**
 * *(assumption)* The minimum age for any work in Ecuador (Código de la Niñez y Adolescencia,
 * art. 82: fifteen years): a worker younger than that on the contract's date is a misread birth
 * date or a contract the IESS cannot register; either way the clerk does not send it.
 */
export const MINIMUM_WORKING_AGE = 15;
const BORN_AFTER_CONTRACT = issue('foreigner.born_after_contract', 'La fecha de nacimiento es posterior a la fecha del contrato: revise ambas fechas con el pasaporte y el contrato.');
const UNDER_WORKING_AGE = issue(
  'foreigner.under_working_age',
  `El trabajador tenía menos de ${MINIMUM_WORKING_AGE} años en la fecha del contrato, la edad mínima para trabajar: revise la fecha de nacimiento con el pasaporte.`,
);
const START_BEFORE_CONTRACT = issue('foreigner.start_before_contract', 'La fecha de inicio de labores es anterior a la fecha del contrato: revísela con el contrato.');

function checkDate(value: string | undefined, what: string, attentionDate: IsoDate, notFuture: boolean): { date: IsoDate | null; issue: Issue | null } {
  const v = (value ?? '').trim();
  if (!isIsoDate(v)) return { date: null, issue: DATE_REQUIRED(what) };
  if (notFuture && compareIsoDates(v, attentionDate) > 0) return { date: null, issue: DATE_FUTURE(what.replace(/^la /, 'La ')) };
  return { date: v, issue: null };
}

/**
 * The intake's checks: the passport zone verified (check digits, expiry at the date of attention)
 * and compared with what was typed from the visual zone; the employer's RUC; the SUT contract.
 */
export function checkForeignerRegistration(input: unknown, options: { attentionDate: IsoDate }): ForeignerRegistrationCheck {
  // Total (test/unit/domain/totality.test.ts): anything that is not a draft reads as an empty one.
  const parsed = ForeignerRegistrationDraftSchema.safeParse(input);
  const d: ForeignerRegistrationDraft = parsed.success ? parsed.data : {};
  const given = readField(options, 'attentionDate');
  const attentionDate = isIsoDate(given) ? given : '2000-01-01';
  const errors: ForeignerRegistrationCheck['errors'] = [];
  const warnings: ForeignerRegistrationCheck['warnings'] = [];
  const fail = (field: ForeignerField, found: Issue | undefined | null) => {
    if (found && !errors.some((e) => e.field === field)) errors.push({ field, issue: found });
  };

  let passport: PassportData | null = null;
  if (!d.mrz || d.mrz.trim() === '') fail('mrz', MRZ_REQUIRED);
  else {
    const read = checkPassportMrz(d.mrz, { attentionDate });
    passport = read.passport;
    // An expired passport is said once, under the typed expiry date (checked below), when there is
    // one: the zone and the field then tell the same thing twice.
    const typedExpiry = (d.passportExpiryDate ?? '').trim() !== '';
    fail('mrz', read.errors.find((e) => !(typedExpiry && e.code === 'passport.expired')));
    for (const w of read.warnings) warnings.push({ field: 'mrz', issue: w });
    if (passport) {
      const compared = comparePassport(passport, {
        documentNumber: d.passportNumber ?? null,
        nationality: d.nationality ?? null,
        fullName: d.names ?? null,
        birthDate: d.birthDate ?? null,
        sex: d.sex ?? null,
        expiryDate: d.passportExpiryDate ?? null,
      });
      const fieldOf = { documentNumber: 'passportNumber', nationality: 'nationality', fullName: 'names', birthDate: 'birthDate', sex: 'sex', expiryDate: 'passportExpiryDate' } as const;
      compared.mismatchedFields.forEach((f, i) => {
        if (f in fieldOf) fail(fieldOf[f as keyof typeof fieldOf], compared.errors[i]);
      });
    }
  }
  const passportNumber = (d.passportNumber ?? '').toUpperCase().replace(/[\s\-.]/g, '');
  if (passportNumber === '') fail('passportNumber', issue('foreigner.passport_required', 'Ingrese el número de pasaporte.'));
  const expiry = checkDate(d.passportExpiryDate, 'la fecha de caducidad del pasaporte', attentionDate, false);
  fail('passportExpiryDate', expiry.issue);
  if (expiry.date && compareIsoDates(expiry.date, attentionDate) < 0) {
    fail('passportExpiryDate', issue('foreigner.passport_expired', `El pasaporte está caducado: venció el ${formatDateEs(expiry.date)}.`));
  } else if (expiry.date && !isWithinYearsAfter(expiry.date, attentionDate, PASSPORT_MAX_YEARS)) {
    // As the employer intake (intake.ts checkForeignDocuments): no state issues a passport this long.
    fail('passportExpiryDate', issue('foreigner.passport_expiry_implausible', `La caducidad del pasaporte (${formatDateEs(expiry.date)}) está a más de ${PASSPORT_MAX_YEARS} años: revise el año.`));
  }
  const nationality = checkNationality(d.nationality);
  fail('nationality', nationality.errors[0]);
  if (nationality.ok && sameNationality(nationality.normalized, 'ECU')) fail('nationality', ECUADORIAN);
  const names = checkPersonName(d.names);
  fail('names', names.errors[0]);
  const birth = checkDate(d.birthDate, 'la fecha de nacimiento', attentionDate, true);
  fail('birthDate', birth.issue);
  if (!d.sex) fail('sex', SEX_REQUIRED);
  const ruc = checkRuc(d.employerRuc);
  fail('employerRuc', ruc.errors[0]);
  for (const w of ruc.warnings) warnings.push({ field: 'employerRuc', issue: w });
  const contractNumber = (d.contractNumber ?? '').trim().toUpperCase();
  if (contractNumber === '') fail('contractNumber', CONTRACT_REQUIRED);
  else if (!CONTRACT_NUMBER.test(contractNumber)) fail('contractNumber', CONTRACT_FORMAT);
  const contractDate = checkDate(d.contractDate, 'la fecha del contrato', attentionDate, true);
  fail('contractDate', contractDate.issue);
  // Printed on the Solicitud and sent to central: only what the forms can show (printable.ts).
  const position = tidyText(d.position);
  if (position === '') fail('position', POSITION_REQUIRED);
  else fail('position', checkPrintable(position, { label: 'Cargo' }));
  if (birth.date && contractDate.date) {
    if (compareIsoDates(birth.date, contractDate.date) >= 0) fail('birthDate', BORN_AFTER_CONTRACT);
    else if (compareIsoDates(addYears(birth.date, MINIMUM_WORKING_AGE), contractDate.date) > 0) fail('birthDate', UNDER_WORKING_AGE);
  }
  const start = checkDate(d.startDate, 'la fecha de inicio de labores', attentionDate, false);
  fail('startDate', start.issue);
  if (start.date && contractDate.date && compareIsoDates(start.date, contractDate.date) < 0) warnings.push({ field: 'startDate', issue: START_BEFORE_CONTRACT });

  if (errors.length > 0) return { ok: false, errors, warnings, passport, normalized: null };
  return {
    ok: true,
    errors,
    warnings,
    passport,
    normalized: {
      mrz: checkPassportMrz(d.mrz, { attentionDate }).normalized!,
      passportNumber,
      passportExpiryDate: expiry.date!,
      nationality: nationality.normalized!,
      names: names.normalized!,
      birthDate: birth.date!,
      sex: d.sex!,
      employerRuc: ruc.normalized!,
      contractNumber,
      contractDate: contractDate.date!,
      position,
      startDate: start.date!,
    },
  };
}

/** One paper of the foreigner's checklist, with the sheet line it comes from. */
export interface ForeignerDocument {
  documentType: DocumentType;
  ruleId: string;
  citation: Citation;
  presentation: Presentation;
  signature: SignatureKind | null;
  signer: Signer | null;
  origins: readonly PaperOrigin[];
  /** Verified only with its scan attached (the supervisor reviews the scan, not the paper). */
  scanRequired: boolean;
}

const at = (from: number, to = from): Citation => ({ file: FOREIGNER_SEED, lines: [from, to] });

/**
 * The checklist: the two papers of the sheet (002:17, 002:18), each scanned for the supervisor,
 * and the request the foreigner signs by hand at the counter (printed here: 002:14, in person).
 */
export const FOREIGNER_DOCUMENTS: readonly ForeignerDocument[] = [
  { documentType: 'copia_pasaporte', ruleId: 'extranjero.pasaporte', citation: at(17), presentation: 'copia', signature: null, signer: null, origins: [], scanRequired: true },
  { documentType: 'contrato_sut', ruleId: 'extranjero.contrato_sut', citation: at(18), presentation: 'copia', signature: null, signer: null, origins: [], scanRequired: true },
  {
    documentType: 'solicitud_registro_extranjero',
    ruleId: 'extranjero.presencial',
    citation: at(14),
    presentation: 'entrega_en_ventanilla',
    signature: 'manuscrita',
    signer: null,
    origins: ['impreso'],
    scanRequired: false,
  },
];

/** The foreigner-document entry behind a checklist row's rule id ("<rule id> (<seed>:<lines>)"). */
export function foreignerDocumentOf(ruleIdText: unknown): ForeignerDocument | null {
  if (typeof ruleIdText !== 'string') return null;
  const id = ruleIdText.split(' ')[0];
  return FOREIGNER_DOCUMENTS.find((d) => d.ruleId === id) ?? null;
}
