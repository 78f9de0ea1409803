import type { UpdateState } from '../../../shared/contract/ops';

export const UPDATE_STATE_LABELS: Record<UpdateState, string> = {
  no_disponible: 'No disponible en esta versión',
  sin_configurar: 'Sin dirección de actualizaciones',
  al_dia: 'Al día',
  buscando: 'Buscando actualización…',
  descargando: 'Descargando actualización…',
  lista: 'Actualización lista',
  error: 'Error al actualizar',
};
