import { Chip, FormControl, InputLabel, MenuItem, Select } from '@mui/material';
import { useState } from 'react';
import { REQUEST_STATES, type CallOutput } from '../../../shared/contract';
import { usePagedList } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { REQUEST_STATE_LABELS } from '../app/labels';
import { PagedTable, type Column } from '../app/PagedTable';
import { ScreenHeader } from '../app/ScreenHeader';
import { DeskCell, WorkingChip } from '../app/agency';
import { REQUEST_TYPE_CODES, REQUEST_TYPE_LABELS, REQUEST_TYPE_REGISTRY, type RequestType } from '../../../shared/domain/request-types';

type StateFilter = (typeof REQUEST_STATES)[number] | '';
type Row = CallOutput<'requests.list'>['items'][number];
const PAGE = 50;

const COLUMNS: Column<Row>[] = [
  { header: 'Número', cell: (r) => r.number, cellSx: { fontFamily: 'monospace', whiteSpace: 'nowrap' } },
  { header: 'Ingreso', cell: (r) => formatDateTimeEs(r.createdAt), cellSx: { whiteSpace: 'nowrap' } },
  { header: 'Canal', cell: (r) => (r.channel === 'virtual' ? 'Virtual' : 'Presencial') },
  { header: 'RUC', cell: (r) => r.employerRuc, cellSx: { fontFamily: 'monospace' } },
  { header: 'Razón social', cell: (r) => r.employerLegalName },
  { header: 'Ventanilla', cell: (r) => <DeskCell station={r.station} channel={r.channel} /> },
  { header: 'Ventanillero', cell: (r) => r.clerkName ?? '—' },
  {
    header: 'Estado',
    cell: (r) => (
      <>
        <Chip size="small" variant="outlined" label={REQUEST_STATE_LABELS[r.state]} />
        <WorkingChip working={r.working} />
      </>
    ),
  },
  // Last, so that the columns before it keep their places.
  { header: 'Trámite', cell: (r) => REQUEST_TYPE_LABELS[r.requestType] },
];

export function RequestsScreen() {
  const [filter, setFilter] = useState<StateFilter>('');
  const [type, setType] = useState<RequestType | ''>('');
  const list = usePagedList('requests.list', { limit: PAGE, ...(filter ? { state: filter } : {}), ...(type ? { requestType: type } : {}) });
  return (
    <>
      <ScreenHeader
        title="Solicitudes"
        subtitle="Trámites de la agencia, los más recientes primero"
        actions={
          <>
          <FormControl size="small" sx={{ minWidth: 260, mr: 1 }}>
            <InputLabel id="filtro-tipo" shrink>
              Tipo de trámite
            </InputLabel>
            <Select labelId="filtro-tipo" label="Tipo de trámite" displayEmpty notched value={type} onChange={(e) => setType(e.target.value as RequestType | '')}>
              <MenuItem value="">Todos los trámites</MenuItem>
              {REQUEST_TYPE_CODES.map((t) => (
                <MenuItem key={t} value={t}>
                  {REQUEST_TYPE_REGISTRY[t].label}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 240 }}>
            <InputLabel id="filtro-estado" shrink>
              Estado
            </InputLabel>
            <Select labelId="filtro-estado" label="Estado" displayEmpty notched value={filter} onChange={(e) => setFilter(e.target.value as StateFilter)}>
              <MenuItem value="">Todos los estados</MenuItem>
              {REQUEST_STATES.map((s) => (
                <MenuItem key={s} value={s}>
                  {REQUEST_STATE_LABELS[s]}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          </>
        }
      />
      <PagedTable
        label="Solicitudes"
        list={list}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        empty="No hay solicitudes en este estado."
      />
    </>
  );
}
