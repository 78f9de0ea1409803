import SearchIcon from '@mui/icons-material/Search';
import { DateField } from '../app/DateField';
import { Alert, Button, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { CallInput } from '../../../shared/contract';
import { REQUEST_STATES, STATE_LABELS } from '../../../shared/domain/lifecycle';
import { useCall, usePagedCall } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { ScreenHeader } from '../app/ScreenHeader';
import { ReviewScreen } from './ReviewScreen';

type Filters = CallInput<'search.requests'>;
const EMPTY = { text: '', from: '', to: '', clerkId: '', state: '', sort: 'recientes' as 'recientes' | 'antiguas' };

/** Drops empty fields: the contract treats absent as "any". */
function toQuery(form: typeof EMPTY): Filters {
  const q: Filters = { limit: 25, sort: form.sort };
  if (form.text.trim()) q.text = form.text.trim();
  if (form.from) q.from = form.from;
  if (form.to) q.to = form.to;
  if (form.clerkId) q.clerkId = form.clerkId;
  if (form.state) q.state = form.state as (typeof REQUEST_STATES)[number];
  return q;
}

export function SearchScreen() {
  const [form, setForm] = useState(EMPTY);
  const [query, setQuery] = useState<Filters | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  if (openId) return <ReviewScreen id={openId} onBack={() => setOpenId(null)} />;
  return (
    <>
      <ScreenHeader title="Buscar solicitudes" subtitle="Por número, RUC, cédula o pasaporte, o nombres (sin importar tildes; basta el comienzo de cada palabra)." />
      <SearchForm form={form} onChange={setForm} onSearch={() => setQuery(toQuery(form))} />
      {query && <Results query={query} onOpen={setOpenId} />}
    </>
  );
}

function SearchForm({ form, onChange, onSearch }: { form: typeof EMPTY; onChange(f: typeof EMPTY): void; onSearch(): void }) {
  const clerks = useCall('review.clerks', {});
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => onChange({ ...form, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch();
  };
  return (
    <Paper component="form" variant="outlined" sx={{ p: 2, mb: 2 }} onSubmit={submit} role="search" aria-label="Buscar solicitudes">
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField label="Número, RUC, documento o nombres" value={form.text} onChange={set('text')} autoFocus sx={{ minWidth: 320, flex: 2 }} />
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
        <TextField select label="Estado" value={form.state} onChange={set('state')} sx={{ minWidth: 190 }}>
          <MenuItem value="">Todos</MenuItem>
          {REQUEST_STATES.map((s) => (
            <MenuItem key={s} value={s}>
              {STATE_LABELS[s]}
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

function Results({ query, onOpen }: { query: Filters; onOpen(id: string): void }) {
  const results = usePagedCall('search.requests', query);
  const rows = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {results.error && <Alert severity="error">{results.error.message}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Resultados de la búsqueda" aria-busy={results.isFetching}>
          <TableHead>
            <TableRow>
              <TableCell>Número</TableCell>
              <TableCell>Ingreso</TableCell>
              <TableCell>Empleador</TableCell>
              <TableCell>Representante</TableCell>
              <TableCell>Ventanillero</TableCell>
              <TableCell>Estado</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} hover tabIndex={0} sx={{ cursor: 'pointer' }} onClick={() => onOpen(r.id)} onKeyDown={(e) => e.key === 'Enter' && onOpen(r.id)}>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{r.number}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeEs(r.createdAt)}</TableCell>
                <TableCell>
                  {r.employerLegalName || '—'} <span style={{ fontFamily: 'monospace', opacity: 0.7 }}>{r.employerRuc}</span>
                </TableCell>
                <TableCell>{r.representativeNames ?? '—'}</TableCell>
                <TableCell>{r.clerkName ?? '—'}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={STATE_LABELS[r.state]} />
                </TableCell>
              </TableRow>
            ))}
            {results.isSuccess && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>Ninguna solicitud coincide con la búsqueda.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {results.hasNextPage && (
        <Button sx={{ mt: 1 }} onClick={() => void results.fetchNextPage()}>
          Cargar más
        </Button>
      )}
    </>
  );
}
