// The theme's colours as plain values, without MUI, so tests can compare what is drawn with them.
// IESS institutional blue and a calm, high-contrast palette for eight-hour days at the counter.
export const PALETTE = {
  primary: { main: '#0b4f8a' },
  secondary: { main: '#00796b' },
  // Darker than MUI's defaults so text and outlined buttons meet WCAG AA (4.5:1) on white.
  warning: { main: '#a35200' },
  success: { main: '#1b6e20' },
  // MUI's own default, written out so the dashboard's «Rechazadas» can be checked against it.
  error: { main: '#d32f2f' },
  background: { default: '#f4f6f9' },
} as const;
