// How values of a request are written on paper (es-EC). Shared by the templates, the field grid
// and the digest, so the QR is computed over exactly the strings that are printed.
import { catalogLabels, CHANNELS } from '../../../shared/domain/catalogs';
import { formatDateEs, isIsoDate } from '../../../shared/domain/dates';
import type { PrintableRequest } from './types';

/** yyyy-mm-dd → dd/mm/aaaa; a value that is not a date is refused, never printed half-read. */
export function formatDate(iso: string): string {
  if (!isIsoDate(iso)) throw new Error(`Fecha no válida para imprimir: «${iso}» (se esperaba aaaa-mm-dd).`);
  return formatDateEs(iso);
}

/**
 * NFC so that a name typed with combining accents prints, extracts and hashes the same as the
 * precomposed one; whitespace is collapsed because a stray double space must not change a digest.
 */
export function clean(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Printed for a field the request does not have (never an empty box the applicant could fill). */
export const NOT_RECORDED = 'No registrado';

export function orNotRecorded(value: string | null): string {
  return value === null || clean(value) === '' ? NOT_RECORDED : clean(value);
}

/** Short label for the line under a signature. */
export function documentCaption(idType: PrintableRequest['representative']['idType'], idNumber: string): string {
  const label = idType === 'cedula' ? 'C.I.' : idType === 'pasaporte' ? 'Pasaporte' : 'Código de extranjero';
  return `${label} N.º ${clean(idNumber)}`;
}

// The nationalities a CAU sees most often; any other code prints as the code itself, which the
// applicant and the clerk can still read off the passport.
const NATIONALITIES: Record<string, string> = {
  ECU: 'Ecuatoriana',
  COL: 'Colombiana',
  PER: 'Peruana',
  VEN: 'Venezolana',
  CUB: 'Cubana',
  CHL: 'Chilena',
  ARG: 'Argentina',
  BOL: 'Boliviana',
  BRA: 'Brasileña',
  MEX: 'Mexicana',
  USA: 'Estadounidense',
  ESP: 'Española',
  ITA: 'Italiana',
  DEU: 'Alemana',
  FRA: 'Francesa',
  CHN: 'China',
};

export function nationalityLabel(code: string): string {
  const upper = clean(code).toUpperCase();
  const name = NATIONALITIES[upper];
  return name ? `${name} (${upper})` : upper;
}

const CHANNEL_LABELS = catalogLabels(CHANNELS);

export function channelLabel(channel: PrintableRequest['channel']): string {
  return CHANNEL_LABELS[channel];
}
