/** Reading loosely-typed input (forms, central, files) without ever throwing. */

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
