import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { call } from '../api/client';
import { PasswordField } from './PasswordField';

interface Props {
  session: SessionInfo;
  onUnlocked(session: SessionInfo): void;
  onLogout(): void;
}

/**
 * Covers the app without unmounting it: whatever the clerk was typing is still there, in
 * memory and in the saved draft, after the password is entered again.
 */
export function LockScreen({ session, onUnlocked, onLogout }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('session.unlock', { password });
    setBusy(false);
    setPassword('');
    if (r.ok) onUnlocked(r.value);
    else setError(r.error.message);
  }

  return (
    <Dialog open fullWidth maxWidth="xs" aria-labelledby="lock-title" slotProps={{ backdrop: { sx: { backdropFilter: 'blur(8px)', bgcolor: 'rgba(11,79,138,0.55)' } } }}>
      <Box component="form" onSubmit={submit}>
        <DialogTitle id="lock-title" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <LockIcon color="primary" /> Sesión bloqueada
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2">
              La pantalla se bloqueó por {session.idleLockMinutes} minuto{session.idleLockMinutes === 1 ? '' : 's'} de inactividad. Lo que estaba
              escribiendo se conserva. Ingrese la contraseña de <strong>{session.user.displayName}</strong> para continuar.
            </Typography>
            <PasswordField label="Contraseña" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus required autoComplete="current-password" />
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onLogout}>Cerrar sesión</Button>
          <Button type="submit" variant="contained" disabled={busy || password === ''}>
            Desbloquear
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
