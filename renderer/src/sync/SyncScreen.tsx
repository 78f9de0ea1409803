// The sync screen (issue #7): connection, what is waiting to go to the IESS and why, the next
// try and a manual "Reintentar" (OpenCRVS #12292: nothing stuck without a visible reason), the
// progress of a large pull, and central decisions that could not be applied (conflicts).
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tabs,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OutboxItem, SyncConflict, SyncStatus } from '../../../shared/contract/sync';
import { call } from '../api/client';
import { useCall } from '../api/useCall';
import { formatDateTime, formatInt } from '../app/format';
import { CENTRAL_STATE_LABELS } from '../app/labels';
import { ScreenHeader } from '../app/ScreenHeader';
import { itemLabel, STATUS_LABELS } from './labels';

type TabId = 'pendientes' | 'fallidos' | 'rechazados' | 'conflictos';
const POLL_MS = 2_000;

export function SyncScreen() {
  const status = useCall('sync.status', {}, { refetchInterval: POLL_MS });
  const [tab, setTab] = useState<TabId>('pendientes');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const queryClient = useQueryClient();
  const s = status.data;

  async function retry(seq?: number) {
    const r = await call('sync.retry', seq === undefined ? {} : { seq });
    setMessage(r.ok ? { severity: 'success', text: `Se reintentará ahora (${formatInt(r.value.retried)} con error o en espera).` } : { severity: 'error', text: r.error.message });
    await queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('sync.') || q.queryKey[0] === 'status.summary' });
  }

  return (
    <>
      <ScreenHeader
        title="Sincronización con el IESS"
        subtitle="Lo que falta enviar a los servicios centrales, con su último error y el próximo intento"
        actions={
          <Button variant="contained" startIcon={<RefreshIcon />} onClick={() => void retry()} disabled={!s?.enrolled}>
            Reintentar ahora
          </Button>
        }
      />
      {status.error && <Alert severity="error">{status.error.message}</Alert>}
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      {s && <StatusPanel s={s} />}
      {s?.enrolled && (
        <Paper variant="outlined" sx={{ mt: 2 }}>
          <Tabs value={tab} onChange={(_e, v: TabId) => setTab(v)} aria-label="Elementos de la sincronización">
            <Tab value="pendientes" label={`Pendientes (${formatInt(s.counts.pending)})`} />
            <Tab value="fallidos" label={`Con error (${formatInt(s.counts.failed)})`} />
            <Tab value="rechazados" label={`Rechazados por el IESS (${formatInt(s.counts.rejected)})`} />
            <Tab value="conflictos" label={`Conflictos (${formatInt(s.counts.conflicts)})`} />
          </Tabs>
          {tab === 'conflictos' ? <ConflictsTable /> : <ItemsTable filter={tab} onRetry={(seq) => void retry(seq)} />}
        </Paper>
      )}
    </>
  );
}

function StatusPanel({ s }: { s: SyncStatus }) {
  if (!s.enrolled) {
    return <Alert severity="info">Esta estación todavía no está enrolada en los servicios centrales del IESS. Un administrador debe enrolarla en «Enrolamiento con el IESS».</Alert>;
  }
  const online = s.state === 'en_linea';
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Chip color={online ? 'success' : 'warning'} label={CENTRAL_STATE_LABELS[s.state]} />
        <Field label="Última conexión" value={s.lastContactAt ? formatDateTime(s.lastContactAt) : 'Nunca'} />
        <Field label="Próximo intento" value={s.nextAttemptAt ? formatDateTime(s.nextAttemptAt) : 'Inmediato'} />
        <Field label="Última recepción" value={s.pull.lastPullAt ? formatDateTime(s.pull.lastPullAt) : 'Nunca'} />
        <Field label="Estación" value={s.stationCode ? `N.º ${s.stationCode} · ${s.deviceName ?? ''}` : (s.deviceName ?? '—')} />
      </Stack>
      {s.recovering && (
        <Alert severity="info" sx={{ mt: 2 }}>
          Esta estación reemplaza a otra de la estación n.º {s.stationCode}: se están recuperando del IESS sus solicitudes, escaneos y formularios archivados.
        </Alert>
      )}
      {s.lastError && (
        <Alert severity="warning" sx={{ mt: 2 }} role="alert">
          Último error: {s.lastError}
        </Alert>
      )}
      {s.pull.running && (
        <Box sx={{ mt: 2 }} aria-live="polite">
          <Typography variant="body2">
            Recibiendo cambios del IESS: {formatInt(s.pull.received)} de {formatInt(s.pull.total)}
          </Typography>
          <LinearProgress variant="determinate" value={s.pull.total > 0 ? (100 * s.pull.received) / s.pull.total : 0} aria-label="Progreso de la recepción" />
        </Box>
      )}
    </Paper>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2">{value}</Typography>
    </Box>
  );
}

