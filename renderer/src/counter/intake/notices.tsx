// What the intake says around the form: the request's heading, typing recovered from this
// computer, and the employer's other open requests (a possible duplicate).
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import type { CallOutput } from '../../../../shared/contract';
import { STATE_LABELS, type IntakeField } from '../../../../shared/domain';
import { formatDateTimeEs, isoToEs } from '../../../../shared/domain/dates';
import type { RequestDetail } from '../useRequest';
import type { Reconciled } from './localDraft';
import { FIELD_LABELS } from './model';

export function RequestHeading({ detail }: { detail: RequestDetail }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
          Solicitud <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.9em' }}>{detail.number}</Box>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {STATE_LABELS[detail.state]} ·{' '}
          {detail.appointment ? `Turno ${detail.appointment.time} · ${detail.appointment.confirmationCode}` : detail.walkIn ? `Sin turno, autorizó ${detail.walkIn.authorizedBy}` : 'Sin turno'}
        </Typography>
      </Box>
    </Box>
  );
}

const shownValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 'sí' : 'no') : v === null || v === undefined || v === '' ? '(vacío)' : `«${isoToEs(String(v))}»`);

/** Typing recovered from this computer: said plainly, and never put over newer data unasked. */
export function RecoveryNotice({ recovery, onRecover, onDiscard, onDismiss }: { recovery: Exclude<Reconciled, { kind: 'none' }>; onRecover(): void; onDiscard(): void; onDismiss(): void }) {
  const fields = (Object.keys(recovery.fields) as IntakeField[]).filter((f) => f in FIELD_LABELS);
  if (recovery.kind === 'restore') {
    return (
      <Alert severity="info" role="status" aria-label="Datos recuperados" onClose={onDismiss} sx={{ py: 0 }}>
        Se recuperó lo que escribió en este equipo el {formatDateTimeEs(recovery.at)} y no se había guardado ({fields.map((f) => FIELD_LABELS[f]).join(', ')}). Se guarda ahora en la solicitud.
      </Alert>
    );
  }
  return (
    <Alert
      severity="warning"
      role="alert"
      aria-label="Datos sin guardar de este equipo"
      action={
        <Stack direction="row" spacing={1} sx={{ alignSelf: 'center' }}>
          <Button color="inherit" size="small" variant="outlined" onClick={onRecover}>
            Recuperar lo escrito aquí
          </Button>
          <Button color="inherit" size="small" onClick={onDiscard}>
            Descartar
          </Button>
        </Stack>
      }
    >
      En este equipo quedó lo que escribió el {formatDateTimeEs(recovery.at)} sin llegar a guardarse, pero la solicitud se modificó después (en otra ventana o estación). No se reemplazó nada:
      <Box component="ul" sx={{ my: 0.25, pl: 2.5 }}>
        {fields.map((f) => (
          <li key={f}>
            <Typography variant="body2">
              {FIELD_LABELS[f]}: {shownValue(recovery.fields[f])}
            </Typography>
          </li>
        ))}
      </Box>
    </Alert>
  );
}

type OpenRequest = CallOutput<'requests.findOpenByEmployer'>['items'][number];

/** Other open requests of the agency for the same employer and branch: confirmed before continuing. */
export function DuplicatesNotice({ items, ruc, branch, acked, onAck }: { items: OpenRequest[]; ruc: string | undefined; branch: string | undefined; acked: boolean; onAck(checked: boolean): void }) {
  return (
    <Alert severity="warning" role="alert" aria-label="Solicitudes abiertas del mismo empleador">
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        Este empleador (RUC {ruc}, sucursal {branch}) ya tiene {items.length === 1 ? 'una solicitud abierta' : `${items.length} solicitudes abiertas`} en la agencia:
      </Typography>
      <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
        {items.map((d) => (
          <li key={d.id}>
            <Typography variant="body2">
              <Box component="span" sx={{ fontFamily: 'monospace' }}>{d.number}</Box> · {STATE_LABELS[d.state]} · {d.clerkName ?? 'sin ventanillero'} · creada {formatDateTimeEs(d.createdAt)}
            </Typography>
          </li>
        ))}
      </Box>
      <FormControlLabel control={<Checkbox id="ack-duplicates" size="small" checked={acked} onChange={(e) => onAck(e.target.checked)} />} label="Revisé las solicitudes abiertas: esta no es un duplicado" />
    </Alert>
  );
}
