// agencia.json's foreignerCodePattern must be a regular expression the app can run on every
// keystroke without risk: it compiles, is short, does not accept an empty code, and it runs on a
// linear-time engine (RE2), so that no pattern, however written, can make a check backtrack.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { AgencyConfig, unsafePatternReason } from '../../../shared/contract/ops';
import { DEFAULT_FOREIGNER_CODE_PATTERN } from '../../../shared/domain/foreigner-code';
import { GOOD } from './fixtures';

describe('foreigner code pattern (agencia.json)', () => {
  it('accepts the usual shapes of an identification code', () => {
    for (const p of [DEFAULT_FOREIGNER_CODE_PATTERN, 'E[0-9]{8}', '(?:EX|IE)[0-9]{6,10}', '[A-Z]{2}(?:[0-9]{2})?[0-9]{6}', '(?<prefijo>[A-Z]{2})[0-9]+', '\\p{Lu}{2}\\d{6}', '([0-9]{2})+X']) {
      expect(unsafePatternReason(p), p).toBeNull();
    }
  });

  it('refuses, with a Spanish reason, what does not compile, accepts nothing, or needs a backtracking engine', () => {
    const cases: [string, RegExp][] = [
      ['[A-Z', /no es una expresión regular válida/],
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
    const bad = AgencyConfig.safeParse({ ...GOOD, foreignerCodePattern: '(A)\\1' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toMatchObject([{ path: ['foreignerCodePattern'], message: expect.stringMatching(/^Formato del código de extranjero: no se permiten referencias/) }]);
    expect(AgencyConfig.safeParse({ ...GOOD, foreignerCodePattern: 'X'.repeat(101) }).error?.issues[0]?.message).toBe('Formato del código de extranjero: no puede superar 100 caracteres.');
  });

  it('the attack: A* thirteen times then B is accepted, and checking 26 or 5,000 A against it ends (linear-time engine)', async () => {
    // On a backtracking engine this pattern costs about n^13 steps: 14 s for 26 letters, and
    // forever for 5,000. It is run in a worker so that a regression fails instead of hanging.
    const pattern = `${'A*'.repeat(13)}B`;
    expect(unsafePatternReason(pattern)).toBeNull();
    expect(await checkInWorker(pattern, 'A'.repeat(26))).toBe(false);
    expect(await checkInWorker(pattern, `${'A'.repeat(5000)}B`)).toBe(true);
    expect(await checkInWorker('(A+)+B', 'A'.repeat(5000))).toBe(false);
    expect(await checkInWorker('(A|AA)*C', 'A'.repeat(5000))).toBe(false);
  });

  it('nested or large repetitions that would make the automaton itself huge are refused', () => {
    expect(unsafePatternReason('((A{20}){20}){20}')).toMatch(/no es una expresión regular válida|repeticiones/);
    expect(unsafePatternReason('(A+){30}')).toBeNull();
  });
});

/**
 * checkForeignerCode in a worker thread: resolves with its verdict, or rejects when it has not
 * answered after 20 s (the linear engine answers in well under a second on this input).
 */
async function checkInWorker(pattern: string, code: string): Promise<boolean> {
  const url = new URL('../../../shared/domain/foreigner-code.ts', import.meta.url).href;
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import('tsx/esm/api')
       .then(({ tsImport }) => tsImport(workerData.url, workerData.url))
       .then((m) => parentPort.postMessage(m.checkForeignerCode(workerData.code, { pattern: workerData.pattern }).ok));`,
    { eval: true, workerData: { url, code, pattern } },
  );
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`checking ${code.length} characters against ${pattern} did not end in 20 s`)), 20_000);
      worker.once('message', (ok: boolean) => {
        clearTimeout(timer);
        resolve(ok);
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  } finally {
    await worker.terminate();
  }
}
