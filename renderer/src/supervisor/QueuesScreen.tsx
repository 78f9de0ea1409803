import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Alert, Badge, Box, Button, CircularProgress, List, ListItem, ListItemButton, ListItemText, Paper, Stack, type Theme } from '@mui/material';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { QueueCode, QueueRow } from '../../../shared/contract/supervisor';
import { STATE_LABELS } from '../../../shared/domain/lifecycle';
import { call } from '../api/client';
import type { QueryClient } from '@tanstack/react-query';
import { prefetchPages, useCall, useInvalidate, usePagedList, usePrefetchPages } from '../api/useCall';
import { formatInt } from '../app/format';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { PagedTable, type Column, type TableSx } from '../app/PagedTable';
import { ShortcutLegend } from '../counter/ShortcutLegend';
import { useHotkeys } from '../counter/keyboard';
import { ScreenHeader } from '../app/ScreenHeader';
import { AgeChip } from './age';
import { ApproveDialog } from './ReviewParts';
import { useNow } from './useNow';
import { DeskCell, WorkingChip } from '../app/agency';
import { DeskFilter } from './DeskFilter';
import { chipClass, chipLikeSx } from '../app/chip-like';
import { FIRST_QUEUE, FIRST_QUEUE_INPUT, queueListInput, seedFirstQueuePage } from './first-page';
import type { BootAnswers } from '../app/boot';
import { afterPaint, usePainted } from '../app/paint';

const BULK_QUEUES = new Set<QueueCode>(['por_revisar']);
const NOT_VIEWED = 'Ábrala y revísela antes de aprobarla en lote';
const NOT_VIEWED_ID = 'cola-sin-revisar';
const VIRTUAL = chipClass();
const VIEWED = chipClass('default', 'outlined');

/** The looks of the rows' plain elements (see the columns): MUI Typography body2/caption, Chip, Checkbox. */
const ROW_SX: TableSx = (theme: Theme) => ({
  ...chipLikeSx(theme),
  '& .vp-line': { display: 'block' },
  '& .vp-nowrap': { whiteSpace: 'nowrap' },
  '& .vp-sub': { ...theme.typography.caption, color: theme.palette.text.secondary },
  '& .vp-mono': { fontFamily: 'monospace' },
  '& .vp-ml': { marginLeft: theme.spacing(1) },
  '& .vp-check': { width: 18, height: 18, margin: '12px', accentColor: theme.palette.primary.main, cursor: 'pointer', '&:disabled': { cursor: 'default' } },
});

/**
 * The review of one request, loaded apart: it brings the document checks, the passport reader and
 * the contract's zod schemas, none of which the list needs. Its load starts once the list's
 * first rows are painted (QueueList), so opening a row does not wait for it, and its modules'
 * fetching and compiling do not hold up the frame that shows those rows.
 */
const loadReview = () => import('./ReviewScreen');
const ReviewScreen = lazy(() => loadReview().then((m) => ({ default: m.ReviewScreen })));

/**
 * What the screen reads first, asked for as soon as the session is known (app/AppFrame.tsx
 * `prefetchFirstSection`): the round trip overlaps drawing the app's frame instead of following
 * it. When the start asked for it with the session (app/boot.ts), that answer is the page.
 */
export function prefetchQueues(queryClient: QueryClient, boot: BootAnswers | null): void {
  if (boot?.firstQueue?.ok) seedFirstQueuePage(queryClient, boot.firstQueue.value);
  else prefetchPages(queryClient, 'queues.list', FIRST_QUEUE_INPUT);
}

