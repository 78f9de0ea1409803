import { createTheme } from '@mui/material/styles';
import { esES } from '@mui/material/locale';

// IESS institutional blue and a calm, high-contrast palette for eight-hour days at the counter.
export const theme = createTheme(
  {
    palette: {
      primary: { main: '#0b4f8a' },
      secondary: { main: '#00796b' },
      // Darker than MUI's defaults so text and outlined buttons meet WCAG AA (4.5:1) on white.
      warning: { main: '#a35200' },
      success: { main: '#1b6e20' },
      background: { default: '#f4f6f9' },
    },
    typography: { fontFamily: 'Roboto, "Segoe UI", "Liberation Sans", Arial, sans-serif' },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  },
  esES,
);
