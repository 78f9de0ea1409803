import { z } from 'zod';
import { USER_ROLES } from './define';

export const Id = z.string().min(1).max(64);
export const IsoDate = z.iso.date({ error: 'La fecha debe tener el formato aaaa-mm-dd.' });
export const Empty = z.object({}).strict();

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
