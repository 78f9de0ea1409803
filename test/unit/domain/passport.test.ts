import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassportMrz, comparePassport, mrzNameForms, toMrzName } from '../../../shared/domain';
import { icaoCheckDigit, TD3_ATTENTION_DATE, TD3_CHECK_DIGITS, td3Arb } from './arbitraries';

const at = { attentionDate: TD3_ATTENTION_DATE };
const codes = (issues: { code: string }[]) => issues.map((e) => e.code);

// ICAO 9303 specimen with a real state code (UTO is fictitious and not in the ICAO list).
const LINE1 = 'P<COLERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const LINE2 = 'L898902C36COL7408122F1204159ZE184226B<<<<<10';

describe('checkPassportMrz — the ICAO specimen', () => {
  it('reads every field', () => {
    const result = checkPassportMrz(`${LINE1}\n${LINE2}`, { attentionDate: '2011-06-01' });
    expect(result.ok).toBe(true);
    expect(result.normalized).toBe(`${LINE1}\n${LINE2}`);
    expect(result.passport).toEqual({
      documentNumber: 'L898902C3',
      issuingState: 'COL',
      nationality: 'COL',
      surnames: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      birthDate: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
      namesTruncated: false,
    });
  });

  it('flags an expired passport against the date of attention passed in', () => {
    const result = checkPassportMrz(`${LINE1}\n${LINE2}`, { attentionDate: '2012-04-16' });
    expect(codes(result.errors)).toEqual(['passport.expired']);
    expect(result.errors[0]?.message).toBe('El pasaporte está caducado: venció el 15/04/2012.');
    expect(checkPassportMrz(`${LINE1}\n${LINE2}`, { attentionDate: '2012-04-15' }).ok).toBe(true);
  });

  it.each([
    ['LF', `${LINE1}\n${LINE2}`],
    ['CRLF', `${LINE1}\r\n${LINE2}\r\n`],
    ['CR', `${LINE1}\r${LINE2}`],
    ['88 characters in a row', `${LINE1}${LINE2}`],
    ['lower case', `${LINE1}\n${LINE2}`.toLowerCase()],
    ['stray spaces and tabs', ` ${LINE1.slice(0, 10)} ${LINE1.slice(10)}\t\n  ${LINE2} `],
    ['control characters from the reader', `\u0002${LINE1}\n${LINE2}\u0003`],
  ])('accepts what a keyboard-wedge reader types: %s', (_, typed) => {
    const result = checkPassportMrz(typed, { attentionDate: '2011-06-01' });
    expect(result.errors).toEqual([]);
    expect(result.normalized).toBe(`${LINE1}\n${LINE2}`);
  });

  it.each([
    ['', 'passport.mrz.empty'],
    [LINE1, 'passport.mrz.format'],
    [`${LINE1}\n${LINE2.slice(0, 43)}`, 'passport.mrz.format'],
    [`${LINE1}\n${LINE2}\n${LINE2}`, 'passport.mrz.format'],
    [`${LINE1.replace('ERIKSSON', 'ERIKSSÖN')}\n${LINE2}`, 'passport.mrz.characters'],
    [`${LINE1.replace('ERIKSSON', 'ERIKSSON').toLowerCase()}\n${LINE2}`.replace('eriksson', 'erikßon'), 'passport.mrz.characters'],
    [`I${LINE1.slice(1)}\n${LINE2}`, 'passport.mrz.document_code'],
    [`${LINE1}\n${LINE2.replace('COL7408', 'XYZ7408')}`, 'passport.mrz.nationality'],
    [`${LINE1}\n${LINE2.replace('2F1', '2Q1')}`, 'passport.mrz.sex'],
  ])('rejects %j with %s', (typed, code) => {
    const result = checkPassportMrz(typed, { attentionDate: '2011-06-01' });
    expect(result.ok).toBe(false);
    expect(codes(result.errors)).toContain(code);
  });

  it('accepts X as unspecified sex (ICAO 9303, 8th edition)', () => {
    const line2 = LINE2.replace('2F1', '2X1');
    const result = checkPassportMrz(`${LINE1}\n${line2}`, { attentionDate: '2011-06-01' });
    expect(result.ok).toBe(true);
    expect(result.passport?.sex).toBe('X');
  });

  it('rejects an impossible calendar date even with a correct check digit', () => {
    const birth = '740231';
    const line2 = `${LINE2.slice(0, 13)}${birth}${icaoCheckDigit(birth)}${LINE2.slice(20)}`;
    const composite = icaoCheckDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
    const result = checkPassportMrz(`${LINE1}\n${line2.slice(0, 43)}${composite}`, { attentionDate: '2011-06-01' });
    expect(codes(result.errors)).toEqual(['passport.mrz.birth_date']);
    expect(result.passport?.birthDate).toBeNull();
  });

  it('resolves the birth century against the date of attention, to the day', () => {
    const birth = (yymmdd: string) => {
      const line2 = `${LINE2.slice(0, 13)}${yymmdd}${icaoCheckDigit(yymmdd)}${LINE2.slice(20, 43)}`;
      const composite = icaoCheckDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
      return checkPassportMrz(`${LINE1}\n${line2}${composite}`, { attentionDate: '2011-06-15' }).passport?.birthDate;
    };
    expect(birth('110615')).toBe('2011-06-15');
    expect(birth('110616')).toBe('1911-06-16');
    expect(birth('990101')).toBe('1999-01-01');
  });

  it('refuses to judge without a valid date of attention', () => {
    expect(codes(checkPassportMrz(`${LINE1}\n${LINE2}`, { attentionDate: 'hoy' }).errors)).toEqual(['passport.attention_date']);
  });
});

