import SearchIcon from '@mui/icons-material/Search';
import { DateField } from '../app/DateField';
import { Button, Chip, MenuItem, Paper, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { CallInput, CallOutput } from '../../../shared/contract';
import { REQUEST_STATES, STATE_LABELS } from '../../../shared/domain/lifecycle';
import { REQUEST_TYPE_CODES, REQUEST_TYPE_LABELS, REQUEST_TYPE_REGISTRY, type RequestType } from '../../../shared/domain/request-types';
import { useCall, usePagedList } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { PagedTable, type Column } from '../app/PagedTable';
import { ScreenHeader } from '../app/ScreenHeader';
import { ReviewScreen } from './ReviewScreen';
import { DeskCell, WorkingChip } from '../app/agency';
import { DeskFilter } from './DeskFilter';

type Filters = CallInput<'search.requests'>;
const EMPTY = { text: '', from: '', to: '', clerkId: '', station: '', state: '', requestType: '', sort: 'recientes' as 'recientes' | 'antiguas' };

/** Drops empty fields: the contract treats absent as "any". */
function toQuery(form: typeof EMPTY): Filters {
  const q: Filters = { limit: 25, sort: form.sort };
  if (form.text.trim()) q.text = form.text.trim();
  if (form.from) q.from = form.from;
  if (form.to) q.to = form.to;
  if (form.clerkId) q.clerkId = form.clerkId;
  if (form.station) q.station = form.station;
  if (form.state) q.state = form.state as (typeof REQUEST_STATES)[number];
  if (form.requestType) q.requestType = form.requestType as RequestType;
  return q;
}

export function SearchScreen() {
  const [form, setForm] = useState(EMPTY);
  const [query, setQuery] = useState<Filters | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  // The result the supervisor opened: focus goes back to it on coming back from the review.
  const [returnFocus, setReturnFocus] = useState<{ key: string; index: number } | null>(null);
  if (openId) return <ReviewScreen id={openId} onBack={() => setOpenId(null)} />;
  return (
    <>
      <ScreenHeader title="Buscar solicitudes" subtitle="Por número, RUC, cédula, pasaporte o código de extranjero, o nombres (sin importar tildes; basta el comienzo de cada palabra)." />
      <SearchForm form={form} onChange={setForm} onSearch={() => setQuery(toQuery(form))} autoFocus={returnFocus === null} />
      {query && (
        <Results
          query={query}
          returnFocus={returnFocus}
          onOpen={(id, index) => {
            setReturnFocus({ key: id, index });
            setOpenId(id);
          }}
        />
      )}
    </>
  );
}

function SearchForm({ form, onChange, onSearch, autoFocus }: { form: typeof EMPTY; onChange(f: typeof EMPTY): void; onSearch(): void; autoFocus: boolean }) {
  const clerks = useCall('review.clerks', {});
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => onChange({ ...form, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch();
  };
  return (
    <Paper component="form" variant="outlined" sx={{ p: 2, mb: 2 }} onSubmit={submit} role="search" aria-label="Buscar solicitudes">
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField label="Número, RUC, documento o nombres" value={form.text} onChange={set('text')} autoFocus={autoFocus} sx={{ minWidth: 320, flex: 2 }} />
        <DateField label="Desde" value={form.from} onChange={(from) => onChange({ ...form, from })} sx={{ width: 150 }} />
        <DateField label="Hasta" value={form.to} onChange={(to) => onChange({ ...form, to })} sx={{ width: 150 }} />
        <TextField select label="Ventanillero" value={form.clerkId} onChange={set('clerkId')} sx={{ minWidth: 200 }}>
          <MenuItem value="">Todos</MenuItem>
          {clerks.data?.items.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.displayName}
            </MenuItem>
          ))}
        </TextField>
        <DeskFilter value={form.station} onChange={(station) => onChange({ ...form, station })} sx={{ minWidth: 190 }} />
        <TextField select label="Estado" value={form.state} onChange={set('state')} sx={{ minWidth: 190 }}>
          <MenuItem value="">Todos</MenuItem>
          {REQUEST_STATES.map((s) => (
            <MenuItem key={s} value={s}>
              {STATE_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Tipo de trámite" value={form.requestType} onChange={set('requestType')} sx={{ minWidth: 210 }}>
          <MenuItem value="">Todos</MenuItem>
          {REQUEST_TYPE_CODES.map((t) => (
            <MenuItem key={t} value={t}>
              {REQUEST_TYPE_REGISTRY[t].label}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Orden" value={form.sort} onChange={set('sort')} sx={{ minWidth: 150 }}>
          <MenuItem value="recientes">Más recientes</MenuItem>
          <MenuItem value="antiguas">Más antiguas</MenuItem>
        </TextField>
        <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
          Buscar
        </Button>
      </Stack>
    </Paper>
  );
}

type Row = CallOutput<'search.requests'>['items'][number];

const COLUMNS: Column<Row>[] = [
  { header: 'Número', cell: (r) => r.number, cellSx: { fontFamily: 'monospace', whiteSpace: 'nowrap' } },
  { header: 'Ingreso', cell: (r) => formatDateTimeEs(r.createdAt), cellSx: { whiteSpace: 'nowrap' } },
  {
    header: 'Empleador',
    cell: (r) => (
      <>
        {r.employerLegalName || '—'} <span style={{ fontFamily: 'monospace', opacity: 0.7 }}>{r.employerRuc}</span>
      </>
    ),
  },
  { header: 'Representante', cell: (r) => r.representativeNames ?? '—' },
  { header: 'Ventanilla', cell: (r) => <DeskCell station={r.station} channel={r.channel} /> },
  { header: 'Ventanillero', cell: (r) => r.clerkName ?? '—' },
  {
    header: 'Estado',
    cell: (r) => (
      <>
        <Chip size="small" variant="outlined" label={STATE_LABELS[r.state]} />
        <WorkingChip working={r.working} />
      </>
    ),
  },
  // Last, so that the columns before it keep their places.
  { header: 'Trámite', cell: (r) => REQUEST_TYPE_LABELS[r.requestType] },
];

function Results({ query, onOpen, returnFocus }: { query: Filters; onOpen(id: string, index: number): void; returnFocus: { key: string; index: number } | null }) {
  const results = usePagedList('search.requests', query);
  return (
    <PagedTable
      label="Resultados de la búsqueda"
      list={results}
      columns={COLUMNS}
      rowKey={(r) => r.id}
      onOpen={(r) => onOpen(r.id, results.rows.indexOf(r))}
      returnFocus={returnFocus}
      empty="Ninguna solicitud coincide con la búsqueda."
    />
  );
}
