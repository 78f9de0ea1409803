import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, TextField, Typography } from '@mui/material';
import { DateField } from '../app/DateField';
import { useState, type FormEvent } from 'react';
import type { SecuritySettings } from '../../../shared/contract/security';
import { call } from '../api/client';
import { useCall, useInvalidate } from '../api/useCall';
import { ecuadorDate, formatDateTimeEs } from '../../../shared/domain/dates';
import { formatInt } from '../app/format';
import { ScreenHeader } from '../app/ScreenHeader';

type Message = { severity: 'success' | 'error' | 'warning'; text: string } | null;

export function SecurityScreen() {
  const settings = useCall('settings.get', {});
  return (
    <>
      <ScreenHeader title="Seguridad y auditoría" subtitle={settings.data ? `${settings.data.agency.name} · ${settings.data.agency.code}` : undefined} />
      {settings.error && <Alert severity="error">{settings.error.message}</Alert>}
      {settings.data && !settings.data.secretsEncrypted && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          En esta estación los secretos (como el token de sincronización con el IESS) se guardan sin cifrar, en un archivo legible solo por el
          usuario del sistema. Use la aplicación de escritorio con el almacén de claves del sistema operativo en producción.
        </Alert>
      )}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        {settings.data && <SettingsForm initial={settings.data} />}
        <Stack spacing={3} sx={{ flex: 1, minWidth: 0 }}>
          <AuditPanel />
          <AnchorPanel />
          <RetentionPanel />
        </Stack>
      </Stack>
    </>
  );
}

function NumberField({ label, value, onChange, helperText }: { label: string; value: number; onChange(n: number): void; helperText: string }) {
  return (
    <TextField
      label={label}
      type="number"
      value={Number.isNaN(value) ? '' : value}
      onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      helperText={helperText}
      required
      slotProps={{ htmlInput: { min: 1, step: 1 } }}
    />
  );
}

