// Calls of the system capability (prefixes system., status.): what the app and the desk are,
// and the status bar's summary.
import { z } from 'zod';
import { AgencyView, Empty, UserView } from './common';
import { ALL_ROLES, defineCall } from './define';

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
    access: ALL_ROLES,
    audit: 'none',
    input: Empty,
    output: z.object({
      user: UserView,
      agency: AgencyView,
      central: z.object({
        state: z.enum(['sin_configurar', 'en_linea', 'sin_conexion']),
        lastContactAt: z.number().nullable(),
      }),
      pendingSync: z.number().int(),
    }),
  }),

} as const;
