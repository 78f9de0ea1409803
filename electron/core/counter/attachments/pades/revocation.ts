// Revocation of the certificates on the path (all but the trust anchor), from the evidence the
// PDF carries: CRLs and OCSP responses in the signer's adbe-revocationInfoArchival attribute or
// in the document's /DSS. Evidence counts only when its issuer's signature verifies and it speaks
// of the signing time. No evidence is «revocación no comprobada» — never "not revoked".
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { verifySignature, verifySignedBy } from './algorithms';
import { hasExtendedKeyUsage, sameName, subjectName } from './certificates';
import { formatDayEs } from '../../../../../shared/domain/dates';

export type RevocationStatus = 'no_revocado' | 'revocado' | 'no_comprobada';

export interface RevocationEvidence {
  crls: pkijs.CertificateRevocationList[];
  ocsps: pkijs.BasicOCSPResponse[];
}

export interface RevocationResult {
  status: RevocationStatus;
  detail: string;
}

type One = { status: RevocationStatus; source: string; revokedAt?: number };

/** Evidence about a time `at` is current: issued after it, or valid over it. */
const speaksOf = (at: number, thisUpdate: number, nextUpdate: number | null) => thisUpdate >= at || (thisUpdate <= at && (nextUpdate === null || at <= nextUpdate));

function fromCrls(cert: pkijs.Certificate, issuer: pkijs.Certificate, crls: readonly pkijs.CertificateRevocationList[], at: number): One | null {
  let verdict: One | null = null;
  for (const crl of crls) {
    if (!sameName(crl.issuer, issuer.subject)) continue;
    if (verifySignedBy(issuer, { tbsView: crl.tbsView, signatureAlgorithm: crl.signatureAlgorithm, signatureValue: crl.signatureValue }) !== 'ok') continue;
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber));
    if (entry) return { status: 'revocado', source: 'CRL', revokedAt: entry.revocationDate.value.getTime() };
    if (speaksOf(at, crl.thisUpdate.value.getTime(), crl.nextUpdate?.value.getTime() ?? null)) verdict = { status: 'no_revocado', source: 'CRL' };
  }
  return verdict;
}

const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };

function certIdMatches(id: pkijs.CertID, cert: pkijs.Certificate, issuer: pkijs.Certificate): boolean {
  // CertID hashes only identify the issuer (RFC 6960 §4.1.1); SHA-1 there is not a security use.
  const hash = HASHES[id.hashAlgorithm.algorithmId];
  if (!hash || !id.serialNumber.isEqual(cert.serialNumber)) return false;
  const nameHash = createHash(hash).update(new Uint8Array(issuer.subject.toSchema().toBER(false))).digest();
  const keyHash = createHash(hash).update(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  return nameHash.equals(Buffer.from(id.issuerNameHash.valueBlock.valueHexView)) && keyHash.equals(Buffer.from(id.issuerKeyHash.valueBlock.valueHexView));
}

/** The OCSP response's signer: the issuer itself, or a responder it delegated (id-kp-OCSPSigning). */
function ocspSigner(response: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate): pkijs.Certificate | null {
  const data = response.tbsResponseData.tbsView;
  const signature = response.signature.valueBlock.valueHexView;
  if (verifySignature(issuer, response.signatureAlgorithm, data, signature) === 'ok') return issuer;
  for (const responder of response.certs ?? []) {
    if (!sameName(responder.issuer, issuer.subject) || verifySignedBy(issuer, responder) !== 'ok') continue;
    if (!hasExtendedKeyUsage(responder, '1.3.6.1.5.5.7.3.9', true)) continue;
    if (verifySignature(responder, response.signatureAlgorithm, data, signature) === 'ok') return responder;
  }
  return null;
}

function fromOcsps(cert: pkijs.Certificate, issuer: pkijs.Certificate, ocsps: readonly pkijs.BasicOCSPResponse[], at: number): One | null {
  let verdict: One | null = null;
  for (const response of ocsps) {
    const single = response.tbsResponseData.responses.find((r) => certIdMatches(r.certID, cert, issuer));
    if (!single || !ocspSigner(response, issuer)) continue;
    const tag = (single.certStatus as { idBlock?: { tagNumber?: number } }).idBlock?.tagNumber;
    if (tag === 1) {
      const time = (single.certStatus as { valueBlock?: { value?: { toDate?: () => Date }[] } }).valueBlock?.value?.[0]?.toDate?.();
      return { status: 'revocado', source: 'OCSP', revokedAt: time ? time.getTime() : 0 };
    }
    if (tag === 0 && speaksOf(at, single.thisUpdate.getTime(), single.nextUpdate?.getTime() ?? null)) verdict = { status: 'no_revocado', source: 'OCSP' };
  }
  return verdict;
}

/**
 * `at` is the signing time; `proofOfExistence` the time of a verified timestamp, if any. A
 * certificate revoked before the signing time is revoked; one revoked later still is, unless a
 * timestamp proves the signature existed before the revocation (EU DSS: no proof, no pass).
 */
export function checkRevocation(path: readonly pkijs.Certificate[], evidence: RevocationEvidence, at: number, proofOfExistence: number | null): RevocationResult {
  const checked: string[] = [];
  let unchecked: string | null = null;
  // The last certificate of a trusted path is the anchor, trusted as installed.
  for (let i = 0; i < path.length - 1; i++) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    const one = fromOcsps(cert, issuer, evidence.ocsps, at) ?? fromCrls(cert, issuer, evidence.crls, at);
    if (!one) {
      unchecked ??= subjectName(cert);
      continue;
    }
    if (one.status === 'revocado') {
      const revokedAt = one.revokedAt ?? 0;
      const provenBefore = proofOfExistence !== null && proofOfExistence < revokedAt;
      if (revokedAt <= at || !provenBefore) {
        const when = revokedAt > 0 ? ` el ${formatDayEs(revokedAt)}` : '';
        const after = revokedAt > at ? ', después de la fecha de firma declarada, sin sello de tiempo que pruebe que se firmó antes' : '';
        return { status: 'revocado', detail: `El certificado de «${subjectName(cert)}» fue revocado${when}${after} (${one.source}).` };
      }
      checked.push(`${subjectName(cert)}: revocado después del sello de tiempo (${one.source})`);
      continue;
    }
    checked.push(`${subjectName(cert)}: no revocado (${one.source})`);
  }
  if (unchecked !== null) {
    return { status: 'no_comprobada', detail: `Revocación no comprobada: el PDF no trae una lista de revocación (CRL) ni respuesta OCSP vigente para «${unchecked}».` };
  }
  return { status: 'no_revocado', detail: `Revocación comprobada con los datos incluidos en el PDF: ${checked.join('; ')}.` };
}
