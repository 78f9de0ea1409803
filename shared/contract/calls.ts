// Every call between a screen (or the CLI) and the core is declared here, once: its input schema,
// its output schema and the roles allowed. The core's handler registry is typed from this object,
// so a call declared here without a handler is a compile error.
import { z } from 'zod';
import { accountCalls } from './accounts';
import { counterCalls } from './counter';
import { formCalls } from './forms';
import { opsCalls } from './ops';
import { syncCalls } from './sync';
import { reportCalls, supervisorCalls } from './supervisor';
import { AgencyView, Empty, Id, IsoDate, UserView } from './common';
import { ALL_ROLES, defineCall } from './define';
import { REQUEST_STATES } from '../domain/lifecycle';

export { AgencyView, UserView } from './common';

export { REQUEST_STATES };
export const RequestState = z.enum(REQUEST_STATES);

export const REQUEST_CHANNELS = ['presencial', 'virtual'] as const;

export const RequestRow = z.object({
  id: Id,
  number: z.string(),
  channel: z.enum(REQUEST_CHANNELS),
  state: RequestState,
  stateSince: z.number(),
  createdAt: z.number(),
  employerRuc: z.string(),
  employerBranch: z.string(),
  employerLegalName: z.string(),
  representativeNames: z.string().nullable(),
  clerkName: z.string().nullable(),
});
export type RequestRow = z.infer<typeof RequestRow>;

export const APPOINTMENT_STATUSES = ['pendiente', 'atendido', 'no_asistio'] as const;
export const AppointmentRow = z.object({
  id: Id,
  time: z.string(),
  confirmationCode: z.string(),
  cedula: z.string(),
  names: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
});

export const contract = {
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

  'appointments.today': defineCall({
    summary: 'Turnos en línea del día para "Clave patronal portal IESS" en la agencia.',
    access: ['ventanillero', 'supervisor'],
    audit: 'read',
    input: z.object({ date: IsoDate.optional() }).strict(),
    output: z.object({ date: z.string(), items: z.array(AppointmentRow) }),
  }),

  'requests.list': defineCall({
    summary: 'Solicitudes de la agencia, las más recientes primero, por páginas.',
    access: ['ventanillero', 'supervisor'],
    audit: 'read',
    input: z
      .object({
        state: RequestState.optional(),
        /** Opaque cursor from the previous page. */
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(RequestRow), nextCursor: z.string().nullable() }),
  }),
  ...accountCalls,
  ...counterCalls,
  ...formCalls,
  ...opsCalls,
  ...syncCalls,
  ...supervisorCalls,
  ...reportCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];
export const isCallName = (name: string): name is CallName => Object.hasOwn(contract, name);
