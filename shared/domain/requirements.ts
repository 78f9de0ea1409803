/**
 * Required documents as data (DOMAIN §1.1, §1.2, §6). A rule set is a versioned list of rules;
 * each rule says, as a small declarative condition over the applicant's profile, when a
 * document is required, how it is presented and signed, and which seed lines say so. Adding a
 * request type or a new version is adding a rule set, not code.
 */
import { z } from 'zod';
import {
  APPLICANT_KINDS,
  CHANNELS,
  catalogLabel,
  DOCUMENT_TYPES,
  type ApplicantKind,
  type Channel,
  type DocumentType,
  type Presentation,
  type RequestType,
  type ScanFormat,
  type SignatureKind,
  type Signer,
} from './catalogs';
import { compareIsoDates, formatDateEs, isIsoDate, type IsoDate } from './dates';
import { readField } from './fields';
import { issue, type Issue } from './issues';
import { CLAVE_PATRONAL_RULE_SETS } from './rule-sets';

// --- Profile ----------------------------------------------------------------------------------

export interface RequirementProfile {
  applicantKind: ApplicantKind;
  channel: Channel;
  /** An authorized third party files and picks up on the applicant's behalf. */
  viaThirdParty: boolean;
  representativeHasCedula: boolean;
  representativeIsForeign: boolean;
  /** The applicant is a qualified artisan (calificación artesanal). */
  artisan: boolean;
  /** Date of attention; picks the rule set in effect. */
  date?: IsoDate;
}

/** What conditions can look at: the profile without its date. */
export type ProfileFacts = Omit<RequirementProfile, 'date'>;
export type FactName = keyof ProfileFacts;

/**
 * Combinations that cannot happen; the UI should not offer them, and if one arrives it is a
 * bug upstream, so it is refused rather than guessed at.
 */
export function profileIssues(profile: ProfileFacts): Issue[] {
  if (typeof profile !== 'object' || profile === null) return [PROFILE_MISSING];
  const issues: Issue[] = [];
  const { applicantKind, representativeIsForeign, representativeHasCedula } = profile;
  if (applicantKind === 'natural_ecuatoriana' && representativeIsForeign) issues.push(NATURAL_EC_FOREIGN);
  if (applicantKind === 'natural_extranjera' && !representativeIsForeign) issues.push(NATURAL_FOREIGN_NOT_FOREIGN);
  if (!representativeIsForeign && !representativeHasCedula) issues.push(ECUADORIAN_WITHOUT_CEDULA);
  if (applicantKind === 'juridica_publica' && profile.artisan) issues.push(PUBLIC_ARTISAN);
  return issues;
}

/** Catalog codes as a non-empty tuple, which is what z.enum wants. */
function codesOf<C extends string>(catalog: readonly { code: C }[]): [C, ...C[]] {
  return catalog.map((entry) => entry.code) as [C, ...C[]];
}

/** Validates a profile at the boundary (IPC, HTTP, central) with Spanish messages. */
export const RequirementProfileSchema = z
  .object({
    applicantKind: z.enum(codesOf(APPLICANT_KINDS), { error: 'Seleccione el tipo de solicitante.' }),
    channel: z.enum(codesOf(CHANNELS), { error: 'Seleccione el canal: presencial o virtual.' }),
    viaThirdParty: z.boolean({ error: 'Indique si el trámite lo realiza un tercero autorizado.' }),
    representativeHasCedula: z.boolean({ error: 'Indique si el representante legal tiene cédula.' }),
    representativeIsForeign: z.boolean({ error: 'Indique si el representante legal es extranjero.' }),
    artisan: z.boolean({ error: 'Indique si el solicitante es artesano calificado.' }),
    date: z.string().refine(isIsoDate, { error: 'La fecha de atención no es válida (aaaa-mm-dd).' }).optional(),
  })
  .superRefine((profile, context) => {
    for (const found of profileIssues(profile)) context.addIssue({ code: 'custom', message: found.message });
  });

// --- Rules ------------------------------------------------------------------------------------

/** A condition is data: a fact compared with a value, or all / any / not of conditions. */
export type FactCondition = {
  [K in FactName]: { readonly fact: K; readonly is: ProfileFacts[K] };
}[FactName];

export type Condition =
  | FactCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export interface Citation {
  readonly file: string;
  /** First and last line (1-based, inclusive) of the cited passage. */
  readonly lines: readonly [number, number];
}

export interface ScanPolicy {
  readonly formats: readonly ScanFormat[];
  readonly maxBytes: number;
  readonly citation: Citation;
}

