// Signs a PDF the way signing tools do (PAdES baseline, ETSI.CAdES.detached): an incremental
// update with a signature field and its signature dictionary, a /ByteRange around a /Contents
// placeholder, then a CMS SignedData (pkijs) over those bytes written into the placeholder.
// Optional: CRLs in Adobe's revocation archival attribute, an RFC 3161 timestamp token.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import * as pkijs from 'pkijs';
import type { Issued } from './ca';
import { appendRevision, load, refOf, serialize } from './incremental';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  revocationArchival: '1.2.840.113583.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
};

export interface SignOptions {
  signer: Issued;
  /** Certificates to carry besides the signer's (the intermediate, usually). */
  chain: Issued[];
  signingTime: Date;
  fieldName?: string;
  /** DER CRLs embedded in the signature (adbe-revocationInfoArchival). */
  crls?: Uint8Array[];
  timestamp?: { tsa: Issued; chain: Issued[]; at: Date };
  /** Bytes reserved for the CMS (hex doubles it). */
  reserve?: number;
}

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 ********** ********** **********]';
const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
const sha256 = (...pieces: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of pieces) h.update(p);
  return h.digest();
};
const attr = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

export async function signPdf(pdf: Uint8Array, o: SignOptions): Promise<Buffer> {
  const loaded = await load(pdf);
  const { ctx, root } = loaded;
  const sigNum = loaded.nextNumber;
  const widgetNum = sigNum + 1;
  const reserve = o.reserve ?? 20_000;
  const page = loaded.doc.getPage(0);
  const pageRef = page.ref;
  const field = o.fieldName ?? `Firma${sigNum}`;

  const sig = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(reserve * 2)}> /M ${PDFString.of(pdfDate(o.signingTime)).toString()} >>`;
  const widget = `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${PDFString.of(field).toString()} /V ${sigNum} 0 R /F 132 /Rect [0 0 0 0] /P ${pageRef.toString()} >>`;
  const objects = new Map<number, Buffer | string>([
    [sigNum, sig],
    [widgetNum, widget],
  ]);
  // The page gets the widget in /Annots; the catalog gets (or extends) /AcroForm.
  const pageDict = page.node;
  const annots = pageDict.lookup(PDFName.of('Annots'));
  const annotsRaw = pageDict.get(PDFName.of('Annots'));
  if (annots instanceof PDFArray && !(annotsRaw instanceof PDFArray)) {
    annots.push(refOf(widgetNum));
    objects.set((annotsRaw as PDFRef).objectNumber, serialize(annots));
  } else {
    pageDict.set(PDFName.of('Annots'), annots instanceof PDFArray ? (annots.push(refOf(widgetNum)), annots) : ctx.obj([refOf(widgetNum)]));
    objects.set(pageRef.objectNumber, serialize(pageDict));
  }
  const catalog = ctx.lookup(root, PDFDict);
  const formRaw = catalog.get(PDFName.of('AcroForm'));
  const form = catalog.lookup(PDFName.of('AcroForm'));
  if (form instanceof PDFDict) {
    const fields = form.lookup(PDFName.of('Fields'), PDFArray);
    fields.push(refOf(widgetNum));
    form.set(PDFName.of('SigFlags'), ctx.obj(3));
    if (formRaw !== form) objects.set((formRaw as PDFRef).objectNumber, serialize(form));
  } else {
    catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [refOf(widgetNum)], SigFlags: 3 }));
  }
  if (formRaw === undefined || formRaw === form) objects.set(root.objectNumber, serialize(catalog));

  const out = appendRevision(pdf, loaded, objects);
  const sigAt = out.indexOf(`${sigNum} 0 obj`, pdf.length);
  const rangeAt = out.indexOf(BYTE_RANGE_PLACEHOLDER, sigAt);
  const holeStart = out.indexOf('/Contents <', sigAt) + '/Contents '.length;
  const holeEnd = out.indexOf('>', holeStart) + 1;
  const range = `/ByteRange [0 ${holeStart} ${holeEnd} ${out.length - holeEnd}]`;
  out.write(range.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), rangeAt, 'latin1');
  const cms = await buildCms([out.subarray(0, holeStart), out.subarray(holeEnd)], o);
  if (cms.length > reserve) throw new Error(`CMS of ${cms.length} bytes exceeds the ${reserve}-byte placeholder`);
  out.write(cms.toString('hex'), holeStart + 1, 'latin1');
  return out;
}

/** The detached CMS over `pieces`, with signed attributes (PAdES requires them). */
export async function buildCms(pieces: Uint8Array[], o: Pick<SignOptions, 'signer' | 'chain' | 'signingTime' | 'crls' | 'timestamp'>): Promise<Buffer> {
  const signed: pkijs.Attribute[] = [
    attr(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attr(OID.signingTime, new asn1js.UTCTime({ valueDate: o.signingTime })),
    attr(OID.messageDigest, new asn1js.OctetString({ valueHex: sha256(...pieces) })),
  ];
  if (o.crls && o.crls.length > 0) {
    const crls = o.crls.map((der) => asn1js.fromBER(der).result);
    signed.push(attr(OID.revocationArchival, new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: crls })] })] })));
  }
  const data = signedDataFor(o.signer, o.chain, OID.data, undefined, signed);
  await data.sign(o.signer.keys.privateKey, 0, 'SHA-256');
  if (o.timestamp) {
    const info = data.signerInfos[0]!;
    const token = await timestampToken(info.signature.valueBlock.valueHexView, o.timestamp);
    info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attr(OID.timeStampToken, token)] });
  }
  return Buffer.from(new pkijs.ContentInfo({ contentType: OID.signedData, content: data.toSchema(true) }).toSchema().toBER(false));
}

function signedDataFor(signer: Issued, chain: Issued[], contentType: string, eContent: Uint8Array | undefined, attributes: pkijs.Attribute[]): pkijs.SignedData {
  return new pkijs.SignedData({
    version: eContent ? 3 : 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: contentType, ...(eContent ? { eContent: new asn1js.OctetString({ valueHex: eContent }) } : {}) }),
    certificates: [signer.cert, ...chain.map((c) => c.cert)],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.cert.issuer, serialNumber: signer.cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
  });
}

/** An RFC 3161 token from a demo TSA over `signatureValue`. */
async function timestampToken(signatureValue: Uint8Array, t: NonNullable<SignOptions['timestamp']>): Promise<asn1js.Sequence> {
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1.1',
    messageImprint: new pkijs.MessageImprint({ hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }), hashedMessage: new asn1js.OctetString({ valueHex: sha256(signatureValue) }) }),
    serialNumber: new asn1js.Integer({ value: Math.floor(t.at.getTime() / 1000) }),
    genTime: t.at,
  });
  const der = new Uint8Array(info.toSchema().toBER(false));
  const attrs = [attr(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.tstInfo })), attr(OID.messageDigest, new asn1js.OctetString({ valueHex: sha256(der) }))];
  const data = signedDataFor(t.tsa, t.chain, OID.tstInfo, der, attrs);
  await data.sign(t.tsa.keys.privateKey, 0, 'SHA-256');
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: data.toSchema(true) }).toSchema() as asn1js.Sequence;
}
