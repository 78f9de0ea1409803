import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import type { FormEvent } from 'react';
import { formatDateEs } from '../../../shared/domain/dates';

/**
 * Closing the day cannot be undone (electron/core/supervisor/reports.ts day.close refuses a second
 * closure), so, like Aprobar, it asks first: Enter confirms, Esc cancels.
 */
export function CloseDayDialog({ date, pending, onClose, onConfirm }: { date: string; pending: { unsentEvents: number; openRequests: number } | null; onClose(): void; onConfirm(): void }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm();
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="close-day-title" aria-describedby="close-day-text">
      <form onSubmit={submit}>
        <DialogTitle id="close-day-title">¿Cerrar el día {formatDateEs(date)}?</DialogTitle>
        <DialogContent id="close-day-text">
          <Typography variant="body2" sx={{ mb: 1 }}>
            Cerrar el día deja constancia de su conformidad con las cifras mostradas: queda registrado con su nombre y la hora, y el PDF del cierre lo muestra sobre la línea de firma.
          </Typography>
          {pending && (
            <Typography variant="body2" sx={{ mb: 1 }}>
              Los pendientes ({pending.unsentEvents} eventos sin enviar al IESS y {pending.openRequests} solicitudes abiertas) se arrastran al día siguiente con el motivo que escribió.
            </Typography>
          )}
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            El cierre no se puede deshacer.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancelar (Esc)</Button>
          <Button type="submit" variant="contained" autoFocus>
            Cerrar el día (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
