/**
 * Calificación artesanal issued by the Junta Nacional de Defensa del Artesano (DOMAIN §4.3).
 * "Rama artesanal" is `craftBranch` here, so it is never confused with an employer's branch
 * (sucursal).
 */
import { compareIsoDates, formatDateEs, isAttentionDate, isIsoDate, isWithinYearsAfter, type DatedCheckOptions, type IsoDate } from './dates';
import { readField, readIssueDate, readText } from './fields';
import { checkResult, issue, type CheckResult, type Issue } from './issues';
import { foldForSearch, tidyText } from './text';

/**
 * Latest plausible expiry, in years after the date of attention. The JNDA does not publish a
 * fixed validity (certificates may even say "Indefinida"); beyond 20 years the year is a typo.
 */
export const ARTISAN_MAX_YEARS = 20;

export interface ArtisanQualificationData {
  number: string;
  craftBranch: string;
  issueDate: IsoDate;
  /** Null when the certificate says "Indefinida". */
  expiryDate: IsoDate | null;
}

export interface ArtisanQualificationCheck extends CheckResult {
  qualification: ArtisanQualificationData | null;
}

/** Input: `{ number, craftBranch, issueDate, expiryDate }`; expiryDate is a date or "Indefinida". */
export function checkArtisanQualification(
  value: unknown,
  options: DatedCheckOptions,
): ArtisanQualificationCheck {
  const attentionDate = readField(options, 'attentionDate');
  if (!isAttentionDate(attentionDate)) return failed([ATTENTION_DATE]);
  if (typeof value !== 'object' || value === null) return failed([MISSING]);
  const errors: Issue[] = [];
  const number = readNumber(value, errors);
  const craftBranch = readCraftBranch(value, errors);
  const { date: issueDate, problem } = readIssueDate(value, attentionDate);
  if (problem) errors.push(problem === 'invalid' ? ISSUE_DATE : ISSUE_DATE_FUTURE);
  const expiryDate = readExpiry(value, issueDate, attentionDate, errors);
  if (number === null || craftBranch === null || issueDate === null || expiryDate === undefined || errors.length > 0) {
    return failed(errors);
  }
  return { ...checkResult(errors, [], number), qualification: { number, craftBranch, issueDate, expiryDate } };
}

function readNumber(value: object, errors: Issue[]): string | null {
  const number = readText(value, 'number')?.toUpperCase().replace(/\s+/g, '') ?? null;
  if (number === null || !/^[A-Z0-9][A-Z0-9\-/.]{0,29}$/.test(number)) {
    errors.push(NUMBER);
    return null;
  }
  return number;
}

function readCraftBranch(value: object, errors: Issue[]): string | null {
  const craftBranch = readText(value, 'craftBranch');
  if (craftBranch === null) errors.push(CRAFT_BRANCH);
  return craftBranch === null ? null : tidyText(craftBranch);
}

/** Undefined = unreadable; null = "Indefinida" (never expires). */
function readExpiry(
  value: object,
  issueDate: IsoDate | null,
  attentionDate: IsoDate,
  errors: Issue[],
): IsoDate | null | undefined {
  const expiryDate = readField(value, 'expiryDate');
  if (typeof expiryDate === 'string' && foldForSearch(expiryDate) === 'indefinida') return null;
  if (!isIsoDate(expiryDate)) {
    errors.push(EXPIRY_DATE);
    return undefined;
  }
  if (issueDate !== null && compareIsoDates(issueDate, expiryDate) > 0) errors.push(ISSUE_AFTER_EXPIRY);
  if (compareIsoDates(expiryDate, attentionDate) < 0) errors.push(expired(expiryDate));
  else if (!isWithinYearsAfter(expiryDate, attentionDate, ARTISAN_MAX_YEARS)) errors.push(implausibleExpiry(expiryDate));
  return expiryDate;
}

function failed(errors: Issue[]): ArtisanQualificationCheck {
  return { ...checkResult(errors, [], null), qualification: null };
}

const ATTENTION_DATE = issue('artisan.attention_date', 'No se puede verificar la calificación artesanal: la fecha de atención no es válida.');
const MISSING = issue('artisan.missing', 'Faltan los datos de la calificación artesanal.');
const NUMBER = issue('artisan.number', 'Ingrese el número de la calificación artesanal (Nro. del certificado).');
const CRAFT_BRANCH = issue('artisan.craft_branch', 'Ingrese la rama artesanal que consta en el certificado.');
const ISSUE_DATE = issue('artisan.issue_date', 'Ingrese una fecha de expedición de la calificación artesanal válida.');
const ISSUE_DATE_FUTURE = issue('artisan.issue_date_future', 'La fecha de expedición de la calificación artesanal es posterior a la fecha de atención.');
const EXPIRY_DATE = issue('artisan.expiry_date', 'Ingrese la fecha de caducidad de la calificación artesanal, o «Indefinida» si así consta.');
const ISSUE_AFTER_EXPIRY = issue('artisan.issue_after_expiry', 'La fecha de expedición de la calificación artesanal es posterior a su fecha de caducidad.');

function implausibleExpiry(expiryDate: IsoDate): Issue {
  return issue(
    'artisan.expiry_implausible',
    `La caducidad de la calificación artesanal (${formatDateEs(expiryDate)}) está a más de ${ARTISAN_MAX_YEARS} años de la fecha de atención: revise el año, o marque «Indefinida» si así consta.`,
  );
}

function expired(expiryDate: IsoDate): Issue {
  return issue('artisan.expired', `La calificación artesanal está caducada: venció el ${formatDateEs(expiryDate)}.`);
}
