// Electronic signatures on Ventanilla Virtual scans (seed 004, lines 51 and 57: the Solicitud de
// entrega de clave and the Acuerdo de Responsabilidad must be signed electronically), verified
// for real by the PAdES verifier in ./pades against the trust anchors named in agencia.json.
import fs from 'node:fs';
import type { ReadDb } from '../../../../db/open';
import { all, sql } from '../../../../db/sql';
import type { DocumentSignatures } from '../../../../shared/contract/signature-report';
import type { DocumentType, SignatureVerdict } from '../../../../shared/domain/catalogs';
import type { VerdictQualifier } from '../../../../shared/domain/request-history';
import { getSetting } from '../../settings';
import type { RequestRecord } from '../store';
import { attachmentPath, sha256, type AttachmentMime } from './files';
import { loadTrustAnchors } from './pades/anchors';
import { verifyPdfSignatures } from './pades/verify';

export interface StoredAttachment {
  id: string;
  mime: AttachmentMime;
  sha256?: string;
}

interface VerifyContext {
  db: ReadDb;
  dataDir: string;
  clock: { now(): number };
}

/** The agency's signature settings as applied from agencia.json. */
export function signatureSettings(db: ReadDb) {
  return getSetting(db, 'ops.signatures');
}

/** The request's legal representative, whom the Solicitud and the Acuerdo must be signed by. */
export function expectedSignerOf(req: RequestRecord) {
  return { idNumber: req.intake.representativeIdNumber ?? null, names: req.intake.representativeNames ?? null };
}

const unreadable = (summary: string, now: number): DocumentSignatures => ({ verdict: 'sin_firma', revocationUnchecked: false, summary, signatures: [], checkedAt: now });

/**
 * The verdict of a stored scan. An image cannot carry a signature; a file gone (retention) or
 * altered on disk since it was stored gets a verdict that says so, never a valid one.
 */
export async function verifyAttachmentSignature(ctx: VerifyContext, attachment: StoredAttachment, req: RequestRecord): Promise<DocumentSignatures> {
  const now = ctx.clock.now();
  if (attachment.mime !== 'application/pdf') return unreadable('Sin firma electrónica (es una imagen, no un PDF)', now);
  let data: Buffer;
  try {
    data = await fs.promises.readFile(attachmentPath(ctx.dataDir, attachment.id, attachment.mime));
  } catch {
    return unreadable('Sin firma electrónica: el archivo ya no está en esta estación', now);
  }
  if (attachment.sha256 && sha256(data) !== attachment.sha256) {
    return { verdict: 'modificado', revocationUnchecked: false, summary: 'Documento modificado después de firmar: el archivo guardado no coincide con su huella SHA-256', signatures: [], checkedAt: now };
  }
  const settings = signatureSettings(ctx.db);
  const anchors = loadTrustAnchors(settings.trustAnchors, ctx.dataDir);
  return verifyPdfSignatures(data, { anchors: anchors.certificates, expectedSigner: expectedSignerOf(req), now });
}

/**
 * Whether a verdict lets the document pass as e-signed: «válida», and when the revocation could
 * not be checked only if the agency allows that exception (the caller audits its use).
 */
export function acceptable(result: DocumentSignatures, allowUncheckedRevocation: boolean): 'si' | 'con_excepcion' | 'no' {
  if (result.verdict !== 'valida') return 'no';
  if (!result.revocationUnchecked) return 'si';
  return allowUncheckedRevocation ? 'con_excepcion' : 'no';
}

export interface DocumentSignatureStatus {
  acceptance: 'si' | 'con_excepcion' | 'no';
  /** The verdict that decided: the accepted PDF's, else the first PDF's; null without any PDF. */
  result: DocumentSignatures | null;
}

/**
 * Whether a document's scans carry an acceptable e-signature: one of its PDFs must. Checked on
 * the files each time, so a mark is never trusted over the scan it was made on.
 */
export async function documentSignature(ctx: VerifyContext, req: RequestRecord, documentType: string): Promise<DocumentSignatureStatus> {
  const rows = all<StoredAttachment>(ctx.db, sql`SELECT id, mime, sha256 FROM attachments WHERE request_id = ${req.id} AND document_type = ${documentType} AND mime = 'application/pdf' ORDER BY created_at, id`);
  const allow = signatureSettings(ctx.db).allowUncheckedRevocation;
  let first: DocumentSignatures | null = null;
  let exception: DocumentSignatures | null = null;
  for (const row of rows) {
    const result = await verifyAttachmentSignature(ctx, row, req);
    first ??= result;
    const ok = acceptable(result, allow);
    if (ok === 'si') return { acceptance: 'si', result };
    if (ok === 'con_excepcion') exception ??= result;
  }
  return exception ? { acceptance: 'con_excepcion', result: exception } : { acceptance: 'no', result: first };
}

/** Audit call that records, in the audit trail, a signature verdict an approval rested on. */
export const SIGNATURE_VERDICT_CALL = 'signatures.verdict';

/** The same verdict as a line of the request's history (request_events; counter/history.ts words it). */
export function verdictLine(documentType: DocumentType, status: DocumentSignatureStatus): { documentType: DocumentType; verdict: SignatureVerdict; qualifier: VerdictQualifier | null } {
  const r = status.result;
  const qualifier = status.acceptance === 'con_excepcion' ? 'excepcion' : r?.revocationUnchecked ? 'revocacion_no_comprobada' : null;
  return { documentType, verdict: r?.verdict ?? 'sin_firma', qualifier };
}

/** The audit outcome recording a verdict: `<documentType>:<verdict>[:revocacion_no_comprobada][:excepcion]`. */
export function verdictOutcome(documentType: string, status: DocumentSignatureStatus): string {
  const r = status.result;
  return [documentType, r?.verdict ?? 'sin_firma', ...(r?.revocationUnchecked ? ['revocacion_no_comprobada'] : []), ...(status.acceptance === 'con_excepcion' ? ['excepcion'] : [])].join(':');
}
