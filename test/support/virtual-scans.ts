// Scans as an applicant uploads them to the Ventanilla Virtual, for tests: real PDFs (pdfkit),
// optionally with an electronic signature's dictionary appended the way signing tools do it
// (an incremental update holding /Type /Sig with /ByteRange and /Contents). The signature is
// not cryptographically valid — the desk only checks that one is there (PAdES presence).
import PDFDocument from 'pdfkit';

export function scanPdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title }, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text(title, { align: 'center' }).moveDown();
  doc.fontSize(11);
  for (const line of lines) doc.text(line).moveDown(0.5);
  doc.end();
  return done;
}

/** Appends an incremental update with a signature dictionary signed by `signer`. */
export function withSignatureDictionary(pdf: Buffer, signer: string): Buffer {
  const text = pdf.toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const size = /\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')));
  const root = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')));
  if (!prev || !size || !root) throw new Error('unexpected PDF trailer');
  const n = Number(size[1]);
  const objectAt = pdf.length + 1;
  const object = `\n${n} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <${'0'.repeat(256)}> /Name (${signer}) /M (D:20261120090000-05'00') >>\nendobj\n`;
  const xrefAt = pdf.length + Buffer.byteLength(object, 'latin1');
  const xref = `xref\n${n} 1\n${String(objectAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${n + 1} /Root ${root[1]} /Prev ${prev[1]} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(object + xref, 'latin1')]);
}

export const signedPdf = async (title: string, lines: string[], signer: string) => withSignatureDictionary(await scanPdf(title, lines), signer);

/** The intake of a virtual request as central relays it (a private company, Ecuadorian representative). */
export const VIRTUAL_INTAKE = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '0001',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Peña Muñoz Begoña',
  representativeNationality: 'ECU',
  email: 'begona.pena@andina.com.ec',
  mobile: '0991234567',
  address: 'Av. Amazonas N34-120 y Av. República, Quito',
  viaThirdParty: false,
  artisan: false,
};

/** The four documents seed 004 asks of this profile: RUC, Solicitud (e-signed), cédula, Acuerdo (e-signed). */
export async function virtualScans(cedulaJpg: Buffer, opts: { unsignedAcuerdo?: boolean } = {}) {
  const who = 'Peña Muñoz Begoña, C.I. 1714307103';
  const acuerdo = await scanPdf('Acuerdo de Responsabilidad y Uso de la Información', ['Comercial Andina Cía. Ltda. · RUC 1792060346001', `Suscribe: ${who}`]);
  return [
    { documentType: 'ruc', fileName: 'ruc.pdf', data: await scanPdf('Registro Único de Contribuyentes', ['RUC 1792060346001', 'Razón social: Comercial Andina Cía. Ltda.', 'Estado: ACTIVO']) },
    { documentType: 'solicitud_entrega_clave', fileName: 'solicitud-firmada.pdf', data: await signedPdf('Solicitud de entrega de clave', ['Empleador: Comercial Andina Cía. Ltda. · RUC 1792060346001', `Representante legal: ${who}`, 'Correo: begona.pena@andina.com.ec'], 'Begoña Peña Muñoz') },
    { documentType: 'cedula_representante', fileName: 'cedula.jpg', data: cedulaJpg },
    { documentType: 'acuerdo_responsabilidad', fileName: opts.unsignedAcuerdo ? 'acuerdo.pdf' : 'acuerdo-firmado.pdf', data: opts.unsignedAcuerdo ? acuerdo : withSignatureDictionary(acuerdo, 'Begoña Peña Muñoz') },
  ];
}

export const toCentral = (scans: { documentType: string; fileName: string; data: Buffer }[]) => scans.map((s) => ({ documentType: s.documentType, fileName: s.fileName, dataBase64: s.data.toString('base64') }));
