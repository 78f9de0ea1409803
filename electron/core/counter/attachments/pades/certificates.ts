// Reading people and issuers out of X.509 certificates (pkijs parses; this names the fields):
// who signed (name and cédula), the CA's name, validity and key usage.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  givenName: '2.5.4.42',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
} as const;

/**
 * The Ecuadorian accredited CAs carry the holder's cédula (or passport) in an extension of
 * their own arc `<arc>.3.1` besides, or instead of, the subject's serialNumber. Known arcs
 * (as FirmaEC's validator reads them): Banco Central del Ecuador, Security Data, ANF AC,
 * Consejo de la Judicatura, Uanataca.
 */
export const IDENTITY_EXTENSIONS: Record<string, string> = {
  '1.3.6.1.4.1.37947.3.1': 'Banco Central del Ecuador',
  '1.3.6.1.4.1.37746.3.1': 'Security Data',
  '1.3.6.1.4.1.18332.3.1': 'ANF AC',
  '1.3.6.1.4.1.43745.1.3.1': 'Consejo de la Judicatura',
  '1.3.6.1.4.1.47286.102.3.1': 'Uanataca',
};

export function attribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  for (const tv of name.typesAndValues) {
    if (tv.type !== oid) continue;
    const value = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
    if (typeof value === 'string') return value.trim();
  }
  return null;
}

/** The holder's display name: CN, else given names + surnames. */
export function holderName(cert: pkijs.Certificate): string | null {
  const cn = attribute(cert.subject, OID.commonName);
  if (cn) return cn;
  const parts = [attribute(cert.subject, OID.givenName), attribute(cert.subject, OID.surname)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The CA's name as people know it: the issuer's organization, else its common name. */
export function issuerName(cert: pkijs.Certificate): string | null {
  return attribute(cert.issuer, OID.organization) ?? attribute(cert.issuer, OID.commonName);
}

export function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  return attribute(name, OID.commonName) ?? attribute(name, OID.organization) ?? 'sin nombre';
}

export const subjectName = (cert: pkijs.Certificate) => nameOf(cert.subject);

/** An identity number out of a serialNumber-like value: "1710034065", "CI 1710034065", "IDCEC-1710034065", "PASEC-AB123456". */
export function identityNumber(raw: string | null): string | null {
  if (!raw) return null;
  const cleaned = raw.trim().toUpperCase();
  const digits = /(?:^|[^0-9])(\d{10})(?:\d{3})?(?:[^0-9]|$)/.exec(cleaned);
  if (digits) return digits[1]!;
  const other = /^(?:PAS[A-Z]{2}-|IDC[A-Z]{2}-)?([A-Z0-9]{5,20})$/.exec(cleaned);
  return other ? other[1]! : null;
}

function extensionText(ext: pkijs.Extension): string | null {
  const raw = ext.extnValue.valueBlock.valueHexView;
  try {
    const parsed = asn1js.fromBER(raw);
    const value = (parsed.result as { valueBlock?: { value?: unknown } }).valueBlock?.value;
    if (parsed.offset !== -1 && typeof value === 'string') return value;
  } catch {
    // fall through to the raw text some CAs write
  }
  const text = Buffer.from(raw).toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/** The holder's cédula: the subject's serialNumber, else an Ecuadorian CA's identity extension. */
export function holderIdNumber(cert: pkijs.Certificate): string | null {
  const fromSubject = identityNumber(attribute(cert.subject, OID.serialNumber));
  if (fromSubject) return fromSubject;
  for (const ext of cert.extensions ?? []) {
    if (IDENTITY_EXTENSIONS[ext.extnID]) {
      const id = identityNumber(extensionText(ext));
      if (id) return id;
    }
  }
  return null;
}

export const notBefore = (cert: pkijs.Certificate) => cert.notBefore.value.getTime();
export const notAfter = (cert: pkijs.Certificate) => cert.notAfter.value.getTime();
export const validAt = (cert: pkijs.Certificate, at: number) => at >= notBefore(cert) && at <= notAfter(cert);

export const serialHex = (cert: pkijs.Certificate) => Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase();

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** Key usage allows signing documents: digitalSignature or nonRepudiation (absent extension: any use). */
export function keyUsageAllowsSigning(cert: pkijs.Certificate): boolean {
  const ext = extension(cert, OID.keyUsage);
  if (!ext) return true;
  const bits = ext.parsedValue as asn1js.BitString | undefined;
  const first = bits?.valueBlock.valueHexView[0] ?? 0;
  return (first & 0xc0) !== 0;
}

/** keyCertSign in key usage (absent extension: allowed, as RFC 5280 leaves it to basicConstraints). */
function keyUsageAllowsCertSign(cert: pkijs.Certificate): boolean {
  const ext = extension(cert, OID.keyUsage);
  if (!ext) return true;
  const bits = ext.parsedValue as asn1js.BitString | undefined;
  return ((bits?.valueBlock.valueHexView[0] ?? 0) & 0x04) !== 0;
}

export function isCa(cert: pkijs.Certificate): boolean {
  const ext = extension(cert, OID.basicConstraints);
  const bc = ext?.parsedValue as pkijs.BasicConstraints | undefined;
  return bc?.cA === true && keyUsageAllowsCertSign(cert);
}

/** Extended key usage includes `purpose` (absent extension: unrestricted, unless `required`). */
export function hasExtendedKeyUsage(cert: pkijs.Certificate, purpose: string, required: boolean): boolean {
  const ext = extension(cert, OID.extKeyUsage);
  if (!ext) return !required;
  const eku = ext.parsedValue as pkijs.ExtKeyUsage | undefined;
  return eku?.keyPurposes.includes(purpose) ?? false;
}

export function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return a.isEqual(b);
}

export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(a.tbsView).equals(Buffer.from(b.tbsView)) && Buffer.from(a.signatureValue.valueBlock.valueHexView).equals(Buffer.from(b.signatureValue.valueBlock.valueHexView));
}

export function isSelfIssued(cert: pkijs.Certificate): boolean {
  return sameName(cert.subject, cert.issuer);
}

/** Parses a DER certificate; null when it is not one. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate | null {
  try {
    return pkijs.Certificate.fromBER(der);
  } catch {
    return null;
  }
}
