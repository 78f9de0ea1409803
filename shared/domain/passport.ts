/**
 * Passport MRZ, ICAO Doc 9303 TD3 (DOMAIN §4.3).
 *
 * The `mrz` package verifies the zone (every check digit, the ICAO state codes, field syntax)
 * and proposes the usual scanner corrections (O/0, I/1, B/8… by field type); we do the parts
 * it does not: clean what a keyboard-wedge reader typed, refuse characters an MRZ cannot hold
 * (never folding them to ASCII), read the fixed TD3 positions into our own shape, resolve
 * two-digit years, judge expiry against the date of attention, offer the library's
 * corrections as a suggestion the clerk must accept, and word every finding in Spanish.
 */
import { parse as parseMrz, type Details, type FieldName } from 'mrz';
import {
  compareIsoDates,
  formatDateEs,
  isAttentionDate,
  isIsoDate,
  isValidCalendarDate,
  toIsoDate,
  type DatedCheckOptions,
  type IsoDate,
} from './dates';
import { readField } from './fields';
import { checkResult, issue, type CheckResult, type Issue } from './issues';
import { nationalityName, sameNationality } from './nationality';
import { mrzNameMatches } from './transliteration';

export { toMrzName, mrzNameForms, mrzNameMatches } from './transliteration';

export const TD3_LINE_LENGTH = 44;

/**
 * Latest plausible expiry, in years after the date of attention: states issue passports for
 * at most 10 years (ICAO 9303 Part 2 leaves validity to the state; none exceeds 10), plus one
 * year for the months some states carried over from the previous passport.
 */
export const PASSPORT_MAX_YEARS = 11;

export type PassportSex = 'M' | 'F' | 'X';

export interface PassportData {
  documentNumber: string;
  /** ICAO code of the issuing state (alpha-3, e.g. "COL"). */
  issuingState: string;
  /** ICAO code of the holder's nationality (alpha-3, e.g. "VEN"). */
  nationality: string;
  surnames: string;
  givenNames: string;
  /** Null when the MRZ date is not a real calendar date. */
  birthDate: IsoDate | null;
  /** 'X' = unspecified ('<' or 'X' in the MRZ). */
  sex: PassportSex;
  expiryDate: IsoDate | null;
  personalNumber: string;
  /** The name field was full: long names are cut in the MRZ, so compare by prefix. */
  namesTruncated: boolean;
}

/** One scanner correction the `mrz` package proposes: position (1-based) and characters. */
export interface MrzCorrection {
  line: 1 | 2;
  position: number;
  read: string;
  proposed: string;
}

export interface MrzSuggestion {
  /** The two lines with the corrections applied, as the reader should have typed them. */
  mrz: string;
  corrections: MrzCorrection[];
}

export interface PassportCheck extends CheckResult {
  /** What was read, even when a check failed, so the clerk sees what the reader typed. */
  passport: PassportData | null;
  /**
   * When the zone fails only because the reader confused look-alike characters (O/0, I/1,
   * B/8, S/5, Z/2, G/6 by field type), the corrected zone — offered, never applied: the clerk
   * compares it with the passport and accepts it.
   */
  suggestion: MrzSuggestion | null;
}

/** The date of attention judges expiry and resolves the century of two-digit years. */
export function checkPassportMrz(value: unknown, options: DatedCheckOptions): PassportCheck {
  const attentionDate = readField(options, 'attentionDate');
  if (!isAttentionDate(attentionDate)) return failed([ATTENTION_DATE]);
  if (typeof value !== 'string' || value.trim() === '') return failed([EMPTY]);
  const lines = readLines(value);
  if (lines.kind === 'characters') return failed([characters(lines.found)]);
  if (lines.kind === 'shape') return failed([wrongShape(lines.lengths)]);
  const result = checkLines(lines.lines, attentionDate);
  const fixable = result.errors.some((e) => e.code !== 'passport.expired');
  const suggestion = fixable ? suggestCorrection(lines.lines, attentionDate) : null;
  const warnings = suggestion ? [suggestionIssue(suggestion)] : [];
  return { ...result, warnings, suggestion };
}

