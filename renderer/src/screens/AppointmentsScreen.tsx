import { Alert, Chip, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useCall } from '../api/useCall';
import { formatIsoDate } from '../app/format';
import { APPOINTMENT_STATUS_LABELS } from '../app/labels';
import { ScreenHeader } from './ScreenHeader';

export function AppointmentsScreen() {
  const { data, error, isFetching } = useCall('appointments.today', {});
  return (
    <>
      <ScreenHeader
        title="Turnos del día"
        subtitle={data ? `Clave patronal portal IESS · ${formatIsoDate(data.date)} · ${data.items.length} turnos` : 'Clave patronal portal IESS'}
      />
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && data.items.length === 0 && <Alert severity="info">No hay turnos agendados para hoy en esta agencia.</Alert>}
      {data && data.items.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Turnos del día" aria-busy={isFetching}>
            <TableHead>
              <TableRow>
                <TableCell>Hora</TableCell>
                <TableCell>Confirmación</TableCell>
                <TableCell>Cédula</TableCell>
                <TableCell>Solicitante</TableCell>
                <TableCell>Estado</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((a) => (
                <TableRow key={a.id} hover>
                  <TableCell>{a.time}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{a.confirmationCode}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{a.cedula}</TableCell>
                  <TableCell>{a.names}</TableCell>
                  <TableCell>
                    <Chip size="small" label={APPOINTMENT_STATUS_LABELS[a.status]} color={a.status === 'atendido' ? 'success' : 'default'} variant="outlined" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
