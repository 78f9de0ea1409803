import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEmail, checkMobile, checkPersonName, searchKey } from '../../../shared/domain';

const codes = (issues: { code: string }[]) => issues.map((e) => e.code);

describe('checkEmail', () => {
  it('is mandatory', () => {
    for (const empty of ['', '   ', null, undefined]) expect(codes(checkEmail(empty).errors)).toEqual(['email.required']);
    expect(checkEmail('').errors[0]?.message).toContain('la clave patronal se entrega a ese correo');
  });

  it.each([
    ['  maria.perez@Empresa.COM.ec ', 'maria.perez@empresa.com.ec'],
    ['Gerencia+iess@gmail.com', 'Gerencia+iess@gmail.com'],
    ['a_b-c@sub.dominio.gob.ec', 'a_b-c@sub.dominio.gob.ec'],
  ])('accepts %j as %j', (value, normalized) => {
    expect(checkEmail(value)).toMatchObject({ ok: true, normalized });
  });

  it.each(['maria', 'maria@', '@gmail.com', 'maria@gmail', 'maria@@gmail.com', 'ma ria@gmail.com', 'maria..p@gmail.com', '.maria@gmail.com', 'maria@-gmail.com', 'maría@gmail.com', 42])(
    'rejects %j',
    (value) => {
      expect(codes(checkEmail(value).errors)).toEqual(['email.format']);
    },
  );

  it('warns about common domain misspellings', () => {
    const result = checkEmail('juan@gmial.com');
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['email.domain_typo']);
    expect(result.warnings[0]?.message).toBe('¿Quiso decir juan@gmail.com? Confirme el correo con el solicitante.');
  });
});

describe('checkMobile', () => {
  it.each(['0991234567', '099 123 4567', '099-123-4567', '+593 99 123 4567', '+593991234567', '00593 991234567', '593991234567', '991234567', '(099) 123-4567'])(
    'normalizes %j to 0991234567',
    (value) => {
      expect(checkMobile(value)).toMatchObject({ ok: true, normalized: '0991234567' });
    },
  );

  it.each(['022345678', '02 234 5678', '09912345', '09912345678', '+593 2 234 5678', '+57 3001234567', 'cero nueve', 991234567])('rejects %j', (value) => {
    expect(codes(checkMobile(value).errors)).toEqual(['mobile.format']);
  });

  it('asks for a number when empty', () => {
    expect(codes(checkMobile('  ').errors)).toEqual(['mobile.required']);
  });
});

describe('checkPersonName and searchKey', () => {
  it('keeps accents and ñ, NFC-normalizes and collapses whitespace', () => {
    const decomposed = 'Jose\u0301   Mun\u0303oz  Pen\u0303a ';
    const result = checkPersonName(decomposed);
    expect(result.ok).toBe(true);
    expect(result.normalized).toBe('José Muñoz Peña');
    expect(result.normalized).toBe(result.normalized?.normalize('NFC'));
    expect(result.searchKey).toBe('jose munoz pena');
  });

  it.each(["María-José O'Connor", 'Ñusta Quispe', 'Jean-Luc Lefèvre', 'D’Alessandro', 'Zoë Ünal'])('accepts %j', (name) => {
    expect(checkPersonName(name).ok).toBe(true);
  });

  it.each([
    ['Juan 2', 'name.characters'],
    ['Ma. José', 'name.characters'],
    ['Juan_Pérez', 'name.characters'],
    ['<script>', 'name.characters'],
    ['Juan--Pérez', 'name.characters'],
    ['', 'name.required'],
    ['a'.repeat(121), 'name.too_long'],
  ])('rejects %j with %s', (name, code) => {
    expect(codes(checkPersonName(name).errors)).toEqual([code]);
  });

  it('folds accents and case only in the search key', () => {
    expect(searchKey('MUÑOZ Peña')).toBe(searchKey('munoz pena'));
    expect(searchKey('Ángel  Ávila')).toBe('angel avila');
    expect(searchKey(undefined)).toBe('');
  });

  it('never throws and keeps the search key consistent', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.anything()), (value) => {
      const name = checkPersonName(value);
      expect(name.ok).toBe(name.errors.length === 0);
      if (name.ok) expect(name.searchKey).toBe(searchKey(name.normalized));
      expect(typeof searchKey(value)).toBe('string');
      expect(typeof checkEmail(value).ok).toBe('boolean');
      expect(typeof checkMobile(value).ok).toBe('boolean');
    }), { numRuns: 2000 });
  });
});
