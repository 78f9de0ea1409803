// A demo request for the sample script, the tests and the benchmark: names with accents and ñ,
// the public test vectors of docs/domain-vectors.md (RUC 1792060346001, cédula 1714307103).
import type { PrintableRequest } from './types';

export const DEMO_PRINTED_AT = Date.UTC(2026, 2, 16, 14, 35, 0); // 16/03/2026 09:35 in Ecuador

export function demoRequest(withThirdParty: boolean): PrintableRequest {
  const documents: PrintableRequest['documents'] = [
    { label: 'Solicitud de entrega de clave', presentationLabel: 'Se entrega en ventanilla', verified: true },
    { label: 'Cédula del representante legal', presentationLabel: 'Original (se exhibe)', verified: true },
    { label: 'Acuerdo de Responsabilidad y Uso de la Información', presentationLabel: 'Se entrega en ventanilla', verified: true },
  ];
  if (withThirdParty) {
    documents.push(
      { label: 'Autorización de Retiro de Contraseña (sección de la solicitud)', presentationLabel: 'Se entrega en ventanilla', verified: true },
      { label: 'Cédula del tercero autorizado', presentationLabel: 'Original (se exhibe)', verified: true },
    );
  }
  return {
    number: withThirdParty ? 'CAU-UIO-2026-000123' : 'CAU-UIO-2026-000124',
    id: withThirdParty ? '0195f3a2-7c1e-7d3f-8a9b-0c1d2e3f4a5b' : '0195f3a2-9d40-7a11-b2c3-4d5e6f708192',
    agency: { code: 'UIO', name: 'CAU Quito Centro', provinceName: 'Pichincha' },
    attentionDate: '2026-03-16',
    channel: 'presencial',
    applicantKind: { code: 'juridica_privada', label: 'Persona Jurídica - Privada' },
    employer: { ruc: '1792060346001', branch: '0001', legalName: 'Comercial Andina Cía. Ltda.' },
    representative: {
      names: 'Peña Muñoz Begoña',
      idType: 'cedula',
      idTypeLabel: 'Cédula de identidad',
      idNumber: '1714307103',
      nationality: 'ECU',
    },
    contact: {
      email: 'begona.pena@comercialandina.com.ec',
      mobile: '0991234567',
      address: 'Av. 10 de Agosto N24-15 y Cordero, edificio Ñucanchik, oficina 3, Quito',
    },
    thirdParty: withThirdParty ? { names: 'Ordóñez Quishpe José Íñiguez', cedula: '0602910945' } : null,
    artisan: null,
    documents,
    clerk: { name: 'Andrés Yánez Carrión' },
  };
}
