import { Alert, Box, Button, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { DateField } from '../app/DateField';
import { useRef, useState } from 'react';
import { CarryOverReason, DAY_FIGURE_COLUMNS, type EndOfDayReport } from '../../../shared/contract/supervisor';
import { OUTSIDE_HOURS_LABELS } from '../../../shared/domain/opening-hours';
import { call } from '../api/client';
import { useCall, useInvalidate } from '../api/useCall';
import { formatInt } from '../app/format';
import { ecuadorDate, formatDateEs, formatDateTimeEs } from '../../../shared/domain/dates';
import { downloadFile } from '../app/pdf';
import { ScreenHeader } from '../app/ScreenHeader';
import { deskLabel } from '../../../shared/domain/desks';
import { CloseDayDialog } from './CloseDayDialog';

const COLUMNS = DAY_FIGURE_COLUMNS;

export function EndOfDayScreen() {
  const [date, setDate] = useState(() => ecuadorDate(Date.now()));
  const report = useCall('reports.endOfDay', { date });
  const invalidate = useInvalidate();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonField = useRef<HTMLInputElement>(null);
  const r = report.data;
  const pending = r ? r.pendingLocally.unsentEvents + r.pendingLocally.openRequests : 0;

  async function file(format: 'pdf' | 'csv') {
    const f = await call('reports.endOfDayFile', { date, format });
    if (f.ok) downloadFile(f.value.dataBase64, f.value.mime, f.value.fileName);
    else setMessage({ severity: 'error', text: f.error.message });
  }

  // A missing or short reason is the clerk's to fix in its field, before the irreversible question
  // (the core refuses it too: day.close, CarryOverReason).
  function askToClose() {
    if (pending > 0) {
      const checked = CarryOverReason.safeParse(reason);
      if (!checked.success) {
        setReasonError(checked.error.issues[0]?.message ?? 'Revise el motivo.');
        reasonField.current?.focus();
        return;
      }
    }
    setReasonError(null);
    setConfirming(true);
  }

  async function close() {
    setConfirming(false);
    const res = await call('day.close', { date, ...(reason.trim() ? { carryOverReason: reason } : {}) });
    setMessage(res.ok ? { severity: 'success', text: res.value.carriedOver ? 'Día cerrado con pendientes arrastrados.' : 'Día cerrado.' } : { severity: 'error', text: res.error.message });
    void invalidate('reports.endOfDay');
  }

  return (
    <>
      <ScreenHeader
        title="Cierre del día"
        subtitle={r ? `${r.agency.name} · ${formatDateEs(r.date)}` : undefined}
        actions={<DateField size="small" label="Fecha" value={date} onChange={(iso) => iso && setDate(iso)} />}
      />
      {report.error && <Alert severity="error">{report.error.message}</Alert>}
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} role="status">
          {message.text}
        </Alert>
      )}
      {r && (
        <>
          {/* Focusable: the figures' columns may be wider than the screen (scrolled by keyboard too). */}
          <Paper variant="outlined" sx={{ mb: 2, overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Cifras del día por ventanillero (tabla)">
            <Table size="small" aria-label="Cifras del día por ventanillero">
              <TableHead>
                <TableRow>
                  <TableCell>Ventanillero · {r.desk.label}</TableCell>
                  {COLUMNS.map(([k, label]) => (
                    <TableCell key={k} align="right">
                      {label}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {r.perClerk.map((c) => (
                  <TableRow key={c.clerkId}>
                    <TableCell>{c.name}</TableCell>
                    {COLUMNS.map(([k]) => (
                      <TableCell key={k} align="right">
                        {formatInt(c[k])}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
                <TableRow sx={{ '& td': { fontWeight: 700 } }}>
                  <TableCell>Total de la agencia</TableCell>
                  {COLUMNS.map(([k]) => (
                    <TableCell key={k} align="right">
                      {formatInt(r.total[k])}
                    </TableCell>
                  ))}
                </TableRow>
              </TableBody>
            </Table>
          </Paper>
          <PerDesk report={r} />
          <OutsideHours report={r} />
          <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
            <Button variant="outlined" onClick={() => void file('pdf')}>
              Descargar PDF
            </Button>
            <Button variant="outlined" onClick={() => void file('csv')}>
              Descargar CSV
            </Button>
          </Stack>
          <Paper variant="outlined" sx={{ p: 2, maxWidth: 720 }}>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
              Cerrar el día
            </Typography>
            <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
              Cerrar el día es la conformidad del supervisor con estas cifras: queda registrado con su nombre y la hora, y el PDF lo muestra sobre la línea de firma.
            </Typography>
            {r.closure ? (
              <Alert severity="success">
                Cerrado el {formatDateTimeEs(r.closure.closedAt)} por {r.closure.closedBy}
                {r.closure.carriedOver ? ` — pendientes arrastrados: ${r.closure.reason ?? ''}` : '.'}
              </Alert>
            ) : (
              <Stack spacing={1.5}>
                {pending > 0 ? (
                  <>
                    <Alert severity="warning">
                      Quedan {r.pendingLocally.unsentEvents} eventos sin enviar al IESS y {r.pendingLocally.openRequests} solicitudes abiertas en esta estación. Para cerrar,
                      resuélvalos o explique por qué se arrastran al día siguiente.
                    </Alert>
                    <TextField
                      label="Motivo para arrastrar los pendientes"
                      value={reason}
                      onChange={(e) => {
                        setReason(e.target.value);
                        setReasonError(null);
                      }}
                      inputRef={reasonField}
                      required
                      error={reasonError !== null}
                      helperText={reasonError ?? 'Al menos 10 caracteres; queda registrado con el cierre.'}
                      multiline
                      minRows={2}
                    />
                  </>
                ) : (
                  <Alert severity="info">No queda nada pendiente en la estación.</Alert>
                )}
                <Button variant="contained" onClick={askToClose} sx={{ alignSelf: 'flex-start' }}>
                  Cerrar el día
                </Button>
                {confirming && (
                  <CloseDayDialog date={date} pending={pending > 0 ? r.pendingLocally : null} onClose={() => setConfirming(false)} onConfirm={() => void close()} />
                )}
              </Stack>
            )}
          </Paper>
        </>
      )}
    </>
  );
}

/** The agency-wide view: each desk's requests as this desk knows them after its last sync. */
function PerDesk({ report }: { report: EndOfDayReport }) {
  if (report.perDesk.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ mb: 2, overflowX: 'auto' }} component="section" aria-labelledby="per-desk-title" tabIndex={0}>
      <Typography id="per-desk-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, px: 2, pt: 1.5 }}>
        Por ventanilla
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ px: 2 }}>
        Solicitudes de cada estación de la agencia, según la última sincronización con el IESS; las decisiones cuentan donde se hayan tomado.
      </Typography>
      <Table size="small" aria-label="Cifras del día por ventanilla">
        <TableHead>
          <TableRow>
            <TableCell>Ventanilla</TableCell>
            {COLUMNS.map(([k, label]) => (
              <TableCell key={k} align="right">
                {label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {report.perDesk.map((d) => (
            <TableRow key={d.station ?? 'none'}>
              <TableCell>{d.own ? `${d.label} (esta)` : d.label}</TableCell>
              {COLUMNS.map(([k]) => (
                <TableCell key={k} align="right">
                  {formatInt(d[k])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** Counter attentions of the day outside the agency's hours (agencia.json openingHours). */
function OutsideHours({ report }: { report: EndOfDayReport }) {
  const o = report.outsideHours;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="outside-hours-title">
      <Typography id="outside-hours-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
        Atenciones fuera del horario: {formatInt(o.count)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Horario de la agencia: {o.hours}.
      </Typography>
      {o.count > 0 && (
        <Box component="ul" aria-label="Atenciones fuera del horario" sx={{ m: 0, mt: 1, pl: 3 }}>
          {o.items.map((item) => (
            <Typography component="li" variant="body2" key={item.number}>
              {item.number} · {formatDateTimeEs(item.at)} · {item.station ? `${deskLabel(item.station)} · ` : ''}{item.clerkName ?? '—'} · {OUTSIDE_HOURS_LABELS[item.reason]}
            </Typography>
          ))}
          {o.count > o.items.length && (
            <Typography component="li" variant="body2" color="textSecondary">
              … y {formatInt(o.count - o.items.length)} más.
            </Typography>
          )}
        </Box>
      )}
    </Paper>
  );
}
