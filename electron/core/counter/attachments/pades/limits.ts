// Bounds on the work one verification may do: the input is whatever an applicant uploaded, so
// every size and count is capped and a PDF past a cap gets a Spanish refusal, never a hang.

export const LIMITS = {
  /** Largest PDF verified (counter scans go up to 5 MB by default, virtual ones 1 MB). */
  maxPdfBytes: 16 * 1_048_576,
  /** Decoded size of one object or cross-reference stream (a deflate bomb stops here). */
  maxDecodedStructureBytes: 16 * 1_048_576,
  /** Objects the parser may read (nested ones count) before giving up. */
  maxParsedObjects: 2_000_000,
  /** Wall-clock budget of one parse, checked while parsing. */
  maxParseMs: 4_000,
  maxSignatures: 16,
  /** The CMS blob in /Contents (real ones are 8–40 KB; long chains with revocation data more). */
  maxContentsBytes: 1_048_576,
  maxCertificatesPerSignature: 64,
  maxRevocationItems: 64,
  maxChainLength: 8,
  maxFieldDepth: 16,
  maxFields: 2_000,
} as const;

/** A refusal whose message a supervisor reads as is (Spanish, no personal data). */
export class PadesError extends Error {
  override readonly name = 'PadesError';
}