function checkLines(lines: [string, string], attentionDate: IsoDate): Omit<PassportCheck, 'suggestion'> {
  if (lines[0][0] !== 'P') return failed([NOT_PASSPORT]);
  const passport = readTd3(lines, attentionDate);
  const errors = verifyWithLibrary(lines);
  addDateIssues(passport, attentionDate, errors);
  return { ...checkResult(errors, [], `${lines[0]}\n${lines[1]}`), passport };
}

/**
 * The library's look-alike corrections, offered only when they make the zone pass every
 * check (an expired passport aside): a correction that still fails is not worth showing.
 */
function suggestCorrection(lines: [string, string], attentionDate: IsoDate): MrzSuggestion | null {
  let details: Details[];
  try {
    details = parseMrz([...lines], { autocorrect: true }).details;
  } catch {
    return null;
  }
  const corrections: MrzCorrection[] = [];
  const fixed = [lines[0].split(''), lines[1].split('')];
  for (const detail of details) {
    for (const change of detail.autocorrect) {
      const row = fixed[change.line];
      if (row === undefined || row[change.column] !== change.original) continue;
      row[change.column] = change.corrected;
      corrections.push({ line: change.line === 0 ? 1 : 2, position: change.column + 1, read: change.original, proposed: change.corrected });
    }
  }
  if (corrections.length === 0) return null;
  const corrected: [string, string] = [fixed[0]!.join(''), fixed[1]!.join('')];
  const again = checkLines(corrected, attentionDate);
  if (again.errors.some((e) => e.code !== 'passport.expired')) return null;
  return { mrz: `${corrected[0]}\n${corrected[1]}`, corrections };
}

type ReadLines =
  | { kind: 'lines'; lines: [string, string] }
  | { kind: 'characters'; found: string }
  | { kind: 'shape'; lengths: string };

/**
 * A wedge reader "types" the MRZ: lines may come with CR, LF, both, or none (88 characters
 * in a row), in lower case if Caps Lock was on, with stray spaces or control characters.
 * Anything else outside A–Z, 0–9 and < is refused as read — never folded to ASCII (upper-
 * casing first would turn ß into SS, ı into I, ſ into S and ﬀ into FF, and hide a misread).
 */
function readLines(raw: string): ReadLines {
  const cleaned = raw
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\p{Cc}]/gu, ''))
    .filter((line) => line.length > 0);
  const foreign = [...new Set(cleaned.join('').match(/[^A-Za-z0-9<]/gu) ?? [])];
  if (foreign.length > 0) return { kind: 'characters', found: foreign.slice(0, 5).join(' ') };
  const shape = splitLines(cleaned.map((line) => line.toUpperCase()));
  return typeof shape === 'string' ? { kind: 'shape', lengths: shape } : { kind: 'lines', lines: shape };
}

/** The two lines, or a description of what was read for the error message. */
function splitLines(chunks: string[]): [string, string] | string {
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only !== undefined && only.length === 2 * TD3_LINE_LENGTH) {
    return [only.slice(0, TD3_LINE_LENGTH), only.slice(TD3_LINE_LENGTH)];
  }
  const [first, second] = chunks;
  if (chunks.length === 2 && first?.length === TD3_LINE_LENGTH && second?.length === TD3_LINE_LENGTH) {
    return [first, second];
  }
  return chunks.map((line) => line.length).join(' + ') || '0';
}

