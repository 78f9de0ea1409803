// Tells the clerk, while it lasts, that attending now is outside the agency's opening hours
// (agencia.json openingHours; by default the sheet's, docs/seeds/004_…:118): the attention goes
// on, and the day's report lists it.
import { Alert } from '@mui/material';
import { attentionTiming, type OpeningHours } from '../../../shared/domain/opening-hours';
import { useCall } from '../api/useCall';
import { useNow } from '../supervisor/useNow';

export function OutsideHoursNotice() {
  const rules = useCall('config.intakeRules', {}, { refetchOnMount: false });
  const now = useNow();
  const hours = rules.data?.openingHours as OpeningHours | undefined;
  const timing = hours ? attentionTiming(now, hours) : null;
  if (!timing || timing.within) return null;
  return (
    // A note, not an alert: it stays on screen while it holds, and is read when reached.
    <Alert severity="warning" role="note" aria-label="Fuera del horario de atención" sx={{ mb: 1.5, py: 0 }}>
      {timing.message} Puede atender; la atención queda señalada en el cierre del día.
    </Alert>
  );
}
