import { Box, type Theme } from '@mui/material';
import type { SystemStyleObject } from '@mui/system';

/**
 * The legend's items are plain elements styled once by the list: what MUI's caption Typography
 * and a small bordered key looked like, without a styled component per item and per key, which
 * every screen with a legend paid on arrival. The text keeps the page's colour, as it showed
 * before (the Typography's color="text.secondary" did not take in MUI 9).
 */
const LEGEND_SX = (theme: Theme): SystemStyleObject<Theme> => ({
  display: 'flex',
  flexWrap: 'wrap',
  gap: 1.5,
  m: 0,
  p: 0,
  listStyle: 'none',
  '& > li': { ...theme.typography.caption, margin: 0, whiteSpace: 'nowrap' },
  '& kbd': {
    padding: `${theme.spacing(0.1)} ${theme.spacing(0.5)}`,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: `${Number(theme.shape.borderRadius) * 0.5}px`,
    backgroundColor: theme.palette.background.paper,
    fontFamily: 'inherit',
    fontWeight: 500,
  },
});

/** The shortcuts of the current step, always on screen: nobody has to remember them. */
export function ShortcutLegend({ items }: { items: readonly [keys: string, what: string][] }) {
  return (
    <Box component="ul" aria-label="Atajos de teclado" sx={LEGEND_SX}>
      {items.map(([keys, what]) => (
        <li key={keys}>
          {keys.split(' / ').map((k, i) => (
            <span key={k}>
              {i > 0 && ' / '}
              <kbd>{k}</kbd>
            </span>
          ))}{' '}
          {what}
        </li>
      ))}
    </Box>
  );
}
