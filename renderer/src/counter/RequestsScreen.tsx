import {
  Alert,
  Button,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
} from '@mui/material';
import { useState } from 'react';
import { REQUEST_STATES } from '../../../shared/contract';
import { usePagedCall } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { REQUEST_STATE_LABELS } from '../app/labels';
import { ScreenHeader } from '../app/ScreenHeader';

type StateFilter = (typeof REQUEST_STATES)[number] | '';
const PAGE = 50;

export function RequestsScreen() {
  const [filter, setFilter] = useState<StateFilter>('');
  const list = usePagedCall('requests.list', { limit: PAGE, ...(filter ? { state: filter } : {}) });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <ScreenHeader
        title="Solicitudes"
        subtitle="Solicitudes de clave patronal de la agencia, las más recientes primero"
        actions={
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
        }
      />
      {list.error && <Alert severity="error">{list.error.message}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Solicitudes" aria-busy={list.isFetching}>
          <TableHead>
            <TableRow>
              <TableCell>Número</TableCell>
              <TableCell>Ingreso</TableCell>
              <TableCell>Canal</TableCell>
              <TableCell>RUC</TableCell>
              <TableCell>Razón social</TableCell>
              <TableCell>Ventanillero</TableCell>
              <TableCell>Estado</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} hover>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{r.number}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeEs(r.createdAt)}</TableCell>
                <TableCell>{r.channel === 'virtual' ? 'Virtual' : 'Presencial'}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{r.employerRuc}</TableCell>
                <TableCell>{r.employerLegalName}</TableCell>
                <TableCell>{r.clerkName ?? '—'}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={REQUEST_STATE_LABELS[r.state]} />
                </TableCell>
              </TableRow>
            ))}
            {list.isSuccess && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>No hay solicitudes en este estado.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {list.hasNextPage && (
        <Button sx={{ mt: 2 }} variant="outlined" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          Cargar más
        </Button>
      )}
    </>
  );
}
