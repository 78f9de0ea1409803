/**
 * Visa of a foreign national (DOMAIN §4.3; Ley Orgánica de Movilidad Humana): a temporary
 * residence lasts two years, a permanent residence does not expire.
 */
import { VISA_CATEGORIES, type VisaCategoryCode } from './catalogs';
import { addDays, addYears, compareIsoDates, formatDateEs, isAttentionDate, isIsoDate, isWithinYearsAfter, type DatedCheckOptions, type IsoDate } from './dates';
import { readField, readIssueDate, readText } from './fields';
import { checkResult, issue, type CheckResult, type Issue } from './issues';

export const TEMPORARY_RESIDENCE_YEARS = 2;

/**
 * Latest plausible expiry, in years after the date of attention. Generous on purpose: the law
 * gives two years and a different span is already a warning; a year further out is a typo.
 */
export const VISA_MAX_YEARS = 10;

export interface VisaData {
  category: VisaCategoryCode;
  residence: 'temporal' | 'permanente';
  number: string;
  issueDate: IsoDate;
  /** Null for a permanent residence. */
  expiryDate: IsoDate | null;
}

export interface VisaCheck extends CheckResult {
  visa: VisaData | null;
}

/** Input: `{ category, number, issueDate, expiryDate? }` as typed by the clerk. */
export function checkVisa(value: unknown, options: DatedCheckOptions): VisaCheck {
  const attentionDate = readField(options, 'attentionDate');
  if (!isAttentionDate(attentionDate)) return failed([ATTENTION_DATE]);
  if (typeof value !== 'object' || value === null) return failed([MISSING]);
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const category = VISA_CATEGORIES.find((entry) => entry.code === readField(value, 'category'));
  if (!category) errors.push(CATEGORY);
  const number = readVisaNumber(value, errors);
  const { date: issueDate, problem } = readIssueDate(value, attentionDate);
  if (problem) errors.push(problem === 'invalid' ? ISSUE_DATE : ISSUE_DATE_FUTURE);
  const expiryDate =
    category?.residence === 'permanente'
      ? readPermanentExpiry(value, warnings)
      : readTemporaryExpiry(value, issueDate, attentionDate, errors, warnings);
  if (!category || number === null || issueDate === null || errors.length > 0) {
    return failed(errors, warnings);
  }
  const visa: VisaData = { category: category.code, residence: category.residence, number, issueDate, expiryDate };
  return { ...checkResult(errors, warnings, number), visa };
}

function readVisaNumber(value: object, errors: Issue[]): string | null {
  const number = readText(value, 'number')?.toUpperCase().replace(/\s+/g, '') ?? null;
  if (number === null || !/^[A-Z0-9][A-Z0-9\-/]{2,29}$/.test(number)) {
    errors.push(NUMBER);
    return null;
  }
  return number;
}

function readTemporaryExpiry(
  value: object,
  issueDate: IsoDate | null,
  attentionDate: IsoDate,
  errors: Issue[],
  warnings: Issue[],
): IsoDate | null {
  const expiryDate = readField(value, 'expiryDate');
  if (!isIsoDate(expiryDate)) {
    errors.push(EXPIRY_DATE);
    return null;
  }
  if (compareIsoDates(expiryDate, attentionDate) < 0) errors.push(expired(expiryDate));
  else if (!isWithinYearsAfter(expiryDate, attentionDate, VISA_MAX_YEARS)) errors.push(implausibleExpiry(expiryDate));
  if (issueDate === null) return expiryDate;
  if (compareIsoDates(expiryDate, issueDate) < 0) errors.push(EXPIRY_BEFORE_ISSUE);
  else if (!lastsTwoYears(issueDate, expiryDate)) warnings.push(unexpectedDuration(issueDate, expiryDate));
  return expiryDate;
}

/** Documents print either the anniversary or the day before it as the last valid day. */
function lastsTwoYears(issueDate: IsoDate, expiryDate: IsoDate): boolean {
  const anniversary = addYears(issueDate, TEMPORARY_RESIDENCE_YEARS);
  return expiryDate === anniversary || expiryDate === addDays(anniversary, -1);
}

function readPermanentExpiry(value: object, warnings: Issue[]): null {
  const expiryDate = readField(value, 'expiryDate');
  if (expiryDate !== undefined && expiryDate !== null && expiryDate !== '') warnings.push(PERMANENT_EXPIRY);
  return null;
}

function failed(errors: Issue[], warnings: Issue[] = []): VisaCheck {
  return { ...checkResult(errors, warnings, null), visa: null };
}

const ATTENTION_DATE = issue('visa.attention_date', 'No se puede verificar la visa: la fecha de atención no es válida.');
const MISSING = issue('visa.missing', 'Faltan los datos de la visa.');
const CATEGORY = issue('visa.category', 'Seleccione la categoría de la visa del catálogo.');
const NUMBER = issue('visa.number', 'Ingrese el número de la visa (de 3 a 30 letras o números).');
const ISSUE_DATE = issue('visa.issue_date', 'Ingrese una fecha de emisión de la visa válida.');
const ISSUE_DATE_FUTURE = issue('visa.issue_date_future', 'La fecha de emisión de la visa es posterior a la fecha de atención.');
const EXPIRY_DATE = issue('visa.expiry_date', 'La visa de residencia temporal debe tener una fecha de caducidad válida.');
const EXPIRY_BEFORE_ISSUE = issue('visa.expiry_before_issue', 'La fecha de caducidad de la visa es anterior a su fecha de emisión.');
const PERMANENT_EXPIRY = issue(
  'visa.permanent_expiry',
  'La residencia permanente no caduca; no se tomará en cuenta la fecha de caducidad registrada.',
);

function expired(expiryDate: IsoDate): Issue {
  return issue('visa.expired', `La visa está caducada: venció el ${formatDateEs(expiryDate)}.`);
}

function implausibleExpiry(expiryDate: IsoDate): Issue {
  return issue(
    'visa.expiry_implausible',
    `La caducidad de la visa (${formatDateEs(expiryDate)}) está a más de ${VISA_MAX_YEARS} años de la fecha de atención: revise el año.`,
  );
}

function unexpectedDuration(issueDate: IsoDate, expiryDate: IsoDate): Issue {
  const expected = formatDateEs(addYears(issueDate, TEMPORARY_RESIDENCE_YEARS));
  return issue(
    'visa.duration',
    `Una residencia temporal dura 2 años: emitida el ${formatDateEs(issueDate)}, debería caducar alrededor del ${expected}, pero se registró ${formatDateEs(expiryDate)}. Revise las fechas con el documento.`,
  );
}
