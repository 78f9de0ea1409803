// What the supervisor asked for when returning the request, in sight until it is sent again.
import { Alert, AlertTitle, Typography, type SxProps, type Theme } from '@mui/material';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { pendingReturn, reasonLabel } from './RequestHistory';
import type { RequestDetail } from './useRequest';

export function ReturnNotice({ detail, action, sx }: { detail: RequestDetail; action: string; sx?: SxProps<Theme> }) {
  const r = pendingReturn(detail.history);
  if (!r && detail.state !== 'devuelta') return null;
  return (
    <Alert severity="warning" role="alert" aria-label="Devuelta por el supervisor" {...(sx ? { sx } : {})}>
      <AlertTitle sx={{ mb: 0.25 }}>
        {r ? `${r.actor ?? 'El supervisor'} devolvió esta solicitud el ${formatDateTimeEs(r.at)}` : 'El supervisor devolvió esta solicitud'}: {action}.
      </AlertTitle>
      {r?.reasonCode && <Typography variant="body2">Motivo: {reasonLabel('devolver', r.reasonCode)}</Typography>}
      {r?.note && <Typography variant="body2">Observación del supervisor: «{r.note}»</Typography>}
    </Alert>
  );
}
