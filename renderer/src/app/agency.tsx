// The agency-wide view on screen (shared/domain/desks.ts): the desk a request came from, who is
// working it elsewhere, and the confirmation asked before working a request someone else has open.
import PersonPinIcon from '@mui/icons-material/PersonPin';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { WorkMarker } from '../../../shared/contract/agency';
import { deskLabel, WORK_MARKER_RENEW_MS, workingLabel, type WorkActivity } from '../../../shared/domain/desks';
import { call } from '../api/client';

/** «Ventanilla 03»: the desk that recorded the request. */
export function DeskCell({ station, channel }: { station: string | null; channel: string }) {
  return <>{deskLabel(station, channel)}</>;
}

/**
 * «En atención en Ventanilla 03 — Ana Pérez, desde 10:42», a line under the row's state: as a
 * line and not a chip, it wraps in a narrow column instead of pushing the table past the screen.
 */
export function WorkingChip({ working }: { working: WorkMarker | null }) {
  if (!working) return null;
  return (
    <Box component="span" sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5, mt: 0.5, color: 'warning.dark', maxWidth: 240, whiteSpace: 'normal' }}>
      <PersonPinIcon fontSize="small" aria-hidden />
      <Typography component="span" variant="caption" sx={{ fontWeight: 700, lineHeight: 1.4, fontFamily: 'Roboto, sans-serif' }}>
        {workingLabel(working)}
      </Typography>
    </Box>
  );
}

export type WorkGateState = { phase: 'checking' } | { phase: 'asking'; others: WorkMarker[] } | { phase: 'working'; others: WorkMarker[] } | { phase: 'reading' };

/**
 * Marks the request as being worked by the person while the screen is open: the marker is renewed
 * every WORK_MARKER_RENEW_MS and released when the screen closes (the core also releases it with a
 * decision). When someone else works it, nothing is recorded until the person confirms: the
 * dialog shows who, where and since when, with «Volver» first.
 */
export function useWorkGate(id: string, activity: WorkActivity, enabled: boolean): { state: WorkGateState; confirm(): void } {
  // The answer for the request it was asked about (a screen may switch to another request).
  const [answer, setAnswer] = useState<{ id: string; state: WorkGateState } | null>(null);
  const setState = (state: WorkGateState) => setAnswer({ id, state });
  const started = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    started.current = false;
    void call('requests.workStart', { id, activity }).then((r) => {
      if (!live) return;
      if (!r.ok) return setAnswer({ id, state: { phase: 'reading' } });
      started.current = r.value.started;
      setAnswer({ id, state: r.value.started ? { phase: 'working', others: r.value.others } : { phase: 'asking', others: r.value.others } });
    });
    // Renewals are not audited (only the start and the end are); a marker that lapsed meanwhile
    // (the computer slept) is started again, which is.
    const renew = setInterval(() => {
      if (!started.current) return;
      void call('requests.workRenew', { id }).then((r) => {
        if (live && started.current && r.ok && !r.value.renewed) void call('requests.workStart', { id, activity, confirmed: true });
      });
    }, WORK_MARKER_RENEW_MS);
    return () => {
      live = false;
      clearInterval(renew);
      if (started.current) void call('requests.workEnd', { id });
      started.current = false;
    };
  }, [id, activity, enabled]);
  const confirm = () => {
    void call('requests.workStart', { id, activity, confirmed: true }).then((r) => {
      if (!r.ok) return;
      started.current = r.value.started;
      setState({ phase: 'working', others: r.value.others });
    });
  };
  const state: WorkGateState = !enabled ? { phase: 'reading' } : answer?.id === id ? answer.state : { phase: 'checking' };
  return { state, confirm };
}

/** The confirmation before working a request someone else has open, and the notice while working it. */
export function WorkGateNotice({ gate, number, onLeave }: { gate: { state: WorkGateState; confirm(): void }; number: string; onLeave(): void }) {
  const { state } = gate;
  if (state.phase === 'asking') {
    return (
      <Dialog open onClose={onLeave} fullWidth maxWidth="sm" aria-labelledby="work-gate-title" aria-describedby="work-gate-text">
        <DialogTitle id="work-gate-title">La solicitud {number} ya está en atención</DialogTitle>
        <DialogContent>
          {state.others.map((o) => (
            <Typography key={`${o.station ?? o.deskName}-${o.userName}`} id="work-gate-text" variant="body1" sx={{ fontWeight: 700, mb: 1 }}>
              {workingLabel(o)}
            </Typography>
          ))}
          <Typography variant="body2">
            Si la abre para trabajar en ella, dos personas podrían atender la misma solicitud a la vez. Es un aviso: si la otra estación estuvo sin conexión, puede no estar al día.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={onLeave} autoFocus>
            Volver (Esc)
          </Button>
          <Button variant="contained" color="warning" onClick={gate.confirm}>
            Abrir de todos modos
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  if (state.phase === 'working' && state.others.length > 0) {
    return (
      <Alert severity="warning" role="status" sx={{ mb: 1.5 }}>
        {state.others.map((o) => workingLabel(o)).join(' · ')}. Usted también la tiene abierta.
      </Alert>
    );
  }
  return null;
}
