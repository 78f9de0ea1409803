import { Box, Typography } from '@mui/material';

/** The shortcuts of the current step, always on screen: nobody has to remember them. */
export function ShortcutLegend({ items }: { items: readonly [keys: string, what: string][] }) {
  return (
    <Box component="ul" aria-label="Atajos de teclado" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, m: 0, p: 0, listStyle: 'none' }}>
      {items.map(([keys, what]) => (
        <Typography key={keys} component="li" variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
          {keys.split(' / ').map((k, i) => (
            <span key={k}>
              {i > 0 && ' / '}
              <Box component="kbd" sx={{ px: 0.5, py: 0.1, border: 1, borderColor: 'divider', borderRadius: 0.5, bgcolor: 'background.paper', fontFamily: 'inherit', fontWeight: 500 }}>
                {k}
              </Box>
            </span>
          ))}{' '}
          {what}
        </Typography>
      ))}
    </Box>
  );
}
