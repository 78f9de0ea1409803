// The intake most tests fill: an Ecuadorian natural person who is her own employer (valid RUC
// and cédula of docs/domain-vectors.md), filing in person, no third party, not an artisan.
export const NATURAL_INTAKE = {
  applicantKind: 'natural_ecuatoriana',
  employerRuc: '1714307103001',
  employerBranch: '0001',
  employerLegalName: 'Peña Muñoz Begoña',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Peña Muñoz Begoña',
  representativeNationality: 'ECU',
  email: 'begona.pena@gmail.com',
  mobile: '0991234567',
  address: 'Calle Sucre 4-52 y Bolívar, Cuenca',
  viaThirdParty: false,
  artisan: false,
} as const;
