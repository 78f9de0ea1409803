// What the desk found out about the electronic signatures of one PDF (Ventanilla Virtual: seed
// 004 lines 51 and 57 make the e-signature of the Solicitud and the Acuerdo "imprescindible").
// The shape follows the anchors the supervisor's verdict is modelled on — the EU DSS validation
// report (one indication per signature plus the checks behind it) and pyHanko's status object
// (integrity, modification level, trust, revocation) — reduced to what a supervisor decides on.
import { z } from 'zod';
import { catalogCodes, catalogLabels, E_SIGNATURE_VERDICTS, type SignatureVerdict } from '../domain/catalogs';

/** The verdicts are a domain catalog (shared/domain/catalogs.ts E_SIGNATURE_VERDICTS): codes and labels derive from it. */
export const SIGNATURE_VERDICTS = catalogCodes(E_SIGNATURE_VERDICTS);
export type { SignatureVerdict };

export const SIGNATURE_CHECK_ITEMS = ['integridad', 'modificaciones', 'certificado', 'cadena', 'sello_de_tiempo', 'revocacion', 'identidad'] as const;

/** One line of the details a supervisor opens: what was checked, how it came out, in Spanish. */
export const SignatureCheck = z.object({
  item: z.enum(SIGNATURE_CHECK_ITEMS),
  status: z.enum(['ok', 'falla', 'aviso']),
  detail: z.string(),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const SignerView = z.object({
  name: z.string().nullable(),
  cedula: z.string().nullable(),
  /** The issuing CA's name (the organization or common name of the certificate's issuer). */
  issuer: z.string().nullable(),
  serial: z.string(),
  validFrom: z.number(),
  validTo: z.number(),
});
export type SignerView = z.infer<typeof SignerView>;

export const SignatureReport = z.object({
  /** 1-based, in the order the signatures were applied. */
  index: z.number().int(),
  fieldName: z.string().nullable(),
  subFilter: z.string().nullable(),
  signer: SignerView.nullable(),
  signedAt: z.number().nullable(),
  /** Where signedAt comes from: a verified timestamp token, the signer's signing-time attribute, or the PDF's /M. */
  signedAtSource: z.enum(['sello_de_tiempo', 'atributo', 'diccionario']).nullable(),
  /** Later updates after this signature: none, only allowed ones, or content changes. */
  modification: z.enum(['ninguna', 'permitida', 'no_permitida']),
  revocation: z.enum(['no_revocado', 'revocado', 'no_comprobada']),
  verdict: z.enum(SIGNATURE_VERDICTS),
  summary: z.string(),
  checks: z.array(SignatureCheck),
});
export type SignatureReport = z.infer<typeof SignatureReport>;

export const DocumentSignatures = z.object({
  verdict: z.enum(SIGNATURE_VERDICTS),
  /** A valid signature whose certificate's revocation could not be checked (shown with the verdict). */
  revocationUnchecked: z.boolean(),
  /** The sentence the supervisor reads: «Firma válida de …» / «Documento modificado después de firmar» / … */
  summary: z.string(),
  signatures: z.array(SignatureReport),
  checkedAt: z.number(),
});
export type DocumentSignatures = z.infer<typeof DocumentSignatures>;

export const VERDICT_LABELS = catalogLabels(E_SIGNATURE_VERDICTS);

export const REVOCATION_UNCHECKED = 'revocación no comprobada';
