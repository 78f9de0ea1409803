// Is the foreign representative registered or affiliated in the IESS? Only then is the foreigner
// code asked for (docs/seeds/004_…:63). Asked of central through the core once the passport number
// and nationality are known; central's answer fills «Registro en el IESS» (and the code) when the
// clerk has not chosen yet. Offline it says so: the clerk records «No registrado (sin consulta)».
import { Alert, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import type { ForeignerRegistration, IntakeDraft } from '../../../../shared/domain';
import { useCallResult } from '../../api/useCall';

export function ForeignerRegistry({ passport, nationality, current, onAnswer }: { passport: string | null; nationality: string | null; current: ForeignerRegistration | null; onAnswer(patch: IntakeDraft): void }) {
  const enabled = passport !== null && nationality !== null && nationality !== 'ECU';
  const lookup = useCallResult('sync.lookupForeigner', { passport: passport ?? '', nationality: nationality ?? '' }, { enabled, staleTime: (r) => (r?.ok ? 10 * 60_000 : 0) });
  const answer = lookup.data?.ok ? lookup.data.value : null;

  // Central's answer is applied once per passport, and only over an empty or an offline choice.
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!answer || appliedFor.current === `${answer.passport}-${answer.nationality}`) return;
    if (current !== null && current !== 'no_registrado_sin_consulta') return;
    appliedFor.current = `${answer.passport}-${answer.nationality}`;
    onAnswer(answer.registered ? { foreignerRegistration: 'registrado', foreignerCode: answer.code ?? '' } : { foreignerRegistration: 'no_registrado', foreignerCode: '' });
  }, [answer, current, onAnswer]);

  const line = { gridColumn: '1 / -1', mt: -0.5, mb: 0.5 } as const;
  const label = 'Registro de extranjeros del IESS';
  if (!enabled) {
    return (
      <Typography variant="caption" color="textSecondary" role="status" aria-label={label} sx={line}>
        Con el número de pasaporte y la nacionalidad se consulta al IESS si el representante está registrado o afiliado (solo entonces presenta el código).
      </Typography>
    );
  }
  if (lookup.isPending) {
    return (
      <Typography variant="caption" color="textSecondary" role="status" aria-label={label} sx={line}>
        Consultando el registro de extranjeros del IESS…
      </Typography>
    );
  }
  if (!answer) {
    const why = lookup.data && !lookup.data.ok ? lookup.data.error.message.replace(/\.$/, '') : 'no hubo respuesta';
    return (
      <Typography variant="caption" color="textSecondary" role="status" aria-label={label} sx={line}>
        No se pudo consultar al IESS ({why}). Si el representante no tiene código del IESS, elija «No registrado (sin consulta al IESS)».
      </Typography>
    );
  }
  return (
    <Alert severity="info" role="status" aria-label={label} sx={{ ...line, py: 0 }}>
      {answer.registered ? `El IESS lo tiene registrado con el código ${answer.code ?? '(sin código)'}: presenta copia del código.` : 'El IESS no lo tiene registrado ni afiliado: no se pide el código de extranjero.'}
    </Alert>
  );
}
