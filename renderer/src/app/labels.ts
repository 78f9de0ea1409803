import type { CentralState } from '../../../shared/contract/sync';
import { APPOINTMENT_STATUSES, catalogLabels } from '../../../shared/domain/catalogs';

export { STATE_LABELS as REQUEST_STATE_LABELS } from '../../../shared/domain/lifecycle';

export const APPOINTMENT_STATUS_LABELS = catalogLabels(APPOINTMENT_STATUSES);

export const CENTRAL_STATE_LABELS: Readonly<Record<CentralState, string>> = {
  // The same words as every message about it (sync/ask.ts, SyncScreen): the desk is not enrolled yet.
  sin_configurar: 'IESS: estación no enrolada',
  en_linea: 'IESS: en línea',
  sin_conexion: 'IESS: sin conexión',
};
