/**
 * What a desk tells central services happened to a request: the types of the outbox's events
 * (docs/architecture.md). Each type's payload is declared, with zod, in the wire
 * protocol (shared/sync/protocol.ts `OUTBOX_PAYLOADS`), which must have one schema per type here;
 * the label is what the sync screen shows of an item of that type.
 */
import type { CatalogEntry } from './catalogs';

export const OUTBOX_EVENT_TYPES = [
  { code: 'request.created', label: 'Solicitud registrada' },
  { code: 'request.transition', label: 'Cambio de estado' },
  { code: 'request.working', label: 'En atención' },
  { code: 'contact.updated', label: 'Datos de contacto actualizados' },
  { code: 'foreigner.registration', label: 'Registro de extranjero aprobado' },
] as const satisfies readonly CatalogEntry[];
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number]['code'];
