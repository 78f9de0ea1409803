// The signature corpus the tests verify (docs/signatures.md): a test CA chain named PRUEBA
// (root, intermediate, timestamp authority, people), PDFs signed with it in every way the
// supervisor must tell apart, and the verdict each must get. Generated on each run; keys once
// per process.
import { randomFillSync } from 'node:crypto';
import { PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { issue, newKeys, type Issued } from '../../db/seed/pki/ca';
import { appendRevision, load, serialize } from '../../db/seed/pki/incremental';
import { createPki, type Pki } from '../../db/seed/pki/pki';
import { signPdf } from '../../db/seed/pki/sign-pdf';
import { scanPdf } from '../../db/seed/scans';
import type { SignatureVerdict } from '../../shared/contract/signature-report';

/** Validation time of the corpus: its certificates and CRLs are current then. */
export const CORPUS_NOW = Date.parse('2026-03-15T15:00:00Z');
export const SIGNED_AT = new Date('2026-03-10T14:00:00Z');

/** The request's legal representative (test/support/virtual-scans.ts VIRTUAL_INTAKE). */
export const REPRESENTATIVE = { idNumber: '1714307103', names: 'Peña Muñoz Begoña' };
export const OTHER_PERSON = { idNumber: '0917364229', names: 'Vera Mora Carlos Andrés' };

export interface CorpusCase {
  name: string;
  pdf: Buffer;
  verdict: SignatureVerdict;
  revocationUnchecked?: boolean;
  /** Per signature, in signing order, when the case has more than one. */
  signatures?: SignatureVerdict[];
}

export interface TestPki {
  pki: Pki;
  representative: Issued;
  other: Issued;
  expired: Issued;
  revoked: Issued;
  stranger: { root: Issued; intermediate: Issued; signer: Issued };
}

let pkiOnce: Promise<TestPki> | null = null;

export function testPki(): Promise<TestPki> {
  pkiOnce ??= (async () => {
    const pki = await createPki('PRUEBA', { from: new Date('2024-01-01T00:00:00Z'), years: 10, serialBase: 1000 });
    const current = { validFrom: new Date('2025-06-01T00:00:00Z'), validTo: new Date('2027-06-01T00:00:00Z') };
    const representative = await pki.person({ name: 'Begoña Peña Muñoz', cedula: REPRESENTATIVE.idNumber, ...current });
    // Security Data style: the cédula in the CA's identity extension, not in the subject.
    const other = await pki.person({ name: 'Carlos Andrés Vera Mora', cedula: OTHER_PERSON.idNumber, identityExtensionOid: '1.3.6.1.4.1.37746.3.1', ...current });
    const expired = await pki.person({ name: 'Begoña Peña Muñoz', cedula: REPRESENTATIVE.idNumber, validFrom: new Date('2024-01-01T00:00:00Z'), validTo: new Date('2025-12-31T00:00:00Z') });
    const revoked = await pki.person({ name: 'Begoña Peña Muñoz', cedula: REPRESENTATIVE.idNumber, ...current });
    // A CA nobody installed, with the same names as the trusted one: names alone never link.
    const keys = await newKeys();
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2034-01-01T00:00:00Z');
    const root = await issue({ subject: { cn: 'PRUEBA Autoridad de Certificación Raíz', o: 'PRUEBA Entidad de Certificación' }, keys, serial: 1, notBefore: from, notAfter: to, usage: 'ca' });
    const intermediate = await issue({ subject: { cn: 'PRUEBA Autoridad de Certificación Subordinada', o: 'PRUEBA Entidad de Certificación' }, issuer: root, keys, serial: 2, notBefore: from, notAfter: to, usage: 'ca' });
    const signer = await issue({ subject: { cn: 'BEGOÑA PEÑA MUÑOZ', serialNumber: REPRESENTATIVE.idNumber }, issuer: intermediate, keys, serial: 3, notBefore: current.validFrom, notAfter: current.validTo, usage: 'firma' });
    return { pki, representative, other, expired, revoked, stranger: { root, intermediate, signer } };
  })();
  return pkiOnce;
}

const serialOf = (i: Issued) => Number(BigInt(`0x${Buffer.from(i.cert.serialNumber.valueBlock.valueHexView).toString('hex')}`));

export function solicitudPdf(extraLines: string[] = []): Promise<Buffer> {
  return scanPdf('Solicitud de entrega de clave', ['Empleador: Comercial Andina Cía. Ltda. · RUC 1792060346001', 'Representante legal: Peña Muñoz Begoña, C.I. 1714307103', ...extraLines]);
}

/** Signed by the representative, with CRLs and a timestamp: the valid case. */
export async function validSigned(base?: Buffer): Promise<Buffer> {
  const t = await testPki();
  return signPdf(base ?? (await solicitudPdf()), {
    signer: t.representative,
    chain: [t.pki.intermediate],
    signingTime: SIGNED_AT,
    crls: await t.pki.crls(SIGNED_AT),
    timestamp: { tsa: t.pki.tsa, chain: [t.pki.intermediate], at: SIGNED_AT },
  });
}

/** A later revision that rewrites the first page's content stream (what a forger does). */
export async function changeContentAfterSigning(signed: Buffer): Promise<Buffer> {
  const loaded = await load(signed);
  const page = loaded.doc.getPage(0).node;
  const contents = page.get(PDFName.of('Contents'));
  if (!(contents instanceof PDFRef)) throw new Error('expected an indirect content stream');
  const text = 'BT /F1 24 Tf 72 700 Td (PAGUESE A: OTRA PERSONA) Tj ET';
  return appendRevision(signed, loaded, new Map([[contents.objectNumber, `<< /Length ${text.length} >>\nstream\n${text}\nendstream`]]));
}

/** A later revision adding validation data (/DSS with the CRLs): allowed after signing. */
export async function addValidationData(signed: Buffer, crls: Buffer[]): Promise<Buffer> {
  const loaded = await load(signed);
  const n = loaded.nextNumber;
  const objects = new Map<number, Buffer | string>();
  crls.forEach((der, i) => objects.set(n + i, Buffer.concat([Buffer.from(`<< /Length ${der.length} >>\nstream\n`), der, Buffer.from('\nendstream')])));
  const dss = n + crls.length;
  objects.set(dss, `<< /CRLs [${crls.map((_, i) => `${n + i} 0 R`).join(' ')}] >>`);
  const catalog = loaded.ctx.lookup(loaded.root, PDFDict);
  catalog.set(PDFName.of('DSS'), PDFRef.of(dss));
  objects.set(loaded.root.objectNumber, serialize(catalog));
  return appendRevision(signed, loaded, objects);
}

/** Flips one byte inside the signed range (the first piece, away from the signature). */
export function flipSignedByte(signed: Buffer): Buffer {
  const copy = Buffer.from(signed);
  const at = copy.indexOf('/MediaBox [0 0 ');
  if (at < 0) throw new Error('expected a /MediaBox');
  copy[at + 13] = 0x31; // [0 0 … → [0 1 …: the page's size changed inside the signed bytes
  return copy;
}

export async function buildCorpus(): Promise<CorpusCase[]> {
  const t = await testPki();
  const { pki } = t;
  const base = await solicitudPdf();
  const chain = [pki.intermediate];
  const crls = await pki.crls(SIGNED_AT);
  const valid = await validSigned(base);
  const sign = (signer: Issued, extra: Partial<Parameters<typeof signPdf>[1]> = {}, pdf: Buffer = base) => signPdf(pdf, { signer, chain, signingTime: SIGNED_AT, crls, ...extra });
  const revokedCrls = await pki.crls(SIGNED_AT, [{ serial: serialOf(t.revoked), at: new Date('2026-02-01T00:00:00Z') }]);
  const twice = await sign(t.other, { fieldName: 'Firma del contador' }, valid);
  return [
    { name: 'válida (con sello de tiempo y CRL)', pdf: valid, verdict: 'valida' },
    { name: 'válida sin datos de revocación', pdf: await sign(t.representative, { crls: [] }), verdict: 'valida', revocationUnchecked: true },
    { name: 'contenido cambiado después de firmar', pdf: await changeContentAfterSigning(valid), verdict: 'modificado' },
    { name: 'un byte firmado alterado', pdf: flipSignedByte(valid), verdict: 'modificado' },
    { name: 'actualización inocua (DSS) después de firmar', pdf: await addValidationData(valid, crls), verdict: 'valida' },
    { name: 'firmado por otra persona', pdf: await sign(t.other), verdict: 'otra_persona' },
    { name: 'certificado caducado', pdf: await sign(t.expired), verdict: 'caducado_revocado' },
    { name: 'raíz no instalada', pdf: await signPdf(base, { signer: t.stranger.signer, chain: [t.stranger.intermediate], signingTime: SIGNED_AT }), verdict: 'emisor_no_reconocido' },
    { name: 'revocado (CRL incluida)', pdf: await sign(t.revoked, { crls: revokedCrls }), verdict: 'caducado_revocado' },
    { name: 'texto que imita una firma', pdf: Buffer.from('%PDF-1.4 /Type /Sig /ByteRange [ ] %%EOF', 'latin1'), verdict: 'sin_firma' },
    { name: 'dos firmas (representante y otra persona)', pdf: twice, verdict: 'valida', signatures: ['valida', 'otra_persona'] },
    { name: 'PDF sin firma', pdf: base, verdict: 'sin_firma' },
  ];
}

/**
 * A Solicitud of about `bytes` (a scanned page is mostly image): the size the Ventanilla Virtual
 * accepts at most (1 MB), for the benchmark. The image is noise so it does not compress.
 */
export async function largeSolicitudPdf(bytes: number): Promise<Buffer> {
  const { PNG } = await import('pngjs');
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const png = new PNG({ width: side, height: side });
  randomFillSync(png.data);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  const image = PNG.sync.write(png, { colorType: 2 });
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text('Solicitud de entrega de clave (escaneada)', { align: 'center' });
  doc.image(image, 56, 100, { width: 480 });
  doc.end();
  return done;
}
