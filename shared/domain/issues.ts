/**
 * The shape every check in the domain answers with. Checks never throw: a clerk types
 * anything, a document reader types anything, central sends anything — the answer is
 * always data the UI can show.
 */

/** One finding. `code` is stable (tests and the UI key on it); `message` is for the clerk. */
export interface Issue {
  readonly code: string;
  readonly message: string;
}

export interface CheckResult {
  /** True when there are no errors (warnings do not block). */
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Canonical form to store; null whenever `ok` is false. */
  normalized: string | null;
}

export function issue(code: string, message: string): Issue {
  return { code, message };
}

/** Builds the common part of a check answer; `normalized` only survives a clean check. */
export function checkResult(
  errors: Issue[],
  warnings: Issue[],
  normalized: string | null,
): CheckResult {
  const errorList = Array.isArray(errors) ? errors : [];
  const warningList = Array.isArray(warnings) ? warnings : [];
  const ok = errorList.length === 0;
  return { ok, errors: errorList, warnings: warningList, normalized: ok && typeof normalized === 'string' ? normalized : null };
}
