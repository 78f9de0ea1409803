import DoneAllIcon from '@mui/icons-material/DoneAll';
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Chip,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { QueueCode, QueueRow } from '../../../shared/contract/supervisor';
import { STATE_LABELS } from '../../../shared/domain/lifecycle';
import { call } from '../api/client';
import { useCall, usePagedCall } from '../api/useCall';
import { formatInt } from '../app/format';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { ShortcutLegend } from '../counter/ShortcutLegend';
import { useHotkeys } from '../counter/keyboard';
import { ScreenHeader } from '../app/ScreenHeader';
import { AgeChip } from './age';
import { ReviewScreen } from './ReviewScreen';
import { useNow } from './useNow';

const BULK_QUEUES = new Set<QueueCode>(['por_revisar']);

export function QueuesScreen() {
  const [queue, setQueue] = useState<QueueCode>('por_revisar');
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ predicate: (q) => ['queues.summary', 'queues.list'].includes(String(q.queryKey[0])) });

  if (openId) {
    return (
      <ReviewScreen
        id={openId}
        onBack={(message) => {
          setOpenId(null);
          if (message) setNotice({ severity: 'success', text: message });
          refresh();
        }}
      />
    );
  }
  return (
    <QueueList
      queue={queue}
      onQueue={(q) => {
        setQueue(q);
        setNotice(null);
      }}
      onOpen={setOpenId}
      notice={notice}
      onNotice={(n) => {
        setNotice(n);
        refresh();
      }}
    />
  );
}

interface ListProps {
  queue: QueueCode;
  onQueue(q: QueueCode): void;
  onOpen(id: string): void;
  notice: { severity: 'success' | 'error' | 'warning'; text: string } | null;
  onNotice(n: { severity: 'success' | 'error' | 'warning'; text: string }): void;
}

function QueueList({ queue, onQueue, onOpen, notice, onNotice }: ListProps) {
  // The rows first: the host answers in order, and the counts take longer than a page.
  const list = usePagedCall('queues.list', { queue, limit: 50 });
  const summary = useCall('queues.summary', {}, { refetchInterval: 30_000 });
  const now = useNow();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const sla = summary.data?.sla ?? null;
  const bulk = BULK_QUEUES.has(queue);
  const chosen = rows.filter((r) => selected.has(r.id));

  async function approveSelected() {
    if (chosen.length === 0) return;
    const r = await call('review.bulkApprove', { items: chosen.map((c) => ({ id: c.id, version: c.version })) });
    if (!r.ok) return onNotice({ severity: 'error', text: r.error.message });
    const done = r.value.results.filter((x) => x.ok).length;
    const refused = r.value.results.filter((x) => !x.ok);
    setSelected(new Set());
    onNotice({
      severity: refused.length ? 'warning' : 'success',
      text: `${done} aprobada${done === 1 ? '' : 's'}.${refused.length ? ` No aprobadas: ${refused.map((x) => `${rows.find((row) => row.id === x.id)?.number ?? x.id}: ${x.message}`).join(' ')}` : ''}`,
    });
  }

  useHotkeys({ alt: { KeyP: () => void approveSelected() } }, bulk);
  const toggle = (row: QueueRow) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });

  return (
    <>
      <ScreenHeader
        title="Colas de trabajo"
        subtitle="Solicitudes de la agencia por estado; las que más esperan, primero."
        actions={
          bulk ? (
            <Button variant="contained" startIcon={<DoneAllIcon />} disabled={chosen.length === 0} onClick={() => void approveSelected()}>
              Aprobar seleccionadas ({chosen.length}) · Alt+P
            </Button>
          ) : undefined
        }
      />
      <ShortcutLegend items={[['Tab', 'recorrer las solicitudes'], ['Enter', 'abrir y revisar'], ['Espacio', 'seleccionar (ya revisada)'], ['Alt+P', 'aprobar las seleccionadas']]} />
      {notice && (
        <Alert severity={notice.severity} sx={{ mb: 2 }} role="status">
          {notice.text}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ width: 280, flexShrink: 0 }}>
          <List dense aria-label="Colas">
            {summary.data?.queues.map((q) => (
              <ListItem key={q.code} disablePadding>
                <ListItemButton selected={q.code === queue} onClick={() => onQueue(q.code)} aria-current={q.code === queue ? 'true' : undefined}>
                  <ListItemText primary={q.label} secondary={q.oldestSince ? `más antigua: ${formatDateTimeEs(q.oldestSince)}` : 'vacía'} />
                  <Badge badgeContent={formatInt(q.count)} color={q.count > 0 ? 'primary' : 'default'} max={99999} showZero sx={{ '& .MuiBadge-badge': { position: 'static', transform: 'none' } }} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Paper>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          {list.error && <Alert severity="error">{list.error.message}</Alert>}
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Solicitudes de la cola">
              <TableHead>
                <TableRow>
                  {bulk && <TableCell padding="checkbox" />}
                  <TableCell>Número</TableCell>
                  <TableCell>Empleador</TableCell>
                  <TableCell>Ventanillero</TableCell>
                  <TableCell>Estado</TableCell>
                  <TableCell>Espera</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow
                    key={r.id}
                    hover
                    tabIndex={0}
                    aria-label={`Solicitud ${r.number}`}
                    selected={selected.has(r.id)}
                    onClick={() => onOpen(r.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') onOpen(r.id);
                      if (e.key === ' ' && bulk && r.viewed) {
                        e.preventDefault();
                        toggle(r);
                      }
                    }}
                    sx={{ cursor: 'pointer' }}
                  >
                    {bulk && (
                      <TableCell padding="checkbox" onClick={(e) => e.stopPropagation()}>
                        <Tooltip title={r.viewed ? 'Seleccionar para aprobar' : 'Ábrala y revísela antes de aprobarla en lote'}>
                          <span>
                            <Checkbox tabIndex={-1} checked={selected.has(r.id)} disabled={!r.viewed} onChange={() => toggle(r)} slotProps={{ input: { 'aria-label': `Seleccionar ${r.number}` } }} />
                          </span>
                        </Tooltip>
                      </TableCell>
                    )}
                    <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                      {r.number}
                      {r.channel === 'virtual' && <Chip size="small" label="Virtual" sx={{ ml: 1 }} />}
                    </TableCell>
                    <TableCell>
                      <Typography variant="body2">{r.employerLegalName}</Typography>
                      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                        {r.employerRuc}
                      </Typography>
                    </TableCell>
                    <TableCell>{r.clerkName ?? '—'}</TableCell>
                    <TableCell>
                      {STATE_LABELS[r.state]}
                      {r.viewed && <Chip size="small" variant="outlined" label="revisada" sx={{ ml: 1 }} />}
                    </TableCell>
                    <TableCell>
                      <AgeChip ageMs={now - r.stateSince} state={r.state} sla={sla} />
                    </TableCell>
                  </TableRow>
                ))}
                {list.isSuccess && rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={6}>No hay solicitudes en esta cola.</TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </TableContainer>
          {list.hasNextPage && (
            <Button sx={{ mt: 1 }} onClick={() => void list.fetchNextPage()}>
              Cargar más
            </Button>
          )}
        </Box>
      </Stack>
    </>
  );
}
