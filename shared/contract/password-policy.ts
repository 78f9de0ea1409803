// The password policy, shared by the core (enforced) and the screens (shown while typing).

export interface PolicyRule {
  id: 'length' | 'letter' | 'digit' | 'not_username' | 'not_common';
  label: string;
  met: boolean;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** A few passwords every attacker tries first, in the local flavour. */
const COMMON = new Set(['1234567890', '0987654321', 'contrasena1', 'contraseña1', 'password12', 'iess123456', 'ecuador2026', 'ecuador123', 'qwerty1234', 'clave12345']);

export function passwordRules(password: string, username = ''): PolicyRule[] {
  const lower = password.toLowerCase();
  return [
    { id: 'length', label: `Al menos ${PASSWORD_MIN_LENGTH} caracteres`, met: password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH },
    { id: 'letter', label: 'Al menos una letra', met: /\p{L}/u.test(password) },
    { id: 'digit', label: 'Al menos un número', met: /\d/.test(password) },
    { id: 'not_username', label: 'Distinta del nombre de usuario', met: username.trim() === '' || !lower.includes(username.trim().toLowerCase()) },
    { id: 'not_common', label: 'No es una contraseña común', met: !COMMON.has(lower) },
  ];
}

/** Spanish sentence listing what is missing, or null when the password is acceptable. */
export function passwordProblem(password: string, username = ''): string | null {
  const missing = passwordRules(password, username).filter((r) => !r.met);
  if (missing.length === 0) return null;
  return `La contraseña no cumple la política: ${missing.map((r) => r.label.toLowerCase()).join('; ')}.`;
}
