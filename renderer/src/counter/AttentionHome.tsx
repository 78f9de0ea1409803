// Atención (step 1 of the counter): the day's turnos, the check-in box the clerk types or scans the
// confirmation code into, walk-ins with a supervisor's authorization, and the clerk's own open
// requests to pick up again.
import { shortRequestNumber } from '../../../shared/domain/request-number';
import { REQUEST_TYPE_LABELS, REQUEST_TYPE_REGISTRY } from '../../../shared/domain/request-types';
import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
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
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { STATE_LABELS } from '../../../shared/domain';
import { call } from '../api/client';
import { listOf, useCall, useInvalidate, useList, type RowList } from '../api/useCall';
import { formatDateEs, formatDateTimeEs } from '../../../shared/domain/dates';
import { APPOINTMENT_STATUS_LABELS } from '../app/labels';
import { PagedTable, type Column, type PagedTableProps } from '../app/PagedTable';
import { focusSoon, useHotkeys } from './keyboard';
import { FormsDialog } from '../forms/FormsDialog';
import { looksLikeFormQr, PaperCheckButton } from '../forms/PaperCheck';
import { GuidanceDialog, type PrintedGuidance } from './GuidanceDialog';
import { ShortcutLegend } from './ShortcutLegend';
import { WalkInDialog } from './WalkInDialog';
import { OutsideHoursNotice } from './OutsideHoursNotice';

type Appointment = CallOutput<'appointments.today'>['items'][number];
type MyRequest = CallOutput<'requests.myOpen'>['items'][number];

export const CHECK_IN_ID = 'checkin-query';
const OPEN_ATTENDED_ID = 'checkin-open-attended';
/** CAU-UIO-2026-000201 as the lists show it: 2026-000201. */

/** Opens a request; `warning` is the agency's guardrail (too many waiting for review), shown there. */
export type OpenRequest = (requestId: string, notice?: string, warning?: string | null) => void;

