import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Every screen starts with an h1 that takes focus on arrival (see AppFrame). */
export function ScreenHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: 2, mb: 2 }}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="body2" color="textSecondary">
            {subtitle}
          </Typography>
        )}
      </Box>
      {actions}
    </Box>
  );
}
