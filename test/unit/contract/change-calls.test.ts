// The renderer's list of 'change' calls (shared/contract/change-calls.ts) is the contract's, exactly:
// a call missing from it would change something without the status bar following; one too many
// would refresh it after a mere read.
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../../shared/contract';
import { CHANGE_CALLS } from '../../../shared/contract/change-calls';

describe('CHANGE_CALLS', () => {
  it("holds exactly the calls whose audit kind is 'change'", () => {
    const expected = CALL_NAMES.filter((name) => contract[name].audit === 'change').sort();
    expect(expected.length).toBeGreaterThan(0);
    expect([...CHANGE_CALLS].sort(), `shared/contract/change-calls.ts debe listar:\n${expected.map((n) => `  '${n}',`).join('\n')}`).toEqual(expected);
  });
});
