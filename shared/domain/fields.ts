/** Reading loosely-typed input (forms, central, files) without ever throwing. */
import { compareIsoDates, isIsoDate, type IsoDate } from './dates';

/** A property of an object-like input, or undefined (also when a getter or proxy throws). */
export function readField(input: unknown, key: string): unknown {
  if (typeof input !== 'object' || input === null) return undefined;
  try {
    return (input as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Trimmed text, or null for anything that is not a non-blank string. */
export function readText(input: unknown, key: string): string | null {
  const value = readField(input, key);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * A document's issue date: a real date no later than the date of attention. `date` is null when
 * it cannot be used; `problem` says why the clerk must correct it.
 */
export function readIssueDate(value: unknown, attentionDate: IsoDate): { date: IsoDate | null; problem: 'invalid' | 'future' | null } {
  const issueDate = readField(value, 'issueDate');
  if (!isIsoDate(issueDate)) return { date: null, problem: 'invalid' };
  return { date: issueDate, problem: compareIsoDates(issueDate, attentionDate) > 0 ? 'future' : null };
}
