/**
 * What submission and approval look at (DOMAIN §3): the required documents' state, how each
 * signed paper reached the counter, the e-mail and its proof, the expiry of visa and artisan
 * qualification. The lifecycle's guards for enviar_a_revision and aprobar (lifecycle.ts).
 */
import { isCatalogCode, SIGNATURE_KINDS, type DocumentType, type PaperOrigin, type SignatureKind, type Signer } from './catalogs';
import { checkEmail } from './contact';
import { compareIsoDates, formatDateEs, isIsoDate, type IsoDate } from './dates';
import { readField } from './fields';
import { issue, type Issue } from './issues';
import type { RequestState, TransitionContext } from './lifecycle';

export interface DocumentStatus {
  documentType: DocumentType;
  label: string;
  verified: boolean;
  /** Signature the document requires (from requiredDocuments), null if none. */
  signature: SignatureKind | null;
  signatureMarked: boolean;
  /** Who signs it; shown in the message when the signature is missing. */
  signer?: Signer | null;
  /** How a signed paper reached the counter (brought signed, printed here); null = not said yet. */
  origin?: PaperOrigin | null;
  /** How it may (empty or absent: not a paper the applicant signs; a third party narrows to 'traido'). */
  origins?: readonly PaperOrigin[];
}

/** What submission and approval check: the state of the required documents and contact data. */
export interface Readiness {
  /** One entry per required document of the request. */
  documents: readonly DocumentStatus[];
  email: string | null;
  /**
   * false: the request's type takes no e-mail at the counter (request-types.ts emailAtCounter; the
   * foreigner's registration, docs/seeds/002_7cf0ad12e8c8a3b1.txt:7 gives it online later). Absent: required.
   */
  emailRequired?: boolean;
  /**
   * The active e-mail proof (seed 004, line 43): verified by code, or «no verificado» with a
   * recorded reason; null = neither yet. Absent: not judged (the supervisor's approval).
   */
  emailProof?: 'verificado' | 'no_verificado' | null;
  /** Expiry of the visa presented, when one is required; null = no expiry. */
  visaExpiryDate?: IsoDate | null;
  /** Expiry of the artisan qualification, when required; null = "Indefinida". */
  artisanExpiryDate?: IsoDate | null;
}

/**
 * At the counter a paper printed here is signed here: it must be printed before review. Papers
 * the applicant brought already signed (seed 004, lines 35–41) need no printing: when every
 * signed paper was brought, the request goes to review straight from verification.
 */
export function printedFirstWhenPresencial(context: TransitionContext, from: RequestState): Issue[] {
  if (from !== 'en_verificacion' || readField(context, 'channel') !== 'presencial') return [];
  const readiness = readField(context, 'readiness');
  const documents = isReadiness(readiness) ? readiness.documents : [];
  return everyPaperBrought(documents) ? [] : [PRINT_FIRST];
}

/** Every paper the applicant signs came already signed: nothing is printed at the counter. */
export function everyPaperBrought(documents: readonly { signature?: string | null; origin?: string | null }[]): boolean {
  // Total (test/unit/domain/totality.test.ts): anything that is not a list of documents has no papers.
  const papers = (Array.isArray(documents) ? documents : []).filter((d) => readField(d, 'signature') === 'manuscrita');
  return papers.length > 0 && papers.every((d) => readField(d, 'origin') === 'traido');
}

/** Every signed paper says how it came, and only in a way allowed (a third party: brought). */
export function papersGuard(context: TransitionContext): Issue[] {
  const readiness = readField(context, 'readiness');
  if (readField(context, 'channel') !== 'presencial' || !isReadiness(readiness)) return [];
  const issues: Issue[] = [];
  for (const d of readiness.documents) {
    const origins = Array.isArray(d.origins) ? d.origins : [];
    if (origins.length === 0 || d.origin === undefined) continue;
    if (d.origin === null) issues.push(originMissing(d.label));
    else if (!origins.includes(d.origin)) issues.push(originNotAllowed(d.label));
  }
  return issues;
}

/** The counter proves the e-mail active, or records why it could not (seed 004, line 43). */
export function emailProofGuard(context: TransitionContext): Issue[] {
  const readiness = readField(context, 'readiness');
  if (readField(context, 'channel') !== 'presencial' || !isReadiness(readiness)) return [];
  if (readField(readiness, 'emailRequired') === false) return [];
  const proof = readField(readiness, 'emailProof');
  return proof === 'verificado' || proof === 'no_verificado' ? [] : [EMAIL_UNPROVEN];
}

