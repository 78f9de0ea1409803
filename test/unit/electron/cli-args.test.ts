import { describe, expect, it } from 'vitest';
import { nearestNames, unknownOperationMessage } from '../../../electron/hosts/cli/suggest';
import { parseHostArgs, UsageError } from '../../../electron/hosts/common/args';
import { CALL_NAMES } from '../../../shared/contract';

const usage = (argv: string[]) => {
  try {
    parseHostArgs(argv, { as: 'string', to: 'string', help: 'boolean' });
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('parseHostArgs accepted ' + argv.join(' '));
};

describe('parseHostArgs speaks Spanish', () => {
  it('names an unknown option and lists the valid ones', () => {
    const said = usage(['requests.list', '--limit', '3']);
    expect(said).toContain('Opción desconocida: --limit.');
    expect(said).toContain('--data-dir, --as, --to, --help');
    expect(said).not.toMatch(/Unknown|positional/);
  });
  it('says which option lacks its value', () => {
    expect(usage(['backup.run', '--to'])).toContain('Falta el valor de --to.');
    expect(usage(['backup.run', '--to'])).not.toMatch(/argument missing/);
  });
  it('says a yes/no option takes no value', () => {
    expect(usage(['--help=si'])).toContain('La opción --help no lleva valor.');
  });
});

describe('a misspelt CLI operation', () => {
  it('suggests the nearest existing operation', () => {
    expect(nearestNames('backup.verfy', CALL_NAMES)).toEqual(['backup.verify']);
    expect(unknownOperationMessage('backup.verfy', CALL_NAMES)).toBe(
      'La operación «backup.verfy» no existe. ¿Quiso decir backup.verify? Vea la lista con: npm run cli -- --help',
    );
  });
  it('offers nothing when nothing is close', () => {
    expect(unknownOperationMessage('cafe', CALL_NAMES)).toBe('La operación «cafe» no existe. Vea la lista con: npm run cli -- --help');
  });
});
