// From the checks of each signature to the sentence the supervisor reads (docs/signatures.md
// lists them). The order of the checks is the order of trust: bytes first, then later changes,
// then the certificate's issuer, its dates and revocation, and last whose it is.
import { REVOCATION_UNCHECKED, VERDICT_LABELS, type DocumentSignatures, type SignatureReport, type SignatureVerdict } from '../../../../../shared/contract/signature-report';
import { formatDayEs } from '../../../../../shared/domain/dates';

export function validSummary(r: Pick<SignatureReport, 'signer' | 'signedAt'>, revocationUnchecked: boolean): string {
  const s = r.signer;
  const parts = [`Firma válida de ${s?.name ?? 'un titular sin nombre'}`];
  if (s?.cedula) parts.push(`C.I. ${s.cedula}`);
  if (r.signedAt !== null) parts.push(`firmada el ${formatDayEs(r.signedAt)}`);
  if (s?.issuer) parts.push(`certificado de ${s.issuer}`);
  return `${parts.join(', ')}${revocationUnchecked ? ` · ${REVOCATION_UNCHECKED}` : ''}`;
}

export function summaryOf(verdict: SignatureVerdict, r: Pick<SignatureReport, 'signer' | 'signedAt' | 'revocation' | 'checks'>): string {
  if (verdict === 'valida') return validSummary(r, r.revocation === 'no_comprobada');
  if (verdict === 'otra_persona' && r.signer) {
    return `${VERDICT_LABELS.otra_persona}: ${r.signer.name ?? 'sin nombre'}${r.signer.cedula ? `, C.I. ${r.signer.cedula}` : ''}`;
  }
  if (verdict === 'invalida') {
    const why = r.checks.find((c) => c.status === 'falla')?.detail;
    return why ? `${VERDICT_LABELS.invalida}: ${why.replace(/\.$/, '')}` : VERDICT_LABELS.invalida;
  }
  return VERDICT_LABELS[verdict];
}

/** Closest to valid first: what the supervisor is told when no signature is fully valid. */
const CLOSENESS: SignatureVerdict[] = ['valida', 'otra_persona', 'caducado_revocado', 'emisor_no_reconocido', 'invalida', 'modificado', 'sin_firma'];

/**
 * The document's verdict: any signature whose bytes or later updates fail taints the whole file
 * (modificado, then invalida). Otherwise the signatures of the expected signer speak first;
 * among them (or among all, when none is theirs) the one closest to valid is reported.
 */
export function documentVerdict(signatures: SignatureReport[], expectedSignerGiven: boolean, checkedAt: number): DocumentSignatures {
  const base = { signatures, checkedAt };
  if (signatures.length === 0) return { ...base, verdict: 'sin_firma', revocationUnchecked: false, summary: VERDICT_LABELS.sin_firma };
  for (const worst of ['modificado', 'invalida'] as const) {
    const hit = signatures.find((s) => s.verdict === worst);
    if (hit) return { ...base, verdict: worst, revocationUnchecked: false, summary: hit.summary };
  }
  const theirs = expectedSignerGiven ? signatures.filter((s) => s.checks.some((c) => c.item === 'identidad' && c.status === 'ok')) : [];
  const pool = theirs.length > 0 ? theirs : signatures;
  const best = [...pool].sort((a, b) => CLOSENESS.indexOf(a.verdict) - CLOSENESS.indexOf(b.verdict))[0]!;
  return { ...base, verdict: best.verdict, revocationUnchecked: best.verdict === 'valida' && best.revocation === 'no_comprobada', summary: best.summary };
}
