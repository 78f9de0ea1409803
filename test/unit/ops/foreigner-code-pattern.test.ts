// agencia.json's foreignerCodePattern must be a regular expression the app can run on every
// keystroke without risk: it compiles, is short, does not accept an empty code, and has none of
// the constructs that make a backtracking engine take exponential time.
import { describe, expect, it } from 'vitest';
import { AgencyConfig, unsafePatternReason } from '../../../shared/contract/ops';
import { checkForeignerCode, DEFAULT_FOREIGNER_CODE_PATTERN } from '../../../shared/domain/foreigner-code';
import { GOOD } from './fixtures';

describe('foreigner code pattern (agencia.json)', () => {
  it('accepts the usual shapes of an identification code', () => {
    for (const p of [DEFAULT_FOREIGNER_CODE_PATTERN, 'E[0-9]{8}', '(?:EX|IE)[0-9]{6,10}', '[A-Z]{2}(?:[0-9]{2})?[0-9]{6}', '(?<prefijo>[A-Z]{2})[0-9]+', '\\p{Lu}{2}\\d{6}', '([0-9]{2})+X']) {
      expect(unsafePatternReason(p), p).toBeNull();
    }
  });

  it('refuses, with a Spanish reason, what does not compile, accepts nothing, or can backtrack without end', () => {
    const cases: [string, RegExp][] = [
      ['[A-Z', /no es una expresión regular válida/],
      ['(A+)+', /repetir un grupo que a su vez repite/],
      ['(A|AB)*', /repetir un grupo que a su vez repite o tiene alternativas/],
      ['((?:A+)?)+B', /repetir un grupo/],
      ['(A+){30}', /repetir un grupo/],
      ['(A)\\1', /referencias a grupos anteriores/],
      ['(?<x>A)\\k<x>', /referencias a grupos anteriores/],
      ['(?=A)[A-Z]{6}', /búsquedas hacia adelante o hacia atrás/],
      ['(?<!A)[A-Z]{6}', /búsquedas hacia adelante o hacia atrás/],
      ['A{1,1000}', /no pueden superar 100/],
      ['.*', /código vacío/],
      ['[0-9]{6}|', /código vacío/],
    ];
    for (const [p, reason] of cases) expect(unsafePatternReason(p), p).toMatch(reason);
  });

  it('is optional in agencia.json (null: the built-in default) and its errors name the field', () => {
    expect(AgencyConfig.parse(GOOD).foreignerCodePattern).toBeNull();
    expect(AgencyConfig.parse({ ...GOOD, foreignerCodePattern: ' E[0-9]{8} ' }).foreignerCodePattern).toBe('E[0-9]{8}');
    const bad = AgencyConfig.safeParse({ ...GOOD, foreignerCodePattern: '(A+)+' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toMatchObject([{ path: ['foreignerCodePattern'], message: expect.stringMatching(/^Formato del código de extranjero: no se permite repetir/) }]);
    expect(AgencyConfig.safeParse({ ...GOOD, foreignerCodePattern: 'X'.repeat(101) }).error?.issues[0]?.message).toBe('Formato del código de extranjero: no puede superar 100 caracteres.');
  });

  it('an accepted pattern checks a long hostile input quickly', () => {
    const pattern = '[A-Z]+[0-9]+[A-Z0-9]*';
    expect(unsafePatternReason(pattern)).toBeNull();
    const started = performance.now();
    expect(checkForeignerCode(`${'A'.repeat(5000)}!`, { pattern }).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
