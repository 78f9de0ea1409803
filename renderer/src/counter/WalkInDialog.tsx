import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { fieldErrors, firstWithError } from '../api/fieldErrors';
import { PasswordField } from '../accounts/PasswordField';
import { AVAILABLE_REQUEST_TYPES, type RequestType } from '../../../shared/domain/request-types';

type Field = 'reason' | 'supervisorUsername' | 'supervisorPassword';
const ORDER: Field[] = ['reason', 'supervisorUsername', 'supervisorPassword'];

/** Check the form here (same wording as the contract) so the clerk is not sent back and forth. */
function localErrors(f: Record<Field, string>): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  if (f.reason.trim().length < 10) e.reason = 'Detalle el motivo de la atención sin turno (al menos 10 caracteres).';
  if (!f.supervisorUsername.trim()) e.supervisorUsername = 'Ingrese el usuario del supervisor que autoriza.';
  if (!f.supervisorPassword) e.supervisorPassword = 'Ingrese la contraseña del supervisor.';
  return e;
}

/** Attention without a turno: only with a supervisor's user and password, and a reason. */
export function WalkInDialog({ onClose, onCreated }: { onClose(): void; onCreated(requestId: string, warning: string | null): void }) {
  const [form, setForm] = useState<Record<Field, string>>({ reason: '', supervisorUsername: '', supervisorPassword: '' });
  // The procedure to open: the request types the registry offers (shared/domain/request-types.ts).
  const [requestType, setRequestType] = useState<RequestType>('clave_patronal');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: Field, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = localErrors(form);
    setErrors(local);
    setGeneral(null);
    const first = firstWithError(local, ORDER);
    if (first) return document.getElementById(`walkin-${first}`)?.focus();
    setBusy(true);
    const r = await call('appointments.walkIn', { ...form, requestType });
    setBusy(false);
    if (r.ok) return onCreated(r.value.requestId, r.value.warning);
    const fromCore = fieldErrors(r.error, ORDER);
    setErrors(fromCore);
    // A wrong password must be typed again; the reason and user stay.
    setForm((f) => ({ ...f, supervisorPassword: '' }));
    setGeneral(r.error.message);
    document.getElementById(fromCore.reason ? 'walkin-reason' : r.error.code === 'forbidden' ? 'walkin-supervisorUsername' : 'walkin-supervisorPassword')?.focus();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="walkin-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="walkin-title">Atención sin turno</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5} sx={{ pt: 1 }}>
            <Alert severity="info" role="note" sx={{ py: 0 }}>
              Solo con la autorización de un supervisor de la agencia, que ingresa aquí su usuario y contraseña.
            </Alert>
            <TextField
              select
              id="walkin-requestType"
              label="Tipo de trámite"
              value={requestType}
              onChange={(e) => setRequestType(e.target.value as RequestType)}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {AVAILABLE_REQUEST_TYPES.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.label}
                </option>
              ))}
            </TextField>
            <TextField
              id="walkin-reason"
              label="Motivo de la atención sin turno"
              value={form.reason}
              autoFocus
              required
              multiline
              minRows={2}
              error={!!errors.reason}
              helperText={errors.reason ?? 'Por ejemplo: adulto mayor sin acceso a internet para agendar el turno.'}
              onChange={(e) => set('reason', e.target.value)}
              slotProps={{ htmlInput: { maxLength: 300 } }}
            />
            <TextField
              id="walkin-supervisorUsername"
              label="Usuario del supervisor"
              value={form.supervisorUsername}
              required
              autoComplete="off"
              error={!!errors.supervisorUsername}
              helperText={errors.supervisorUsername ?? ' '}
              onChange={(e) => set('supervisorUsername', e.target.value)}
            />
            <PasswordField
              id="walkin-supervisorPassword"
              label="Contraseña del supervisor"
              value={form.supervisorPassword}
              required
              autoComplete="off"
              error={!!errors.supervisorPassword}
              helperText={errors.supervisorPassword ?? ' '}
              onChange={(e) => set('supervisorPassword', e.target.value)}
            />
            {general && (
              <Alert severity="error" role="alert">
                {general}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancelar (Esc)</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Autorizar y abrir solicitud
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
