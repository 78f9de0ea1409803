// «Ventanilla»: the queues and the search narrowed to the requests of one desk of the agency.
import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import { useCall } from '../api/useCall';

export function DeskFilter({ value, onChange, sx, size = 'medium' }: { value: string; onChange(station: string): void; sx?: SxProps<Theme>; size?: 'small' | 'medium' }) {
  const desks = useCall('search.desks', {}, { staleTime: 60_000 });
  return (
    <TextField
      select
      size={size}
      label="Ventanilla"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={sx}
      // «Todas las ventanillas» shows when none is chosen, not an empty box.
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">Todas las ventanillas</MenuItem>
      {desks.data?.items.map((d) => (
        <MenuItem key={d.station} value={d.station}>
          {d.own ? `${d.label} (esta)` : d.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