describe('checkPassportMrz — properties', () => {
  it('accepts every generated TD3 and reads back its fields', () => {
    fc.assert(fc.property(td3Arb, ({ line1, line2, expected }) => {
      const result = checkPassportMrz(`${line1}\n${line2}`, at);
      expect(result.errors).toEqual([]);
      expect(result.passport).toMatchObject(expected);
    }), { numRuns: 1000 });
  });

  it('rejects every corrupted check digit with its own code', () => {
    fc.assert(fc.property(td3Arb, fc.constantFrom(...TD3_CHECK_DIGITS), fc.integer({ min: 1, max: 9 }), (sample, target, shift) => {
      const original = Number(sample.line2[target.index]);
      const corrupted = String((original + shift) % 10);
      const line2 = `${sample.line2.slice(0, target.index)}${corrupted}${sample.line2.slice(target.index + 1)}`;
      const result = checkPassportMrz(`${sample.line1}\n${line2}`, at);
      expect(result.ok).toBe(false);
      expect(codes(result.errors)).toContain(target.code);
    }), { numRuns: 1000 });
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const result = checkPassportMrz(value, at);
      expect(result.ok).toBe(result.errors.length === 0);
    }), { numRuns: 1000 });
    const mrzish = fc.string({ unit: fc.constantFrom(...'P<ABCXYZ0123456789\n\r '), minLength: 80, maxLength: 100 });
    fc.assert(fc.property(mrzish, (value) => {
      expect(typeof checkPassportMrz(value, at).ok).toBe('boolean');
    }), { numRuns: 1000 });
  });
});

describe('comparePassport', () => {
  const read = checkPassportMrz(`${LINE1}\n${LINE2}`, { attentionDate: '2011-06-01' }).passport;
  if (read === null) throw new Error('specimen must parse');

  it('accepts what the clerk typed from the visual zone, accents and case aside', () => {
    const result = comparePassport(read, {
      documentNumber: 'l898902c3',
      nationality: 'col',
      surnames: 'Eriksson',
      givenNames: 'Anna María',
      birthDate: '1974-08-12',
      sex: 'f',
      expiryDate: '2012-04-15',
    });
    expect(result).toEqual({ ok: true, errors: [], mismatchedFields: [] });
  });

  it('flags each mismatched field with a Spanish message', () => {
    const result = comparePassport(read, { documentNumber: 'L898902C4', givenNames: 'Ana María', birthDate: '1974-08-13' });
    expect(result.mismatchedFields).toEqual(['documentNumber', 'givenNames', 'birthDate']);
    expect(codes(result.errors)).toEqual([
      'passport.mismatch.document_number',
      'passport.mismatch.given_names',
      'passport.mismatch.birth_date',
    ]);
    expect(result.errors[2]?.message).toBe('Fecha de nacimiento: se digitó «13/08/1974» pero el pasaporte dice «12/08/1974».');
  });

  it('skips fields the clerk left empty', () => {
    expect(comparePassport(read, { surnames: '', sex: null }).ok).toBe(true);
  });

  it('transliterates names as ICAO does (Ñ, apostrophes, hyphens)', () => {
    expect(toMrzName("Núñez O'Brien-Peña")).toBe('NUNEZ OBRIEN PENA');
    const withNxx = { ...read, surnames: 'NXXUNXXEZ' };
    expect(comparePassport(withNxx, { surnames: 'Ñúñez' }).ok).toBe(true);
    expect(comparePassport(withNxx, { surnames: 'Nunes' }).ok).toBe(false);
    expect(comparePassport({ ...read, surnames: 'NUNEZ' }, { surnames: 'Núñez' }).ok).toBe(true);
  });

  it('compares truncated names by prefix', () => {
    const truncated = { ...read, surnames: 'WOLFESCHLEGELSTEINHAUSEN', namesTruncated: true };
    expect(comparePassport(truncated, { surnames: 'Wolfeschlegelsteinhausenbergerdorff' }).ok).toBe(true);
    expect(comparePassport({ ...truncated, namesTruncated: false }, { surnames: 'Wolfeschlegelsteinhausenbergerdorff' }).ok).toBe(false);
  });
});

