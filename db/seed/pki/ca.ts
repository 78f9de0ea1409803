// A small certification authority for the demo agency and the tests: RSA keys, certificates
// with Ecuadorian-style subjects (CN, serialNumber with the cédula, C=EC), CRLs. Built with
// pkijs, the library the verifier parses with. Never a real CA: every name says DEMO or PRUEBA.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

export interface Subject {
  cn: string;
  o?: string;
  ou?: string;
  /** The cédula (or passport) in the subject's serialNumber, as Security Data and BCE do. */
  serialNumber?: string;
}

export interface Issued {
  cert: pkijs.Certificate;
  der: Buffer;
  pem: string;
  keys: CryptoKeyPair;
}

export type Usage = 'ca' | 'firma' | 'tsa';

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

export async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function name(s: Subject): pkijs.RelativeDistinguishedNames {
  const rdn = new pkijs.RelativeDistinguishedNames();
  const add = (type: string, value: asn1js.BaseStringBlock) => rdn.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value }));
  add('2.5.4.6', new asn1js.PrintableString({ value: 'EC' }));
  if (s.o) add('2.5.4.10', new asn1js.Utf8String({ value: s.o }));
  if (s.ou) add('2.5.4.11', new asn1js.Utf8String({ value: s.ou }));
  if (s.serialNumber) add('2.5.4.5', new asn1js.PrintableString({ value: s.serialNumber }));
  add('2.5.4.3', new asn1js.Utf8String({ value: s.cn }));
  return rdn;
}

export const toPem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END ${label}-----\n`;

export interface IssueOptions {
  subject: Subject;
  /** Omitted: self-signed (a root). */
  issuer?: Issued;
  keys: CryptoKeyPair;
  serial: number;
  notBefore: Date;
  notAfter: Date;
  usage: Usage;
  /** An Ecuadorian CA's identity extension (OID `<arc>.3.1`) carrying the cédula. */
  identityExtension?: { oid: string; value: string };
}

export async function issue(o: IssueOptions): Promise<Issued> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: o.serial });
  cert.subject = name(o.subject);
  cert.issuer = o.issuer ? o.issuer.cert.subject : cert.subject;
  cert.notBefore.value = o.notBefore;
  cert.notAfter.value = o.notAfter;
  await cert.subjectPublicKeyInfo.importKey(o.keys.publicKey);
  const ext: pkijs.Extension[] = [];
  const ca = o.usage === 'ca';
  ext.push(new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: ca }).toSchema().toBER(false) }));
  // keyUsage bits: digitalSignature(0x80) nonRepudiation(0x40) | keyCertSign(0x04) cRLSign(0x02)
  const usage = ca ? 0x06 : o.usage === 'firma' ? 0xc0 : 0x80;
  ext.push(new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: new asn1js.BitString({ valueHex: new Uint8Array([usage]).buffer, unusedBits: ca ? 1 : 6 }).toBER(false) }));
  if (o.usage === 'tsa') {
    ext.push(new pkijs.Extension({ extnID: '2.5.29.37', critical: true, extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] }).toSchema().toBER(false) }));
  }
  if (o.identityExtension) {
    ext.push(new pkijs.Extension({ extnID: o.identityExtension.oid, critical: false, extnValue: new asn1js.PrintableString({ value: o.identityExtension.value }).toBER(false) }));
  }
  cert.extensions = ext;
  await cert.sign((o.issuer?.keys ?? o.keys).privateKey, 'SHA-256');
  const der = Buffer.from(cert.toSchema(true).toBER(false));
  return { cert: pkijs.Certificate.fromBER(der), der, pem: toPem(der), keys: o.keys };
}

/** A CRL of `issuer` listing `revoked` serials. */
export async function issueCrl(issuer: Issued, revoked: { serial: number; at: Date }[], thisUpdate: Date, nextUpdate: Date): Promise<Buffer> {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuer.cert.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: thisUpdate });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: nextUpdate });
  if (revoked.length > 0) {
    crl.revokedCertificates = revoked.map((r) => new pkijs.RevokedCertificate({ userCertificate: new asn1js.Integer({ value: r.serial }), revocationDate: new pkijs.Time({ type: 0, value: r.at }) }));
  }
  await crl.sign(issuer.keys.privateKey, 'SHA-256');
  return Buffer.from(crl.toSchema(true).toBER(false));
}
