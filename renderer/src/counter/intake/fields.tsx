// Intake inputs. Each is memoized and receives only strings and stable callbacks, so a
// keystroke re-renders the field typed in (and those whose message changed), not the form.
import { Box, Checkbox, FormControl, FormControlLabel, FormHelperText, FormLabel, Paper, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import { memo, type ReactNode } from 'react';
import type { IntakeField } from '../../../../shared/domain';
import { esToIso, isoToEs } from '../../../../shared/domain/dates';

export const fieldId = (field: IntakeField | 'mrz' | 'artisanIndefinite') => `intake-${field}`;

export interface Message {
  error?: string;
  warning?: string;
}

/** Helper line under a field: the error in red, else the warning in amber, else the hint. */
export function helperOf(error: string | undefined, warning: string | undefined, hint?: string): { text: ReactNode; error: boolean; warning: boolean } {
  if (error) return { text: error, error: true, warning: false };
  if (warning) return { text: warning, error: false, warning: true };
  return { text: hint ?? '', error: false, warning: false };
}

interface TextProps<F extends IntakeField> {
  field: F;
  label: string;
  value: string;
  error?: string | undefined;
  warning?: string | undefined;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'date' | 'email' | 'tel';
  span?: number;
  mono?: boolean;
  maxLength?: number;
  disabled?: boolean;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  onChange(field: F, value: string): void;
  onBlur(): void;
}

function IntakeTextImpl<F extends IntakeField>(p: TextProps<F>) {
  const h = helperOf(p.error, p.warning, p.hint);
  const date = p.type === 'date';
  return (
    <TextField
      id={fieldId(p.field)}
      label={p.label}
      value={date ? isoToEs(p.value) : p.value}
      required={p.required}
      disabled={p.disabled}
      type={date ? 'text' : (p.type ?? 'text')}
      placeholder={date ? 'dd/mm/aaaa' : undefined}
      size="small"
      error={h.error}
      helperText={h.text || ' '}
      onChange={(e) => p.onChange(p.field, date ? esToIso(e.target.value) : e.target.value)}
      onBlur={p.onBlur}
      sx={{
        gridColumn: `span ${p.span ?? 1}`,
        '& .MuiFormHelperText-root': { mx: 0.5, minHeight: '1.25em', ...(h.warning ? { color: 'warning.dark' } : {}) },
        '& input': p.mono || date ? { fontFamily: 'monospace', letterSpacing: 0.5 } : {},
      }}
      slotProps={{
        htmlInput: {
          'data-advance': '',
          maxLength: date ? 10 : p.maxLength,
          inputMode: date ? 'numeric' : p.inputMode,
          autoComplete: 'off',
          spellCheck: false,
          'aria-invalid': h.error || undefined,
        },
        inputLabel: date ? { shrink: true } : {},
      }}
    />
  );
}
export const IntakeText = memo(IntakeTextImpl) as typeof IntakeTextImpl;

interface SelectProps<F extends IntakeField> {
  field: F;
  label: string;
  value: string;
  options: readonly { code: string; label: string }[];
  error?: string | undefined;
  warning?: string | undefined;
  hint?: string;
  required?: boolean;
  span?: number;
  onChange(field: F, value: string): void;
  onBlur(): void;
}

/** Native select: instant, and the keyboard's type-ahead picks an option by its first letters. */
function IntakeSelectImpl<F extends IntakeField>(p: SelectProps<F>) {
  const h = helperOf(p.error, p.warning, p.hint);
  return (
    <TextField
      select
      id={fieldId(p.field)}
      label={p.label}
      value={p.value}
      required={p.required}
      size="small"
      error={h.error}
      helperText={h.text || ' '}
      onChange={(e) => p.onChange(p.field, e.target.value)}
      onBlur={p.onBlur}
      sx={{ gridColumn: `span ${p.span ?? 1}`, '& .MuiFormHelperText-root': { mx: 0.5, ...(h.warning ? { color: 'warning.dark' } : {}) } }}
      slotProps={{ select: { native: true }, htmlInput: { 'data-advance': '' }, inputLabel: { shrink: true } }}
    >
      <option value="">— Seleccione —</option>
      {p.options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
export const IntakeSelect = memo(IntakeSelectImpl) as typeof IntakeSelectImpl;

export const IntakeCheckbox = memo(function IntakeCheckbox(p: { id: string; label: string; checked: boolean; disabled?: boolean; onChange(checked: boolean): void; span?: number }) {
  return (
    <FormControlLabel
      sx={{ gridColumn: `span ${p.span ?? 1}`, m: 0, alignSelf: 'start' }}
      control={<Checkbox id={p.id} size="small" checked={p.checked} disabled={p.disabled} onChange={(e) => p.onChange(e.target.checked)} slotProps={{ input: { ...({ 'data-advance': '' } as object) } }} />}
      label={p.label}
    />
  );
});

export const ApplicantKindField = memo(function ApplicantKindField(p: {
  value: string;
  options: readonly { code: string; label: string }[];
  error?: string | undefined;
  warning?: string | undefined;
  onChange(value: string): void;
}) {
  const h = helperOf(p.error, undefined, 'Teclas 1 a 4 eligen el tipo; las flechas también.');
  return (
    <FormControl error={h.error} sx={{ gridColumn: '1 / -1' }} component="fieldset">
      <FormLabel component="legend" sx={{ fontSize: 13 }} id="applicant-kind-label">
        Tipo de solicitante *
      </FormLabel>
      <RadioGroup
        row
        aria-labelledby="applicant-kind-label"
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        onKeyDown={(e) => {
          const option = p.options[Number(e.key) - 1];
          if (/^[1-9]$/.test(e.key) && option) {
            e.preventDefault();
            p.onChange(option.code);
            document.getElementById(`${fieldId('applicantKind')}-${option.code}`)?.focus();
          }
        }}
      >
        {p.options.map((o, i) => (
          <FormControlLabel
            key={o.code}
            value={o.code}
            sx={{ mr: 3 }}
            control={<Radio size="small" slotProps={{ input: { id: `${fieldId('applicantKind')}-${o.code}`, ...({ 'data-advance': '', 'data-group': 'applicantKind' } as object) } }} />}
            label={
              <span>
                <Typography component="span" variant="caption" color="textSecondary" sx={{ mr: 0.5 }}>
                  {i + 1}
                </Typography>
                {o.label}
              </span>
            }
          />
        ))}
      </RadioGroup>
      <FormHelperText sx={{ mx: 0.5 }}>{h.text}</FormHelperText>
    </FormControl>
  );
});

export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 1.5, pb: 0.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
        <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, color: 'primary.main' }}>
          {title}
        </Typography>
        {aside}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', columnGap: 1.5, rowGap: 0.5 }}>{children}</Box>
    </Paper>
  );
}
