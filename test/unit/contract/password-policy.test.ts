// The password policy (shared/contract/password-policy.ts): enforced by the core, ticked off by
// the screens. It used to accept aaaaaaaaa1, 1234567890abc, spaces and the most common passwords.
import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordRules } from '../../../shared/contract/password-policy';

const failed = (password: string, username = 'ventanilla1') =>
  passwordRules(password, username)
    .filter((r) => !r.met)
    .map((r) => r.id);

describe('password policy', () => {
  it('keeps the README demo passwords and ordinary strong ones valid', () => {
    for (const [password, username] of [['Admin.Demo.2026', 'admin'], ['Super.Demo.2026', 'supervisora'], ['Ventanilla.Demo.2026', 'ventanilla1'], ['Temporal.Clave.8253', 'nuevo'], ['Loja.Segura.2026', 'zoila.toapanta']] as const) {
      expect(failed(password, username), password).toEqual([]);
    }
  });

  it.each([
    ['aaaaaaaaa1', 'no_repeats'],
    ['Clave.1111.xyz', 'no_repeats'],
    ['abababab.12', 'no_repeats'],
    ['Clave 2026 segura', 'no_spaces'],
    [' Clave.2026.x', 'no_spaces'],
    ['Clave.2026\t', 'no_spaces'],
    ['abcd.Clave.95', 'no_sequences'],
    ['Clave.1234.xy', 'no_sequences'],
    ['Clave.9876.xy', 'no_sequences'],
    ['qwer.Clave.95', 'no_sequences'],
    ['password123', 'not_common'],
    ['qwerty123456', 'not_common'],
    ['1q2w3e4r5t', 'not_common'],
    ['Password.2026', 'not_common'],
    ['Iloveyou..2026', 'not_common'],
    ['contraseña2026', 'not_common'],
    ['ventanilla1-2026', 'not_username'],
  ])('refuses %j (%s)', (password, rule) => {
    expect(failed(password)).toContain(rule);
  });

  it('says why, in Spanish, naming each rule that failed', () => {
    expect(passwordProblem('aaaaaaaaa1')).toBe(
      'La contraseña no cumple la política: sin caracteres repetidos (aaa, 1111, abab…): una repetición se adivina tan rápido como un solo carácter.',
    );
    expect(passwordProblem('password123')).toMatch(/no es una contraseña común: está entre las [\d.]+ más usadas, las primeras que se prueban\.$/);
    for (const rule of passwordRules('x')) expect(rule.why.length, rule.id).toBeGreaterThan(10);
  });
});
