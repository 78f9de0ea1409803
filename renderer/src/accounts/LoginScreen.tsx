import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call } from '../api/client';
import { CenteredCard } from './CenteredCard';
import { PasswordField } from './PasswordField';

interface Props {
  info: CallOutput<'system.info'>;
  onLogin(token: string, session: SessionInfo): void;
}

export function LoginScreen({ info, onLogin }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await call('session.login', { username, password });
    setBusy(false);
    if (r.ok) onLogin(r.value.token, r.value.session);
    else {
      setError(r.error.message);
      setPassword('');
    }
  }

  return (
    <CenteredCard title="Ventanilla Patronal" subtitle={info.agency ? info.agency.name : 'Estación sin agencia configurada'} width={420}>
      <Stack component="form" spacing={2.5} onSubmit={submit} aria-label="Ingreso">
        <TextField label="Usuario" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus autoComplete="username" required />
        <PasswordField label="Contraseña" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          Ingresar
        </Button>
        <Typography variant="caption" color="textSecondary" sx={{ textAlign: 'center' }}>
          Versión {info.appVersion}
        </Typography>
      </Stack>
    </CenteredCard>
  );
}
