// The demo data must be valid data: every generated cédula and RUC passes the domain checks.
import { describe, expect, it } from 'vitest';
import { cedula, email, personName, rucNatural, rucPrivate, rucPublic, seededRng } from '../../db/seed/generate';
import { checkCedula, checkEmail, checkPersonName, checkRuc } from '../../shared/domain';

describe('demo data generators', () => {
  const rng = seededRng(7);
  it('generates valid cédulas and RUCs of each kind', () => {
    for (let i = 0; i < 2000; i++) {
      const c = cedula(rng);
      expect(checkCedula(c), c).toMatchObject({ ok: true, warnings: [] });
      expect(checkRuc(rucNatural(c))).toMatchObject({ ok: true, kind: 'natural' });
      const priv = rucPrivate(rng);
      expect(checkRuc(priv), priv).toMatchObject({ ok: true, kind: 'privada', warnings: [] });
      const pub = rucPublic(rng);
      expect(checkRuc(pub), pub).toMatchObject({ ok: true, kind: 'publica' });
    }
  });

  it('generates Spanish names with accents and ñ, and well-formed emails', () => {
    const names = Array.from({ length: 500 }, () => personName(rng));
    expect(names.some((n) => /ñ/i.test(n))).toBe(true);
    expect(names.some((n) => /[áéíóú]/i.test(n))).toBe(true);
    for (const n of names) {
      expect(checkPersonName(n).ok, n).toBe(true);
      expect(checkEmail(email(rng, n)).ok).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    expect(Array.from({ length: 20 }, () => cedula(a))).toEqual(Array.from({ length: 20 }, () => cedula(b)));
  });
});
