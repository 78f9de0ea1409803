// Enrolment of this desk with IESS central services (administrators): the central address and
// the one-time code the IESS issued for the agency. The token it returns never reaches the screen.
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { useCall, useInvalidate } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { CENTRAL_STATE_LABELS } from '../app/labels';
import { ScreenHeader } from '../app/ScreenHeader';

export function EnrolmentScreen() {
  const status = useCall('sync.status', {}, { refetchInterval: 5_000 });
  const [form, setForm] = useState({ centralUrl: '', enrolmentCode: '', deviceName: '' });
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const invalidate = useInvalidate();
  const s = status.data;

  const refresh = () => invalidate('sync.*', 'status.summary');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('sync.enrol', form);
    setBusy(false);
    setMessage(r.ok ? { severity: 'success', text: `Estación enrolada en ${r.value.agencyName}. La sincronización comienza en segundo plano.` } : { severity: 'error', text: r.error.message });
    if (r.ok) setForm((f) => ({ ...f, enrolmentCode: '' }));
    await refresh();
  }

  async function unenrol() {
    const r = await call('sync.unenrol', {});
    setMessage(r.ok ? { severity: 'success', text: 'Se retiró el enrolamiento y se borró el token de esta estación.' } : { severity: 'error', text: r.error.message });
    await refresh();
  }

  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <>
      <ScreenHeader title="Enrolamiento con el IESS" subtitle="Conecta esta estación con los servicios centrales del IESS para su agencia" />
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} role="alert">
          {message.text}
        </Alert>
      )}
      {s && !s.secretsEncrypted && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          En esta estación el token de sincronización se guarda sin cifrar, en un archivo legible solo por el usuario del sistema. Use la aplicación de escritorio en producción.
        </Alert>
      )}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ p: 2, minWidth: 360 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Estado actual
          </Typography>
          {s?.enrolled ? (
            <Box>
              <Typography variant="body2">{CENTRAL_STATE_LABELS[s.state]}</Typography>
              <Typography variant="body2">Servicios centrales: {s.centralUrl}</Typography>
              <Typography variant="body2">Estación: {s.deviceName}</Typography>
              <Typography variant="body2">Enrolada el {s.enrolledAt ? formatDateTimeEs(s.enrolledAt) : '—'}</Typography>
              <Button color="error" sx={{ mt: 2 }} onClick={() => void unenrol()}>
                Retirar enrolamiento
              </Button>
            </Box>
          ) : (
            <Typography variant="body2">Sin enrolar: no se envía ni se recibe nada del IESS.</Typography>
          )}
        </Paper>
        <Paper variant="outlined" component="form" onSubmit={(e) => void submit(e)} sx={{ p: 2, flex: 1, maxWidth: 560 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            {s?.enrolled ? 'Enrolar de nuevo' : 'Enrolar esta estación'}
          </Typography>
          <Stack spacing={2}>
            <TextField label="Dirección de los servicios centrales" value={form.centralUrl} onChange={set('centralUrl')} required placeholder="https://…" />
            <TextField label="Código de enrolamiento" value={form.enrolmentCode} onChange={set('enrolmentCode')} required helperText="Código de un solo uso entregado por el IESS para esta agencia." />
            <TextField label="Nombre de esta estación" value={form.deviceName} onChange={set('deviceName')} required helperText="Por ejemplo: Ventanilla 3, planta baja." />
            <Box>
              <Button type="submit" variant="contained" disabled={busy}>
                Enrolar estación
              </Button>
            </Box>
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
