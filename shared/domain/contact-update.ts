/**
 * «Actualización presencial de datos de contacto»: an affiliate, retiree or beneficiary
 * (docs/seeds/001_be6632d3648d6043.txt:8) registers at the counter the e-mail, mobile and landline
 * the online password procedure uses (001:21, 001:46: "Si el solicitante no ha realizado la
 * actualización de datos de manera presencial…"; the fields of 002:7). The intake's schema
 * (zod) and its checks; the core re-checks with the same function (electron/core/counter/contact-update.ts).
 */
import { z } from 'zod';
import { checkCedula } from './cedula';
import { checkEmail, checkLandline, checkMobile, checkPersonName } from './contact';
import { checkForeignerCode } from './foreigner-code';
import type { CatalogEntry } from './catalogs';
import { issue, type Issue } from './issues';

/** Who may update (001:8: "afiliados, jubilados y/o derechohabientes"). */
export const AFFILIATE_KINDS = [
  { code: 'afiliado', label: 'Afiliado' },
  { code: 'jubilado', label: 'Jubilado' },
  { code: 'derechohabiente', label: 'Derechohabiente' },
] as const satisfies readonly CatalogEntry[];
export type AffiliateKind = (typeof AFFILIATE_KINDS)[number]['code'];

/** How the affiliate is identified (001:10: cédula, or the foreigner code as the alternative). */
export const AFFILIATE_ID_TYPES = [
  { code: 'cedula', label: 'Cédula de identidad o ciudadanía' },
  { code: 'codigo_extranjero', label: 'Código de identificación para extranjeros' },
] as const satisfies readonly CatalogEntry[];
export type AffiliateIdType = (typeof AFFILIATE_ID_TYPES)[number]['code'];

const Text = (max: number) => z.string().max(max, { error: `Máximo ${max} caracteres.` });

/** What the screen sends while the clerk types: incomplete values are accepted, checkContactUpdate decides. */
export const ContactUpdateDraftSchema = z
  .object({
    affiliateKind: z.enum(['afiliado', 'jubilado', 'derechohabiente']).nullable(),
    idType: z.enum(['cedula', 'codigo_extranjero']).nullable(),
    idNumber: Text(30),
    names: Text(160),
    email: Text(254),
    mobile: Text(20),
    landline: Text(20),
  })
  .partial()
  .strict();
export type ContactUpdateDraft = z.infer<typeof ContactUpdateDraftSchema>;

/**
 * The non-personal part kept in `requests.details.contactUpdate` (validated with this schema when
 * written and read back); the personal data goes to the PERSONAL columns that the retention purge
 * clears (representative_id_*, representative_names, email, mobile, landline).
 */
export const ContactUpdateDetailsSchema = z.object({ affiliateKind: z.enum(['afiliado', 'jubilado', 'derechohabiente']).nullable() }).strict();
export type ContactUpdateDetails = z.infer<typeof ContactUpdateDetailsSchema>;

export interface ContactUpdateData {
  affiliateKind: AffiliateKind;
  idType: AffiliateIdType;
  idNumber: string;
  names: string;
  email: string;
  mobile: string;
  /** '' when the affiliate has none. */
  landline: string;
}

export interface ContactUpdateCheck {
  ok: boolean;
  /** One per field at most, keyed by the field the screen shows. */
  errors: { field: keyof ContactUpdateData; issue: Issue }[];
  warnings: { field: keyof ContactUpdateData; issue: Issue }[];
  normalized: ContactUpdateData | null;
}

const KIND_REQUIRED = issue('contact_update.kind_required', 'Indique si es afiliado, jubilado o derechohabiente.');
const ID_TYPE_REQUIRED = issue('contact_update.id_type_required', 'Indique cómo se identifica: cédula o código de extranjero.');
/** The e-mail is where the portal sends «ACTIVACIÓN CLAVE» (001:25), not the employer key of 004. */
const EMAIL_REQUIRED = issue('email.required', 'El correo electrónico es obligatorio: ahí llegará el enlace «ACTIVACIÓN CLAVE» del portal.');

/** Same checks as the employer intake (contact.ts, cedula.ts, foreigner-code.ts); the foreigner code against the agency's pattern. */
export function checkContactUpdate(input: ContactUpdateDraft, options: { foreignerCodePattern?: string } = {}): ContactUpdateCheck {
  // Total (test/unit/domain/totality.test.ts): anything that is not a draft reads as an empty one.
  const parsed = ContactUpdateDraftSchema.safeParse(input);
  const draft: ContactUpdateDraft = parsed.success ? parsed.data : {};
  const pattern = typeof options === 'object' && options !== null && typeof options.foreignerCodePattern === 'string' ? options.foreignerCodePattern : undefined;
  const errors: ContactUpdateCheck['errors'] = [];
  const warnings: ContactUpdateCheck['warnings'] = [];
  if (!draft.affiliateKind) errors.push({ field: 'affiliateKind', issue: KIND_REQUIRED });
  if (!draft.idType) errors.push({ field: 'idType', issue: ID_TYPE_REQUIRED });
  const id =
    draft.idType === 'codigo_extranjero'
      ? checkForeignerCode(draft.idNumber, pattern ? { pattern } : {})
      : checkCedula(draft.idNumber);
  const names = checkPersonName(draft.names);
  const email = checkEmail(draft.email);
  const mobile = checkMobile(draft.mobile);
  const landline = checkLandline(draft.landline);
  const fields = { idNumber: id, names, email, mobile, landline } as const;
  for (const [field, result] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
    const first = result.errors[0];
    if (first) errors.push({ field, issue: field === 'email' && first.code === 'email.required' ? EMAIL_REQUIRED : first });
    for (const w of result.warnings) warnings.push({ field, issue: w });
  }
  if (errors.length > 0) return { ok: false, errors, warnings, normalized: null };
  return {
    ok: true,
    errors,
    warnings,
    normalized: {
      affiliateKind: draft.affiliateKind!,
      idType: draft.idType!,
      idNumber: id.normalized!,
      names: names.normalized!,
      email: email.normalized!,
      mobile: mobile.normalized!,
      landline: landline.normalized ?? '',
    },
  };
}

/**
 * e-mail and phones as central shows them back (masked): enough for the affiliate to recognize
 * their own («j***@g***.com», «09******12»), too little to learn someone else's.
 */
export function maskEmail(email: unknown): string {
  if (typeof email !== 'string') return '***';
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return '***';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${email[0]}***@${domain[0]}***${tld}`;
}
export function maskPhone(phone: unknown): string {
  if (typeof phone !== 'string') return '***';
  return phone.length < 6 ? '***' : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 4)}${phone.slice(-2)}`;
}