function ItemsTable({ filter, onRetry }: { filter: Exclude<TabId, 'conflictos'>; onRetry(seq: number): void }) {
  const items = useCall('sync.items', { filter, limit: 100 }, { refetchInterval: POLL_MS });
  const rows: OutboxItem[] = items.data?.items ?? [];
  if (items.error) return <Alert severity="error">{items.error.message}</Alert>;
  if (rows.length === 0) return <Typography sx={{ p: 2 }} color="text.secondary">{EMPTY[filter]}</Typography>;
  return (
    <TableContainer>
      <Table size="small" aria-label={`Envíos ${filter}`}>
        <TableHead>
          <TableRow>
            <TableCell>N.º</TableCell>
            <TableCell>Solicitud</TableCell>
            <TableCell>Evento</TableCell>
            <TableCell>Registrado</TableCell>
            <TableCell>Estado</TableCell>
            <TableCell align="right">Intentos</TableCell>
            <TableCell>Último error</TableCell>
            <TableCell>Próximo intento</TableCell>
            {filter !== 'rechazados' && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.seq}>
              <TableCell>{r.seq}</TableCell>
              <TableCell>{r.requestNumber ?? '—'}</TableCell>
              <TableCell>{itemLabel(r)}</TableCell>
              <TableCell>{formatDateTime(r.createdAt)}</TableCell>
              <TableCell>{STATUS_LABELS[r.status]}</TableCell>
              <TableCell align="right">{r.attempts}</TableCell>
              <TableCell sx={{ maxWidth: 380 }}>{r.lastError ?? '—'}</TableCell>
              <TableCell>{r.nextAttemptAt ? formatDateTime(r.nextAttemptAt) : filter === 'rechazados' ? '—' : 'En cuanto haya conexión'}</TableCell>
              {filter !== 'rechazados' && (
                <TableCell>
                  <Button size="small" onClick={() => onRetry(r.seq)} aria-label={`Reintentar ${r.seq}`}>
                    Reintentar
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

const EMPTY: Record<Exclude<TabId, 'conflictos'>, string> = {
  pendientes: 'No hay envíos en cola: todo lo registrado en esta estación llegó al IESS.',
  fallidos: 'No hay envíos con error.',
  rechazados: 'El IESS no ha rechazado ningún envío.',
};

function ConflictsTable() {
  const conflicts = useCall('sync.conflicts', { limit: 100 }, { refetchInterval: POLL_MS });
  const rows: SyncConflict[] = conflicts.data?.items ?? [];
  if (conflicts.error) return <Alert severity="error">{conflicts.error.message}</Alert>;
  if (rows.length === 0) return <Typography sx={{ p: 2 }} color="text.secondary">Todas las decisiones del IESS se aplicaron.</Typography>;
  return (
    <TableContainer>
      <Table size="small" aria-label="Conflictos">
        <TableHead>
          <TableRow>
            <TableCell>Fecha</TableCell>
            <TableCell>Solicitud</TableCell>
            <TableCell>Motivo</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{formatDateTime(r.at)}</TableCell>
              <TableCell>{r.requestNumber ?? '—'}</TableCell>
              <TableCell>{r.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
