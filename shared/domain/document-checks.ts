// Which intake data each document's verification looked at. A verified document vouches for
// those values only: when any of them changes (a returned request corrected, a draft edited),
// the document's verification no longer holds and is undone (electron/core/counter/store.ts).
import type { DocumentType } from './catalogs';
import type { IntakeDraft, IntakeField } from './intake';

/** The printed forms carry every field of the intake: a change to one means a new paper to sign. */
const EVERY_FIELD = 'every field' as const;

const FIELDS_CHECKED_BY: Readonly<Record<DocumentType, readonly IntakeField[] | typeof EVERY_FIELD>> = {
  // Number and names compared with the document (renderer/src/counter/checklist/documentChecks.ts).
  cedula_representante: ['representativeIdType', 'representativeIdNumber', 'representativeNames'],
  cedula_tercero_autorizado: ['viaThirdParty', 'thirdPartyCedula', 'thirdPartyNames'],
  // By passport, the IESS code is its own field, asked only when registered (docs/seeds/004_…:63).
  codigo_extranjero: ['representativeIdType', 'representativeIdNumber', 'representativeNames', 'foreignerRegistration', 'foreignerCode'],
  pasaporte: ['representativeIdType', 'representativeIdNumber', 'representativeNames', 'representativeNationality', 'passportExpiryDate'],
  visa: ['representativeNames', 'visaCategory', 'visaNumber', 'visaIssueDate', 'visaExpiryDate'],
  calificacion_artesanal: ['employerLegalName', 'artisanNumber', 'artisanBranch', 'artisanIssueDate', 'artisanExpiryDate'],
  ruc: ['employerRuc'],
  solicitud_entrega_clave: EVERY_FIELD,
  autorizacion_retiro_contrasena: EVERY_FIELD,
  acuerdo_responsabilidad: EVERY_FIELD,
  // registro_extranjero keeps its data outside the employer intake (foreigner-registration.ts):
  // its own save undoes these when the foreigner's data change (electron/core/counter/foreigner-registration.ts).
  copia_pasaporte: ['representativeIdNumber', 'representativeNames', 'representativeNationality', 'passportExpiryDate'],
  contrato_sut: ['employerRuc'],
  solicitud_registro_extranjero: EVERY_FIELD,
};

/** Compared as the clerk reads them: case, spacing and separators are not a change. */
function comparable(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '';
  if (typeof v !== 'string') return '';
  return v.normalize('NFC').toUpperCase().replace(/[\s.-]+/g, '');
}

/** Total over anything (test/unit/domain/totality.test.ts): what is not an object has no fields. */
const fieldsOf = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function changedFields(before: unknown, after: unknown): Set<string> {
  const [b, a] = [fieldsOf(before), fieldsOf(after)];
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return new Set([...keys].filter((k) => comparable(b[k]) !== comparable(a[k])));
}

/** The documents whose verification looked at a field that differs between `before` and `after`. */
export function documentsAffectedBy(before: IntakeDraft, after: IntakeDraft, documents: readonly DocumentType[]): DocumentType[] {
  if (!Array.isArray(documents)) return [];
  const changed = changedFields(before, after);
  if (changed.size === 0) return [];
  return documents.filter((d) => {
    if (typeof d !== 'string' || !Object.hasOwn(FIELDS_CHECKED_BY, d)) return false;
    const fields = FIELDS_CHECKED_BY[d as DocumentType];
    return fields === EVERY_FIELD || fields.some((f) => changed.has(f));
  });
}
