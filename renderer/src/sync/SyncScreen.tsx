// The sync screen: connection, what is waiting to go to the IESS and why, the next
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
  Tabs,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { OutboxItem, SyncConflict, SyncStatus } from '../../../shared/contract/sync';
import { call } from '../api/client';
import { useCall, useInvalidate, useList } from '../api/useCall';
import { formatInt } from '../app/format';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { PagedTable, type Column } from '../app/PagedTable';
import { CENTRAL_STATE_LABELS } from '../app/labels';
import { ScreenHeader } from '../app/ScreenHeader';
import { itemLabel, STATUS_LABELS } from './labels';

type TabId = 'pendientes' | 'fallidos' | 'rechazados' | 'conflictos';
const POLL_MS = 2_000;

export function SyncScreen() {
  const status = useCall('sync.status', {}, { refetchInterval: POLL_MS });
  const [tab, setTab] = useState<TabId>('pendientes');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const invalidate = useInvalidate();
  const s = status.data;

  async function retry(seq?: number) {
    const r = await call('sync.retry', seq === undefined ? {} : { seq });
    setMessage(r.ok ? { severity: 'success', text: `Se reintentará ahora (${formatInt(r.value.retried)} con error o en espera).` } : { severity: 'error', text: r.error.message });
    await invalidate('sync.*', 'status.summary');
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
        <Field label="Última conexión" value={s.lastContactAt ? formatDateTimeEs(s.lastContactAt) : 'Nunca'} />
        <Field label="Próximo intento" value={s.nextAttemptAt ? formatDateTimeEs(s.nextAttemptAt) : 'Inmediato'} />
        <Field label="Última recepción" value={s.pull.lastPullAt ? formatDateTimeEs(s.pull.lastPullAt) : 'Nunca'} />
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
      <Typography variant="caption" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="body2">{value}</Typography>
    </Box>
  );
}

type ItemsFilter = Exclude<TabId, 'conflictos'>;

function ItemsTable({ filter, onRetry }: { filter: ItemsFilter; onRetry(seq: number): void }) {
  // The first 100 of the tab: the counts on the tabs say how many there are in all.
  const items = useList('sync.items', { filter, limit: 100 }, { refetchInterval: POLL_MS });
  const columns: (Column<OutboxItem> | false)[] = [
    { header: 'N.º', cell: (r) => r.seq },
    { header: 'Solicitud', cell: (r) => r.requestNumber ?? '—' },
    { header: 'Evento', cell: (r) => itemLabel(r) },
    { header: 'Registrado', cell: (r) => formatDateTimeEs(r.createdAt) },
    { header: 'Estado', cell: (r) => STATUS_LABELS[r.status] },
    { header: 'Intentos', align: 'right', cell: (r) => r.attempts },
    { header: 'Último error', cellSx: { maxWidth: 380 }, cell: (r) => r.lastError ?? '—' },
    { header: 'Próximo intento', cell: (r) => (r.nextAttemptAt ? formatDateTimeEs(r.nextAttemptAt) : filter === 'rechazados' ? '—' : 'En cuanto haya conexión') },
    filter !== 'rechazados' && {
      header: null,
      id: 'retry',
      cell: (r) => (
        <Button size="small" onClick={() => onRetry(r.seq)} aria-label={`Reintentar ${r.seq}`}>
          Reintentar
        </Button>
      ),
    },
  ];
  return <PagedTable frame="plain" label={`Envíos ${filter}`} list={items} columns={columns} rowKey={(r) => r.seq} empty={EMPTY[filter]} />;
}

const EMPTY: Record<ItemsFilter, string> = {
  pendientes: 'No hay envíos en cola: todo lo registrado en esta estación llegó al IESS.',
  fallidos: 'No hay envíos con error.',
  rechazados: 'El IESS no ha rechazado ningún envío.',
};

const CONFLICT_COLUMNS: Column<SyncConflict>[] = [
  { header: 'Fecha', cell: (r) => formatDateTimeEs(r.at) },
  { header: 'Solicitud', cell: (r) => r.requestNumber ?? '—' },
  { header: 'Motivo', cell: (r) => r.reason },
];

function ConflictsTable() {
  const conflicts = useList('sync.conflicts', { limit: 100 }, { refetchInterval: POLL_MS });
  return <PagedTable frame="plain" label="Conflictos" list={conflicts} columns={CONFLICT_COLUMNS} rowKey={(r) => r.id} empty="Todas las decisiones del IESS se aplicaron." />;
}