export interface RequirementRule {
  readonly id: string;
  readonly documentType: DocumentType;
  readonly when: Condition;
  readonly presentation: Presentation;
  readonly signature: SignatureKind | null;
  readonly signer: Signer | null;
  readonly citation: Citation;
  /** Overrides the catalog label when the rule needs a more specific wording. */
  readonly label?: string;
  /** How a person finds the rule on the sheet, in words, and the sheet's own sentences. */
  readonly sheet: SheetReference;
}

/**
 * The requirement as the sheet numbers it («Ficha del trámite, requisito 1») and what it says,
 * quoted: what a clerk reads instead of a rule id or a file and line numbers.
 */
export interface SheetReference {
  readonly reference: string;
  /** Verbatim passages of the cited lines (bullets and emphasis dropped), in order. */
  readonly quote: readonly string[];
}

export interface RuleSet {
  readonly id: string;
  readonly version: number;
  readonly effectiveFrom: IsoDate;
  readonly requestType: RequestType;
  /** Applies to every document presented as `escaneo`. */
  readonly scanPolicy: ScanPolicy;
  readonly rules: readonly RequirementRule[];
}

export interface ScanRequirement {
  formats: ScanFormat[];
  maxBytes: number;
}

export interface RequiredDocument {
  ruleId: string;
  documentType: DocumentType;
  label: string;
  presentation: Presentation;
  /** Accepted files, for scanned documents only. */
  scan: ScanRequirement | null;
  signature: SignatureKind | null;
  signer: Signer | null;
  citation: { file: string; lines: [number, number] };
}

export type RequirementsResult =
  | {
      ok: true;
      ruleSet: { id: string; version: number; effectiveFrom: IsoDate };
      documents: RequiredDocument[];
    }
  | { ok: false; errors: Issue[] };

/**
 * Whether a condition holds for the facts; a malformed condition never holds. Plain property
 * reads (no readField): this runs on every screen refresh, and conditions and facts are data.
 */
export function holds(condition: Condition, facts: ProfileFacts): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  const c = condition as { all?: unknown; any?: unknown; not?: unknown; fact?: unknown; is?: unknown };
  if (c.all !== undefined) return Array.isArray(c.all) && c.all.every((part: Condition) => holds(part, facts));
  if (c.any !== undefined) return Array.isArray(c.any) && c.any.some((part: Condition) => holds(part, facts));
  if (c.not !== undefined) return !holds(c.not as Condition, facts) && typeof c.not === 'object' && c.not !== null;
  if (typeof c.fact !== 'string' || typeof facts !== 'object' || facts === null) return false;
  return (facts as unknown as Record<string, unknown>)[c.fact] === c.is;
}

/**
 * The rule set of `requestType` in effect on `date`: the latest effectiveFrom not after it
 * (highest version on a tie). Without a date, the newest one.
 */
export function selectRuleSet(
  ruleSets: readonly RuleSet[],
  requestType: RequestType,
  date?: IsoDate,
): RuleSet | null {
  let selected: RuleSet | null = null;
  if (!Array.isArray(ruleSets)) return null;
  for (const candidate of ruleSets as readonly unknown[]) {
    if (!isRuleSet(candidate) || candidate.requestType !== requestType) continue;
    if (date !== undefined && compareIsoDates(candidate.effectiveFrom, date) > 0) continue;
    if (selected === null || isNewer(candidate, selected)) selected = candidate;
  }
  return selected;
}

/** Rule sets already found well-formed: checked once, not on every screen refresh. */
const CHECKED_RULE_SETS = new WeakSet<object>();

/** The shape the selection and the listing read; rule sets may come from outside the code. */
function isRuleSet(value: unknown): value is RuleSet {
  if (typeof value !== 'object' || value === null) return false;
  if (CHECKED_RULE_SETS.has(value)) return true;
  if (!isWellFormedRuleSet(value)) return false;
  CHECKED_RULE_SETS.add(value);
  return true;
}

function isWellFormedRuleSet(value: object): boolean {
  const scanPolicy = readField(value, 'scanPolicy');
  const rules = readField(value, 'rules');
  return (
    typeof readField(value, 'id') === 'string' &&
    typeof readField(value, 'version') === 'number' &&
    isIsoDate(readField(value, 'effectiveFrom')) &&
    Array.isArray(readField(scanPolicy, 'formats')) &&
    typeof readField(scanPolicy, 'maxBytes') === 'number' &&
    Array.isArray(rules) &&
    rules.every(isRule)
  );
}

function isRule(value: unknown): boolean {
  const lines = readField(readField(value, 'citation'), 'lines');
  return (
    typeof readField(value, 'id') === 'string' &&
    typeof readField(value, 'documentType') === 'string' &&
    typeof readField(readField(value, 'citation'), 'file') === 'string' &&
    Array.isArray(lines) &&
    typeof lines[0] === 'number' &&
    typeof lines[1] === 'number'
  );
}

