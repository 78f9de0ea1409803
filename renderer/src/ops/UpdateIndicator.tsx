// Status-bar indicator: the version that runs and, when one waits, the update ready to install.
// The restart is refused (with the core's message) while an intake is unsaved.
import SystemUpdateAltIcon from '@mui/icons-material/SystemUpdateAlt';
import { Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { call } from '../api/client';
import { useCall } from '../api/useCall';
import { usePainted } from '../app/paint';

const REFRESH_MS = 60_000;

export function UpdateIndicator({ appVersion }: { appVersion: string }) {
  const painted = usePainted();
  const status = useCall('app.updateStatus', {}, { refetchInterval: REFRESH_MS, enabled: painted });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = status.data;

  async function install() {
    const r = await call('app.installUpdate', {});
    if (!r.ok) setError(r.error.message);
    else setConfirming(false);
  }

  return (
    <>
      {s?.state === 'lista' && s.availableVersion && (
        <Tooltip title={s.message ?? ''}>
          <Chip
            size="small"
            color="warning"
            icon={<SystemUpdateAltIcon />}
            label={`Actualización ${s.availableVersion} lista`}
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          />
        </Tooltip>
      )}
      {s?.state === 'descargando' && <Chip size="small" variant="outlined" label={`Descargando ${s.availableVersion ?? ''} ${s.percent ?? 0} %`} />}
      <Typography variant="caption" color="textSecondary" aria-label="Versión en uso">
        v{s?.currentVersion ?? appVersion}
      </Typography>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="update-title">
        <DialogTitle id="update-title">¿Reiniciar y actualizar a la versión {s?.availableVersion}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            La aplicación se cerrará, instalará la actualización y volverá a abrirse. Si tiene una atención en curso, termínela primero: mientras haya
            trabajo sin guardar la actualización espera. También se instala sola la próxima vez que cierre la aplicación.
          </DialogContentText>
          {error && (
            <DialogContentText role="alert" color="error" sx={{ mt: 2 }}>
              {error}
            </DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            Más tarde
          </Button>
          <Button variant="contained" onClick={() => void install()}>
            Reiniciar y actualizar
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
