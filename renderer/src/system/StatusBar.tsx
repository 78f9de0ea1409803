import CloudOffIcon from '@mui/icons-material/CloudOff';
import CloudQueueIcon from '@mui/icons-material/CloudQueue';
import { Box, Chip, Typography } from '@mui/material';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useCall } from '../api/useCall';
import { usePainted } from '../app/paint';
import { UpdateIndicator } from '../ops/UpdateIndicator';
import { formatInt } from '../app/format';
import { CENTRAL_STATE_LABELS } from '../app/labels';

// Changes made here and what the sync screens learn refresh it at once (api/useCall.ts); this
// catches what the background services change while no sync screen is open.
const REFRESH_MS = 10_000;

export function StatusBar({ appVersion }: { appVersion: string }) {
  // Asked for once the screen's first frame is painted (app/paint.ts).
  const painted = usePainted();
  const status = useCall('status.summary', {}, { refetchInterval: REFRESH_MS, enabled: painted });
  const s = status.data;
  return (
    <Box
      component="footer"
      role="status"
      aria-label="Barra de estado"
      sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 0.5, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
    >
      {s ? (
        <>
          <Typography variant="body2">
            {s.user.displayName} ({ROLE_LABELS[s.user.role]})
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {s.agency.name} · {s.agency.code}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Chip
            size="small"
            icon={s.central.state === 'en_linea' ? <CloudQueueIcon /> : <CloudOffIcon />}
            color={s.central.state === 'en_linea' ? 'success' : 'default'}
            label={CENTRAL_STATE_LABELS[s.central.state]}
          />
          <Typography variant="body2">Pendientes de envío: {formatInt(s.pendingSync)}</Typography>
        </>
      ) : (
        <Typography variant="body2" color="textSecondary" sx={{ flex: 1 }}>
          {status.error?.message ?? 'Cargando estado…'}
        </Typography>
      )}
      <UpdateIndicator appVersion={appVersion} />
    </Box>
  );
}
