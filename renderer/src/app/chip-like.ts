// Chips as plain spans for lists of many rows: MUI's Chip is a styled component of its own (two
// style computations per chip, per render); a table of 50 rows with one or two chips each spent
// more on them than on the rows' text. These classes look like a small MUI Chip
// (@mui/material Chip.js: size small, filled or outlined, a palette colour) and are styled once
// by the table that holds them (PagedTable `tableSx`).
import type { Theme } from '@mui/material';
import type { SystemStyleObject } from '@mui/system';

export type ChipColor = 'default' | 'success' | 'warning' | 'error' | 'primary';

/** The class names of a chip-like span: `<span className={chipClass('success', 'filled')}>`. */
export function chipClass(color: ChipColor = 'default', variant: 'filled' | 'outlined' = 'filled'): string {
  return `vp-chip vp-chip-${variant}${color === 'default' ? '' : ` vp-chip-${color}`}`;
}

const COLORS = ['success', 'warning', 'error', 'primary'] as const;

/** The styles of the classes chipClass names, for a container's sx. */
export function chipLikeSx(theme: Theme): SystemStyleObject<Theme> {
  const colored: Record<string, SystemStyleObject<Theme>> = {};
  for (const c of COLORS) {
    const { main, contrastText } = theme.palette[c];
    colored[`& .vp-chip-filled.vp-chip-${c}`] = { backgroundColor: main, color: contrastText };
    colored[`& .vp-chip-outlined.vp-chip-${c}`] = { color: main, border: `1px solid ${theme.alpha(main, 0.7)}` };
  }
  return {
    '& .vp-chip': {
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      boxSizing: 'border-box',
      maxWidth: '100%',
      height: 24,
      padding: '0 8px',
      borderRadius: '16px',
      fontFamily: theme.typography.fontFamily,
      fontSize: theme.typography.pxToRem(13),
      lineHeight: 1.5,
      whiteSpace: 'nowrap',
      verticalAlign: 'middle',
      color: theme.palette.text.primary,
      backgroundColor: theme.palette.action.selected,
    },
    '& .vp-chip-outlined': { backgroundColor: 'transparent', border: `1px solid ${theme.palette.grey[400]}`, padding: '0 7px' },
    ...colored,
  };
}
