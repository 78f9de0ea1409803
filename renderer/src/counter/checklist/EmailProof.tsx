// The active e-mail (docs/seeds/004_…:43): the IESS sends a short code to the address, the
// applicant reads it on their phone and the clerk types it here; a few attempts, minutes to use
// it. Offline, or when the applicant cannot receive it, the clerk records «no verificado» and why:
// the supervisor reads it in the review.
import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { catalogLabel, EMAIL_UNVERIFIED_REASONS, formatTimeEs } from '../../../../shared/domain';
import { call } from '../../api/client';
import { focusSoon } from '../keyboard';
import type { RequestDetail, RequestHandle } from '../useRequest';

const STATUS_TEXT = {
  codigo_incorrecto: 'El código no coincide.',
  vencido: 'El código venció: envíe uno nuevo.',
  bloqueado: 'Se agotaron los intentos: envíe un código nuevo.',
} as const;

/** What the proof is for, in the words of the request's type (the employer key by default). */
export interface EmailProofWording {
  purpose: string;
  /** Said after a «no verificado»: who reads it. */
  unverifiedReader: string;
}
const EMPLOYER_WORDING: EmailProofWording = {
  purpose: 'La clave patronal se envía a este correo: el IESS manda un código y el solicitante lo lee en su teléfono (ficha del trámite, nota de requisitos).',
  unverifiedReader: 'El supervisor lo verá en la revisión.',
};