function readTd3([first, second]: [string, string], attentionDate: IsoDate): PassportData {
  const nameField = first.slice(5, 44);
  const separator = nameField.indexOf('<<');
  const surnames = separator < 0 ? nameField : nameField.slice(0, separator);
  const givenNames = separator < 0 ? '' : nameField.slice(separator + 2);
  const sex = second[20];
  return {
    documentNumber: fillerToSpace(second.slice(0, 9)).replace(/ /g, ''),
    issuingState: fillerToSpace(first.slice(2, 5)),
    nationality: fillerToSpace(second.slice(10, 13)),
    surnames: fillerToSpace(surnames),
    givenNames: fillerToSpace(givenNames),
    birthDate: mrzDate(second.slice(13, 19), attentionDate, 'past'),
    sex: sex === 'M' || sex === 'F' ? sex : 'X',
    expiryDate: mrzDate(second.slice(21, 27), attentionDate, 'future'),
    personalNumber: fillerToSpace(second.slice(28, 42)).replace(/ /g, ''),
    namesTruncated: first[43] !== '<',
  };
}

function fillerToSpace(field: string): string {
  return field.replace(/</g, ' ').trim().replace(/ +/g, ' ');
}

/**
 * YYMMDD to ISO. A birth date is the latest century not after the date of attention; an
 * expiry is this century unless that puts it more than 50 years ahead (old documents).
 */
function mrzDate(yymmdd: string, attentionDate: IsoDate, side: 'past' | 'future'): IsoDate | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const attentionYear = Number(attentionDate.slice(0, 4));
  const century = Math.floor(attentionYear / 100) * 100;
  let year = century + yy;
  if (side === 'past' && toIsoDate(year, month, day) > attentionDate) year -= 100;
  if (side === 'future' && year > attentionYear + 50) year -= 100;
  return isValidCalendarDate(year, month, day) ? toIsoDate(year, month, day) : null;
}

/** Runs the `mrz` verifier and turns each invalid field into our coded Spanish issue. */
function verifyWithLibrary(lines: [string, string]): Issue[] {
  let details: Details[];
  try {
    details = parseMrz([...lines]).details;
  } catch {
    // The library throws only on shapes we already rejected; stay total regardless.
    return [wrongShape(`${lines[0].length} + ${lines[1].length}`)];
  }
  // ICAO 9303 (8th ed.) lets states print X for unspecified sex; the library knows M, F, < only.
  const sexIsX = lines[1][20] === 'X';
  const errors: Issue[] = [];
  for (const detail of details) {
    if (detail.valid || (detail.field === 'sex' && sexIsX)) continue;
    const found = detail.field === null ? GENERIC_FIELD : FIELD_ISSUES[detail.field] ?? GENERIC_FIELD;
    if (!errors.includes(found)) errors.push(found);
  }
  return errors;
}

function addDateIssues(passport: PassportData, attentionDate: IsoDate, errors: Issue[]): void {
  // The library checks month 1–12 and day 1–31 only; 310230 must fail too.
  if (passport.birthDate === null && !errors.includes(BIRTH_DATE)) errors.push(BIRTH_DATE);
  if (passport.expiryDate === null) {
    if (!errors.includes(EXPIRY_DATE)) errors.push(EXPIRY_DATE);
    return;
  }
  const expiryCheckDigitOk = !errors.includes(EXPIRY_CHECK);
  if (expiryCheckDigitOk && compareIsoDates(passport.expiryDate, attentionDate) < 0) {
    errors.push(expired(passport.expiryDate));
  }
}

function failed(errors: Issue[]): PassportCheck {
  return { ...checkResult(errors, [], null), passport: null, suggestion: null };
}

// --- Comparing with what the clerk typed ---------------------------------------------------

export type ComparableField =
  | 'documentNumber'
  | 'nationality'
  | 'surnames'
  | 'givenNames'
  /** Surnames then given names in one field, as the intake's "Apellidos y nombres". */
  | 'fullName'
  | 'birthDate'
  | 'sex'
  | 'expiryDate';

/** Fields typed by the clerk from the passport's visual zone; absent or empty ones are skipped. */
export type TypedPassportFields = Readonly<Partial<Record<ComparableField, string | null>>>;

