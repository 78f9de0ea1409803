import { Paper, Stack, Typography } from '@mui/material';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { ScreenHeader } from '../app/ScreenHeader';
import { ChangePasswordForm } from './ChangePasswordForm';

export function AccountScreen({ session, onSessionChange }: { session: SessionInfo; onSessionChange(s: SessionInfo): void }) {
  const { user } = session;
  return (
    <>
      <ScreenHeader title="Mi cuenta" subtitle={`${user.displayName} · ${ROLE_LABELS[user.role]} · usuario ${user.username}`} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ p: 3, flex: 1, maxWidth: 520 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Cambiar contraseña
          </Typography>
          <ChangePasswordForm username={user.username} onChanged={onSessionChange} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 3, flex: 1, maxWidth: 420 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Seguridad de la sesión
          </Typography>
          <Typography variant="body2" color="textSecondary">
            La pantalla se bloquea tras {session.idleLockMinutes} minutos sin actividad; lo que esté escribiendo se conserva. Tres contraseñas
            incorrectas seguidas bloquean la cuenta temporalmente. Cada consulta de datos personales queda registrada con su usuario.
          </Typography>
        </Paper>
      </Stack>
    </>
  );
}