describe('checkPassportMrz — characters an MRZ cannot hold are refused, never folded (ICAO 9303 Part 3)', () => {
  // Upper-casing first would turn ß into SS, ı into I, ſ into S, ﬀ into FF: a misread passing.
  it.each([
    ['ß', 'ERIKSSON', 'ERIKßON'],
    ['ı (dotless i)', 'ANNA<MARIA', 'ANNA<MARıA'],
    ['ſ (long s)', 'ERIKSSON', 'ERIKSſON'],
    ['ﬀ (ligature)', 'ANNA<MARIA<<<', 'ANNA<MARIAﬀ<'],
  ])('%s', (_, from, to) => {
    const line1 = LINE1.replace(from, to);
    const result = checkPassportMrz(`${line1}\n${LINE2}`, { attentionDate: '2011-06-01' });
    expect(codes(result.errors)).toEqual(['passport.mrz.characters']);
    expect(result.errors[0]?.message).toContain(to.replace(/[A-Z<]/g, ''));
    expect(result.passport).toBeNull();
  });
});

describe('checkPassportMrz — scanner corrections are offered, never applied', () => {
  const at2011 = { attentionDate: '2011-06-01' };

  it('offers O→0 in the birth date and keeps the zone as read', () => {
    const misread = LINE2.replace('7408122', '74O8122');
    const result = checkPassportMrz(`${LINE1}\n${misread}`, at2011);
    expect(result.ok).toBe(false);
    expect(result.normalized).toBeNull();
    expect(result.suggestion).toEqual({ mrz: `${LINE1}\n${LINE2}`, corrections: [{ line: 2, position: 16, read: 'O', proposed: '0' }] });
    expect(codes(result.warnings)).toEqual(['passport.mrz.suggestion']);
    expect(result.warnings[0]?.message).toContain('línea 2, posición 16: «O» por «0»');
    // The suggestion, once the clerk accepts it, passes.
    expect(checkPassportMrz(result.suggestion!.mrz, at2011).ok).toBe(true);
  });

  it('offers I→1 in the expiry, and nothing when a correction would not make the zone valid', () => {
    const misread = LINE2.replace('1204159', '12O4I59');
    expect(checkPassportMrz(`${LINE1}\n${misread}`, at2011).suggestion?.corrections).toEqual([
      { line: 2, position: 24, read: 'O', proposed: '0' },
      { line: 2, position: 26, read: 'I', proposed: '1' },
    ]);
    const wrongDigit = LINE2.replace('7408122', '7408123');
    expect(checkPassportMrz(`${LINE1}\n${wrongDigit}`, at2011)).toMatchObject({ ok: false, suggestion: null, warnings: [] });
  });

  it('reproduces the mrz package fixture "Use autocorrection" as a suggestion', () => {
    // cheminfo/mrz src/parse/__tests__/td3.test.ts, with COL for the fictitious UTO.
    const falseMrz = ['P<COLERIK55ON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<', 'L898902C36COL740BIZZF12041S9ZE184226B<<<<<1O'];
    const result = checkPassportMrz(falseMrz.join('\n'), at2011);
    expect(result.suggestion?.mrz).toBe(`${LINE1}\n${LINE2}`);
    expect(result.suggestion?.corrections).toHaveLength(9);
  });
});