export function QueuesScreen() {
  const [queue, setQueue] = useState<QueueCode>(FIRST_QUEUE);
  const [station, setStation] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  // The row the supervisor opened: focus goes back to it (or to its place) on coming back.
  const [returnFocus, setReturnFocus] = useState<{ key: string; index: number } | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const invalidate = useInvalidate();
  const refresh = () => void invalidate('queues.summary', 'queues.list');

  if (openId) {
    return (
      <Suspense fallback={<CircularProgress aria-label="Cargando" />}>
        <ReviewScreen
          id={openId}
          onBack={(message) => {
            setOpenId(null);
            if (message) setNotice({ severity: 'success', text: message });
            refresh();
          }}
        />
      </Suspense>
    );
  }
  return (
    <QueueList
      queue={queue}
      station={station}
      onStation={setStation}
      onQueue={(q) => {
        setQueue(q);
        setNotice(null);
        // Choosing a queue, also the one on screen, shows what it holds now: the cached rows
        // stay until the fresh ones arrive.
        refresh();
      }}
      onOpen={(id, index) => {
        setReturnFocus({ key: id, index });
        setOpenId(id);
      }}
      returnFocus={returnFocus}
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
  /** A desk's station code, or '' for every desk of the agency. */
  station: string;
  onStation(station: string): void;
  onQueue(q: QueueCode): void;
  onOpen(id: string, index: number): void;
  returnFocus: { key: string; index: number } | null;
  notice: { severity: 'success' | 'error' | 'warning'; text: string } | null;
  onNotice(n: { severity: 'success' | 'error' | 'warning'; text: string }): void;
}

/** How often an open queue is read again: who is working what at the other desks changes under it. */
const REFRESH_MS = 15_000;

function QueueList({ queue, station, onStation, onQueue, onOpen, returnFocus, notice, onNotice }: ListProps) {
  // The rows first: the host answers in order, and the counts take longer than a page.
  const list = usePagedList('queues.list', queueListInput(queue, station));
  const invalidateList = useInvalidate();
  useEffect(() => {
    const timer = setInterval(() => void invalidateList('queues.list'), REFRESH_MS);
    return () => clearInterval(timer);
  }, [invalidateList]);
  // The counts and the SLA are asked for once the rows are painted (app/paint.ts): on a big
  // agency they cost the core more than the page, and the rows come first.
  const painted = usePainted();
  const summary = useCall('queues.summary', {}, { refetchInterval: 30_000, enabled: painted });
  // Once this queue is on screen, the first page of the others is fetched behind it: switching
  // queues then renders from cache at once and refreshes in the background.
  const prefetch = usePrefetchPages();
  const codes = summary.data?.queues.map((q) => q.code).join(',') ?? '';
  useEffect(() => (list.loaded ? afterPaint(() => void loadReview()) : undefined), [list.loaded]);
  useEffect(() => {
    if (!list.loaded || !codes) return;
    for (const code of codes.split(',') as QueueCode[]) if (code !== queue) prefetch('queues.list', { queue: code, limit: 50 });
  }, [list.loaded, codes, queue, prefetch]);
  const now = useNow();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = list.rows;
  const sla = summary.data?.sla ?? null;
  const bulk = BULK_QUEUES.has(queue);
  const chosen = rows.filter((r) => selected.has(r.id));

  // Approving cannot be undone: the button and Alt+P ask first, Enter confirms.
  const [confirming, setConfirming] = useState(false);
  async function approveSelected(): Promise<string | null> {
    if (chosen.length === 0) return null;
    const r = await call('review.bulkApprove', { items: chosen.map((c) => ({ id: c.id, version: c.version })) });
    if (!r.ok) return r.error.message;
    setConfirming(false);
    const done = r.value.results.filter((x) => x.ok).length;
    const refused = r.value.results.filter((x) => !x.ok);
    setSelected(new Set());
    onNotice({
      severity: refused.length ? 'warning' : 'success',
      text: `${done} aprobada${done === 1 ? '' : 's'}.${refused.length ? ` No aprobadas: ${refused.map((x) => `${rows.find((row) => row.id === x.id)?.number ?? x.id}: ${x.message}`).join(' ')}` : ''}`,
    });
    return null;
  }
  const askApproval = () => chosen.length > 0 && setConfirming(true);

  useHotkeys({ alt: { KeyP: askApproval } }, bulk);
  const toggle = (row: QueueRow) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });
  // The cells are plain elements with classes the table styles once (ROW_SX): the first page
  // is 50 rows, and an MUI Typography, Chip, Checkbox and Tooltip in each row cost the screen
  // most of its first paint.
  const columns: (Column<QueueRow> | false)[] = [
    bulk && {
      header: null,
      id: 'select',
      padding: 'checkbox',
      control: true,
      cell: (r) => (
        // A native checkbox; why it is disabled is said by the browser's tooltip (title) and, to
        // screen readers, by the one hidden hint below the table (aria-describedby).
        <span title={r.viewed ? 'Seleccionar para aprobar' : NOT_VIEWED}>
          <input
            type="checkbox"
            className="vp-check"
            tabIndex={-1}
            checked={selected.has(r.id)}
            disabled={!r.viewed}
            onChange={() => toggle(r)}
            aria-label={`Seleccionar ${r.number}`}
            aria-describedby={r.viewed ? undefined : NOT_VIEWED_ID}
          />
        </span>
      ),
    },
    {
      header: 'Número',
      cellSx: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
      cell: (r) => (
        <>
          {r.number}
          {r.channel === 'virtual' && <span className={`${VIRTUAL} vp-ml`}>Virtual</span>}
          <WorkingChip working={r.working} />
        </>
      ),
    },
    {
      header: 'Empleador',
      cell: (r) => (
        <>
          <span className="vp-line">{r.employerLegalName}</span>
          <span className="vp-sub vp-mono">{r.employerRuc}</span>
        </>
      ),
    },
    // One column for both, the clerk under the desk: beside the list of queues a seventh column
    // would push the wait (the SLA chip) past a 1366-pixel screen.
    {
      header: 'Ventanilla · ventanillero',
      cell: (r) => (
        <>
          <span className="vp-line vp-nowrap">
            <DeskCell station={r.station} channel={r.channel} />
          </span>
          <span className="vp-sub">{r.clerkName ?? '—'}</span>
        </>
      ),
    },
    {
      header: 'Estado',
      cell: (r) => (
        <>
          {STATE_LABELS[r.state]}
          {r.viewed && <span className={`${VIEWED} vp-ml`}>revisada</span>}
        </>
      ),
    },
    { header: 'Espera', cell: (r) => <AgeChip ageMs={now - r.stateSince} state={r.state} sla={sla} /> },
  ];

  return (
    <>
      <ScreenHeader
        title="Colas de trabajo"
        subtitle="Solicitudes de la agencia por estado; las que más esperan, primero."
        actions={
          bulk ? (
            <Button variant="contained" startIcon={<DoneAllIcon />} disabled={chosen.length === 0} onClick={askApproval}>
              Aprobar seleccionadas ({chosen.length}) · Alt+P
            </Button>
          ) : undefined
        }
      />
      {confirming && (
        <ApproveDialog number={chosen.length === 1 ? chosen[0]!.number : `${chosen.length} solicitudes`} count={chosen.length} onClose={() => setConfirming(false)} onConfirm={approveSelected} />
      )}
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
          <DeskFilter size="small" value={station} onChange={onStation} sx={{ mb: 1.5, minWidth: 220 }} />
          <PagedTable
            label="Solicitudes de la cola"
            list={list}
            columns={columns}
            rowKey={(r) => r.id}
            rowLabel={(r) => `Solicitud ${r.number}`}
            rowSelected={(r) => selected.has(r.id)}
            onOpen={(r) => onOpen(r.id, rows.indexOf(r))}
            returnFocus={returnFocus}
            onRowKeyDown={(e, r) => {
              if (e.key === ' ' && bulk && r.viewed) {
                e.preventDefault();
                toggle(r);
              }
            }}
            empty="No hay solicitudes en esta cola."
            tableSx={ROW_SX}
          />
          {bulk && (
            <Box id={NOT_VIEWED_ID} hidden>
              {NOT_VIEWED}
            </Box>
          )}
        </Box>
      </Stack>
    </>
  );
}
