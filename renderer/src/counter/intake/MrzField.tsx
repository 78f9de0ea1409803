import { Alert, Box, Button, TextField, Typography } from '@mui/material';
import { memo } from 'react';
import { fieldId } from './fields';
import type { MrzFeedback } from './model';

export type { MrzFeedback };

/**
 * The passport's machine-readable zone. A keyboard-wedge reader "types" the two lines into
 * this box; the screen parses on every change and fills the passport fields from it.
 */
export const MrzField = memo(function MrzField(p: { value: string; feedback: MrzFeedback | null; onChange(value: string): void; onBlur(): void }) {
  const f = p.feedback;
  const error = (f?.errors.length ?? 0) > 0;
  return (
    <Box sx={{ gridColumn: '1 / -1' }}>
      <TextField
        id={fieldId('mrz')}
        label="Zona de lectura mecánica (MRZ)"
        multiline
        minRows={2}
        maxRows={3}
        fullWidth
        size="small"
        value={p.value}
        error={error}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
        helperText={
          error
            ? f!.errors.join(' ')
            : f?.read
              ? `Leído: ${f.read}`
              : 'Pase el pasaporte por el lector (o digite las dos líneas de 44 caracteres): se llenan número, nombres, nacionalidad y caducidad.'
        }
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', style: { fontFamily: 'monospace', fontSize: 13, letterSpacing: 0.5 } }, formHelperText: { sx: { mx: 0.5 } } }}
      />
      {f?.suggestion && (
        <Alert
          severity="warning"
          sx={{ mt: 0.5, py: 0 }}
          action={
            <Button color="inherit" size="small" onClick={() => p.onChange(f.suggestion!.mrz)}>
              Usar la corrección
            </Button>
          }
        >
          {f.suggestion.message}
        </Alert>
      )}
      {f && f.mismatches.length > 0 && (
        <Typography role="alert" variant="caption" sx={{ color: 'warning.dark', display: 'block', mx: 0.5 }}>
          {f.mismatches.join(' ')}
        </Typography>
      )}
    </Box>
  );
});