export interface PassportComparison {
  ok: boolean;
  errors: Issue[];
  mismatchedFields: ComparableField[];
}

export function comparePassport(read: PassportData, typed: TypedPassportFields): PassportComparison {
  const errors: Issue[] = [];
  const mismatchedFields: ComparableField[] = [];
  if (!isPassportData(read)) return { ok: false, errors: [NOTHING_READ], mismatchedFields };
  for (const field of COMPARED_FIELDS) {
    const typedValue = readField(typed, field);
    if (typeof typedValue !== 'string' || typedValue.trim() === '') continue;
    if (!fieldMatches(field, read, typedValue)) {
      mismatchedFields.push(field);
      errors.push(mismatch(field, typedValue, shownValue(read, field)));
    }
  }
  return { ok: errors.length === 0, errors, mismatchedFields };
}


function isPassportData(value: unknown): value is PassportData {
  if (typeof value !== 'object' || value === null) return false;
  const textFields = ['documentNumber', 'nationality', 'surnames', 'givenNames', 'sex'] as const;
  if (!textFields.every((field) => typeof readField(value, field) === 'string')) return false;
  const date = (field: string) => readField(value, field) === null || typeof readField(value, field) === 'string';
  return date('birthDate') && date('expiryDate') && typeof readField(value, 'namesTruncated') === 'boolean';
}

function fieldMatches(field: ComparableField, read: PassportData, typed: string): boolean {
  switch (field) {
    case 'surnames':
    case 'givenNames':
      return mrzNameMatches(read[field], typed, read.namesTruncated);
    case 'fullName':
      return mrzNameMatches(`${read.surnames} ${read.givenNames}`, typed, read.namesTruncated);
    case 'nationality':
      return sameNationality(read.nationality, typed);
    case 'documentNumber':
      return read[field] === typed.toUpperCase().replace(/[\s\-.]/g, '');
    case 'sex':
      return read.sex === typed.trim().toUpperCase();
    case 'birthDate':
    case 'expiryDate':
      return read[field] === typed.trim();
  }
}

function shownValue(read: PassportData, field: ComparableField): string {
  if (field === 'fullName') return `${read.surnames} ${read.givenNames}`.trim();
  const value = read[field];
  if (value === null) return '(ilegible)';
  if (field === 'nationality') return nationalityName(value) === null ? value : `${value}, ${nationalityName(value)}`;
  return field === 'birthDate' || field === 'expiryDate' ? formatDateEs(value) : value;
}

const FIELD_NAMES: Readonly<Record<ComparableField, { code: string; label: string }>> = {
  documentNumber: { code: 'document_number', label: 'Número de pasaporte' },
  nationality: { code: 'nationality', label: 'Nacionalidad' },
  surnames: { code: 'surnames', label: 'Apellidos' },
  givenNames: { code: 'given_names', label: 'Nombres' },
  fullName: { code: 'full_name', label: 'Apellidos y nombres' },
  birthDate: { code: 'birth_date', label: 'Fecha de nacimiento' },
  sex: { code: 'sex', label: 'Sexo' },
  expiryDate: { code: 'expiry_date', label: 'Fecha de caducidad' },
};

const COMPARED_FIELDS = Object.keys(FIELD_NAMES) as ComparableField[];

function mismatch(field: ComparableField, typed: string, read: string): Issue {
  const { code, label } = FIELD_NAMES[field];
  const shownTyped = isIsoDate(typed.trim()) ? formatDateEs(typed.trim()) : typed.trim();
  return issue(
    `passport.mismatch.${code}`,
    `${label}: se digitó «${shownTyped}» pero el pasaporte dice «${read}».`,
  );
}

// --- Messages ------------------------------------------------------------------------------