export function AttentionHome({ onOpen, notice }: { onOpen: OpenRequest; notice?: string | null }) {
  const invalidate = useInvalidate();
  // Coming back from a request, both lists have changed (check-in, draft saved, annulled...).
  const turnos = useCall('appointments.today', {}, { refetchOnMount: 'always' });
  const today = listOf(turnos);
  const mine = useList('requests.myOpen', {}, { refetchOnMount: 'always' });
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(notice ?? null);
  const [busy, setBusy] = useState(false);
  const [scannedQr, setScannedQr] = useState<string | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const [noShow, setNoShow] = useState<Appointment | null>(null);
  const [guidance, setGuidance] = useState(false);
  const [guidancePrinted, setGuidancePrinted] = useState<PrintedGuidance | null>(null);
  /** A turno checked in again: its request is offered, never opened behind the clerk's back. */
  const [attended, setAttended] = useState<{ requestId: string; number: string; state: keyof typeof STATE_LABELS; warning: string | null } | null>(null);
  const firstMine = useRef<HTMLButtonElement>(null);

  const refresh = () => {
    void invalidate('appointments.today', 'requests.myOpen');
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
    setAttended(null);
    const r = await call('appointments.checkIn', { query: value.trim() });
    if (!r.ok) {
      setBusy(false);
      setError(r.error.message);
      return focusSoon(CHECK_IN_ID, true);
    }
    if (r.value.existing) {
      setBusy(false);
      refresh();
      setAttended({ requestId: r.value.requestId, ...r.value.existing, warning: r.value.warning });
      return focusSoon(OPEN_ATTENDED_ID);
    }
    // The day's turnos are read again before leaving: screens show their cached data at once on
    // return, and that must not be a list where this turno still waits.
    // Still busy meanwhile: a second Enter would check the same turno in again.
    await invalidate('appointments.today', 'requests.myOpen');
    setBusy(false);
    onOpen(r.value.requestId, undefined, r.value.warning);
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
      KeyO: () => setGuidance(true),
    },
  });

  const items = today.rows;
  const pending = items.filter((a) => a.status === 'pendiente').length;

  const compact = { px: 1 } as const;
  const cut = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  const turnoColumns: Column<Appointment>[] = [
    { header: 'Hora', sx: { ...compact, width: 52 }, cell: (a) => a.time },
    { header: 'Código', sx: { ...compact, width: 84 }, cellSx: { fontFamily: 'monospace' }, cell: (a) => a.confirmationCode },
    { header: 'Cédula', sx: { ...compact, width: 104 }, cellSx: { fontFamily: 'monospace' }, cell: (a) => a.cedula },
    { header: 'Solicitante', sx: compact, cellSx: cut, title: (a) => a.names, cell: (a) => a.names },
    { header: 'Trámite', sx: { ...compact, width: 128 }, cellSx: cut, title: (a) => REQUEST_TYPE_REGISTRY[a.requestType].label, cell: (a) => REQUEST_TYPE_LABELS[a.requestType] },
    {
      header: 'Estado',
      sx: { ...compact, width: 104 },
      cell: (a) => (
        <Chip size="small" sx={{ maxWidth: '100%' }} title={APPOINTMENT_STATUS_LABELS[a.status]} label={APPOINTMENT_STATUS_LABELS[a.status]} color={a.status === 'atendido' ? 'success' : a.status === 'no_asistio' ? 'warning' : 'default'} variant="outlined" />
      ),
    },
    {
      header: 'Acciones',
      align: 'right',
      sx: { ...compact, width: 172 },
      cellSx: { whiteSpace: 'nowrap', py: 0, px: 0.5 },
      cell: (a) =>
        a.status === 'pendiente' && (
          <>
            <Button size="small" sx={{ minWidth: 0 }} onClick={() => void checkIn(a.confirmationCode)} aria-label={`Atender turno de las ${a.time}`}>
              Atender
            </Button>
            <Button size="small" color="warning" sx={{ minWidth: 0 }} onClick={() => setNoShow(a)} aria-label={`No asistió: turno de las ${a.time}`}>
              No asistió
            </Button>
          </>
        ),
    },
  ];
  const mineColumns: Column<MyRequest>[] = [
    {
      header: 'Solicitud',
      sx: { ...compact, width: 104 },
      cellSx: { py: 0.25 },
      title: (r) => r.number,
      cell: (r, i) => (
        <Button ref={i === 0 ? firstMine : undefined} size="small" onClick={() => onOpen(r.id)} sx={{ fontFamily: 'monospace', fontSize: 13, p: 0.25, minWidth: 0, textTransform: 'none', whiteSpace: 'nowrap' }} aria-label={`Abrir ${r.number}`}>
          {shortRequestNumber(r.number)}
        </Button>
      ),
    },
    {
      header: 'Empleador',
      sx: compact,
      cellSx: cut,
      title: (r) => r.employerLegalName,
      cell: (r) => (
        <>
          {r.employerLegalName || <Typography component="span" variant="body2" color="textSecondary">(sin razón social)</Typography>}
          <Typography variant="caption" color="textSecondary" sx={{ display: 'block' }}>
            {formatDateTimeEs(r.updatedAt)}
          </Typography>
        </>
      ),
    },
    { header: 'Estado', sx: { ...compact, width: 144 }, cell: (r) => <Chip size="small" variant="outlined" label={STATE_LABELS[r.state]} title={STATE_LABELS[r.state]} sx={{ maxWidth: '100%' }} /> },
  ];

  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: 2, mb: 1.5 }}>
        <Box sx={{ flex: 1, minWidth: 300 }}>
          <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
            Atención
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Agenda de turnos en línea{turnos.data ? ` · ${formatDateEs(turnos.data.date)} · ${items.length} turnos, ${pending} por atender` : ''}
          </Typography>
        </Box>
        {/* The guidance sheet is a side service (affiliates asking about their own password): above
            the legend, so the check-in box keeps its width. */}
        <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 0.75, minWidth: 0 }}>
          <Button
            size="small"
            variant="outlined"
            startIcon={<DescriptionOutlinedIcon />}
            onClick={() => setGuidance(true)}
            aria-keyshortcuts="Alt+O"
            title="Alt+O: pasos impresos para generar, recuperar, desbloquear o cambiar la clave de afiliado"
            sx={{ whiteSpace: 'nowrap' }}
          >
            Hoja de orientación
          </Button>
          <ShortcutLegend items={[['Enter', 'registrar llegada'], ['Alt+T', 'código'], ['Alt+S', 'sin turno'], ['Alt+M', 'mis solicitudes'], ['Alt+O', 'hoja de orientación'], ['Alt+Q', 'verificar papel']]} />
        </Box>
      </Box>
      <OutsideHoursNotice />

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
      {attended && (
        <Alert
          severity="info"
          role="alert"
          sx={{ mb: 1.5, py: 0, alignItems: 'center' }}
          action={
            <>
              <Button id={OPEN_ATTENDED_ID} size="small" variant="contained" onClick={() => onOpen(attended.requestId, undefined, attended.warning)}>
                Abrir la solicitud
              </Button>
              <Button size="small" sx={{ ml: 1 }} onClick={() => { setAttended(null); focusSoon(CHECK_IN_ID, true); }}>
                Cerrar
              </Button>
            </>
          }
        >
          Este turno ya fue atendido: su solicitud es la {shortRequestNumber(attended.number)} ({STATE_LABELS[attended.state]}). No se registró otra llegada.
        </Alert>
      )}
      {info && (
        <Alert severity="success" role="status" onClose={() => setInfo(null)} sx={{ mb: 1.5, py: 0 }}>
          {info}
        </Alert>
      )}

      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1.75fr) minmax(0, 1fr)', gap: 1.5, alignItems: 'start' }}>
        <ListPanel
          title="Turnos del día"
          list={today}
          columns={turnoColumns}
          rowKey={(a) => a.id}
          rowStyle={(a) => ({ opacity: a.status === 'pendiente' ? 1 : 0.6 })}
          minHeight={240}
          empty={<Alert severity="info">No hay turnos agendados para hoy en esta agencia.</Alert>}
        />
        <ListPanel
          title="Mis solicitudes abiertas"
          list={mine}
          columns={mineColumns}
          rowKey={(r) => r.id}
          minHeight={120}
          empty={
            <Alert severity="info" sx={{ py: 0 }}>
              No tiene solicitudes abiertas.
            </Alert>
          }
        />
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
      {guidance && (
        <GuidanceDialog
          onClose={() => {
            setGuidance(false);
            focusSoon(CHECK_IN_ID);
          }}
          onPrinted={(printed) => {
            setGuidance(false);
            setGuidancePrinted(printed);
          }}
        />
      )}
      {guidancePrinted && (
        <FormsDialog
          heading="Hoja de orientación impresa"
          number={guidancePrinted.number}
          forms={[guidancePrinted.form]}
          reprint={guidancePrinted.reprint}
          send={(_paper, printer) => call('forms.sendGuidanceToPrinter', { id: guidancePrinted.id, printer })}
          onClose={() => {
            setInfo(`Hoja de orientación ${guidancePrinted.number} registrada.`);
            setGuidancePrinted(null);
            focusSoon(CHECK_IN_ID);
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

/** One of Atención's two columns: its heading, then the list, or why there is none. */
function ListPanel<R>({ title, list, empty, minHeight, ...table }: { title: string; list: RowList<R>; empty: ReactNode; minHeight: number } & Pick<PagedTableProps<R>, 'columns' | 'rowKey' | 'rowStyle'>) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, mb: 0.5 }}>
        {title}
      </Typography>
      {list.error && list.rows.length === 0 && <Alert severity="error">{list.error.message}</Alert>}
      {list.loaded && list.rows.length === 0 && empty}
      {list.rows.length > 0 && (
        // Fixed layout: the names give way (ellipsis, full text on hover), never the actions.
        <PagedTable label={title} list={list} {...table} stickyHeader containerSx={{ maxHeight: 'calc(100vh - 360px)', minHeight }} tableSx={{ tableLayout: 'fixed' }} />
      )}
    </Box>
  );
}
