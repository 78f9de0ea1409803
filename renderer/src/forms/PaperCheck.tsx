// "Verificar formulario impreso": the applicant hands over a paper; the clerk (or supervisor)
// scans its QR code with the keyboard-wedge reader — which types the code's text into the
// focused field and presses Enter — or types it, and the core says whether that paper was
// printed here from the record: which request and form, which wording version, when and by
// whom; or that it does not match (altered, or not from this agency).
import QrCodeScannerIcon from '@mui/icons-material/QrCodeScanner';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
} from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { PAPER_LABELS } from '../../../shared/contract/paper-kinds';
import { STATE_LABELS } from '../../../shared/domain';
import { call } from '../api/client';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { focusSoon, useHotkeys } from '../counter/keyboard';

type Verified = CallOutput<'forms.verifyQr'>;

export const PAPER_CHECK_FIELD_ID = 'paper-check-qr';

const TITLES: Record<Verified['outcome'], string> = {
  autentico: 'Documento auténtico',
  alterado: 'NO COINCIDE con el registro',
  desconocido: 'No corresponde a esta agencia',
  no_reconocido: 'Código no reconocido',
};
const SEVERITY = { autentico: 'success', alterado: 'error', desconocido: 'error', no_reconocido: 'warning' } as const;

/** What the forms' QR codes start with (electron/core/forms/digest.ts QR_PREFIX). */
export const looksLikeFormQr = (text: string) => text.trim().startsWith('IESS-VP1|');

/**
 * The button (and Alt+Q) that opens the check, for the screens where a paper comes in. A QR
 * scanned into another field of the screen arrives as `scanned` and is checked at once.
 */
export function PaperCheckButton({ scanned, onScannedTaken }: { scanned?: string | null; onScannedTaken?(): void } = {}) {
  const [opened, setOpen] = useState(false);
  useHotkeys({ alt: { KeyQ: () => setOpen(true) } });
  const open = opened || !!scanned;
  return (
    <>
      <Button variant="outlined" startIcon={<QrCodeScannerIcon />} onClick={() => setOpen(true)} aria-keyshortcuts="Alt+Q" title="Alt+Q" sx={{ mt: 0.5, height: 48, whiteSpace: 'nowrap', flexShrink: 0 }}>
        Verificar formulario impreso
      </Button>
      {open && (
        <PaperCheckDialog
          initial={scanned ?? undefined}
          onClose={() => {
            setOpen(false);
            onScannedTaken?.();
          }}
        />
      )}
    </>
  );
}

export function PaperCheckDialog({ onClose, initial }: { onClose(): void; initial?: string }) {
  const [payload, setPayload] = useState(initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Verified | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async (text: string) => {
    setBusy(true);
    setError(null);
    const r = await call('forms.verifyQr', { payload: text });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else {
      setResult(null);
      setError(r.error.message);
    }
    // Ready for the next scan: the text stays selected, so the reader's next code replaces it.
    focusSoon(PAPER_CHECK_FIELD_ID, true);
  };
  const check = (e: FormEvent) => {
    e.preventDefault();
    // The dialog is portalled but still inside the screen's React tree: its submit must not reach a form around the button.
    e.stopPropagation();
    if (!busy) void verify(payload);
  };
  // A code scanned elsewhere on the screen is checked as soon as the dialog opens.
  const started = useRef(false);
  useEffect(() => {
    if (initial && !started.current) {
      started.current = true;
      void verify(initial);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the code the dialog opened with
  }, []);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="paper-check-title">
      <DialogTitle id="paper-check-title">Verificar formulario impreso</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Escanee con el lector el código QR (el cuadrado) de cualquier página del formulario, o escriba su contenido y presione Enter. Se compara con lo que se
          imprimió en esta agencia.
        </DialogContentText>
        <Box component="form" onSubmit={check} noValidate sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start' }}>
          <TextField
            id={PAPER_CHECK_FIELD_ID}
            label="Contenido del código QR"
            value={payload}
            onChange={(e) => {
              setPayload(e.target.value);
              setError(null);
            }}
            error={!!error}
            helperText={error ?? 'Empieza por IESS-VP1|… Si el lector escribe otros símbolos en lugar de «|», configúrelo con la distribución de teclado del equipo.'}
            autoFocus
            fullWidth
            autoComplete="off"
            slotProps={{ htmlInput: { maxLength: 500, spellCheck: false, style: { fontFamily: 'monospace', fontSize: 15 } } }}
          />
          <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 1, whiteSpace: 'nowrap', flexShrink: 0 }}>
            Verificar
          </Button>
        </Box>
        {result && <PaperCheckResult result={result} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cerrar (Esc)</Button>
      </DialogActions>
    </Dialog>
  );
}

function PaperCheckResult({ result }: { result: Verified }) {
  const rows: [string, string][] = [];
  if (result.number) rows.push([result.kind === 'orientacion' ? 'Hoja N.º' : 'Solicitud', result.number]);
  if (result.kind) rows.push(['Formulario', `${PAPER_LABELS[result.kind]}${result.templateVersion ? ` (plantilla v${result.templateVersion})` : ''}`]);
  if (result.request) rows.push(['Estado de la solicitud', STATE_LABELS[result.request.state]]);
  const g = result.guidance;
  if (g) {
    rows.push(['Trámite', g.procedureLabel]);
    rows.push(['Solicitante', `${g.names} · ${g.identification}`]);
    for (const print of g.prints) rows.push([print.reprint ? 'Reimpresa' : 'Impresa', `${formatDateTimeEs(print.at)}${print.actor ? ` por ${print.actor}` : ''}`]);
  }
  const p = result.printed;
  if (p) {
    rows.push(['Empleador', `${p.employerLegalName} · RUC ${p.employerRuc}`]);
    rows.push(['Representante legal', `${p.representativeNames} · ${p.representativeId}`]);
    rows.push(['Tercero autorizado', p.thirdPartyNames ?? 'No (retira el representante legal)']);
    for (const print of p.prints) {
      rows.push([
        print.reprint ? 'Reimpreso' : 'Impreso',
        `${formatDateTimeEs(print.at)}${print.actor ? ` por ${print.actor}` : ''}${print.reprint && print.reason ? ` · motivo: ${print.reason}` : ''}`,
      ]);
    }
  }
  return (
    <Box role="status" aria-live="polite" aria-label="Resultado de la verificación" sx={{ mt: 2 }}>
      <Alert severity={SEVERITY[result.outcome]} variant={result.valid ? 'standard' : 'filled'}>
        <AlertTitle sx={{ fontWeight: 700 }}>{TITLES[result.outcome]}</AlertTitle>
        {result.message}
        {!result.valid && result.outcome !== 'no_reconocido' && ' No acepte este documento como firmado: informe al supervisor.'}
      </Alert>
      {rows.length > 0 && (
        <Table size="small" aria-label="Datos del registro" sx={{ mt: 1 }}>
          <TableBody>
            {rows.map(([label, value], i) => (
              <TableRow key={`${label}-${i}`}>
                <TableCell component="th" scope="row" sx={{ width: 200, color: 'text.secondary' }}>
                  {label}
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {(p || g) && (
        <DialogContentText variant="body2" sx={{ mt: 1 }}>
          {p
            ? 'Compare estos datos con los del papel: el código QR certifica que el papel salió de este registro; las firmas se revisan a la vista.'
            : 'Compare estos datos con los del papel: el código QR certifica que la hoja salió de este registro.'}
        </DialogContentText>
      )}
    </Box>
  );
}
