import { TextField, type TextFieldProps } from '@mui/material';
import { useState } from 'react';
import { esToIso, isoToEs } from '../../../shared/domain/dates';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  /** yyyy-mm-dd, or '' for none. */
  value: string;
  onChange(iso: string): void;
};

/**
 * A date typed as dd/mm/aaaa whatever the operating system's language (a native date input
 * shows mm/dd on many machines). Reports yyyy-mm-dd once complete, '' when emptied.
 */
export function DateField({ value, onChange, ...rest }: Props) {
  const [typed, setTyped] = useState(() => isoToEs(value));
  return (
    <TextField
      {...rest}
      value={typed}
      placeholder="dd/mm/aaaa"
      onChange={(e) => {
        const next = esToIso(e.target.value);
        const complete = /^\d{4}-\d{2}-\d{2}$/.test(next);
        setTyped(complete ? isoToEs(next) : next);
        if (complete || next === '') onChange(next);
      }}
      slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-description': 'Formato dd/mm/aaaa' } }}
    />
  );
}
