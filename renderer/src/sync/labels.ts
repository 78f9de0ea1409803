// Spanish names of what the sync screen lists.
import { EVENT_LABELS, isRequestEvent } from '../../../shared/domain/lifecycle';
import type { OutboxItem } from '../../../shared/contract/sync';

const TYPE_LABELS: Record<string, string> = {
  'request.created': 'Solicitud registrada',
  'request.transition': 'Cambio de estado',
};

export function itemLabel(item: Pick<OutboxItem, 'type' | 'event'>): string {
  if (item.event && isRequestEvent(item.event)) return EVENT_LABELS[item.event];
  return TYPE_LABELS[item.type] ?? item.type;
}

export const STATUS_LABELS: Record<OutboxItem['status'], string> = {
  pendiente: 'En cola',
  enviando: 'Enviando…',
  fallido: 'Con error',
  rechazado: 'Rechazado por el IESS',
  enviado: 'Enviado',
};