const EMPTY = issue('passport.mrz.empty', 'Pase el pasaporte por el lector o digite las dos líneas de la zona de lectura mecánica (MRZ).');
const NOTHING_READ = issue('passport.compare.nothing_read', 'No hay datos leídos del pasaporte con qué comparar.');
const NOT_PASSPORT = issue('passport.mrz.document_code', 'El documento leído no es un pasaporte (la primera línea no empieza con P).');
const ATTENTION_DATE = issue('passport.attention_date', 'No se puede verificar el pasaporte: la fecha de atención no es válida.');
const BIRTH_DATE = issue('passport.mrz.birth_date', 'La fecha de nacimiento de la zona de lectura mecánica no es una fecha válida.');
const EXPIRY_DATE = issue('passport.mrz.expiry_date', 'La fecha de caducidad de la zona de lectura mecánica no es una fecha válida.');
const EXPIRY_CHECK = issue('passport.mrz.expiry_date_check', 'El dígito verificador de la fecha de caducidad no es válido.');
const NAMES = issue('passport.mrz.names', 'Los apellidos o nombres de la zona de lectura mecánica no son legibles.');
const GENERIC_FIELD = issue('passport.mrz.field', 'Un campo de la zona de lectura mecánica no es válido. Vuelva a leer el pasaporte.');

const FIELD_ISSUES: Readonly<Partial<Record<FieldName, Issue>>> = {
  documentCode: NOT_PASSPORT,
  issuingState: issue('passport.mrz.issuing_state', 'El código del país emisor del pasaporte no es un código ICAO válido.'),
  lastName: NAMES,
  firstName: NAMES,
  documentNumber: issue('passport.mrz.document_number', 'El número de pasaporte de la zona de lectura mecánica no es legible.'),
  documentNumberCheckDigit: issue('passport.mrz.document_number_check', 'El dígito verificador del número de pasaporte no es válido.'),
  nationality: issue('passport.mrz.nationality', 'El código de nacionalidad del pasaporte no es un código ICAO válido.'),
  birthDate: BIRTH_DATE,
  birthDateCheckDigit: issue('passport.mrz.birth_date_check', 'El dígito verificador de la fecha de nacimiento no es válido.'),
  sex: issue('passport.mrz.sex', 'El sexo de la zona de lectura mecánica debe ser M, F o <.'),
  expirationDate: EXPIRY_DATE,
  expirationDateCheckDigit: EXPIRY_CHECK,
  personalNumber: issue('passport.mrz.personal_number', 'El número personal de la zona de lectura mecánica no es legible.'),
  personalNumberCheckDigit: issue('passport.mrz.personal_number_check', 'El dígito verificador del número personal no es válido.'),
  compositeCheckDigit: issue('passport.mrz.composite_check', 'El dígito verificador general de la zona de lectura mecánica no es válido.'),
};

function characters(found: string): Issue {
  return issue(
    'passport.mrz.characters',
    `La zona de lectura mecánica solo puede tener letras A-Z sin tildes, números y el signo <; se leyó: ${found}. Vuelva a leer el pasaporte (revise la distribución del teclado del lector).`,
  );
}

function suggestionIssue(suggestion: MrzSuggestion): Issue {
  const changes = suggestion.corrections
    .slice(0, 6)
    .map((c) => `línea ${c.line}, posición ${c.position}: «${c.read}» por «${c.proposed}»`)
    .join('; ');
  return issue(
    'passport.mrz.suggestion',
    `El lector pudo confundir caracteres parecidos (${changes}). Compare con el pasaporte y, si coincide, use la corrección propuesta.`,
  );
}

function wrongShape(lengthsRead: string): Issue {
  return issue(
    'passport.mrz.format',
    `La zona de lectura mecánica debe tener dos líneas de 44 caracteres; se leyó: ${lengthsRead}. Vuelva a pasar el pasaporte por el lector.`,
  );
}

function expired(expiryDate: IsoDate): Issue {
  return issue('passport.expired', `El pasaporte está caducado: venció el ${formatDateEs(expiryDate)}.`);
}
