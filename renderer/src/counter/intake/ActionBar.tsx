// The intake's action bar, stuck to the bottom of the screen: the warnings to confirm, why the
// clerk cannot continue yet, whether the draft is saved, and the actions.
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import { formatTimeEs } from '../../../../shared/domain/dates';
import { ShortcutLegend } from '../ShortcutLegend';
import { ackLabel, FIELD_LABELS } from './model';
import type { Intake } from './useIntake';
import type { SaveStatus } from './useAutosave';

export function ActionBar({ intake, onAnnul }: { intake: Intake; onAnnul(): void }) {
  const { state, dispatch, warnings, pendingWarnings, visibleErrors, serverOnly } = intake;
  const { banner } = state;
  return (
    <Paper
      variant="outlined"
      // Stuck to the very bottom of the scrolling area (over its padding), so nothing shows below it.
      sx={{ position: 'sticky', bottom: -24, mb: -3, p: 1.5, pb: 2, zIndex: 2, borderColor: banner ? 'error.main' : 'divider', boxShadow: '0 -2px 6px rgba(0,0,0,.06)' }}
    >
      {pendingWarnings.length > 0 || warnings.length > 0 ? (
        <Stack spacing={0.5} sx={{ mb: 1 }} aria-label="Advertencias por confirmar">
          {warnings.map((w) => (
            <Alert key={w.code} severity="warning" sx={{ py: 0 }}>
              <FormControlLabel
                control={<Checkbox id={`ack-${w.code}`} size="small" checked={state.acked.has(w.code)} onChange={(e) => dispatch({ type: 'acked', code: w.code, checked: e.target.checked })} />}
                label={<Typography variant="body2">{ackLabel(w.code, w.field)}</Typography>}
              />
            </Alert>
          ))}
        </Stack>
      ) : null}
      {banner && (
        <Alert severity="error" role="alert" sx={{ mb: 1, py: 0 }}>
          {banner}
          {state.attempted && (visibleErrors.length > 0 || serverOnly.length > 0) && (
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {visibleErrors.slice(0, 4).map((e, i) => (
                <li key={`${e.field}-${i}`}>
                  <Typography variant="caption">
                    {FIELD_LABELS[e.field]}: {e.issue.message}
                  </Typography>
                </li>
              ))}
              {visibleErrors.length > 4 && (
                <li>
                  <Typography variant="caption">… y {visibleErrors.length - 4} más.</Typography>
                </li>
              )}
            </Box>
          )}
        </Alert>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
        {/* In the sticky bar so "not saved" is always in sight, wherever the form is scrolled. */}
        <Box sx={{ minWidth: 150 }}>
          <SaveIndicator status={intake.saveStatus} />
        </Box>
        <ShortcutLegend items={[['Enter', 'siguiente campo'], ['Ctrl+Enter', 'continuar'], ['Esc', 'volver a Atención'], ['Alt+G', 'guardar ahora'], ['Alt+A', 'anular']]} />
        <Box sx={{ flex: 1 }} />
        {intake.canAnnul && (
          <Button color="warning" onClick={onAnnul}>
            Anular…
          </Button>
        )}
        <Button onClick={intake.back}>Volver</Button>
        <Button id="continue-verification" variant="contained" disabled={state.busy} onClick={() => void intake.proceed()}>
          Continuar a verificación
        </Button>
      </Box>
    </Paper>
  );
}

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const text =
    status.kind === 'saved'
      ? `Guardado ${formatTimeEs(status.at, { seconds: true })}`
      : status.kind === 'saving'
        ? 'Guardando…'
        : status.kind === 'pending'
          ? 'Cambios por guardar…'
          : status.kind === 'offline'
            ? 'Sin conexión: no se pudo guardar — reintentando'
            : status.kind === 'error'
              ? `No se pudo guardar: ${status.message}`
              : 'Borrador guardado automáticamente';
  const color = status.kind === 'offline' || status.kind === 'error' ? 'error.main' : status.kind === 'saved' ? 'success.dark' : 'text.secondary';
  return (
    <Typography role="status" aria-label="Estado del borrador" variant="body2" sx={{ color, fontWeight: status.kind === 'offline' ? 700 : 400 }}>
      {text}
    </Typography>
  );
}
