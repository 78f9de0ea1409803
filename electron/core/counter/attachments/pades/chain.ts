// Certification path from a signer's certificate to one of the agency's trust anchors (the
// accredited CAs' certificates IT installs, see docs/signatures.md). Written here rather than
// with pkijs's CertificateChainValidationEngine because the supervisor needs to know *which*
// link failed (unknown issuer, a certificate expired at signing time, a forged issuer
// signature) in Spanish, and the checks are judged at the signing time, not the clock's now.
import type * as pkijs from 'pkijs';
import { verifySignedBy } from './algorithms';
import { isCa, isSelfIssued, nameOf, notAfter, notBefore, sameCertificate, sameName, subjectName, validAt } from './certificates';
import { formatDayEs } from '../../../../../shared/domain/dates';
import { LIMITS } from './limits';

export type ChainStatus = 'confiable' | 'no_reconocido' | 'caducado' | 'invalido';

export interface ChainResult {
  status: ChainStatus;
  /** From the signer's certificate up to (and including) the trust anchor when found. */
  path: pkijs.Certificate[];
  detail: string;
}

/**
 * Walks issuer by issuer. Candidates are the anchors first, then the certificates the signature
 * carries; a candidate counts only if its signature on the child verifies, so a certificate
 * that merely copies a CA's name never links.
 */
export function buildChain(leaf: pkijs.Certificate, pool: readonly pkijs.Certificate[], anchors: readonly pkijs.Certificate[], at: number): ChainResult {
  const path: pkijs.Certificate[] = [leaf];
  let current = leaf;
  for (let depth = 0; depth < LIMITS.maxChainLength; depth++) {
    if (anchors.some((a) => sameCertificate(a, current))) return judge(path, at);
    const candidates = [...anchors, ...pool].filter((c) => sameName(c.subject, current.issuer) && !path.some((p) => sameCertificate(p, c)));
    let issuer: pkijs.Certificate | undefined;
    let forged = false;
    for (const c of candidates) {
      const v = verifySignedBy(c, current);
      if (v === 'ok') {
        issuer = c;
        break;
      }
      if (v === 'debil') return { status: 'invalido', path, detail: `El certificado de ${subjectName(current)} usa un algoritmo de firma débil (SHA-1 o MD5).` };
      forged = true;
    }
    if (!issuer) {
      // A CA with the issuer's name is there but did not sign this: an impostor, not that CA.
      if (forged) return { status: 'no_reconocido', path, detail: `El certificado de «${subjectName(current)}» dice ser de «${nameOf(current.issuer)}», pero no lo firmó la autoridad con ese nombre que está instalada en la agencia.` };
      const self = isSelfIssued(current);
      return {
        status: 'no_reconocido',
        path,
        detail: self
          ? `La cadena termina en «${subjectName(current)}», que no está entre las autoridades de certificación instaladas en esta agencia.`
          : `No se encontró el certificado de «${nameOf(current.issuer)}» entre las autoridades instaladas ni en la firma.`,
      };
    }
    if (!isCa(issuer)) return { status: 'invalido', path, detail: `«${subjectName(issuer)}» no es una autoridad de certificación y no puede emitir certificados.` };
    path.push(issuer);
    current = issuer;
  }
  return { status: 'no_reconocido', path, detail: 'La cadena de certificados es demasiado larga.' };
}

function judge(path: pkijs.Certificate[], at: number): ChainResult {
  for (const cert of path) {
    if (!validAt(cert, at)) {
      const when = at < notBefore(cert) ? `aún no era válido (desde ${formatDayEs(notBefore(cert))})` : `había caducado el ${formatDayEs(notAfter(cert))}`;
      return { status: 'caducado', path, detail: `Al firmar, el certificado de «${subjectName(cert)}» ${when}.` };
    }
  }
  const names = path.slice(1).map((c) => `«${subjectName(c)}»`);
  return { status: 'confiable', path, detail: `Cadena hasta una autoridad instalada en la agencia: ${names.join(' → ') || 'el propio certificado es un ancla de confianza'}.` };
}
