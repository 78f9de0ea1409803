// The password policy, shared by the core (enforced) and the screens (ticked off while typing,
// each rule with the reason it exists).
//
// The common passwords are the "passwords-common" list of zxcvbn-ts (@zxcvbn-ts/language-common:
// about 49,000 passwords from public breach corpora, maintained with the library), plus a few in
// the local flavour that no English list has. A password is common when it is on the list, or
// when what is left after taking the digits and symbols off both ends is ("Password.2026").
//
// Imported by path, never through the contract's index: the list is decompressed when this module
// loads (hundreds of ms on the 2-core PCs), so the renderer loads it only with a password form.
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './accounts';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

export type PolicyRuleId = 'length' | 'letter' | 'digit' | 'no_spaces' | 'not_username' | 'no_repeats' | 'no_sequences' | 'not_common';

export interface PolicyRule {
  id: PolicyRuleId;
  label: string;
  /** Why the rule exists, in a few words the screen shows under it. */
  why: string;
  met: boolean;
}


const LOCAL_COMMON = ['contraseña', 'contrasena', 'contraseña1', 'contrasena1', 'clave', 'clave12345', 'iess', 'iess123456', 'ecuador', 'ecuador123', 'ecuador2026', 'quito', 'guayaquil', 'cuenca', 'patronal', 'ventanilla', 'administrador', 'supervisor'];
const COMMON = new Set<string>([...dictionary['passwords-common'], ...LOCAL_COMMON]);
const COMMON_COUNT = COMMON.size.toLocaleString('es-EC');

/** Keyboard rows and the alphabet, where a run of 4 (either way) is a sequence. */
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjklñ', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb'];
const SEQUENCE_LENGTH = 4;

function hasSequence(lower: string): boolean {
  for (let i = 0; i + SEQUENCE_LENGTH <= lower.length; i++) {
    const chunk = lower.slice(i, i + SEQUENCE_LENGTH);
    const reversed = [...chunk].reverse().join('');
    if (SEQUENCES.some((s) => s.includes(chunk) || s.includes(reversed))) return true;
  }
  return false;
}

/** aaa, 1111 (one character three times running) or abab…, 123123123 (a short block three times). */
const REPEATS = /(.)\1\1|(.{2,4})\2\2/su;

function isCommon(lower: string): boolean {
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return COMMON.has(lower) || (core.length >= 4 && COMMON.has(core));
}

export function passwordRules(password: string, username = ''): PolicyRule[] {
  const lower = password.toLowerCase();
  const user = username.trim().toLowerCase();
  return [
    {
      id: 'length',
      label: `Al menos ${PASSWORD_MIN_LENGTH} caracteres`,
      why: 'cada carácter más multiplica lo que cuesta adivinarla',
      met: password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH,
    },
    { id: 'letter', label: 'Al menos una letra', why: 'letras y números juntos la hacen más difícil de adivinar', met: /\p{L}/u.test(password) },
    { id: 'digit', label: 'Al menos un número', why: 'letras y números juntos la hacen más difícil de adivinar', met: /\d/.test(password) },
    { id: 'no_spaces', label: 'Sin espacios', why: 'un espacio no se ve al escribirla y se pierde al copiarla', met: !/\s/u.test(password) },
    {
      id: 'not_username',
      label: 'No se basa en el nombre de usuario',
      why: 'el usuario es lo primero que se prueba',
      // Without the username, at least 6 characters must remain ("Admin.Demo.2026" for admin
      // does; "ventanilla4-2026" for ventanilla4 does not).
      met: user === '' || lower.split(user).join('').length >= 6,
    },
    { id: 'no_repeats', label: 'Sin caracteres repetidos (aaa, 1111, abab…)', why: 'una repetición se adivina tan rápido como un solo carácter', met: !REPEATS.test(lower) },
    { id: 'no_sequences', label: 'Sin secuencias (1234, abcd, qwer…)', why: 'las secuencias del teclado y del alfabeto son lo primero que se prueba', met: !hasSequence(lower) },
    {
      id: 'not_common',
      label: 'No es una contraseña común',
      why: `está entre las ${COMMON_COUNT} más usadas, las primeras que se prueban`,
      met: !isCommon(lower),
    },
  ];
}

/** Spanish sentence listing what is missing and why, or null when the password is acceptable. */
export function passwordProblem(password: string, username = ''): string | null {
  const missing = passwordRules(password, username).filter((r) => !r.met);
  if (missing.length === 0) return null;
  return `La contraseña no cumple la política: ${missing.map((r) => `${r.label.charAt(0).toLowerCase()}${r.label.slice(1)}: ${r.why}`).join('; ')}.`;
}
