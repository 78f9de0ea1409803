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

/** A private company with an Ecuadorian legal representative, in person, no third party (the benchmark's intake too). */
export const COMPANY_INTAKE = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '0001',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Peña Muñoz Begoña',
  representativeNationality: 'ECU',
  email: 'begona.pena@andina.com.ec',
  address: 'Av. Amazonas N24-12 y Colón, Quito',
  viaThirdParty: false,
  artisan: false,
} as const;
