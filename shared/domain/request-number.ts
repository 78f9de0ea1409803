/**
 * The human number of a presencial request, printed on paper (text, Code 128 and QR) and read
 * over the phone. Two shapes, both valid for ever:
 *
 *   CAU-UIO-2026-000123      agency, year, sequence: desks numbered on their own before they
 *                            were enrolled in central (and every number before this change);
 *   CAU-UIO-2026-03-000124   agency, year, STATION, sequence: a desk enrolled in central prints
 *                            its station code (assigned by central at enrolment) in every number.
 *
 * Why a station code and not number blocks leased from central (docs/protocol/README.md,
 * «Números de solicitud»): a number must be unique from the moment it is printed, offline
 * included; a station code needs central once (at enrolment) and never runs out, where a leased
 * block runs dry after a long outage or at New Year, exactly when central cannot be reached. Per
 * station the sequence has no gaps, so a replacement desk continues it from central's last known
 * number. The two shapes differ in their number of parts, so a new number never equals an old one.
 */

export const STATION_CODE = /^\d{2}$/;
const SEQ_DIGITS = 6;
const LEGACY = /^CAU-([A-Z0-9]{2,6})-(\d{4})-(\d{1,9})$/;
const WITH_STATION = /^CAU-([A-Z0-9]{2,6})-(\d{4})-(\d{2})-(\d{1,9})$/;

export interface RequestNumberParts {
  agencyCode: string;
  year: number;
  /** Null for a number printed without a station (the first shape). */
  station: string | null;
  seq: number;
}

/** The number for its parts; '' for parts that are no number (the domain's functions are total). */
export function formatRequestNumber(p: RequestNumberParts): string {
  if (typeof p !== 'object' || p === null) return '';
  const { agencyCode, year, station, seq } = p as Partial<Record<keyof RequestNumberParts, unknown>>;
  if (typeof agencyCode !== 'string' || !Number.isInteger(year) || !Number.isInteger(seq) || (station !== null && typeof station !== 'string')) return '';
  const padded = String(seq).padStart(SEQ_DIGITS, '0');
  return station === null ? `CAU-${agencyCode}-${String(year)}-${padded}` : `CAU-${agencyCode}-${String(year)}-${station}-${padded}`;
}

/** The parts of a CAU number, or null (a Ventanilla Virtual number, a sample, anything else). */
export function parseRequestNumber(text: string): RequestNumberParts | null {
  if (typeof text !== 'string') return null;
  const s = WITH_STATION.exec(text);
  if (s) return { agencyCode: s[1]!, year: Number(s[2]), station: s[3]!, seq: Number(s[4]) };
  const l = LEGACY.exec(text);
  return l ? { agencyCode: l[1]!, year: Number(l[2]), station: null, seq: Number(l[3]) } : null;
}

/** Whether typed text looks like a CAU number, with or without its dashes (search, scanners). */
export function looksLikeRequestNumber(text: string): boolean {
  if (typeof text !== 'string') return false;
  const t = text.trim().toUpperCase();
  return t.startsWith('CAU-') || /^CAU[A-Z]{2,6}\d{5,17}$/.test(t.replace(/[\s-]/g, ''));
}

/** What a clerk's list shows of a number: without the constant «CAU-UIO-» prefix. */
export function shortRequestNumber(number: string): string {
  if (typeof number !== 'string') return '';
  return number.replace(/^CAU-[A-Z0-9]{2,6}-/, '');
}
