import { Box, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** The frame of the screens shown before the app: login, first start, forced password change. */
export function CenteredCard({ title, subtitle, width = 440, children }: { title: string; subtitle?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', py: 4 }}>
      <Paper sx={{ p: 4, width }} elevation={2}>
        <Stack spacing={2.5}>
          <Box>
            <Typography variant="overline" color="primary">
              IESS · Centro de Atención Universal
            </Typography>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
              {title}
            </Typography>
            {subtitle && (
              <Typography variant="body2" color="textSecondary" component="div">
                {subtitle}
              </Typography>
            )}
          </Box>
          {children}
        </Stack>
      </Paper>
    </Box>
  );
}