export function EmailProof({
  detail,
  request,
  editable,
  wording = EMPLOYER_WORDING,
  beforeSend,
}: {
  detail: RequestDetail;
  request: RequestHandle;
  editable: boolean;
  wording?: EmailProofWording;
  /** Saves what is on screen first (the code goes to the address typed there); false stops the send. */
  beforeSend?: () => Promise<boolean>;
}) {
  const proof = detail.emailProof;
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [unverifying, setUnverifying] = useState(false);
  const [message, setMessage] = useState<{ severity: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const noteNeeded = EMAIL_UNVERIFIED_REASONS.find((r) => r.code === reason)?.requiresNote === true;
  // Where the focus goes once the element exists. A plain setTimeout (focusSoon) may run before
  // React has committed the field the state change renders; so the target waits in a ref, a state
  // tick guarantees one more render, and the effect after each render focuses it once it exists.
  const pendingFocus = useRef<string | null>(null);
  const [, setFocusTick] = useState(0);
  const focusWhenShown = (id: string) => {
    pendingFocus.current = id;
    setFocusTick((t) => t + 1);
  };
  useEffect(() => {
    const id = pendingFocus.current;
    const el = id ? document.getElementById(id) : null;
    if (!el) return;
    el.focus();
    // Focusing scrolls only the field into view: the panel it opens (its note and «Registrar»
    // button) and the message under it would stay below the fold. Show the whole section.
    el.closest('section')?.scrollIntoView({ block: 'nearest' });
    pendingFocus.current = null;
  });

  const send = async () => {
    setBusy(true);
    if (beforeSend && !(await beforeSend())) return setBusy(false);
    const r = await request.run((version) => call('requests.sendEmailCode', { id: detail.id, version }));
    setBusy(false);
    if (!r.ok) {
      // Offline or not enrolled: the way forward is recording why.
      setMessage({ severity: 'error', text: r.error.message });
      if (r.error.code === 'unavailable') {
        setUnverifying(true);
        setReason('sin_conexion');
        focusWhenShown('email-reason');
      }
      return;
    }
    setMessage({ severity: 'info', text: `Código enviado a ${detail.intake.email ?? 'el correo'}: vence a las ${formatTimeEs(r.value.expiresAt)}; ${r.value.maxAttempts} intentos.` });
    setCode('');
    await request.reload();
    focusWhenShown('email-code');
  };

  const confirm = async () => {
    if (!/^\d{4,8}$/.test(code.trim())) return setMessage({ severity: 'error', text: 'Escriba el código de 6 dígitos que llegó al correo.' });
    setBusy(true);
    const r = await request.run((version) => call('requests.confirmEmailCode', { id: detail.id, version, code: code.trim() }));
    setBusy(false);
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    await request.reload();
    if (r.value.status === 'verificado') {
      setMessage(null);
      return focusSoon('action-submit');
    }
    const left = r.value.status === 'codigo_incorrecto' ? ` Quedan ${r.value.attemptsLeft} intentos.` : '';
    setMessage({ severity: 'error', text: `${STATUS_TEXT[r.value.status]}${left}` });
    setCode('');
    focusWhenShown(r.value.status === 'codigo_incorrecto' ? 'email-code' : 'email-send');
  };

  const record = async () => {
    const entry = EMAIL_UNVERIFIED_REASONS.find((r) => r.code === reason);
    if (!entry) return setMessage({ severity: 'error', text: 'Seleccione por qué no se pudo verificar el correo.' });
    if (entry.requiresNote && !note.trim()) return setMessage({ severity: 'error', text: 'Este motivo requiere una observación: escríbala.' });
    setBusy(true);
    const r = await request.run((version) => call('requests.recordEmailUnverified', { id: detail.id, version, reason: entry.code, note: note.trim() || null }));
    setBusy(false);
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    setUnverifying(false);
    setMessage(null);
    await request.reload();
    focusSoon('action-submit');
  };

  return (
    <Paper variant="outlined" component="section" aria-label="Correo electrónico activo" sx={{ p: 1.25, mt: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}>
        <MarkEmailReadIcon fontSize="small" color={proof.status === 'verificado' ? 'success' : 'action'} />
        <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700 }}>
          Correo electrónico activo
        </Typography>
        <Typography variant="body2" color="textSecondary" sx={{ fontFamily: 'monospace' }}>
          {detail.intake.email ?? '—'}
        </Typography>
      </Box>
      <Typography variant="caption" color="textSecondary" component="p" sx={{ mb: 0.5 }}>
        {wording.purpose}
      </Typography>
      {proof.status === 'verificado' && (
        <Alert severity="success" role="status" sx={{ py: 0 }}>
          Correo verificado con el código del IESS{proof.at ? ` a las ${formatTimeEs(proof.at)}` : ''}.
        </Alert>
      )}
      {proof.status === 'no_verificado' && (
        <Alert severity="warning" role="status" sx={{ py: 0, mb: 0.5 }}>
          No verificado: {catalogLabel(EMAIL_UNVERIFIED_REASONS, proof.reason) ?? proof.reason}
          {proof.note ? ` — ${proof.note}` : ''}. {wording.unverifiedReader}
        </Alert>
      )}
      {editable && proof.status !== 'verificado' && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <Button id="email-send" size="small" variant={proof.challenge ? 'text' : 'outlined'} disabled={busy} onClick={() => void send()}>
            {proof.challenge ? 'Enviar otro código' : 'Enviar código al correo'}
          </Button>
          {proof.challenge && (
            <>
              <TextField
                id="email-code"
                size="small"
                label="Código recibido"
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 8))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void confirm();
                  }
                }}
                helperText={`Vence a las ${formatTimeEs(proof.challenge.expiresAt)} · ${proof.challenge.attemptsLeft} intentos`}
                slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 8, style: { fontFamily: 'monospace', letterSpacing: 2 } } }}
                sx={{ width: 200 }}
              />
              <Button size="small" variant="contained" disabled={busy} onClick={() => void confirm()}>
                Comprobar
              </Button>
            </>
          )}
          {!unverifying && proof.status === 'pendiente' && (
            <Button
              size="small"
              color="warning"
              disabled={busy}
              onClick={() => {
                setUnverifying(true);
                focusWhenShown('email-reason');
              }}
            >
              No se pudo verificar…
            </Button>
          )}
        </Box>
      )}
      {editable && unverifying && proof.status !== 'verificado' && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 1, mt: 1 }}>
          <TextField
            select
            id="email-reason"
            size="small"
            label="Motivo"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            sx={{ minWidth: 320 }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">— Seleccione —</option>
            {EMAIL_UNVERIFIED_REASONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </TextField>
          <TextField id="email-note" size="small" label={noteNeeded ? 'Observación (obligatoria)' : 'Observación'} required={noteNeeded} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { maxLength: 300 } }} sx={{ flex: 1, minWidth: 200 }} />
          <Button size="small" variant="contained" color="warning" disabled={busy} onClick={() => void record()}>
            Registrar «no verificado»
          </Button>
        </Box>
      )}
      {message && (
        <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} onClose={() => setMessage(null)} sx={{ mt: 0.5, py: 0 }}>
          {message.text}
        </Alert>
      )}
    </Paper>
  );
}
