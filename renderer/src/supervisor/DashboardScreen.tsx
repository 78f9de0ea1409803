import { Alert, Card, CardContent, Grid, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { DateField } from '../app/DateField';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState, type ReactNode } from 'react';
import { useCall } from '../api/useCall';
import { formatInt } from '../app/format';
import { addDays, ecuadorDate, formatDateEs } from '../../../shared/domain/dates';
import { ScreenHeader } from '../app/ScreenHeader';

const minutes = (m: number | null) => (m === null ? '—' : m < 60 ? `${m.toFixed(0)} min` : `${(m / 60).toFixed(1)} h`);

export function DashboardScreen() {
  const [range, setRange] = useState(() => {
    const today = ecuadorDate(Date.now());
    return { from: addDays(today, -13), to: today };
  });
  const stats = useCall('dashboard.stats', range);
  const s = stats.data;
  // The same colours as the status chips elsewhere: approved reads as success, rejected as error
  // (the chart's default palette drew Aprobadas red and Rechazadas light blue).
  const { palette } = useTheme();
  return (
    <>
      <ScreenHeader
        title="Tablero de la agencia"
        subtitle="Cifras de la agencia, al día con cada registro de esta estación y con lo recibido de las demás."
        actions={
          <Stack direction="row" spacing={1}>
            <DateField size="small" label="Desde" value={range.from} onChange={(from) => from && setRange({ ...range, from })} />
            <DateField size="small" label="Hasta" value={range.to} onChange={(to) => to && setRange({ ...range, to })} />
          </Stack>
        }
      />
      {stats.error && <Alert severity="error">{stats.error.message}</Alert>}
      {s && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 3 }}>
            <Kpi label="Turno → envío a revisión" value={minutes(s.checkInToSubmission.medianMinutes)} detail={`mediana · p90 ${minutes(s.checkInToSubmission.p90Minutes)} · ${s.checkInToSubmission.n} solicitudes`} />
          </Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            <Kpi label="Turno → aprobación" value={minutes(s.checkInToApproval.medianMinutes)} detail={`mediana · p90 ${minutes(s.checkInToApproval.p90Minutes)} · ${s.checkInToApproval.n} solicitudes`} />
          </Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            <Kpi label="Turnos atendidos / no asistieron" value={`${formatInt(s.appointments.attended)} / ${formatInt(s.appointments.noShow)}`} detail={`${formatInt(s.appointments.pending)} pendientes`} />
          </Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            <Kpi label="Pendientes de envío al IESS" value={formatInt(s.syncBacklog.pending)} detail={`${formatInt(s.syncBacklog.failed)} con error`} />
          </Grid>
          {(['presencial', 'virtual'] as const).map((channel) => {
            const c = s.byChannel[channel];
            return (
              <Grid key={channel} size={{ xs: 12, md: 6 }}>
                <Kpi
                  label={channel === 'presencial' ? 'Presencial (ventanilla)' : 'Ventanilla Virtual'}
                  value={`${formatInt(c.received)} recibidas`}
                  detail={`${formatInt(c.approved)} aprobadas · ${formatInt(c.rejected)} rechazadas en el rango`}
                />
              </Grid>
            );
          })}
          <Grid size={{ xs: 12, lg: 8 }}>
            <Panel title="Solicitudes por día">
              <BarChart
                skipAnimation
                height={260}
                xAxis={[{ scaleType: 'band', data: s.perDay.map((d) => formatDateEs(d.date).slice(0, 5)) }]}
                series={[
                  { data: s.perDay.map((d) => d.receivedPresencial), label: 'Recibidas en ventanilla', stack: 'recibidas', color: palette.primary.main },
                  { data: s.perDay.map((d) => d.receivedVirtual), label: 'Recibidas por Ventanilla Virtual', stack: 'recibidas', color: palette.info.light },
                  { data: s.perDay.map((d) => d.approved), label: 'Aprobadas', color: palette.success.main },
                  { data: s.perDay.map((d) => d.rejected), label: 'Rechazadas', color: palette.error.main },
                ]}
              />
            </Panel>
          </Grid>
          <Grid size={{ xs: 12, lg: 4 }}>
            <Panel title="Por ventanillero">
              <Table size="small" aria-label="Solicitudes por ventanillero">
                <TableHead>
                  <TableRow>
                    <TableCell>Ventanillero</TableCell>
                    <TableCell align="right">Recibidas</TableCell>
                    <TableCell align="right">Enviadas a revisión</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {s.perClerk.map((c) => (
                    <TableRow key={c.clerkId}>
                      <TableCell>{c.name}</TableCell>
                      <TableCell align="right">{formatInt(c.received)}</TableCell>
                      <TableCell align="right">{formatInt(c.submitted)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Panel>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ReasonsPanel title="Motivos de rechazo" rows={s.rejectionReasons} />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ReasonsPanel title="Motivos de devolución" rows={s.returnReasons} />
          </Grid>
        </Grid>
      )}
    </>
  );
}

function Kpi({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography color="textSecondary" variant="body2">
          {label}
        </Typography>
        <Typography variant="h5" sx={{ fontWeight: 700 }}>
          {value}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {detail}
        </Typography>
      </CardContent>
    </Card>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function ReasonsPanel({ title, rows }: { title: string; rows: { code: string; label: string; count: number }[] }) {
  return (
    <Panel title={title}>
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Ninguno en el rango.
        </Typography>
      ) : (
        <BarChart
          skipAnimation
          height={Math.max(120, rows.length * 34 + 40)}
          layout="horizontal"
          yAxis={[{ scaleType: 'band', data: rows.map((r) => r.label), width: 260 }]}
          series={[{ data: rows.map((r) => r.count), label: 'Solicitudes' }]}
          hideLegend
        />
      )}
    </Panel>
  );
}
