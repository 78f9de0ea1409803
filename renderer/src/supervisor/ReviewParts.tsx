// Parts of the review screen: its sections and fields, what is shown of a foreign
// representative, and the confirmation before an approval (which cannot be undone).
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Typography } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { RequestDetail } from '../../../shared/contract/counter';
import { VISA_CATEGORIES, catalogLabel } from '../../../shared/domain/catalogs';
import { formatDateEs, isIsoDate } from '../../../shared/domain/dates';

/** dd/mm/aaaa; other text (an artisan qualification's «Indefinida») as it is; — when empty. */
export function shownDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return isIsoDate(iso) ? formatDateEs(iso) : iso;
}

/** What the supervisor checks of a foreign representative: passport expiry, visa, foreigner code. */
export function ForeignerFields({ intake: i }: { intake: RequestDetail['intake'] }) {
  const passport = i.representativeIdType === 'pasaporte';
  const visa = Boolean(i.visaCategory || i.visaNumber);
  return (
    <>
      {i.representativeIdType === 'codigo_extranjero' && <Field label="Código de extranjero" value={i.representativeIdNumber} mono />}
      {passport && <Field label="Pasaporte" value={`N.º ${i.representativeIdNumber ?? '—'} · caduca: ${shownDate(i.passportExpiryDate)}`} />}
      {visa && (
        <Field
          label="Visa"
          value={`${catalogLabel(VISA_CATEGORIES, i.visaCategory) ?? i.visaCategory ?? '—'} · N.º ${i.visaNumber ?? '—'} · emitida: ${shownDate(i.visaIssueDate)} · caduca: ${i.visaCategory === 'permanente' ? 'no caduca' : shownDate(i.visaExpiryDate)}`}
        />
      )}
    </>
  );
}

/** `number`: one request's number, or how many are approved together («2 solicitudes»). */
export function ApproveDialog({ number, count = 1, onClose, onConfirm }: { number: string; count?: number; onClose(): void; onConfirm(): Promise<string | null> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(await onConfirm());
    setBusy(false);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="approve-title" aria-describedby="approve-text">
      <form onSubmit={submit}>
        <DialogTitle id="approve-title">{count === 1 ? `¿Aprobar la solicitud ${number}?` : `¿Aprobar ${number}?`}</DialogTitle>
        <DialogContent>
          <Typography id="approve-text" variant="body2">
            {count === 1 ? 'La aprobación no se puede deshacer: la solicitud se envía al IESS para emitir la clave.' : 'La aprobación no se puede deshacer: cada solicitud se envía al IESS para emitir la clave.'}
          </Typography>
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancelar (Esc)</Button>
          <Button type="submit" variant="contained" color="success" disabled={busy} autoFocus>
            Aprobar (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

export function Field({ label, value, mono }: { label: string; value: string | null | undefined; mono?: boolean }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '180px 1fr', gap: 1, py: 0.25 }}>
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="body2" sx={mono ? { fontFamily: 'monospace' } : undefined}>
        {value || '—'}
      </Typography>
    </Box>
  );
}
