import { z } from 'zod';
import { checkPrintable } from '../domain/printable';
import { USER_ROLES } from './define';

export const Id = z.string().min(1).max(64);
export const IsoDate = z.iso.date({ error: 'La fecha debe tener el formato aaaa-mm-dd.' });
export const Empty = z.object({}).strict();

/** The widest range a report or export answers for: one year, a leap one included. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * A from..to range of calendar days, both included, of at most a year: an unbounded range made
 * dashboard.stats build one row per day from year 1 to 9999 (222 MB) while the desk waited.
 */
export const DateRange = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((v) => v.from <= v.to, { error: 'La fecha inicial debe ser anterior o igual a la final.', path: ['to'] })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / DAY_MS + 1 <= MAX_RANGE_DAYS, {
    error: `El rango de fechas no puede superar un año (${MAX_RANGE_DAYS} días): elija un rango más corto o consulte por partes.`,
    path: ['to'],
  });

/**
 * A zod refinement for text that ends up on paper (a clerk's name on the comprobante and the
 * end-of-day report, the agency's name in every form's header): refused, naming the field, when
 * the forms could not print it faithfully (shared/domain/printable.ts).
 */
export const printableText =
  (label: string) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = checkPrintable(value, { label });
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
  };

export const Username = z
  .string({ error: 'Ingrese el usuario.' })
  .trim()
  .min(1, { error: 'Ingrese el usuario.' })
  .max(64, { error: 'El usuario no puede superar 64 caracteres.' });

export const UserView = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  agencyCode: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const AgencyView = z.object({
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
});

/** Plain http is acceptable only to this computer (the stand-in central of a demo or test). */
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/|$)/i;

/**
 * Address of IESS central services: https, or http only to this same computer. One rule for
 * enrolment and for the agency configuration, so what one accepts the other keeps.
 */
export const CentralUrl = (what = 'Dirección de los servicios centrales') =>
  z
    .string({ error: `${what}: ingrese una dirección https://.` })
    .trim()
    .max(300, { error: `${what}: la dirección no puede superar 300 caracteres.` })
    .pipe(z.url({ protocol: /^https?$/, error: `${what}: debe ser una dirección https:// válida, por ejemplo https://servicios.iess.gob.ec/ventanilla.` }))
    .refine((url) => /^https:\/\//i.test(url) || LOOPBACK_HTTP.test(url), {
      error: `${what}: use https://; http:// solo se admite hacia este mismo equipo (127.0.0.1), para pruebas.`,
    });
