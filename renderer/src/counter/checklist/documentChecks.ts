// What the clerk checks on each document, computed from the intake where the screen can (the
// core recomputes the automatic ones and refuses a "verified" that fails them).
import { checkCedula, checkForeignerCode, checkRuc, compareIsoDates, formatDateEs, type DocumentType, type IntakeDraft, type PaperOrigin } from '../../../../shared/domain';

export interface DocumentCheck {
  key: 'numberValid' | 'namesMatch' | 'notExpired' | 'matchesRecord' | 'namesThirdParty';
  label: string;
  /** Computed from the intake; null = the clerk confirms it by looking at the document. */
  ok: boolean | null;
}

const IDENTITY: ReadonlySet<DocumentType> = new Set(['cedula_representante', 'cedula_tercero_autorizado', 'pasaporte', 'codigo_extranjero', 'visa', 'calificacion_artesanal']);

function expiry(date: string | undefined, what: string, attentionDate: string): DocumentCheck {
  if (!date || date === 'Indefinida') return { key: 'notExpired', label: `${what}: ${date === 'Indefinida' ? 'caducidad indefinida' : 'sin caducidad'}`, ok: true };
  const ok = compareIsoDates(date, attentionDate) >= 0;
  return { key: 'notExpired', label: ok ? `${what} vigente hasta el ${formatDateEs(date)}` : `${what} caducó el ${formatDateEs(date)}`, ok };
}

export function checksFor(type: DocumentType, intake: IntakeDraft, attentionDate: string, foreignerCodePattern?: string, origin?: PaperOrigin | null): DocumentCheck[] {
  const checks: DocumentCheck[] = [];
  // A paper the applicant brought (seed 004, lines 35–41) was made outside: the clerk holds it
  // against the record — the employer and the representative, and the third party it authorizes.
  if (origin === 'traido') {
    if (type === 'autorizacion_retiro_contrasena') {
      checks.push({ key: 'namesThirdParty', label: `Autoriza a ${intake.thirdPartyNames ?? '—'} (cédula ${intake.thirdPartyCedula ?? '—'})`, ok: null });
    } else {
      checks.push({ key: 'matchesRecord', label: `Coincide con el registro: RUC ${intake.employerRuc ?? '—'}, representante ${intake.representativeNames ?? '—'}`, ok: null });
    }
  }
  switch (type) {
    case 'cedula_representante':
      checks.push({ key: 'numberValid', label: `Cédula ${intake.representativeIdNumber ?? '—'} ${checkCedula(intake.representativeIdNumber).ok ? 'válida' : 'no válida'}`, ok: checkCedula(intake.representativeIdNumber).ok });
      break;
    case 'cedula_tercero_autorizado':
      checks.push({ key: 'numberValid', label: `Cédula ${intake.thirdPartyCedula ?? '—'} ${checkCedula(intake.thirdPartyCedula).ok ? 'válida' : 'no válida'}`, ok: checkCedula(intake.thirdPartyCedula).ok });
      break;
    case 'codigo_extranjero': {
      // Identified by passport, the code is its own field (seed 004, line 63).
      const code = intake.representativeIdType === 'pasaporte' ? intake.foreignerCode : intake.representativeIdNumber;
      const ok = checkForeignerCode(code, { pattern: foreignerCodePattern }).ok;
      checks.push({ key: 'numberValid', label: `Código ${code ?? '—'} ${ok ? 'con formato válido' : 'con formato no válido'}`, ok });
      break;
    }
    case 'ruc':
      checks.push({ key: 'numberValid', label: `RUC ${checkRuc(intake.employerRuc).ok ? 'válido' : 'no válido'}`, ok: checkRuc(intake.employerRuc).ok });
      break;
    case 'pasaporte':
      checks.push(expiry(intake.passportExpiryDate, 'Pasaporte', attentionDate));
      break;
    case 'visa':
      checks.push(expiry(intake.visaExpiryDate, 'Visa', attentionDate));
      break;
    case 'calificacion_artesanal':
      checks.push(expiry(intake.artisanExpiryDate, 'Calificación', attentionDate));
      break;
    default:
      break;
  }
  if (IDENTITY.has(type)) {
    const who = type === 'cedula_tercero_autorizado' ? intake.thirdPartyNames : type === 'calificacion_artesanal' ? intake.employerLegalName : intake.representativeNames;
    checks.push({ key: 'namesMatch', label: `Los nombres coinciden con «${who ?? '—'}»`, ok: null });
  }
  return checks;
}

/** The record sent with the document: computed checks as computed, the clerk's as confirmed. */
export function checksRecord(checks: DocumentCheck[], confirmed: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(checks.map((c) => [c.key, c.ok ?? confirmed[c.key] === true]));
}
