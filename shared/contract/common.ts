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
