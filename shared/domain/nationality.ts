/**
 * Nationality and issuing-state codes as travel documents carry them (DOMAIN §4.3): ICAO
 * Doc 9303 Part 3 codes, which are ISO 3166-1 alpha-3 plus codes ISO does not have — Germany
 * is `D`, the United Kingdom's classes of nationals `GBD`…`GBS`, the United Nations `UNO`,
 * `UNA`, `UNK`, stateless persons and refugees `XXA`, `XXB`, `XXC`, `XXX`, the European Union
 * `EUE`, and a few organisations.
 *
 * The list of valid codes is the `mrz` package's (the one that verifies the MRZ, so a code
 * typed by the clerk and one read from a passport are judged alike); Spanish names come from
 * `i18n-iso-countries` for ISO codes, and from the table below for the ICAO-only ones, which no
 * maintained package names in Spanish.
 */
import { getName, registerLocale } from 'i18n-iso-countries/index.js';
// The attribute: Node's ESM loader (Playwright's, the core's worker) refuses a JSON import without it.
import spanish from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import { states } from 'mrz';
import { checkResult, issue, type CheckResult } from './issues';

registerLocale(spanish);

/** Spanish names of the codes of ICAO 9303 Part 3 that are not ISO 3166-1 alpha-3. */
const ICAO_ONLY_NAMES: Readonly<Record<string, string>> = {
  D: 'Alemania',
  GBD: 'Reino Unido (ciudadano de los territorios británicos de ultramar)',
  GBN: 'Reino Unido (nacional británico de ultramar)',
  GBO: 'Reino Unido (ciudadano británico de ultramar)',
  GBP: 'Reino Unido (persona protegida británica)',
  GBS: 'Reino Unido (súbdito británico)',
  RKS: 'Kosovo',
  XXK: 'Kosovo',
  EUE: 'Unión Europea',
  UNO: 'Naciones Unidas (organización o sus funcionarios)',
  UNA: 'Organismo especializado de las Naciones Unidas (o sus funcionarios)',
  UNK: 'Residente de Kosovo con documento de viaje de la UNMIK (Naciones Unidas)',
  XBA: 'Banco Africano de Desarrollo',
  XIM: 'Banco Africano de Exportación e Importación (Afreximbank)',
  XCC: 'Comunidad del Caribe (CARICOM)',
  XCE: 'Consejo de Europa',
  XCO: 'Mercado Común de África Oriental y Austral (COMESA)',
  XEC: 'Comunidad Económica de los Estados de África Occidental (CEDEAO)',
  XPO: 'Organización Internacional de Policía Criminal (INTERPOL)',
  XES: 'Organización de Estados del Caribe Oriental (OECO)',
  XOM: 'Soberana Orden Militar de Malta',
  XDC: 'Comunidad de Desarrollo de África Austral (SADC)',
  XXA: 'Apátrida (Convención de 1954)',
  XXB: 'Refugiado (Convención de 1951 y Protocolo de 1967)',
  XXC: 'Refugiado (otra condición)',
  XXX: 'Nacionalidad no especificada',
  ANT: 'Antillas Neerlandesas',
  NTZ: 'Zona Neutral',
};

/** Codes that name the same nationality: Germany's passports say D, people type DEU. */
const SAME_AS: Readonly<Record<string, string>> = { DEU: 'D' };

const ICAO_CODES: ReadonlySet<string> = new Set(Object.keys(states));

/** Upper case, without the MRZ filler and spaces: "d<<" and " col " read as D and COL. */
export function normalizeNationalityCode(value: unknown): string {
  return typeof value === 'string' ? value.toUpperCase().replace(/[<\s]/g, '') : '';
}

/** True for a code an ICAO 9303 travel document may carry as nationality or issuing state. */
export function isIcaoNationality(value: unknown): boolean {
  return ICAO_CODES.has(normalizeNationalityCode(value));
}

/** Spanish name of an ICAO code ("D" → "Alemania", "COL" → "Colombia"); null if unknown. */
export function nationalityName(value: unknown): string | null {
  const code = normalizeNationalityCode(value);
  if (!ICAO_CODES.has(code)) return null;
  return ICAO_ONLY_NAMES[code] ?? getName(code, 'es') ?? null;
}

/** "COL — Colombia", for messages and read-only screens; the code alone when it is unknown. */
export function nationalityLabel(value: unknown): string {
  const code = normalizeNationalityCode(value);
  const name = nationalityName(code);
  return name === null ? code : `${code} — ${name}`;
}

/** Whether two codes name the same nationality (D and DEU both mean Germany). */
export function sameNationality(a: unknown, b: unknown): boolean {
  const first = normalizeNationalityCode(a);
  const second = normalizeNationalityCode(b);
  if (first === '' || second === '') return false;
  return (SAME_AS[first] ?? first) === (SAME_AS[second] ?? second);
}

export interface NationalityCheck extends CheckResult {
  /** Spanish name of the code, when it is one. */
  name: string | null;
}

/** A nationality as the clerk types it: an ICAO code of one to three letters. */
export function checkNationality(value: unknown): NationalityCheck {
  const code = normalizeNationalityCode(value);
  if (code === '') return { ...checkResult([EMPTY], [], null), name: null };
  const name = nationalityName(code);
  if (name === null) return { ...checkResult([unknown(code)], [], null), name: null };
  return { ...checkResult([], [], code), name };
}

const EMPTY = issue('nationality.empty', 'Ingrese la nacionalidad: el código del pasaporte, por ejemplo ECU, COL, VEN o D (Alemania).');

function unknown(code: string): ReturnType<typeof issue> {
  const shown = code.slice(0, 6);
  return issue(
    'nationality.unknown',
    `«${shown}» no es un código de nacionalidad de los pasaportes (ICAO). Use el código que consta en el pasaporte, por ejemplo ECU, COL, VEN o D (Alemania).`,
  );
}
