import { Alert, Card, CardContent, Grid, Typography } from '@mui/material';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useCall } from '../api/useCall';
import { formatInt } from './format';
import { ScreenHeader } from './ScreenHeader';

export function HomeScreen() {
  const status = useCall('status.summary', {});
  const s = status.data;
  return (
    <>
      <ScreenHeader title={s ? `Bienvenido, ${s.user.displayName}` : 'Inicio'} subtitle={s ? `${ROLE_LABELS[s.user.role]} · ${s.agency.name}` : undefined} />
      {status.error && <Alert severity="error">{status.error.message}</Alert>}
      {s && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card variant="outlined">
              <CardContent>
                <Typography color="textSecondary">Trámite</Typography>
                <Typography variant="h6">Generación de clave patronal de acceso al portal IESS</Typography>
                <Typography variant="body2" color="textSecondary">
                  Lunes a viernes de 08:00 a 17:00 · sin costo
                </Typography>
              </CardContent>
            </Card>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card variant="outlined">
              <CardContent>
                <Typography color="textSecondary">Pendientes de envío al IESS</Typography>
                <Typography variant="h4">{formatInt(s.pendingSync)}</Typography>
              </CardContent>
            </Card>
          </Grid>
        </Grid>
      )}
    </>
  );
}
