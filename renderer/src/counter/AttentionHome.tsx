// Atención (issue #5, step 1): the day's turnos, the check-in box the clerk types or scans the
// confirmation code into, walk-ins with a supervisor's authorization, and the clerk's own open
// requests to pick up again.
import { shortRequestNumber } from '../../../shared/domain/request-number';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import PersonAddAlt1Icon from '@mui/icons-material/PersonAddAlt1';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { STATE_LABELS } from '../../../shared/domain';
import { call } from '../api/client';
import { useCall } from '../api/useCall';
import { formatDateTime, formatIsoDate } from '../app/format';
import { APPOINTMENT_STATUS_LABELS } from '../app/labels';
import { focusSoon, useHotkeys } from './keyboard';
import { looksLikeFormQr, PaperCheckButton } from '../forms/PaperCheck';
import { ShortcutLegend } from './ShortcutLegend';
import { WalkInDialog } from './WalkInDialog';

type Appointment = CallOutput<'appointments.today'>['items'][number];

export const CHECK_IN_ID = 'checkin-query';

/** Opens a request; `warning` is the agency's guardrail (too many waiting for review), shown there. */
export type OpenRequest = (requestId: string, notice?: string, warning?: string | null) => void;

export function AttentionHome({ onOpen, notice }: { onOpen: OpenRequest; notice?: string | null }) {
  const queryClient = useQueryClient();
  // Coming back from a request, both lists have changed (check-in, draft saved, annulled...).
  const today = useCall('appointments.today', {}, { refetchOnMount: 'always' });
  const mine = useCall('requests.myOpen', {}, { refetchOnMount: 'always' });
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(notice ?? null);
  const [busy, setBusy] = useState(false);
  const [scannedQr, setScannedQr] = useState<string | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const [noShow, setNoShow] = useState<Appointment | null>(null);
  const firstMine = useRef<HTMLButtonElement>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['appointments.today'] });
    void queryClient.invalidateQueries({ queryKey: ['requests.myOpen'] });
  };

  // Arrival: the clerk scans or types the confirmation code straight away.
  useEffect(() => {
    focusSoon(CHECK_IN_ID, true);
  }, []);

  const checkIn = async (value: string) => {
    if (busy) return;
    if (!value.trim()) {
      setError('Ingrese el código de confirmación del turno o la cédula del solicitante.');
      return focusSoon(CHECK_IN_ID);
    }
    // The QR of a printed form scanned here by mistake: it is checked as a paper, not a turno.
    if (looksLikeFormQr(value)) {
      setError(null);
      setScannedQr(value.trim());
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('appointments.checkIn', { query: value.trim() });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return focusSoon(CHECK_IN_ID, true);
    }
    refresh();
    onOpen(r.value.requestId, r.value.alreadyCheckedIn ? 'Este turno ya había sido registrado: se abrió su solicitud.' : undefined, r.value.warning);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void checkIn(query);
  };

  const markNoShow = async (a: Appointment) => {
    const r = await call('appointments.markNoShow', { appointmentId: a.id });
    setNoShow(null);
    if (!r.ok) setError(r.error.message);
    else setInfo(`Turno de las ${a.time} (${a.names}) marcado como «No asistió».`);
    refresh();
    focusSoon(CHECK_IN_ID);
  };

  useHotkeys({
    alt: {
      KeyT: () => focusSoon(CHECK_IN_ID, true),
      KeyS: () => setWalkIn(true),
      KeyM: () => firstMine.current?.focus(),
    },
  });

  const items = today.data?.items ?? [];
  const pending = items.filter((a) => a.status === 'pendiente').length;
  const open = mine.data?.items ?? [];

  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: 2, mb: 1.5 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
            Atención
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Clave patronal portal IESS{today.data ? ` · ${formatIsoDate(today.data.date)} · ${items.length} turnos, ${pending} por atender` : ''}
          </Typography>
        </Box>
        <ShortcutLegend items={[['Enter', 'registrar llegada'], ['Alt+T', 'código'], ['Alt+S', 'sin turno'], ['Alt+M', 'mis solicitudes'], ['Alt+Q', 'verificar papel']]} />
      </Box>

      <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: 1.5, mb: 1.5, display: 'flex', gap: 1.5, alignItems: 'flex-start' }}>
        <TextField
          id={CHECK_IN_ID}
          label="Código de confirmación o cédula"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setError(null);
          }}
          error={!!error}
          helperText={error ?? 'Escanee o digite el código de la «Confirmación del Turno en Línea» (o la cédula) y presione Enter.'}
          sx={{ flex: 1 }}
          autoComplete="off"
          slotProps={{ htmlInput: { maxLength: 500, spellCheck: false, style: { fontSize: 20, fontFamily: 'monospace', letterSpacing: 1, paddingTop: 12, paddingBottom: 12 } } }}
        />
        <Button type="submit" variant="contained" startIcon={<HowToRegIcon />} disabled={busy} sx={{ mt: 0.5, height: 48, whiteSpace: 'nowrap', flexShrink: 0 }}>
          Registrar llegada
        </Button>
        <Button variant="outlined" startIcon={<PersonAddAlt1Icon />} onClick={() => setWalkIn(true)} sx={{ mt: 0.5, height: 48, whiteSpace: 'nowrap', flexShrink: 0 }}>
          Atención sin turno
        </Button>
        <PaperCheckButton scanned={scannedQr} onScannedTaken={() => {
          setScannedQr(null);
          focusSoon(CHECK_IN_ID, true);
        }} />
      </Paper>
      {info && (
        <Alert severity="success" role="status" onClose={() => setInfo(null)} sx={{ mb: 1.5, py: 0 }}>
          {info}
        </Alert>
      )}

      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1.75fr) minmax(0, 1fr)', gap: 1.5, alignItems: 'start' }}>
        <Box>
          <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, mb: 0.5 }}>
            Turnos del día
          </Typography>
          {today.error && <Alert severity="error">{today.error.message}</Alert>}
          {today.data && items.length === 0 && <Alert severity="info">No hay turnos agendados para hoy en esta agencia.</Alert>}
          {items.length > 0 && (
            <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 360px)', minHeight: 240 }}>
              {/* Fixed layout: the names give way (ellipsis, full text on hover), never the actions. */}
              <Table size="small" stickyHeader aria-label="Turnos del día" sx={{ tableLayout: 'fixed' }}>
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ px: 1, width: 52 }}>Hora</TableCell>
                    <TableCell sx={{ px: 1, width: 84 }}>Código</TableCell>
                    <TableCell sx={{ px: 1, width: 104 }}>Cédula</TableCell>
                    <TableCell sx={{ px: 1 }}>Solicitante</TableCell>
                    <TableCell sx={{ px: 1, width: 104 }}>Estado</TableCell>
                    <TableCell sx={{ px: 1, width: 172 }} align="right">
                      Acciones
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((a) => (
                    <TableRow key={a.id} hover sx={{ opacity: a.status === 'pendiente' ? 1 : 0.6 }}>
                      <TableCell sx={{ px: 1 }}>{a.time}</TableCell>
                      <TableCell sx={{ px: 1, fontFamily: 'monospace' }}>{a.confirmationCode}</TableCell>
                      <TableCell sx={{ px: 1, fontFamily: 'monospace' }}>{a.cedula}</TableCell>
                      <TableCell sx={{ px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={a.names}>
                        {a.names}
                      </TableCell>
                      <TableCell sx={{ px: 1 }}>
                        <Chip size="small" sx={{ maxWidth: '100%' }} title={APPOINTMENT_STATUS_LABELS[a.status]} label={APPOINTMENT_STATUS_LABELS[a.status]} color={a.status === 'atendido' ? 'success' : a.status === 'no_asistio' ? 'warning' : 'default'} variant="outlined" />
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap', py: 0, px: 0.5 }}>
                        {a.status === 'pendiente' && (
                          <>
                            <Button size="small" sx={{ minWidth: 0 }} onClick={() => void checkIn(a.confirmationCode)} aria-label={`Atender turno de las ${a.time}`}>
                              Atender
                            </Button>
                            <Button size="small" color="warning" sx={{ minWidth: 0 }} onClick={() => setNoShow(a)} aria-label={`No asistió: turno de las ${a.time}`}>
                              No asistió
                            </Button>
                          </>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Box>
        <Box>
          <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, mb: 0.5 }}>
            Mis solicitudes abiertas
          </Typography>
          {mine.error && <Alert severity="error">{mine.error.message}</Alert>}
          {mine.data && open.length === 0 && (
            <Alert severity="info" sx={{ py: 0 }}>
              No tiene solicitudes abiertas.
            </Alert>
          )}
          {open.length > 0 && (
            <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 360px)', minHeight: 120 }}>
              <Table size="small" stickyHeader aria-label="Mis solicitudes abiertas" sx={{ tableLayout: 'fixed' }}>
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ px: 1, width: 104 }}>Solicitud</TableCell>
                    <TableCell sx={{ px: 1 }}>Empleador</TableCell>
                    <TableCell sx={{ px: 1, width: 144 }}>Estado</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {open.map((r, i) => (
                    <TableRow key={r.id} hover>
                      <TableCell sx={{ py: 0.25, px: 1 }} title={r.number}>
                        <Button ref={i === 0 ? firstMine : undefined} size="small" onClick={() => onOpen(r.id)} sx={{ fontFamily: 'monospace', fontSize: 13, p: 0.25, minWidth: 0, textTransform: 'none', whiteSpace: 'nowrap' }} aria-label={`Abrir ${r.number}`}>
                          {shortRequestNumber(r.number)}
                        </Button>
                      </TableCell>
                      <TableCell sx={{ px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.employerLegalName}>
                        {r.employerLegalName || <Typography component="span" variant="body2" color="text.secondary">(sin razón social)</Typography>}
                        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                          {formatDateTime(r.updatedAt)}
                        </Typography>
                      </TableCell>
                      <TableCell sx={{ px: 1 }}>
                        <Chip size="small" variant="outlined" label={STATE_LABELS[r.state]} title={STATE_LABELS[r.state]} sx={{ maxWidth: '100%' }} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Box>
      </Box>

      {walkIn && (
        <WalkInDialog
          onClose={() => {
            setWalkIn(false);
            focusSoon(CHECK_IN_ID);
          }}
          onCreated={(id, warning) => {
            setWalkIn(false);
            refresh();
            onOpen(id, undefined, warning);
          }}
        />
      )}
      {noShow && (
        <Dialog open onClose={() => setNoShow(null)} aria-labelledby="noshow-title">
          <DialogTitle id="noshow-title">¿Marcar «No asistió»?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              Turno de las {noShow.time}, {noShow.names} (cédula {noShow.cedula}). Después, esa persona solo podrá ser atendida sin turno, con autorización de un supervisor.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setNoShow(null)}>Cancelar (Esc)</Button>
            <Button variant="contained" color="warning" autoFocus onClick={() => void markNoShow(noShow)}>
              Marcar «No asistió»
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