function SettingsForm({ initial }: { initial: SecuritySettings }) {
  const [form, setForm] = useState<SecuritySettings>({ lockoutMinutes: initial.lockoutMinutes, idleLockMinutes: initial.idleLockMinutes, retention: initial.retention });
  const [message, setMessage] = useState<Message>(null);
  const invalidate = useInvalidate();
  const setRetention = (key: keyof SecuritySettings['retention']) => (n: number) => setForm((f) => ({ ...f, retention: { ...f.retention, [key]: n } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await call('settings.update', form);
    setMessage(r.ok ? { severity: 'success', text: 'Parámetros guardados. El bloqueo por inactividad rige desde el próximo ingreso.' } : { severity: 'error', text: r.error.message });
    if (r.ok) void invalidate('settings.get');
  }

  return (
    <Paper component="form" noValidate variant="outlined" sx={{ p: 3, width: { xs: '100%', lg: 420 } }} onSubmit={submit} aria-label="Parámetros de seguridad">
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Parámetros
        </Typography>
        <NumberField label="Bloqueo tras 3 intentos fallidos (minutos)" value={form.lockoutMinutes} onChange={(n) => setForm({ ...form, lockoutMinutes: n })} helperText="Entre 1 y 1440" />
        <NumberField label="Bloqueo de pantalla por inactividad (minutos)" value={form.idleLockMinutes} onChange={(n) => setForm({ ...form, idleLockMinutes: n })} helperText="Entre 1 y 120" />
        <Typography variant="subtitle2">Retención de datos personales (LOPDP Art. 10)</Typography>
        <NumberField label="Solicitudes cerradas (días)" value={form.retention.requestPersonalDataDays} onChange={setRetention('requestPersonalDataDays')} helperText="Se conservan las estadísticas anónimas" />
        <NumberField label="Turnos (días)" value={form.retention.appointmentDays} onChange={setRetention('appointmentDays')} helperText="Cédula, nombres y contacto del turno" />
        <NumberField label="Sesiones vencidas (días)" value={form.retention.sessionDays} onChange={setRetention('sessionDays')} helperText="Registro técnico de ingresos" />
        {message && <Alert severity={message.severity}>{message.text}</Alert>}
        <Button type="submit" variant="contained">
          Guardar parámetros
        </Button>
      </Stack>
    </Paper>
  );
}

function downloadCsv(csv: string, name: string): void {
  // The core wrote the file for Excel in es-EC (BOM, ';'): saved as it is.
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function AuditPanel() {
  const [range, setRange] = useState(() => {
    const today = ecuadorDate(Date.now());
    return { from: today, to: today };
  });
  const [message, setMessage] = useState<Message>(null);

  async function verify() {
    const r = await call('audit.verify', {});
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    setMessage(
      r.value.ok
        ? { severity: 'success', text: `Registro de auditoría íntegro: ${formatInt(r.value.entries)} entradas verificadas.` }
        : r.value.firstBroken?.reason === 'key'
          ? // A missing key is not proof of tampering: it says what cannot be checked here.
            { severity: 'warning', text: `No se pudo verificar todo el registro: ${r.value.firstBroken.message}` }
          : { severity: 'error', text: `Registro alterado: ${r.value.firstBroken?.message ?? ''}` },
    );
  }

  async function exportCsv(e: FormEvent) {
    e.preventDefault();
    const r = await call('audit.export', range);
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    downloadCsv(r.value.csv, `auditoria_${range.from}_${range.to}.csv`);
    setMessage({ severity: 'success', text: `Exportadas ${formatInt(r.value.rows)} entradas.` });
  }

  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Registro de auditoría
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Cada cambio y cada consulta de datos personales queda registrada con usuario, hora, operación y resultado, encadenada con hashes: una
          entrada editada, borrada o reordenada se detecta.
        </Typography>
        <Button variant="outlined" onClick={() => void verify()} sx={{ alignSelf: 'flex-start' }}>
          Verificar integridad
        </Button>
        <Stack component="form" direction="row" spacing={2} onSubmit={exportCsv} aria-label="Exportar auditoría" sx={{ alignItems: 'center' }}>
          <DateField label="Desde" value={range.from} onChange={(from) => setRange({ ...range, from })} required />
          <DateField label="Hasta" value={range.to} onChange={(to) => setRange({ ...range, to })} required />
          <Button type="submit" variant="outlined">
            Exportar CSV
          </Button>
        </Stack>
        {message && (
          <Alert severity={message.severity} role="status">
            {message.text}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** The evidence outside this desk: the audit head the IESS confirmed holding for it. */
function AnchorPanel() {
  const anchor = useCall('audit.anchor', {});
  const a = anchor.data;
  return (
    <Paper variant="outlined" sx={{ p: 3 }} aria-label="Cabecera confirmada por el IESS">
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2">
          Cabecera confirmada por el IESS
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Con cada envío el IESS recibe la última entrada del registro de auditoría y la conserva fuera de esta estación: si el registro se borra, se
          restaura a un estado anterior o se reescribe, el IESS lo detecta y rechaza los envíos.
        </Typography>
        {anchor.error && <Alert severity="error">{anchor.error.message}</Alert>}
        {a && !a.enrolled && <Alert severity="info">La estación no está enrolada en los servicios centrales del IESS: no hay cabecera confirmada.</Alert>}
        {a?.enrolled && !a.confirmed && !a.refusal && <Alert severity="info">El IESS todavía no ha confirmado ninguna cabecera de esta estación (se confirma con el próximo envío).</Alert>}
        {a?.confirmed && (
          <Typography variant="body2">
            Entrada n.º {formatInt(a.confirmed.seq)}, confirmada el {formatDateTimeEs(a.confirmed.at)} · hash{' '}
            <Box component="span" sx={{ fontFamily: 'monospace' }} title={a.confirmed.hash}>
              {a.confirmed.hash.slice(0, 16)}…
            </Box>
            {a.head && ` · última entrada aquí: n.º ${formatInt(a.head.seq)}`}
          </Typography>
        )}
        {a?.confirmed && a.present === false && (
          <Alert severity="error">La entrada que el IESS confirmó ya no está en el registro de esta estación (o cambió): el registro fue borrado, restaurado o reescrito.</Alert>
        )}
        {a?.refusal && (
          <Alert severity="error" role="alert">
            {formatDateTimeEs(a.refusal.at)}: {a.refusal.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function RetentionPanel() {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function purge() {
    setConfirming(false);
    const r = await call('retention.purge', {});
    setMessage(
      r.ok
        ? { severity: 'success', text: `Depuración completada: ${formatInt(r.value.requests)} solicitudes, ${formatInt(r.value.appointments)} turnos, ${formatInt(r.value.guidanceSheets)} hojas de orientación y ${formatInt(r.value.sessions)} sesiones.` }
        : { severity: 'error', text: r.error.message },
    );
  }

  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Depuración de datos personales
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Elimina los datos personales de solicitudes cerradas y turnos más antiguos que los plazos de retención. Las cifras anónimas se conservan y
          la depuración queda en el registro de auditoría.
        </Typography>
        <Button color="warning" variant="outlined" onClick={() => setConfirming(true)} sx={{ alignSelf: 'flex-start' }}>
          Depurar ahora
        </Button>
        {message && <Alert severity={message.severity}>{message.text}</Alert>}
      </Stack>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="purge-title">
        <DialogTitle id="purge-title">¿Depurar datos personales vencidos?</DialogTitle>
        <DialogContent>
          <DialogContentText>Esta acción no se puede deshacer.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            Cancelar
          </Button>
          <Button color="warning" onClick={() => void purge()}>
            Depurar
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