describe('ICAO 9303 nationality codes that are not ISO alpha-3', () => {
  // cheminfo/mrz src/parse/__tests__/td3.test.ts "German example" (specimen Erika Mustermann).
  const GERMAN = ['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0'].join('\n');

  it('reads Germany as D, compares it with D or DEU typed, and names it in Spanish', () => {
    const result = checkPassportMrz(GERMAN, { attentionDate: '2016-06-01' });
    expect(result).toMatchObject({ ok: true, passport: { issuingState: 'D', nationality: 'D', surnames: 'MUSTERMANN' } });
    expect(comparePassport(result.passport!, { nationality: 'D' }).ok).toBe(true);
    expect(comparePassport(result.passport!, { nationality: 'deu' }).ok).toBe(true);
    const wrong = comparePassport(result.passport!, { nationality: 'AUT' });
    expect(wrong.errors[0]?.message).toBe('Nacionalidad: se digitó «AUT» pero el pasaporte dice «D, Alemania».');
  });

  it.each(['GBD', 'GBN', 'GBO', 'GBP', 'GBS', 'UNO', 'UNA', 'UNK', 'XXA', 'XXB', 'XXC', 'XXX', 'EUE'])('accepts %s in a passport', (code) => {
    const line2 = `L898902C36${code.padEnd(3, '<')}7408122F1204159ZE184226B<<<<<10`;
    const line1 = `P<${code.padEnd(3, '<')}ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<`;
    expect(checkPassportMrz(`${line1}\n${line2}`, { attentionDate: '2011-06-01' })).toMatchObject({ ok: true, passport: { nationality: code } });
  });
});

describe('names typed with diacritics match their MRZ transliteration (ICAO 9303 Part 3)', () => {
  const read = checkPassportMrz(`${LINE1}\n${LINE2}`, { attentionDate: '2011-06-01' }).passport!;
  const matches = (mrz: string, typed: string) => comparePassport({ ...read, surnames: mrz }, { surnames: typed }).ok;

  it.each([
    ['MUELLER', 'Müller'],
    ['MULLER', 'Müller'],
    ['MUXXLLER', 'Müller'],
    ['GROSS', 'Groß'],
    ['BJOERK', 'Björk'],
    ['HAEGGLUND', 'Hägglund'],
    ['AANGSTROEM', 'Ångström'],
    ['OESTERGAARD', 'Østergaard'],
    ['AERO', 'Ærø'],
    ['THORSSON', 'Þorsson'],
    ['MUNOZ', 'Muñoz'],
    ['MUNXXOZ', 'Muñoz'],
    ['NUNEZ', 'Ñúñez'],
    ['LODZ', 'Łódź'],
    ['DJOKOVIC', 'Đoković'],
    ['GARCIA LOPEZ', 'García-López'],
    ['OBRIEN', "O'Brien"],
    ['YILDIZ', 'Yıldız'],
  ])('%s matches «%s»', (mrz, typed) => {
    expect(matches(mrz, typed)).toBe(true);
  });

  it.each([
    ['MUELLER', 'Muller'],
    ['MULLER', 'Miller'],
    ['GROSS', 'Gros'],
  ])('%s does not match «%s»', (mrz, typed) => {
    expect(matches(mrz, typed)).toBe(false);
  });

  it('gives the recommended form first', () => {
    expect(toMrzName('Müller Groß')).toBe('MUELLER GROSS');
    expect(mrzNameForms('Müller')).toEqual(['MUELLER', 'MUXXLLER', 'MULLER']);
  });
});

describe('comparePassport — the intake’s one-field name', () => {
  const read = checkPassportMrz(`${LINE1.replace('ERIKSSON<<ANNA<MARIA', 'MUELLER<<ERIKA<<<<<<')}\n${LINE2}`, { attentionDate: '2011-06-01' }).passport!;

  it('matches "Müller Erika" with MUELLER ERIKA, and names a real difference', () => {
    expect(comparePassport(read, { fullName: 'Müller Erika' }).ok).toBe(true);
    const wrong = comparePassport(read, { fullName: 'Miller Erika' });
    expect(wrong.mismatchedFields).toEqual(['fullName']);
    expect(wrong.errors[0]?.message).toBe('Apellidos y nombres: se digitó «Miller Erika» pero el pasaporte dice «MUELLER ERIKA».');
  });
});
