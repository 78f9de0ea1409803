// «¿Quiso decir …?» for a misspelt operation name on the command line.
import { distance } from 'fastest-levenshtein';
import { shownArg } from '../common/echo';

/** Names within a few typing slips of `typed`, the closest first (ties kept, at most three). */
export function nearestNames(typed: string, names: readonly string[]): string[] {
  const wanted = typed.toLowerCase();
  // Up to a third of the name may be wrong (backup.verfy, requets.list, dashbord.summary).
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  // A name whose length alone is past the limit is not compared (a 100 000-character argument costs nothing).
  const scored = names
    .filter((n) => Math.abs(n.length - wanted.length) <= limit)
    .map((n) => ({ n, d: distance(wanted, n.toLowerCase()) }))
    .filter((s) => s.d <= limit);
  if (scored.length === 0) return [];
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best).slice(0, 3).map((s) => s.n);
}

/** The Spanish sentence for an operation that does not exist, naming it and the nearest ones. */
export function unknownOperationMessage(typed: string, names: readonly string[]): string {
  const near = nearestNames(typed, names);
  const guess = near.length === 0 ? '' : ` ¿Quiso decir ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} o ${near.at(-1)}`}?`;
  // Shown escaped and cut (../common/echo.ts): a hidden character in it is seen, not obeyed.
  return `La operación «${shownArg(typed)}» no existe.${guess} Vea la lista con: npm run cli -- --help`;
}
