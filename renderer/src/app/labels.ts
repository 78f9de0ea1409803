import type { z } from 'zod';
import type { AppointmentRow } from '../../../shared/contract';

export { STATE_LABELS as REQUEST_STATE_LABELS } from '../../../shared/domain/lifecycle';

export const APPOINTMENT_STATUS_LABELS: Record<z.infer<typeof AppointmentRow>['status'], string> = {
  pendiente: 'Pendiente',
  atendido: 'Atendido',
  no_asistio: 'No asistió',
};

export const CENTRAL_STATE_LABELS = {
  sin_configurar: 'IESS: sin configurar',
  en_linea: 'IESS: en línea',
  sin_conexion: 'IESS: sin conexión',
} as const;