function isNewer(candidate: RuleSet, current: RuleSet): boolean {
  const byDate = compareIsoDates(candidate.effectiveFrom, current.effectiveFrom);
  return byDate > 0 || (byDate === 0 && candidate.version > current.version);
}

/** Documents required for a clave patronal request, in the order the clerk checks them. */
export function requiredDocuments(
  profile: RequirementProfile,
  ruleSets: readonly RuleSet[] = CLAVE_PATRONAL_RULE_SETS,
): RequirementsResult {
  const inconsistencies = profileIssues(profile);
  if (inconsistencies.length > 0) return { ok: false, errors: inconsistencies };
  if (!Array.isArray(ruleSets)) return { ok: false, errors: [noRuleSet(undefined)] };
  if (profile.date !== undefined && !isIsoDate(profile.date)) return { ok: false, errors: [INVALID_DATE] };
  const ruleSet = selectRuleSet(ruleSets, 'clave_patronal', profile.date);
  if (ruleSet === null) return { ok: false, errors: [noRuleSet(profile.date)] };
  const documents: RequiredDocument[] = [];
  for (const rule of ruleSet.rules) {
    if (holds(rule.when, profile)) documents.push(toRequiredDocument(rule, ruleSet.scanPolicy));
  }
  const { id, version, effectiveFrom } = ruleSet;
  return { ok: true, ruleSet: { id, version, effectiveFrom }, documents };
}

function toRequiredDocument(rule: RequirementRule, scanPolicy: ScanPolicy): RequiredDocument {
  return {
    ruleId: rule.id,
    documentType: rule.documentType,
    label: rule.label ?? catalogLabel(DOCUMENT_TYPES, rule.documentType) ?? rule.documentType,
    presentation: rule.presentation,
    scan:
      rule.presentation === 'escaneo'
        ? { formats: [...scanPolicy.formats], maxBytes: scanPolicy.maxBytes }
        : null,
    signature: rule.signature,
    signer: rule.signer,
    citation: { file: rule.citation.file, lines: [rule.citation.lines[0], rule.citation.lines[1]] },
  };
}

const NATURAL_EC_FOREIGN = issue(
  'profile.natural_ecuatoriana_foreign_representative',
  'Una persona natural ecuatoriana es su propio representante: no puede tener un representante extranjero.',
);
const NATURAL_FOREIGN_NOT_FOREIGN = issue(
  'profile.natural_extranjera_not_foreign',
  'Una persona natural extranjera es su propio representante: márquelo como extranjero.',
);
const ECUADORIAN_WITHOUT_CEDULA = issue(
  'profile.ecuadorian_without_cedula',
  'Un representante legal ecuatoriano siempre presenta su cédula.',
);
const PUBLIC_ARTISAN = issue(
  'profile.public_artisan',
  'Una entidad pública no puede presentar calificación artesanal.',
);
const PROFILE_MISSING = issue('profile.missing', 'Faltan los datos del solicitante para saber qué documentos pedir.');
const INVALID_DATE = issue('requirements.date', 'La fecha de atención no es válida (aaaa-mm-dd).');

function noRuleSet(date: IsoDate | undefined): Issue {
  const when = isIsoDate(date) ? ` para el ${formatDateEs(date)}` : '';
  return issue('requirements.no_rule_set', `No hay requisitos vigentes${when}. Avise al administrador.`);
}

/**
 * The sheet's wording of the rule a checklist row came from. A row stores its rule as
 * `<rule id> (<file>:<lines>)` (electron/core/counter/intake.ts); the id is the part before the
 * space. Newest rule set first: a later version of the same rule words it as the sheet does now.
 */
export function sheetReference(storedRuleId: string, ruleSets: readonly RuleSet[] = CLAVE_PATRONAL_RULE_SETS): { reference: string; quote: string } | null {
  if (typeof storedRuleId !== 'string' || !Array.isArray(ruleSets)) return null;
  const id = storedRuleId.split(' ')[0];
  const newestFirst = (ruleSets as readonly unknown[]).filter(isRuleSet).sort((a, b) => (isNewer(a, b) ? -1 : 1));
  for (const set of newestFirst) {
    const sheet = readField(set.rules.find((r) => r.id === id), 'sheet');
    const reference = readField(sheet, 'reference');
    const quote = readField(sheet, 'quote');
    if (typeof reference === 'string' && Array.isArray(quote)) return { reference, quote: quote.filter((q) => typeof q === 'string').join(' ') };
  }
  return null;
}
