// Scans as an applicant uploads them to the Ventanilla Virtual, for tests (the PDF makers live
// with the demo seed, db/seed/scans.ts, which gives the demo's virtual requests their scans).
import { editedAfterSigning, scanPdf, signAs, signedPdf, withSignatureDictionary } from '../../db/seed/scans';

export { editedAfterSigning, scanPdf, signAs, signedPdf, withSignatureDictionary } from '../../db/seed/scans';

/** The representative of VIRTUAL_INTAKE as the signer of the e-signed documents. */
export const REPRESENTATIVE_SIGNER = { names: 'Begoña Peña Muñoz', cedula: '1714307103' };

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

/**
 * How the Acuerdo arrives: signed by the representative; unsigned; with a signature dictionary
 * that is only text (the old desk's "PAdES"); edited after signing; signed by someone else.
 */
export type AcuerdoKind = 'firmado' | 'sin_firma' | 'firma_falsa' | 'modificado' | 'otra_persona';

/**
 * The four documents seed 004 asks of this profile: RUC, Solicitud (e-signed), cédula, Acuerdo
 * (e-signed), signed by the demo CA of `dataDir` (the desk's installed trust anchor).
 */
export async function virtualScans(cedulaJpg: Buffer, opts: { dataDir: string; acuerdo?: AcuerdoKind; at?: Date }) {
  const who = 'Peña Muñoz Begoña, C.I. 1714307103';
  const at = opts.at ?? new Date(Date.UTC(2026, 10, 20, 13, 0, 0));
  const kind = opts.acuerdo ?? 'firmado';
  const acuerdo = await scanPdf('Acuerdo de Responsabilidad y Uso de la Información', ['Comercial Andina Cía. Ltda. · RUC 1792060346001', `Suscribe: ${who}`]);
  const acuerdoData =
    kind === 'sin_firma'
      ? acuerdo
      : kind === 'firma_falsa'
        ? withSignatureDictionary(acuerdo, 'Begoña Peña Muñoz')
        : kind === 'otra_persona'
          ? await signAs(acuerdo, { names: 'Carlos Andrés Vera Mora', cedula: '0917364229' }, opts.dataDir, at)
          : kind === 'modificado'
            ? await editedAfterSigning(await signAs(acuerdo, REPRESENTATIVE_SIGNER, opts.dataDir, at), 'Acuerdo cambiado despues de firmar')
            : await signAs(acuerdo, REPRESENTATIVE_SIGNER, opts.dataDir, at);
  return [
    { documentType: 'ruc', fileName: 'ruc.pdf', data: await scanPdf('Registro Único de Contribuyentes', ['RUC 1792060346001', 'Razón social: Comercial Andina Cía. Ltda.', 'Estado: ACTIVO']) },
    {
      documentType: 'solicitud_entrega_clave',
      fileName: 'solicitud-firmada.pdf',
      data: await signedPdf('Solicitud de entrega de clave', ['Empleador: Comercial Andina Cía. Ltda. · RUC 1792060346001', `Representante legal: ${who}`, 'Correo: begona.pena@andina.com.ec'], REPRESENTATIVE_SIGNER, opts.dataDir, at),
    },
    { documentType: 'cedula_representante', fileName: 'cedula.jpg', data: cedulaJpg },
    { documentType: 'acuerdo_responsabilidad', fileName: kind === 'firmado' ? 'acuerdo-firmado.pdf' : 'acuerdo.pdf', data: acuerdoData },
  ];
}

export const toCentral = (scans: { documentType: string; fileName: string; data: Buffer }[]) => scans.map((s) => ({ documentType: s.documentType, fileName: s.fileName, dataBase64: s.data.toString('base64') }));
