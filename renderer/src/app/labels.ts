import type { CentralState } from '../../../shared/contract/sync';
import { APPOINTMENT_STATUSES, catalogLabels } from '../../../shared/domain/catalogs';

export { STATE_LABELS as REQUEST_STATE_LABELS } from '../../../shared/domain/lifecycle';

export const APPOINTMENT_STATUS_LABELS = catalogLabels(APPOINTMENT_STATUSES);

export const CENTRAL_STATE_LABELS: Readonly<Record<CentralState, string>> = {
  sin_configurar: 'IESS: sin configurar',
  en_linea: 'IESS: en línea',
  sin_conexion: 'IESS: sin conexión',
};
