// A refused call's field errors land under the screen's own inputs, the same way on every screen.
import { describe, expect, it } from 'vitest';
import { errorWithin, fieldErrors, firstWithError } from '../../../renderer/src/api/fieldErrors';

describe('field errors of a refused call', () => {
  const error = {
    code: 'invalid_input' as const,
    message: 'Los datos ingresados no son válidos.',
    fields: [
      { path: 'intake.email', message: 'Correo no válido.' },
      { path: 'intake.email', message: 'Segundo mensaje.' },
      { path: 'intake.unknownField', message: 'x' },
      { path: 'version', message: 'y' },
    ],
  };

  it('maps each path to its first message, under the screen\'s own names', () => {
    expect(fieldErrors(error)).toEqual({ 'intake.email': 'Correo no válido.', 'intake.unknownField': 'x', version: 'y' });
    expect(fieldErrors(error, ['email', 'mobile'] as const, 'intake.')).toEqual({ email: 'Correo no válido.' });
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ code: 'forbidden', message: 'No.' })).toEqual({});
  });

  it('names the first input in screen order that has an error', () => {
    expect(firstWithError({ mobile: 'a', email: 'b' }, ['email', 'mobile'])).toBe('email');
    expect(firstWithError({}, ['email'])).toBeUndefined();
  });

  it('finds the error of a list input in any of its entries', () => {
    const errors = fieldErrors({ code: 'invalid_input', message: 'x', fields: [{ path: 'signatures.trustAnchors.1', message: 'No se encontró el archivo.' }] });
    expect(errorWithin(errors, 'signatures.trustAnchors')).toBe('No se encontró el archivo.');
    expect(errorWithin(errors, 'signatures')).toBe('No se encontró el archivo.');
    expect(errorWithin(errors, 'signatures.trust')).toBeUndefined();
  });
});
