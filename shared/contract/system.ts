// Calls of the system capability (prefixes system., status.): what the app and the desk are,
// and the status bar's summary.
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import { AgencyView, Empty, UserView } from './common';
import { defineCall } from './define';
import { CENTRAL_STATES } from './sync';

export const systemCalls = {
  'system.info': defineCall({
    summary: 'Versión de la aplicación, de la base de datos y estado de configuración inicial.',
    access: 'public',
    audit: 'none',
    input: Empty,
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      needsSetup: z.boolean(),
      agency: AgencyView.nullable(),
    }),
  }),

  'status.summary': defineCall({
    summary: 'Datos de la barra de estado: usuario, agencia, conexión con el IESS y envíos pendientes.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: Empty,
    output: z.object({
      user: UserView,
      agency: AgencyView,
      central: z.object({
        state: z.enum(CENTRAL_STATES),
        lastContactAt: z.number().nullable(),
      }),
      pendingSync: z.number().int(),
    }),
  }),

} as const;
