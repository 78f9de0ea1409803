// Who signed, compared with who should have: the request's legal representative. The cédula
// decides when both sides have one; a certificate without an identity number is compared by
// name (every word, accents and order aside), and says so.
import { foldForSearch, stripSeparators } from '../../../../../shared/domain/text';

export interface ExpectedSigner {
  idNumber: string | null;
  names: string | null;
}

export interface IdentityResult {
  matches: boolean;
  detail: string;
}

const normId = (v: string) => stripSeparators(v).toUpperCase();
const words = (v: string) => foldForSearch(v).replace(/[^a-z0-9 ]/g, ' ').split(' ').filter(Boolean).sort().join(' ');

export function compareIdentity(signer: { name: string | null; cedula: string | null }, expected: ExpectedSigner): IdentityResult {
  const who = `${expected.names ?? 'el representante legal'}${expected.idNumber ? `, C.I. ${expected.idNumber}` : ''}`;
  if (signer.cedula && expected.idNumber) {
    return normId(signer.cedula) === normId(expected.idNumber)
      ? { matches: true, detail: `Quien firmó es el representante legal de la solicitud (${who}).` }
      : { matches: false, detail: `Firmó la persona con C.I. ${signer.cedula}; el representante legal de la solicitud es ${who}.` };
  }
  if (signer.name && expected.names && words(signer.name) === words(expected.names)) {
    return { matches: true, detail: `El nombre del certificado coincide con el representante legal (${who}); el certificado no trae número de cédula.` };
  }
  return { matches: false, detail: `El certificado es de ${signer.name ?? 'una persona sin nombre'}${signer.cedula ? `, C.I. ${signer.cedula}` : ''}; el representante legal de la solicitud es ${who}.` };
}
