// The intake's action bar, stuck to the bottom of the screen: the warnings to confirm, why the
// clerk cannot continue yet, whether the draft is saved, and the actions.
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { formatTimeEs } from '../../../../shared/domain/dates';
import { ShortcutLegend } from '../ShortcutLegend';
import { ackLabel, FIELD_LABELS } from './model';
import { focusField, type Intake } from './useIntake';
import type { SaveStatus } from './useAutosave';

/** The CSS variable IntakeStep keeps its fields' scroll margin by: the bar's current height. */
export const BAR_HEIGHT_VAR = '--intake-action-bar';

/**
 * Publishes the bar's height on its parent (BAR_HEIGHT_VAR) as it changes, so a field focused or
 * scrolled to stops above the bar however tall the warnings make it (IntakeStep's scroll margin).
 */
function usePublishedHeight(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    const publish = () => parent.style.setProperty(BAR_HEIGHT_VAR, `${Math.ceil(el.getBoundingClientRect().height)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}

export function ActionBar({ intake, onAnnul }: { intake: Intake; onAnnul(): void }) {
  const { state, dispatch, warnings, pendingWarnings, visibleErrors, serverOnly } = intake;
  const { banner } = state;
  const ref = useRef<HTMLDivElement>(null);
  usePublishedHeight(ref);
  // One entry per field, in the form's order: the clerk's own error first, else the core's.
  const toCorrect = state.attempted
    ? [
        ...new Map(visibleErrors.map((e) => [e.field, e.issue.message] as const)).entries(),
        ...serverOnly.map((f) => [f, state.serverErrors[f] ?? ''] as const),
      ]
    : [];
  return (
    <Paper
      ref={ref}
      component="section"
      aria-label="Acciones de la solicitud"
      variant="outlined"
      // Stuck to the very bottom of the scrolling area (over its padding), so nothing shows below it.
      sx={{ position: 'sticky', bottom: -24, mb: -3, p: 1.5, pb: 2, zIndex: 2, borderColor: banner ? 'error.main' : 'divider', boxShadow: '0 -2px 6px rgba(0,0,0,.06)' }}
    >
      {pendingWarnings.length > 0 || warnings.length > 0 ? (
        // Scrolls within itself past three warnings: the bar never takes over the form.
        <Stack spacing={0.5} sx={{ mb: 1, maxHeight: 112, overflowY: 'auto' }} aria-label="Advertencias por confirmar">
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
        <Alert severity="error" role="alert" sx={{ mb: 1, py: 0, '& .MuiAlert-message': { width: '100%' } }}>
          {banner}
          {toCorrect.length > 0 && (
            // A compact line of links, not a list that grows over the form: each takes the clerk
            // to its field (the message is under the field, and on hover here).
            <Box component="ul" aria-label="Datos por corregir" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 0.5, rowGap: 0, m: 0, p: 0, listStyle: 'none', maxHeight: 60, overflowY: 'auto' }}>
              {toCorrect.map(([field, message]) => (
                <li key={field}>
                  <Button size="small" color="error" title={message} onClick={() => focusField(field, state.draft)} sx={{ py: 0, px: 0.75, minWidth: 0, textTransform: 'none', textDecoration: 'underline' }}>
                    {FIELD_LABELS[field]}
                  </Button>
                </li>
              ))}
            </Box>
          )}
        </Alert>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
        {/* In the sticky bar so "not saved" is always in sight, wherever the form is scrolled. */}
        <Box sx={{ minWidth: 130 }}>
          <SaveIndicator status={intake.saveStatus} />
        </Box>
        {/* Short words, so that at 1366×768 the bar keeps to one row and leaves the form its room. */}
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <ShortcutLegend items={[['Enter', 'siguiente'], ['Ctrl+Enter', 'continuar'], ['Esc', 'volver'], ['Alt+G', 'guardar'], ['Alt+A', 'anular']]} />
        </Box>
        {intake.canAnnul && (
          <Button color="warning" onClick={onAnnul}>
            Anular…
          </Button>
        )}
        <Button onClick={intake.back}>Volver</Button>
        <Button id="continue-verification" variant="contained" disabled={state.busy} onClick={() => void intake.proceed()} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
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
