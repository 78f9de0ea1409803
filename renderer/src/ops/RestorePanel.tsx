// Operación › Restaurar un respaldo (administrators): choose a backup (from the backups folder
// or by its full path), see what it holds and whether it passes every check, confirm by typing
// RESTAURAR. A backup whose audit trail cannot be verified on this desk (signed on another
// machine) needs the administrator's explicit acceptance first. The core stages it and the next start applies it (ops/pending-restore.ts), keeping
// the current data aside; this panel says so, and shows a restore waiting or the last one.
import RestoreIcon from '@mui/icons-material/Restore';
import { Alert, Button, Checkbox, FormControlLabel, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { RESTORE_CONFIRMATION, type BackupCheck, type BackupSource } from '../../../shared/contract/ops';
import { call } from '../api/client';
import { fieldErrors } from '../api/fieldErrors';
import { useCall, useInvalidate } from '../api/useCall';
import { formatInt } from '../app/format';
import { formatDateTimeEs } from '../../../shared/domain/dates';

const OTHER_FOLDER = '__ruta__';
type Message = { severity: 'success' | 'error'; text: string } | null;

export function RestorePanel() {
  const list = useCall('backup.list', {});
  const invalidate = useInvalidate();
  const [choice, setChoice] = useState('');
  const [folder, setFolder] = useState('');
  const [checked, setChecked] = useState<{ source: BackupSource; report: BackupCheck } | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const [acceptUnverified, setAcceptUnverified] = useState(false);
  const [busy, setBusy] = useState<'revisando' | 'programando' | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [pathError, setPathError] = useState<string | null>(null);
  const l = list.data;

  const source = (): BackupSource | null => (choice === OTHER_FOLDER ? (folder.trim() ? { path: folder.trim() } : null) : choice ? { name: choice } : null);
  const reset = () => {
    setChecked(null);
    setConfirmation('');
    setAcceptUnverified(false);
    setMessage(null);
    setPathError(null);
  };

  async function review(e: FormEvent) {
    e.preventDefault();
    reset();
    const s = source();
    if (!s) {
      if (choice === OTHER_FOLDER) setPathError('Escriba la ruta completa de la carpeta del respaldo.');
      else setMessage({ severity: 'error', text: 'Elija un respaldo de la lista.' });
      return;
    }
    setBusy('revisando');
    const r = await call('backup.verify', s);
    setBusy(null);
    if (r.ok) setChecked({ source: s, report: r.value });
    // The general message says more than the field's own (where to look for the folder).
    else if (fieldErrors(r.error).path) setPathError(r.error.message);
    else setMessage({ severity: 'error', text: r.error.message });
  }

  async function schedule() {
    if (!checked) return;
    setBusy('programando');
    const r = await call('backup.scheduleRestore', { source: checked.source, confirmation, ...(acceptUnverified ? { acceptUnverifiableAudit: true } : {}) });
    setBusy(null);
    if (r.ok) {
      setChecked(null);
      setConfirmation('');
      setAcceptUnverified(false);
      setMessage({ severity: 'success', text: 'Restauración programada. Cierre Ventanilla Patronal en esta estación y vuelva a abrirla para aplicarla.' });
    } else setMessage({ severity: 'error', text: r.error.message });
    void invalidate('backup.list');
  }

  async function cancel() {
    const r = await call('backup.cancelRestore', {});
    setMessage(r.ok ? { severity: 'success', text: 'Restauración anulada: no se cambiará nada al volver a abrir la aplicación.' } : { severity: 'error', text: r.error.message });
    void invalidate('backup.list');
  }

  const pending = l?.pendingRestore ?? null;
  const last = l?.lastRestore ?? null;
  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-label="Restaurar un respaldo">
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Restaurar un respaldo
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Reemplaza los datos de esta estación por los de un respaldo (después de un daño del disco o en un equipo nuevo). Antes se revisa todo:
          archivos, integridad, cadena de auditoría y versión. Se aplica al volver a abrir la aplicación; los datos actuales no se borran, quedan
          aparte en el directorio de datos (carpeta «anterior-…»).
        </Typography>
        {pending && (
          <Alert
            severity={pending.failure ? 'error' : 'warning'}
            role="status"
            aria-label="Restauración programada"
            action={
              <Button color="inherit" size="small" onClick={() => void cancel()}>
                Anular
              </Button>
            }
          >
            Restauración programada por {pending.stagedBy} el {formatDateTimeEs(pending.stagedAt)}: respaldo del {formatDateTimeEs(pending.backup.createdAt)} ({pending.backup.name}).{' '}
            {pending.failure
              ? `El último arranque no pudo aplicarla: ${pending.failure}`
              : 'Se aplica al volver a abrir la aplicación: cierre Ventanilla Patronal en esta estación y ábrala de nuevo.'}
          </Alert>
        )}
        {last && (
          <Alert severity="info">
            Última restauración: {formatDateTimeEs(last.at)}, respaldo del {formatDateTimeEs(last.backup.createdAt)} ({last.backup.name}), programada por {last.stagedBy}.
            {last.previousDir ? ` Los datos que había quedaron en la carpeta ${last.previousDir} del directorio de datos.` : ''}
            {last.auditUnverifiable ? ' Se restauró sin poder verificar su registro de auditoría, como lo aceptó el administrador.' : ''}
          </Alert>
        )}
        <Stack component="form" noValidate spacing={2} onSubmit={(e) => void review(e)} aria-label="Elegir respaldo">
          <TextField
            select
            label="Respaldo"
            size="small"
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
              reset();
            }}
            helperText={l?.dir ? `De la carpeta ${l.dir}, o cualquier otra carpeta` : 'Sin carpeta de respaldos configurada: escriba la ruta de la carpeta del respaldo'}
          >
            {(l?.items ?? []).map((b) => (
              <MenuItem key={b.name} value={b.name}>
                {formatDateTimeEs(b.createdAt)} · versión {b.appVersion} · {b.name}
              </MenuItem>
            ))}
            <MenuItem value={OTHER_FOLDER}>Otra carpeta (escribir la ruta)…</MenuItem>
          </TextField>
          {choice === OTHER_FOLDER && (
            <TextField
              label="Carpeta del respaldo"
              size="small"
              value={folder}
              onChange={(e) => {
                setFolder(e.target.value);
                reset();
              }}
              error={pathError !== null}
              helperText={pathError ?? 'Ruta completa de la carpeta respaldo-…, por ejemplo E:\\Respaldos\\respaldo-20261120T090000-0500'}
              required
            />
          )}
          <Button type="submit" variant="outlined" startIcon={<RestoreIcon />} disabled={busy !== null} sx={{ alignSelf: 'flex-start' }}>
            {busy === 'revisando' ? 'Revisando…' : 'Revisar respaldo'}
          </Button>
        </Stack>
        {checked && <BackupReport report={checked.report} />}
        {checked?.report.auditUnverifiable && !checked.report.ok && (
          <FormControlLabel
            control={<Checkbox checked={acceptUnverified} onChange={(e) => setAcceptUnverified(e.target.checked)} />}
            label="Este respaldo viene de otro equipo de la agencia: acepto restaurarlo sin poder verificar su registro de auditoría."
          />
        )}
        {checked && (checked.report.ok || (checked.report.auditUnverifiable && acceptUnverified)) && (
          <Stack spacing={2}>
            <Alert severity="warning">
              Al volver a abrir la aplicación, esta estación quedará como estaba el {checked.report.backup ? formatDateTimeEs(checked.report.backup.createdAt) : '—'}: lo registrado
              después se perderá aquí (queda en la carpeta «anterior-…»). Si la estación está enrolada con el IESS y cambió de equipo, habrá que enrolarla
              otra vez.
            </Alert>
            <TextField
              label={`Para confirmar, escriba ${RESTORE_CONFIRMATION}`}
              size="small"
              value={confirmation}
              onChange={(e) => setConfirmation(e.target.value)}
              slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
              sx={{ maxWidth: 360 }}
            />
            <Button
              variant="contained"
              color="warning"
              onClick={() => void schedule()}
              disabled={busy !== null || confirmation.trim().toUpperCase() !== RESTORE_CONFIRMATION}
              sx={{ alignSelf: 'flex-start' }}
            >
              {busy === 'programando' ? 'Preparando…' : 'Programar restauración'}
            </Button>
          </Stack>
        )}
        {message && (
          <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function BackupReport({ report }: { report: BackupCheck }) {
  const b = report.backup;
  const c = report.contents;
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatInt(v));
  const rows: [string, string][] = [];
  if (b) {
    rows.push(['Fecha del respaldo', formatDateTimeEs(b.createdAt)], ['Versión de la aplicación', b.appVersion], ['Agencia', b.agencyCode ?? '—'], ['Esquema de la base de datos', String(b.schemaVersion)]);
  }
  if (c) {
    rows.push(
      ['Solicitudes', n(c.requests)],
      ['Usuarios', n(c.users)],
      ['Escaneos', n(c.attachments)],
      ['Formularios archivados', n(c.forms)],
      ['Entradas de auditoría', n(c.auditEntries)],
      ['Última actividad registrada', c.lastActivityAt ? formatDateTimeEs(c.lastActivityAt) : '—'],
    );
  }
  return (
    <Stack spacing={1}>
      <Alert severity={report.ok ? 'success' : report.auditUnverifiable ? 'warning' : 'error'} role="status" aria-label="Resultado de la revisión">
        {report.ok
          ? 'El respaldo pasó todas las verificaciones.'
          : report.auditUnverifiable
            ? 'El respaldo pasó las demás verificaciones, pero su registro de auditoría NO SE PUEDE VERIFICAR en este equipo: fue firmado con una clave que este equipo nunca tuvo. Solo se restaura si usted lo acepta expresamente.'
            : 'El respaldo NO pasó la verificación: no se puede restaurar.'}
        <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
          {report.checks.map((check) => (
            <li key={check.label}>
              {check.unverifiable ? '⚠' : check.ok ? '✔' : '✘'} {check.label}: {check.detail}
            </li>
          ))}
        </ul>
      </Alert>
      {rows.length > 0 && (
        <Table size="small" aria-label="Contenido del respaldo" sx={{ maxWidth: 520 }}>
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row">
                  {label}
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
