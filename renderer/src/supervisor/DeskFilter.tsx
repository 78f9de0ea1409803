// «Ventanilla»: the queues and the search narrowed to the requests of one desk of the agency.
import { Box, MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import { useCall } from '../api/useCall';
import { usePainted } from '../app/paint';

/** The outlined field's height (MUI InputBase: 40 px small, 56 px medium), kept while it is not drawn yet. */
const HEIGHT = { small: 40, medium: 56 } as const;

export function DeskFilter({ value, onChange, sx, size = 'medium' }: { value: string; onChange(station: string): void; sx?: SxProps<Theme>; size?: 'small' | 'medium' }) {
  // Drawn, and its desks asked for, the frame after its screen's first one (app/paint.ts): a
  // select is a dozen styled parts that the queue's first rows need not wait for. Its place is kept.
  const painted = usePainted();
  const desks = useCall('search.desks', {}, { staleTime: 60_000, enabled: painted });
  if (!painted) return <Box sx={[{ height: HEIGHT[size] }, ...(Array.isArray(sx) ? sx : [sx])]} />;
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
