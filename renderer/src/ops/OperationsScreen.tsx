// "Operación" (administrators): the agency configuration (the same data as agencia.json),
// backups, updates, the support diagnostic and the wording of the printed forms.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { AgencyConfig, BackupCheck } from '../../../shared/contract/ops';
import { PROVINCES } from '../../../shared/domain/catalogs';
import { STATE_LABELS } from '../../../shared/domain/lifecycle';
import { OPEN_STATES } from '../../../shared/domain/state-groups';
import { call } from '../api/client';
import { errorWithin, fieldErrors, type FieldErrors } from '../api/fieldErrors';
import { useCall, useInvalidate } from '../api/useCall';
import { formatInt } from '../app/format';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { ScreenHeader } from '../app/ScreenHeader';
import { UPDATE_STATE_LABELS } from './labels';
import { RestorePanel } from './RestorePanel';
import { TemplatesPanel } from '../forms/TemplatesPanel';

type Message = { severity: 'success' | 'error' | 'warning' | 'info'; text: string } | null;

export function OperationsScreen() {
  const config = useCall('config.get', {});
  return (
    <>
      <ScreenHeader title="Operación" subtitle="Configuración de la agencia, respaldos, actualizaciones, soporte y plantillas de los formularios" />
      {config.error && <Alert severity="error">{config.error.message}</Alert>}
      <Stack direction={{ xs: 'column', xl: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        {config.data && <ConfigForm key={JSON.stringify(config.data.config)} data={config.data} />}
        <Stack spacing={3} sx={{ flex: 1, minWidth: 0, width: '100%' }}>
          <BackupPanel />
          <RestorePanel />
          <UpdatePanel />
          <SupportPanel />
        </Stack>
      </Stack>
      <Box sx={{ mt: 3 }}>
        <TemplatesPanel />
      </Box>
    </>
  );
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;

function ConfigForm({ data }: { data: { config: AgencyConfig; file: { name: string; state: string; errors: string[] } } }) {
  const [form, setForm] = useState<AgencyConfig>(data.config);
  const [issues, setIssues] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Message>(null);
  const invalidate = useInvalidate();
  const issue = (path: string) => issues[path];
  const num = (v: string) => (v === '' ? Number.NaN : Number(v.replace(',', '.')));
  const text = (v: string | null) => v ?? '';
  const orNull = (v: string) => (v.trim() === '' ? null : v);

  async function done(r: Awaited<ReturnType<typeof call<'config.update'>>>, success: string) {
    if (r.ok) {
      setIssues({});
      setMessage({ severity: 'success', text: success });
      await invalidate('config.get');
      void invalidate('backup.list');
    } else {
      setIssues(fieldErrors(r.error));
      setMessage({ severity: 'error', text: r.error.message });
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await done(await call('config.update', form), `Configuración guardada en la base de datos y en ${data.file.name}.`);
  }

  const field = (label: string, path: string, value: string | number, onChange: (v: string) => void, extra: { helperText?: string; type?: string; required?: boolean } = {}) => (
    <TextField
      label={label}
      value={typeof value === 'number' && Number.isNaN(value) ? '' : value}
      onChange={(e) => onChange(e.target.value)}
      error={issue(path) !== undefined}
      helperText={issue(path) ?? extra.helperText}
      type={extra.type ?? 'text'}
      required={extra.required ?? true}
      size="small"
      fullWidth
    />
  );

  return (
    <Paper component="form" noValidate variant="outlined" sx={{ p: 3, width: { xs: '100%', xl: 520 } }} onSubmit={submit} aria-label="Configuración de la agencia">
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Configuración de la agencia
        </Typography>
        <FileState file={data.file} onApply={async () => done(await call('config.reload', {}), `${data.file.name} aplicado.`)} />
        <Stack direction="row" spacing={2}>
          {field('Código', 'agency.code', form.agency.code, (v) => setForm({ ...form, agency: { ...form.agency, code: v.toUpperCase() } }), { helperText: 'De 2 a 6 letras (UIO)' })}
          <TextField
            select
            label="Provincia"
            value={form.agency.provinceCode}
            onChange={(e) => setForm({ ...form, agency: { ...form.agency, provinceCode: e.target.value } })}
            error={issue('agency.provinceCode') !== undefined}
            helperText={issue('agency.provinceCode')}
            size="small"
            fullWidth
            required
          >
            {PROVINCES.map((p) => (
              <MenuItem key={p.code} value={p.code}>
                {p.code} · {p.label}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {field('Nombre de la agencia', 'agency.name', form.agency.name, (v) => setForm({ ...form, agency: { ...form.agency, name: v } }))}
        {field('Servicios centrales del IESS (https)', 'centralUrl', text(form.centralUrl), (v) => setForm({ ...form, centralUrl: orNull(v) }), { required: false, helperText: 'Vacío: sin sincronización' })}
        {field('Actualizaciones (https)', 'updateUrl', text(form.updateUrl), (v) => setForm({ ...form, updateUrl: orNull(v) }), { required: false, helperText: 'Carpeta con latest.yml publicada por TI' })}
        <Typography variant="subtitle2">Plazos de atención (minutos)</Typography>
        <Stack direction="row" spacing={2}>
          {field('Aviso', 'sla.warnMinutes', form.sla.warnMinutes, (v) => setForm({ ...form, sla: { ...form.sla, warnMinutes: num(v) } }), { type: 'number' })}
          {field('Vencido', 'sla.breachMinutes', form.sla.breachMinutes, (v) => setForm({ ...form, sla: { ...form.sla, breachMinutes: num(v) } }), { type: 'number' })}
        </Stack>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="Plazo por estado">
          {OPEN_STATES.map((s) => (
            <TextField
              key={s}
              label={STATE_LABELS[s]}
              type="number"
              size="small"
              sx={{ width: 200 }}
              value={form.sla.byState[s] ?? ''}
              error={issue(`sla.byState.${s}`) !== undefined}
              helperText={issue(`sla.byState.${s}`) ?? 'Vacío: plazo vencido'}
              onChange={(e) => {
                const byState = { ...form.sla.byState };
                if (e.target.value === '') delete byState[s];
                else byState[s] = num(e.target.value);
                setForm({ ...form, sla: { ...form.sla, byState } });
              }}
            />
          ))}
        </Stack>
        <Typography variant="subtitle2">Topes y bloqueo</Typography>
        <Stack direction="row" spacing={2}>
          {field('Máx. pendientes de revisión', 'caps.maxPendingReview', form.caps.maxPendingReview, (v) => setForm({ ...form, caps: { ...form.caps, maxPendingReview: num(v) } }), { type: 'number' })}
          {field('Adjunto máximo (MB)', 'caps.attachmentMaxMB', form.caps.attachmentMaxMB, (v) => setForm({ ...form, caps: { ...form.caps, attachmentMaxMB: num(v) } }), { type: 'number' })}
        </Stack>
        {field('Bloqueo por inactividad (minutos)', 'idleLockMinutes', form.idleLockMinutes, (v) => setForm({ ...form, idleLockMinutes: num(v) }), { type: 'number', helperText: 'Entre 1 y 120' })}
        {field('Formato del código de extranjero', 'foreignerCodePattern', text(form.foreignerCodePattern), (v) => setForm({ ...form, foreignerCodePattern: orNull(v) }), {
          required: false,
          helperText: 'Expresión regular del código que entrega el IESS; vacío: [A-Z0-9]{6,20}',
        })}
        <Typography variant="subtitle2">Firmas electrónicas (Ventanilla Virtual)</Typography>
        <TextField
          label="Anclas de confianza (un archivo de certificado por línea)"
          multiline
          minRows={2}
          size="small"
          value={form.signatures.trustAnchors.join('\n')}
          error={errorWithin(issues, 'signatures.trustAnchors') !== undefined}
          helperText={errorWithin(issues, 'signatures.trustAnchors') ?? 'Certificados PEM o DER de las entidades de certificación acreditadas que TI instaló en este equipo'}
          onChange={(e) => setForm({ ...form, signatures: { ...form.signatures, trustAnchors: e.target.value.split('\n').map((l) => l.trim()).filter(Boolean) } })}
        />
        <FormControlLabel
          control={<Checkbox checked={form.signatures.allowUncheckedRevocation} onChange={(e) => setForm({ ...form, signatures: { ...form.signatures, allowUncheckedRevocation: e.target.checked } })} />}
          label="Permitir aprobar firmas válidas con «revocación no comprobada» (cada uso queda en la auditoría)"
        />
        <Typography variant="subtitle2">Respaldos automáticos</Typography>
        {field('Carpeta de respaldos', 'backup.dir', text(form.backup.dir), (v) => setForm({ ...form, backup: { ...form.backup, dir: orNull(v) } }), {
          required: false,
          helperText: 'Ruta completa en otro disco, p. ej. D:\\Respaldos\\Ventanilla',
        })}
        <Stack direction="row" spacing={2}>
          {field('Cada (horas)', 'backup.everyHours', form.backup.everyHours, (v) => setForm({ ...form, backup: { ...form.backup, everyHours: num(v) } }), { type: 'number' })}
          {field('Conservar', 'backup.keep', form.backup.keep, (v) => setForm({ ...form, backup: { ...form.backup, keep: num(v) } }), { type: 'number', helperText: 'Respaldos más recientes' })}
        </Stack>
        {message && (
          <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        )}
        <Button type="submit" variant="contained">
          Guardar configuración
        </Button>
      </Stack>
    </Paper>
  );
}

function FileState({ file, onApply }: { file: { name: string; state: string; errors: string[] }; onApply(): Promise<void> }) {
  if (file.state === 'aplicado') return <Alert severity="success" role="status">{file.name} está aplicado: la estación usa lo que dice el archivo.</Alert>;
  if (file.state === 'ausente') return <Alert severity="info" role="status">No hay {file.name} en el directorio de datos; al guardar se crea.</Alert>;
  if (file.state === 'pendiente') {
    return (
      <Alert severity="warning" role="status" action={<Button color="inherit" size="small" onClick={() => void onApply()}>Aplicar archivo</Button>}>
        {file.name} cambió y aún no se aplica.
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      {file.name} tiene errores; no se aplicó y la estación sigue con la configuración anterior:
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {file.errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </Alert>
  );
}

function BackupPanel() {
  const list = useCall('backup.list', {});
  const [message, setMessage] = useState<Message>(null);
  const [running, setRunning] = useState(false);
  const [checked, setChecked] = useState<{ name: string; report: BackupCheck } | null>(null);
  const invalidate = useInvalidate();
  const l = list.data;

  async function runNow() {
    setRunning(true);
    const r = await call('backup.run', {});
    setRunning(false);
    setMessage(r.ok ? { severity: 'success', text: `Respaldo creado: ${r.value.name} (${formatInt(r.value.files)} archivos, ${mb(r.value.bytes)}).` } : { severity: 'error', text: r.error.message });
    void invalidate('backup.list');
  }

  async function verify(name: string) {
    const r = await call('backup.verify', { name });
    if (r.ok) setChecked({ name, report: r.value });
    else setMessage({ severity: 'error', text: r.error.message });
  }

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-label="Respaldos">
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Respaldos
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {l?.dir
            ? `En ${l.dir}, cada ${l.everyHours} h (se conservan los ${l.keep} más recientes). Incluyen la base de datos, los adjuntos y los formularios archivados, con su SHA-256.`
            : 'Sin carpeta de respaldos: configúrela a la izquierda. En la aplicación de escritorio el respaldo se hace solo, según la programación.'}
        </Typography>
        {l?.last && (
          <Alert severity={l.last.ok ? 'success' : 'error'}>
            Último respaldo ({l.last.trigger}): {formatDateTimeEs(l.last.at)} — {l.last.ok ? 'correcto' : l.last.error}
          </Alert>
        )}
        <Button variant="outlined" onClick={() => void runNow()} disabled={running || !l?.dir} sx={{ alignSelf: 'flex-start' }}>
          {running ? 'Respaldando…' : 'Respaldar ahora'}
        </Button>
        {message && <Alert severity={message.severity}>{message.text}</Alert>}
        {l && l.items.length > 0 && (
          <Table size="small" aria-label="Respaldos disponibles">
            <TableHead>
              <TableRow>
                <TableCell>Fecha</TableCell>
                <TableCell>Versión</TableCell>
                <TableCell align="right">Archivos</TableCell>
                <TableCell align="right">Tamaño</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {l.items.map((b) => (
                <TableRow key={b.name}>
                  <TableCell>{formatDateTimeEs(b.createdAt)}</TableCell>
                  <TableCell>{b.appVersion}</TableCell>
                  <TableCell align="right">{formatInt(b.files)}</TableCell>
                  <TableCell align="right">{mb(b.bytes)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => void verify(b.name)}>
                      Verificar
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {checked && (
          <Alert severity={checked.report.ok ? 'success' : 'error'} role="status">
            {checked.report.ok ? 'Respaldo íntegro' : 'El respaldo NO pasó la verificación'} ({checked.name}):
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {checked.report.checks.map((c) => (
                <li key={c.label}>
                  {c.ok ? '✔' : '✘'} {c.label}: {c.detail}
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function UpdatePanel() {
  const status = useCall('app.updateStatus', {}, { refetchInterval: 60_000 });
  const s = status.data;
  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-label="Actualizaciones">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          Actualizaciones
        </Typography>
        {s && (
          <>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2">Versión en uso: {s.currentVersion}</Typography>
              <Chip size="small" label={UPDATE_STATE_LABELS[s.state]} color={s.state === 'lista' ? 'warning' : s.state === 'error' ? 'error' : 'default'} />
            </Stack>
            {s.message && (
              <Typography variant="body2" color="textSecondary">
                {s.message}
              </Typography>
            )}
            {s.checkedAt && (
              <Typography variant="caption" color="textSecondary">
                Última búsqueda: {formatDateTimeEs(s.checkedAt)}
              </Typography>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function SupportPanel() {
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);

  async function copy() {
    const r = await call('diagnostics.copy', {});
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    setText(r.value.text);
    try {
      await navigator.clipboard.writeText(r.value.text);
      setMessage({ severity: 'success', text: 'Diagnóstico copiado: péguelo en el pedido de soporte. No contiene datos personales.' });
    } catch {
      // Without clipboard permission the text is still shown, ready to select.
      setMessage({ severity: 'warning', text: 'No se pudo copiar automáticamente: seleccione el texto de abajo y cópielo.' });
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-label="Soporte">
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Soporte
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Versiones, sistema, conteos y los últimos avisos y errores de los registros, sin datos personales (cédulas, RUC de personas, correos y nombres
          se ocultan).
        </Typography>
        <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={() => void copy()} sx={{ alignSelf: 'flex-start' }}>
          Copiar diagnóstico
        </Button>
        {message && <Alert severity={message.severity}>{message.text}</Alert>}
        {text && (
          <TextField
            label="Diagnóstico"
            value={text}
            multiline
            minRows={6}
            maxRows={16}
            fullWidth
            slotProps={{ htmlInput: { readOnly: true, style: { fontFamily: 'monospace', fontSize: 12 } } }}
          />
        )}
      </Stack>
    </Paper>
  );
}
