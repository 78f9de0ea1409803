// Keyset pagination cursors: the sort key and id of the last row of a page, opaque to screens.
// A page then costs the same whether it is the first or the thousandth.
import { CallFailure } from './errors';

export interface Cursor {
  at: number;
  id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');

/** A cursor that was not ours (tampered, from another version) is a Spanish input error. */
export function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'number' && typeof id === 'string') return { at, id };
  } catch {
    // the Spanish error below
  }
  throw new CallFailure('invalid_input', 'La página solicitada no es válida; vuelva a la primera página.');
}