/** DOMAIN §3: nothing moves on while a document, signature, email or validity is missing. */
export function readinessGuard(context: TransitionContext): Issue[] {
  const readiness = readField(context, 'readiness');
  const attentionDate = readField(context, 'attentionDate');
  if (!isReadiness(readiness)) return [READINESS_MISSING];
  // Every profile requires documents (at least the Solicitud): an empty checklist means the
  // file is not here (e.g. a request copied from a desk that sent no checklist), never "ready".
  if (readiness.documents.length === 0) return [NO_DOCUMENTS];
  const issues: Issue[] = [];
  for (const document of readiness.documents) {
    if (!document.verified) issues.push(unverified(document.label));
    if (document.signature !== null && !document.signatureMarked) {
      issues.push(unsigned(document.label, document.signature, document.signer ?? null));
    }
  }
  if (readiness.emailRequired === false) {
    // Nothing about the e-mail to judge for this type.
  } else if (!hasText(readiness.email)) issues.push(EMAIL_MISSING);
  else if (!checkEmail(readiness.email).ok) issues.push(EMAIL_INVALID);
  if (isExpired(readiness.visaExpiryDate, attentionDate)) {
    issues.push(expired('lifecycle.visa_expired', 'La visa', readiness.visaExpiryDate));
  }
  if (isExpired(readiness.artisanExpiryDate, attentionDate)) {
    issues.push(expired('lifecycle.artisan_expired', 'La calificación artesanal', readiness.artisanExpiryDate));
  }
  return issues;
}

function isExpired(expiryDate: IsoDate | null | undefined, attentionDate: unknown): expiryDate is IsoDate {
  return isIsoDate(expiryDate) && isIsoDate(attentionDate) && compareIsoDates(expiryDate, attentionDate) < 0;
}

function isReadiness(value: unknown): value is Readiness {
  if (typeof value !== 'object' || value === null) return false;
  const documents = readField(value, 'documents');
  return Array.isArray(documents) && documents.every(isDocumentStatus);
}

function isDocumentStatus(value: unknown): value is DocumentStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Partial<Record<keyof DocumentStatus, unknown>>;
  return (
    typeof status.label === 'string' &&
    typeof status.verified === 'boolean' &&
    typeof status.signatureMarked === 'boolean' &&
    (status.signature === null || isCatalogCode(SIGNATURE_KINDS, status.signature))
  );
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

// --- Messages ---------------------------------------------------------------------------

const PRINT_FIRST = issue(
  'lifecycle.print_first',
  'Imprima los formularios y registre las firmas del solicitante antes de enviar a revisión (o registre que los trajo firmados).',
);
const NO_DOCUMENTS = issue(
  'lifecycle.no_documents',
  'No hay documentos verificados registrados para esta solicitud en esta estación: revísela en la estación donde se registró.',
);
const READINESS_MISSING = issue(
  'lifecycle.readiness_missing',
  'No se pudo comprobar el estado de los documentos de la solicitud.',
);
const EMAIL_MISSING = issue(
  'lifecycle.email_missing',
  'Falta el correo electrónico del empleador o representante legal: la clave se entrega a ese correo.',
);
const EMAIL_INVALID = issue('lifecycle.email_invalid', 'El correo electrónico registrado no es válido.');
const EMAIL_UNPROVEN = issue(
  'lifecycle.email_unproven',
  'Compruebe que el correo electrónico está activo (código enviado por el IESS) o registre por qué no se pudo verificar.',
);

function unverified(label: string): Issue {
  return issue('lifecycle.document_unverified', `Falta verificar el documento: ${label}.`);
}

function unsigned(label: string, signature: SignatureKind, signer: Signer | null): Issue {
  const kind = signature === 'manuscrita' ? 'la firma manuscrita' : 'la firma electrónica';
  const who = signer === 'tercero_autorizado' ? ' del tercero autorizado' : signer === 'representante_legal' ? ' del representante legal' : '';
  return issue('lifecycle.signature_unmarked', `Falta registrar ${kind}${who} en: ${label}.`);
}

function originMissing(label: string): Issue {
  return issue('lifecycle.origin_missing', `Indique si «${label}» fue traído firmado por el solicitante o se imprime en ventanilla.`);
}

function originNotAllowed(label: string): Issue {
  return issue('lifecycle.origin_not_allowed', `«${label}»: cuando presenta un tercero, el representante legal lo firma antes y el tercero lo trae firmado.`);
}

function expired(code: string, what: string, expiryDate: IsoDate): Issue {
  return issue(code, `${what} está caducada a la fecha de atención (venció el ${formatDateEs(expiryDate)}).`);
}
