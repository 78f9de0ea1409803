// The IESS employer registry, asked through the core once the RUC is valid (DOMAIN §4.2: what
// the check digits cannot settle is confirmed against central services). It fills an empty
// razón social and says when the registry disagrees, the RUC is unknown or the employer has not
// completed the "registro de empleador"; offline or not enrolled it says so and never blocks.
import { Alert, Button, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useCallResult } from '../../api/useCall';

const sameName = (a: string, b: string) => a.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('es') === b.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('es');

export function EmployerRegistry({ ruc, branch, legalName, onUseName }: { ruc: string | null; branch: string | null; legalName: string; onUseName(name: string): void }) {
  // The Result, not a throw: "unavailable" is an answer here, not an error of the screen.
  const lookup = useCallResult(
    'sync.lookupEmployer',
    { ruc: ruc ?? '' },
    {
      enabled: ruc !== null && /^\d{13}$/.test(ruc),
      // A found employer stays known for a while; a failed lookup is asked again next time.
      staleTime: (result) => (result?.ok ? 10 * 60_000 : 0),
    },
  );
  const answer = lookup.data?.ok ? lookup.data.value : null;

  // An empty razón social is filled once per RUC from the registry; typed text is never replaced.
  const filledFor = useRef<string | null>(null);
  const blank = legalName.trim() === '';
  useEffect(() => {
    if (answer?.found && answer.legalName && blank && filledFor.current !== answer.ruc) {
      filledFor.current = answer.ruc;
      onUseName(answer.legalName);
    }
  }, [answer, blank, onUseName]);

  if (ruc === null || !/^\d{13}$/.test(ruc)) return null;
  const line = { gridColumn: '1 / -1', mb: 0.5 } as const;
  if (lookup.isPending) {
    return (
      <Typography variant="caption" color="textSecondary" role="status" aria-label="Registro de empleadores del IESS" sx={line}>
        Consultando el registro de empleadores del IESS…
      </Typography>
    );
  }
  if (!lookup.data?.ok || !answer) {
    const why = lookup.data && !lookup.data.ok ? lookup.data.error.message : 'no hubo respuesta.';
    return (
      <Typography variant="caption" color="textSecondary" role="status" aria-label="Registro de empleadores del IESS" sx={line}>
        No se consultó el registro de empleadores del IESS ({why.replace(/\.$/, '')}). Puede continuar; confirme los datos con los documentos.
      </Typography>
    );
  }
  if (!answer.found) {
    return (
      <Alert severity="warning" role="status" aria-label="Registro de empleadores del IESS" sx={{ ...line, py: 0 }}>
        El RUC {ruc} no consta en el registro de empleadores del IESS. Confirme con el solicitante que completó el «registro de empleador».
      </Alert>
    );
  }
  const branches = answer.branches.map((b) => b.code);
  const unknownBranch = branch !== null && branches.length > 0 && !branches.includes(branch);
  const differs = answer.legalName !== null && !blank && !sameName(answer.legalName, legalName);
  return (
    <Alert
      severity={!answer.registered || unknownBranch || differs ? 'warning' : 'success'}
      role="status"
      aria-label="Registro de empleadores del IESS"
      sx={{ ...line, py: 0 }}
      action={
        differs ? (
          <Button color="inherit" size="small" onClick={() => onUseName(answer.legalName!)}>
            Usar la del registro
          </Button>
        ) : undefined
      }
    >
      Registro del IESS: {answer.legalName ?? '(sin razón social)'}
      {differs && ' — no coincide con la razón social escrita.'}
      {!answer.registered && ' El empleador no ha completado el «registro de empleador» en el IESS.'}
      {unknownBranch && ` La sucursal ${branch} no consta en el registro (sucursales: ${branches.join(', ')}).`}
    </Alert>
  );
}
