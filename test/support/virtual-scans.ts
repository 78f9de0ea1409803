// Scans as an applicant uploads them to the Ventanilla Virtual, for tests (the PDF makers live
// with the demo seed, db/seed/scans.ts, which gives the demo's virtual requests their scans).
import { scanPdf, signedPdf, withSignatureDictionary } from '../../db/seed/scans';

export { scanPdf, signedPdf, withSignatureDictionary } from '../../db/seed/scans';

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
