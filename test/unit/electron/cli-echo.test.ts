// What the CLI prints back of what was typed (electron/hosts/common/echo.ts): hidden characters
// are seen as \u{…}, never obeyed by the terminal, and a huge argument is cut.
import { describe, expect, it } from 'vitest';
import { unknownOperationMessage } from '../../../electron/hosts/cli/suggest';
import { parseHostArgs, UsageError } from '../../../electron/hosts/common/args';
import { ECHO_MAX, shownArg } from '../../../electron/hosts/common/echo';
import { CALL_NAMES } from '../../../shared/contract';

describe('echo of a typed argument', () => {
  it('shows controls, bidirectional overrides, zero-width and odd spaces as \\u{…}, and keeps plain text and accents as typed', () => {
    expect(shownArg('a\u001b[2J\u0007\r\u202eb\u200b\u00a0c d')).toBe('a\\u{1B}[2J\\u{7}\\u{D}\\u{202E}b\\u{200B}\\u{A0}c d');
    expect(shownArg('C:\\datos\\solicitud-ñandú.json')).toBe('C:\\datos\\solicitud-ñandú.json');
  });

  it('cuts a long argument with «…», never in the middle of an escape', () => {
    expect(shownArg('x'.repeat(100_000))).toBe(`${'x'.repeat(ECHO_MAX)}…`);
    expect(shownArg(`${'x'.repeat(ECHO_MAX - 3)}\u200b`)).toBe(`${'x'.repeat(ECHO_MAX - 3)}…`);
  });

  it('an operation differing from a real one by an invisible character reads different from the suggestion', () => {
    expect(unknownOperationMessage('requests.list\u200b', CALL_NAMES)).toContain('«requests.list\\u{200B}» no existe. ¿Quiso decir requests.list?');
  });

  it('an unknown option with a control sequence is echoed escaped', () => {
    let message = '';
    try {
      parseHostArgs(['--\u001b[31mrojo']);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      message = (err as Error).message;
    }
    expect(message).toContain('Opción desconocida: --\\u{1B}[31mrojo.');
  });
});
