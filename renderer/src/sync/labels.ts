// Spanish names of what the sync screen lists.
import { catalogLabel } from '../../../shared/domain/catalogs';
import { EVENT_LABELS, isRequestEvent } from '../../../shared/domain/lifecycle';
import { OUTBOX_EVENT_TYPES } from '../../../shared/domain/outbox';
import type { OutboxItem } from '../../../shared/contract/sync';

export function itemLabel(item: Pick<OutboxItem, 'type' | 'event'>): string {
  if (item.event && isRequestEvent(item.event)) return EVENT_LABELS[item.event];
  return catalogLabel(OUTBOX_EVENT_TYPES, item.type) ?? item.type;
}

export const STATUS_LABELS: Record<OutboxItem['status'], string> = {
  pendiente: 'En cola',
  enviando: 'Enviando…',
  fallido: 'Con error',
  rechazado: 'Rechazado por el IESS',
  enviado: 'Enviado',
};
