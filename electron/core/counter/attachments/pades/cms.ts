// The CMS side (RFC 5652, as PAdES uses it: adbe.pkcs7.detached and ETSI.CAdES.detached; also
// RFC 3161 timestamp tokens, which are CMS too): parse with pkijs, then check the signer's
// messageDigest against the signed bytes and the signature over the signed attributes.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest, digestName, verifySignature, type Verified } from './algorithms';
import { sameName } from './certificates';
import { LIMITS, PadesError } from './limits';

export const CMS_OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  revocationArchival: '1.2.840.113583.1.1.8',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

export interface SignerData {
  signedData: pkijs.SignedData;
  signer: pkijs.SignerInfo;
  certificates: pkijs.Certificate[];
  signerCert: pkijs.Certificate | null;
}

/** Parses a CMS ContentInfo holding SignedData with exactly one signer. */
export function parseSignedData(der: Uint8Array | asn1js.AsnType): SignerData {
  let content: pkijs.ContentInfo;
  try {
    if (der instanceof Uint8Array) {
      if (der.length === 0 || der.length > LIMITS.maxContentsBytes) throw new PadesError('La firma está vacía o es demasiado grande.');
      content = pkijs.ContentInfo.fromBER(der);
    } else {
      content = new pkijs.ContentInfo({ schema: der });
    }
    if (content.contentType !== CMS_OID.signedData) throw new PadesError('El contenido de la firma no es una firma CMS.');
    const signedData = new pkijs.SignedData({ schema: content.content });
    if (signedData.signerInfos.length !== 1) throw new PadesError('La firma debe tener exactamente un firmante.');
    const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    if (certificates.length > LIMITS.maxCertificatesPerSignature) throw new PadesError('La firma trae demasiados certificados.');
    const signer = signedData.signerInfos[0]!;
    return { signedData, signer, certificates, signerCert: findSignerCertificate(signer, certificates) };
  } catch (err) {
    if (err instanceof PadesError) throw err;
    throw new PadesError('La firma electrónica está dañada: no se pudo leer su contenido CMS.');
  }
}

function findSignerCertificate(signer: pkijs.SignerInfo, certificates: pkijs.Certificate[]): pkijs.Certificate | null {
  const sid = signer.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => sameName(c.issuer, sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  const ski = (sid as { valueBlock?: { valueHexView?: Uint8Array } }).valueBlock?.valueHexView;
  if (!ski) return null;
  return (
    certificates.find((c) => {
      const ext = c.extensions?.find((e) => e.extnID === CMS_OID.subjectKeyIdentifier);
      const own = (ext?.parsedValue as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
      return own !== undefined && Buffer.from(own).equals(Buffer.from(ski));
    }) ?? null
  );
}

export function signedAttribute(data: SignerData, oid: string): asn1js.AsnType | undefined {
  return data.signer.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

export function unsignedAttribute(data: SignerData, oid: string): asn1js.AsnType | undefined {
  return data.signer.unsignedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

export interface SignerCheck {
  /** messageDigest equals the digest of the content. */
  digest: Verified;
  /** The signer's signature over the signed attributes. */
  signature: Verified;
  problems: string[];
}

/**
 * Checks one signer over `content` (the signed pieces of the PDF, or a timestamp's TSTInfo).
 * PAdES requires signed attributes; without them there is no messageDigest to bind the bytes.
 */
export function checkSigner(data: SignerData, content: readonly Uint8Array[], expectedContentType: string): SignerCheck {
  const problems: string[] = [];
  const attrs = data.signer.signedAttrs;
  const hash = digestName(data.signer.digestAlgorithm.algorithmId);
  if (!attrs || attrs.attributes.length === 0) return { digest: 'no_soportado', signature: 'no_soportado', problems: ['La firma no tiene atributos firmados (no es PAdES).'] };
  if (hash === 'debil') return { digest: 'debil', signature: 'debil', problems: ['La firma usa un resumen débil (SHA-1 o MD5).'] };
  if (!hash) return { digest: 'no_soportado', signature: 'no_soportado', problems: ['La firma usa un algoritmo de resumen desconocido.'] };
  const contentType = signedAttribute(data, CMS_OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== expectedContentType) {
    // The content type is a signed attribute RFC 5652 §11.1 requires; without it the signature
    // could be replayed over another kind of content.
    return { digest: 'falla', signature: 'no_soportado', problems: ['El tipo de contenido firmado no es el esperado.'] };
  }
  const claimed = signedAttribute(data, CMS_OID.messageDigest);
  const actual = digest(hash, content);
  const digestOk = claimed instanceof asn1js.OctetString && Buffer.from(claimed.valueBlock.valueHexView).equals(actual);
  if (!digestOk) problems.push('El resumen firmado (messageDigest) no coincide con los bytes del documento.');
  if (!data.signerCert) {
    problems.push('La firma no incluye el certificado de quien firmó.');
    return { digest: digestOk ? 'ok' : 'falla', signature: 'no_soportado', problems };
  }
  const signature = verifySignature(data.signerCert, data.signer.signatureAlgorithm, new Uint8Array(attrs.encodedValue), data.signer.signature.valueBlock.valueHexView, data.signer.digestAlgorithm.algorithmId);
  if (signature === 'falla') problems.push('La firma no corresponde al certificado de quien firmó.');
  if (signature === 'debil') problems.push('La firma usa un algoritmo débil (SHA-1 o MD5).');
  if (signature === 'no_soportado') problems.push('La firma usa un algoritmo que esta estación no verifica.');
  return { digest: digestOk ? 'ok' : 'falla', signature, problems };
}

/** The signer's signing-time attribute (claimed by the signer's own software). */
export function signingTimeOf(data: SignerData): number | null {
  const v = signedAttribute(data, CMS_OID.signingTime);
  if (v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime) {
    const ms = v.toDate().getTime();
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/** Adobe's revocation archival attribute (CRLs and OCSP responses the signer embedded). */
export function archivedRevocation(data: SignerData): { crls: pkijs.CertificateRevocationList[]; ocsps: pkijs.BasicOCSPResponse[] } {
  const crls: pkijs.CertificateRevocationList[] = [];
  const ocsps: pkijs.BasicOCSPResponse[] = [];
  const value = signedAttribute(data, CMS_OID.revocationArchival);
  if (!(value instanceof asn1js.Sequence)) return { crls, ocsps };
  for (const tagged of value.valueBlock.value) {
    const inner = (tagged as asn1js.Constructed).valueBlock?.value?.[0];
    if (!(inner instanceof asn1js.Sequence)) continue;
    for (const item of inner.valueBlock.value.slice(0, LIMITS.maxRevocationItems)) {
      try {
        if (tagged.idBlock.tagNumber === 0) crls.push(new pkijs.CertificateRevocationList({ schema: item }));
        else if (tagged.idBlock.tagNumber === 1) {
          const basic = basicOcsp(new pkijs.OCSPResponse({ schema: item }));
          if (basic) ocsps.push(basic);
        }
      } catch {
        // An unreadable item is no revocation evidence; the check reports what it could use.
      }
    }
  }
  return { crls, ocsps };
}

export function basicOcsp(response: pkijs.OCSPResponse): pkijs.BasicOCSPResponse | null {
  const bytes = response.responseBytes;
  if (!bytes || bytes.responseType !== '1.3.6.1.5.5.7.48.1.1') return null;
  return pkijs.BasicOCSPResponse.fromBER(bytes.response.valueBlock.valueHexView);
}
