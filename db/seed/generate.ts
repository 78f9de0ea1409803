// Deterministic generators of valid Ecuadorian identifiers and Spanish names for the demo data.
// A seeded PRNG makes every demo database of the same size identical, which the tests rely on.

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for demo data (not for anything secret). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
const province = (rng: Rng) => String(1 + Math.floor(rng() * 24)).padStart(2, '0');

/** Cédula of a natural person: province 01–24, third digit 0–5, módulo 10 (shared/domain/cedula.ts). */
export function cedula(rng: Rng): string {
  const body = province(rng) + String(Math.floor(rng() * 6)) + digits(rng, 6);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(body[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function mod11(body: string, weights: readonly number[]): number {
  const r = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0) % 11;
  return r === 0 ? 0 : 11 - r;
}

/** RUC of a private company: third digit 9, módulo 11 over 9 digits, establishment 001. */
export function rucPrivate(rng: Rng): string {
  for (;;) {
    const body = province(rng) + '9' + digits(rng, 6);
    const check = mod11(body, [4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if (check < 10) return body + String(check) + '001';
  }
}

/** RUC of a public entity: third digit 6, módulo 11 over 8 digits, suffix 0001. */
export function rucPublic(rng: Rng): string {
  for (;;) {
    const body = province(rng) + '6' + digits(rng, 5);
    const check = mod11(body, [3, 2, 7, 6, 5, 4, 3, 2]);
    if (check < 10) return body + String(check) + '0001';
  }
}

export const rucNatural = (ced: string) => ced + '001';

const GIVEN = [
  'María José', 'José Luis', 'Ana Lucía', 'Juan Carlos', 'Verónica', 'Andrés', 'Mónica', 'Sebastián', 'Begoña',
  'Martín', 'Sofía', 'Inés', 'Raúl', 'Germán', 'Marlene', 'Iñaki', 'Lucía', 'Héctor', 'Ramón', 'Dolores',
  'Cristóbal', 'Fabián', 'Jéssica', 'Álvaro', 'Ángel', 'Noemí', 'Efraín', 'Zoila', 'Wilson', 'Rocío',
] as const;
const SURNAMES = [
  'Muñoz', 'Peña', 'Ordóñez', 'Castañeda', 'Núñez', 'Ibáñez', 'Guamán', 'Quishpe', 'Chávez', 'Jiménez',
  'Álvarez', 'Benítez', 'Cañizares', 'Yánez', 'Tapia', 'Andrade', 'Espinosa', 'Pérez', 'Villacís', 'Sánchez',
  'Zúñiga', 'Logroño', 'Maldonado', 'Cárdenas', 'Toapanta', 'Chicaiza', 'Proaño', 'Gómez', 'Ruiz', 'León',
] as const;

/** "APELLIDO APELLIDO NOMBRES" order, as on the cédula. */
export const personName = (rng: Rng) => `${pick(rng, SURNAMES)} ${pick(rng, SURNAMES)} ${pick(rng, GIVEN)}`;

const TRADE = ['Comercial', 'Distribuidora', 'Constructora', 'Importadora', 'Textiles', 'Agroindustrias', 'Servicios', 'Panificadora', 'Transportes', 'Farmacéutica'] as const;
const NAME = ['Andina', 'del Pacífico', 'Cotopaxi', 'La Niña', 'Chimborazo', 'Ñucanchik', 'San José', 'El Ejido', 'Tungurahua', 'Los Ríos'] as const;
const FORM = ['S.A.', 'Cía. Ltda.', 'S.A.S.'] as const;
const PUBLIC = ['Gobierno Autónomo Descentralizado Municipal de', 'Empresa Pública de Agua Potable de', 'Hospital General de', 'Unidad Educativa Fiscal de'] as const;
const TOWNS = ['Latacunga', 'Ambato', 'Cañar', 'Riobamba', 'Ibarra', 'Loja', 'Machala', 'Azogues', 'Quevedo', 'Tena'] as const;

export const companyName = (rng: Rng) => `${pick(rng, TRADE)} ${pick(rng, NAME)} ${pick(rng, FORM)}`;
export const publicEntityName = (rng: Rng) => `${pick(rng, PUBLIC)} ${pick(rng, TOWNS)}`;

const STREETS = ['Av. 10 de Agosto', 'Av. Amazonas', 'Calle García Moreno', 'Av. de los Shyris', 'Calle Sucre', 'Av. Eloy Alfaro', 'Calle Bolívar'] as const;
export const address = (rng: Rng) => `${pick(rng, STREETS)} N${1 + Math.floor(rng() * 80)}-${10 + Math.floor(rng() * 90)} y Calle ${pick(rng, SURNAMES)}, Quito`;

export const mobile = (rng: Rng) => '09' + digits(rng, 8);

/** Lower-case ASCII e-mail local part from a name ("Muñoz Peña María" → "maria.munoz"). */
export function email(rng: Rng, name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/\s+/);
  const domains = ['gmail.com', 'hotmail.com', 'yahoo.es', 'outlook.com', 'empresa.com.ec'] as const;
  return `${ascii[2] ?? 'contacto'}.${ascii[0]}${Math.floor(rng() * 100)}@${pick(rng, domains)}`;
}

/** Landline as the contact update keeps it: province code 02–07 and 7 digits (shared/domain/contact.ts checkLandline). */
export const landline = (rng: Rng) => `0${2 + Math.floor(rng() * 6)}${2 + Math.floor(rng() * 8)}${digits(rng, 6)}`;

/** ICAO 9303 check digit: weights 7, 3, 1; '<' = 0, A–Z = 10–35. */
export function icaoDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i]!;
    const value = ch === '<' ? 0 : /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}

/**
 * A passport's machine-readable zone (ICAO 9303 TD3): two lines of 44 with every check digit
 * computed. birth and expiry as yymmdd; names in MRZ letters (A–Z and spaces: toMrzName of
 * shared/domain/passport.ts). Hand-written: the `mrz` package parses zones, it does not compose them.
 */
export function td3(p: { surnames: string; givenNames: string; number: string; nationality: string; birth: string; sex: 'F' | 'M' | 'X'; expiry: string; issuer?: string }): string {
  const name = `${p.surnames.replace(/ /g, '<')}<<${p.givenNames.replace(/ /g, '<')}`;
  const line1 = `P<${(p.issuer ?? p.nationality).padEnd(3, '<')}${name}`.padEnd(44, '<').slice(0, 44);
  const doc = p.number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const part1 = `${doc}${icaoDigit(doc)}`;
  const part2 = `${p.birth}${icaoDigit(p.birth)}`;
  const part3 = `${p.expiry}${icaoDigit(p.expiry)}${personal}${icaoDigit(personal)}`;
  const composite = icaoDigit(part1 + part2 + part3);
  const line2 = `${part1}${p.nationality.padEnd(3, '<')}${part2}${p.sex === 'X' ? '<' : p.sex}${part3}${composite}`;
  return `${line1}\n${line2}`;
}
