import { createTheme } from '@mui/material/styles';
import { esES } from '@mui/material/locale';
import { PALETTE } from './palette';

// IESS institutional blue and a calm, high-contrast palette (./palette.ts).
export const theme = createTheme(
  {
    palette: PALETTE,
    typography: { fontFamily: 'Roboto, "Segoe UI", "Liberation Sans", Arial, sans-serif' },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  },
  esES,
);
