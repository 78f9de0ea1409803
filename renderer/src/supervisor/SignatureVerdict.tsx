// The verified electronic signature of a scan, as the supervisor reads it: one line with the
// verdict («Firma válida de …» / «Documento modificado después de firmar» / …) and, one click
// away, the checks behind it per signature (docs/signatures.md).
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { SignatureCheck } from '../../../shared/contract/signature-report';
import { formatDateTimeEs } from '../../../shared/domain/dates';

type Scan = CallOutput<'review.scans'>['items'][number];
type Signatures = NonNullable<Scan['signature']>;

const ITEM_LABELS: Record<SignatureCheck['item'], string> = {
  integridad: 'Integridad',
  modificaciones: 'Cambios después de firmar',
  certificado: 'Certificado',
  cadena: 'Autoridad de certificación',
  sello_de_tiempo: 'Sello de tiempo',
  revocacion: 'Revocación',
  identidad: 'Firmante',
};

const SOURCE_LABELS = { sello_de_tiempo: 'según el sello de tiempo', atributo: 'fecha declarada por el firmante', diccionario: 'fecha declarada en el PDF' } as const;

export function severityOf(scan: Pick<Scan, 'acceptance'>): 'success' | 'warning' | 'error' {
  return scan.acceptance === 'si' ? 'success' : scan.acceptance === 'con_excepcion' ? 'warning' : 'error';
}

const ICONS = { success: <CheckCircleIcon fontSize="small" />, warning: <WarningIcon fontSize="small" />, error: <ErrorIcon fontSize="small" /> };

/** The verdict of one scan's signatures, with «Detalles de la firma» opening the checks. */
export function SignatureVerdictLine({ scan, title }: { scan: Scan; title: string }) {
  const [open, setOpen] = useState(false);
  if (!scan.signature) return null;
  const severity = severityOf(scan);
  return (
    <Alert
      severity={severity}
      icon={ICONS[severity]}
      variant="outlined"
      sx={{ py: 0, px: 1, alignItems: 'center', '& .MuiAlert-message': { py: 0.5 } }}
      action={
        scan.signature.signatures.length > 0 ? (
          <Button size="small" color="inherit" sx={{ whiteSpace: 'nowrap' }} onClick={() => setOpen(true)} aria-label={`Detalles de la firma de ${title}`}>
            Detalles
          </Button>
        ) : undefined
      }
      data-verdict={scan.signature.verdict}
    >
      <Typography variant="body2" component="span">
        {scan.signature.summary}
        {scan.acceptance === 'con_excepcion' && ' (se acepta por la excepción configurada por la agencia)'}
      </Typography>
      {open && <SignatureDetails signatures={scan.signature} title={title} onClose={() => setOpen(false)} />}
    </Alert>
  );
}

function SignatureDetails({ signatures, title, onClose }: { signatures: Signatures; title: string; onClose(): void }) {
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="signature-details-title">
      <DialogTitle id="signature-details-title">Firmas electrónicas: {title}</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body1" sx={{ fontWeight: 700, mb: 1 }}>
          {signatures.summary}
        </Typography>
        <Stack spacing={2}>
          {signatures.signatures.map((s) => (
            <Box key={s.index} component="section" aria-label={`Firma ${s.index}`}>
              <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700 }}>
                Firma {s.index}
                {s.fieldName ? ` (campo «${s.fieldName}»)` : ''}: {s.summary}
              </Typography>
              {s.signer && (
                <Typography variant="body2" color="textSecondary">
                  Titular: {s.signer.name ?? 'sin nombre'}
                  {s.signer.cedula ? `, C.I. ${s.signer.cedula}` : ''} · Emisor: {s.signer.issuer ?? 'desconocido'} · Certificado n.º {s.signer.serial}, vigente del {formatDateTimeEs(s.signer.validFrom)} al{' '}
                  {formatDateTimeEs(s.signer.validTo)}
                </Typography>
              )}
              {s.signedAt !== null && (
                <Typography variant="body2" color="textSecondary">
                  Firmada el {formatDateTimeEs(s.signedAt)}
                  {s.signedAtSource ? ` (${SOURCE_LABELS[s.signedAtSource]})` : ''} · Formato {s.subFilter ?? 'desconocido'}
                </Typography>
              )}
              <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 0, listStyle: 'none' }}>
                {s.checks.map((c, n) => {
                  const severity = c.status === 'ok' ? 'success' : c.status === 'aviso' ? 'warning' : 'error';
                  return (
                    <Box component="li" key={n} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', py: 0.25 }}>
                      <Box sx={{ color: `${severity}.main`, pt: '2px' }} aria-hidden>
                        {ICONS[severity]}
                      </Box>
                      <Typography variant="body2">
                        <strong>{ITEM_LABELS[c.item]}:</strong> {c.detail}
                      </Typography>
                    </Box>
                  );
                })}
              </Box>
            </Box>
          ))}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Cerrar
        </Button>
      </DialogActions>
    </Dialog>
  );
}
