import { Alert, Button, Stack } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { passwordProblem } from '../../../shared/contract/password-policy';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call } from '../api/client';
import { PasswordField } from './PasswordField';
import { PasswordPolicy } from './PasswordPolicy';

interface Props {
  username: string;
  currentLabel?: string;
  onChanged(session: SessionInfo): void;
}

export function ChangePasswordForm({ username, currentLabel = 'Contraseña actual', onChanged }: Props) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const mismatch = confirm !== '' && confirm !== next;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const problem = passwordProblem(next, username) ?? (next !== confirm ? 'La confirmación no coincide con la nueva contraseña.' : null);
    if (problem) return setError(problem);
    setBusy(true);
    const r = await call('account.changePassword', { currentPassword: current, newPassword: next });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setCurrent('');
    setNext('');
    setConfirm('');
    setDone(true);
    onChanged(r.value);
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 420 }}>
      <PasswordField label={currentLabel} value={current} onChange={(e) => setCurrent(e.target.value)} required autoFocus autoComplete="current-password" />
      <PasswordField label="Nueva contraseña" value={next} onChange={(e) => setNext(e.target.value)} required autoComplete="new-password" />
      <PasswordPolicy password={next} username={username} />
      <PasswordField
        label="Confirme la nueva contraseña"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        required
        autoComplete="new-password"
        error={mismatch}
        helperText={mismatch ? 'No coincide con la nueva contraseña.' : ' '}
      />
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {done && <Alert severity="success">La contraseña fue cambiada.</Alert>}
      <Button type="submit" variant="contained" disabled={busy}>
        Cambiar contraseña
      </Button>
    </Stack>
  );
}
