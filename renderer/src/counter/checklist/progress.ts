// What stands between a request in verification and the supervisor, and where the clerk's focus
// goes next: pure functions of the request, shared by the checklist screen and its tests.
import { catalogLabel, DOCUMENT_REJECTION_REASONS } from '../../../../shared/domain';
import type { ChecklistItem, RequestDetail } from '../useRequest';
import { rowId } from './DocumentRow';

type DocType = ChecklistItem['documentType'];

/** Signed papers: brought by the applicant, or printed here (seed 004, lines 35–41). */
const papers = (detail: RequestDetail) => detail.checklist.filter((i) => i.signature === 'manuscrita');
/** Something is to be printed and signed here: printing comes before review. */
export const needsPrinting = (detail: RequestDetail) => papers(detail).some((i) => i.origin !== 'traido');
/** A signature can be marked now: a brought paper during verification, a printed one after printing. */
const markable = (detail: RequestDetail, i: ChecklistItem) => i.origin === 'traido' || (detail.state === 'pendiente_firma' && i.origin !== null);

/** What stands between the request and the supervisor, in the clerk's words. */
export function missingItems(detail: RequestDetail): string[] {
  const missing: string[] = [];
  for (const i of detail.checklist) {
    if (i.status === 'pendiente') missing.push(`Falta verificar: ${i.label}.`);
    if (i.status === 'rechazado') missing.push(`Documento rechazado: ${i.label} (${catalogLabel(DOCUMENT_REJECTION_REASONS, i.rejectionReason) ?? 'sin motivo'}).`);
  }
  if (detail.state === 'en_verificacion' && needsPrinting(detail)) missing.push('Falta imprimir los formularios para la firma del representante (o registrar, en cada uno, que los trajo firmados).');
  for (const i of papers(detail)) {
    if (!i.signatureMarked && markable(detail, i)) missing.push(`Falta registrar la firma ${i.signer === 'tercero_autorizado' ? 'del tercero autorizado' : 'del representante legal'} en: ${i.label}.`);
  }
  if (detail.channel === 'presencial' && detail.emailProof.status === 'pendiente') missing.push('Falta comprobar que el correo electrónico está activo (o registrar por qué no se pudo).');
  return missing;
}

export function nextFocus(detail: RequestDetail, after?: DocType): string {
  const items = detail.checklist;
  const start = after ? items.findIndex((i) => i.documentType === after) + 1 : 0;
  // Before printing, the forms printed here cannot be checked yet: look at the others first.
  const checkable = (i: ChecklistItem) => i.status === 'pendiente' && (detail.state !== 'en_verificacion' || i.signature !== 'manuscrita' || i.origin === 'traido');
  const pending = [...items.slice(start), ...items.slice(0, start)].find(checkable);
  if (pending) return rowId(pending.documentType, pending.presented ? 'verify' : 'presented');
  const unsigned = items.find((i) => i.signature === 'manuscrita' && !i.signatureMarked && markable(detail, i));
  if (unsigned) return rowId(unsigned.documentType, 'signed');
  if (detail.state === 'en_verificacion' && needsPrinting(detail)) return 'action-print';
  if (detail.channel === 'presencial' && detail.emailProof.status === 'pendiente') return 'email-send';
  return 'action-submit';
}

