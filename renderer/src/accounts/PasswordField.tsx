import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { IconButton, InputAdornment, TextField, type TextFieldProps } from '@mui/material';
import { useState } from 'react';

/** A password input with a show/hide toggle (kept out of the Tab order: Alt+V toggles it). */
export function PasswordField(props: TextFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      onKeyDown={(e) => {
        if (e.altKey && e.key.toLowerCase() === 'v') {
          e.preventDefault();
          setVisible((v) => !v);
        }
        props.onKeyDown?.(e);
      }}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton tabIndex={-1} aria-label={visible ? 'Ocultar lo escrito' : 'Mostrar lo escrito'} onClick={() => setVisible((v) => !v)} edge="end">
                {visible ? <VisibilityOff /> : <Visibility />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
