// The small dialogs of the checklist: reject one document, reject or annul the request, and
// the reason for a reprint. Each asks only what the catalog requires, in Spanish.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { documentRejectionReasons, REJECTION_REASONS, RETURN_REASONS, type Channel, type ReasonEntry } from '../../../../shared/domain';

function ReasonDialog(props: {
  title: string;
  intro?: ReactNode;
  reasons: readonly ReasonEntry[] | null;
  submitLabel: string;
  submitColor?: 'primary' | 'error' | 'warning';
  noteLabel?: string;
  noteRequired?: boolean;
  noteMin?: number;
  /** What to say when the note is missing and there is no reason to pick (annul). */
  noteMissing?: string;
  onClose(): void;
  onSubmit(reason: string | null, note: string): Promise<string | null>;
}) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; note?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const entry = props.reasons?.find((r) => r.code === reason);
  const noteNeeded = props.noteRequired || entry?.requiresNote === true;
  // Until a reason is chosen, «opcional» would be a promise the catalog may break (requiresNote).
  const undecided = !entry && !noteNeeded && props.reasons?.some((r) => r.requiresNote) === true;
  const noteLabel = props.noteLabel ?? (noteNeeded ? 'Observación (obligatoria)' : undecided ? 'Observación' : 'Observación (opcional)');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (props.reasons && !entry) found.reason = 'Seleccione el motivo.';
    if (noteNeeded && note.trim().length < (props.noteMin ?? 1)) found.note = props.noteMin ? `Escriba la observación (al menos ${props.noteMin} caracteres).` : (props.noteMissing ?? (entry ? 'Este motivo requiere una observación.' : 'Escriba la observación.'));
    setErrors(found);
    if (found.reason || found.note) {
      document.getElementById(found.reason ? 'reason-select' : 'reason-note')?.focus();
      return;
    }
    setBusy(true);
    const error = await props.onSubmit(entry?.code ?? null, note.trim());
    setBusy(false);
    if (error) setErrors({ general: error });
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="reason-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="reason-dialog-title">{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.intro}
            {props.reasons && (
              <TextField
                select
                id="reason-select"
                label="Motivo"
                value={reason}
                autoFocus
                required
                error={!!errors.reason}
                helperText={errors.reason ?? ' '}
                onChange={(e) => {
                  setReason(e.target.value);
                  // A reason chosen answers «Seleccione el motivo.»: the message goes with it.
                  setErrors(({ reason: _answered, ...rest }) => rest);
                }}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                <option value="">— Seleccione el motivo —</option>
                {props.reasons.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.label}
                  </option>
                ))}
              </TextField>
            )}
            <TextField
              id="reason-note"
              label={noteLabel}
              value={note}
              multiline
              minRows={2}
              autoFocus={!props.reasons}
              required={noteNeeded}
              error={!!errors.note}
              helperText={errors.note ?? (undecided ? 'Algunos motivos la exigen: se indica al elegir el motivo.' : ' ')}
              onChange={(e) => {
                setNote(e.target.value);
                // Once what is typed is enough, the «Escriba…» message goes; until then it still says what is missing.
                if (e.target.value.trim().length >= (props.noteMin ?? 1)) setErrors(({ note: _answered, ...rest }) => rest);
              }}
              onKeyDown={(e) => {
                // Enter alone submits (the clerk's rhythm); Shift+Enter adds a line.
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  (e.currentTarget.closest('form') as HTMLFormElement | null)?.requestSubmit();
                }
              }}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
            {errors.general && (
              <Alert severity="error" role="alert">
                {errors.general}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancelar (Esc)</Button>
          <Button type="submit" variant="contained" color={props.submitColor ?? 'primary'} disabled={busy}>
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function RejectDocumentDialog(p: { label: string; channel: Channel; onClose(): void; onSubmit(reason: string, note: string): Promise<string | null> }) {
  return <ReasonDialog title={`Rechazar documento: ${p.label}`} reasons={documentRejectionReasons(p.channel)} submitLabel="Rechazar documento" submitColor="error" onClose={p.onClose} onSubmit={(r, n) => p.onSubmit(r!, n)} />;
}

/** What a rejection means for the applicant: a turno is a counter thing, not a portal one. */
export const REJECTION_CONSEQUENCE: Readonly<Record<Channel, string>> = {
  presencial: 'La solicitud termina: el solicitante deberá sacar un nuevo turno y empezar de nuevo.',
  virtual: 'La solicitud termina: el solicitante deberá ingresar un nuevo trámite por la Ventanilla Virtual del portal del IESS.',
};

export function RejectRequestDialog(p: { number: string; channel: Channel; onClose(): void; onSubmit(reason: string, note: string): Promise<string | null> }) {
  return (
    <ReasonDialog
      title={`Rechazar la solicitud ${p.number}`}
      intro={<Alert severity="warning">{REJECTION_CONSEQUENCE[p.channel]}</Alert>}
      reasons={REJECTION_REASONS}
      submitLabel="Rechazar solicitud"
      submitColor="error"
      onClose={p.onClose}
      onSubmit={(r, n) => p.onSubmit(r!, n)}
    />
  );
}

export function ReturnRequestDialog(p: { number: string; onClose(): void; onSubmit(reason: string, note: string): Promise<string | null> }) {
  return (
    <ReasonDialog
      title={`Devolver la solicitud ${p.number}`}
      intro={<Alert severity="info">La solicitud vuelve al ventanillero para que la corrija; el motivo y la observación le llegan tal cual.</Alert>}
      reasons={RETURN_REASONS}
      submitLabel="Devolver al ventanillero"
      submitColor="warning"
      onClose={p.onClose}
      onSubmit={(r, n) => p.onSubmit(r!, n)}
    />
  );
}

export function AnnulDialog(p: { number: string; onClose(): void; onSubmit(note: string): Promise<string | null> }) {
  return (
    <ReasonDialog
      title={`Anular la solicitud ${p.number}`}
      intro={<Alert severity="warning">Anular deja la solicitud sin efecto (por ejemplo, registrada por error). Queda en el historial con su observación.</Alert>}
      reasons={null}
      noteRequired
      noteLabel="Observación: por qué se anula (obligatoria)"
      noteMissing="Escriba por qué se anula la solicitud."
      submitLabel="Anular solicitud"
      submitColor="warning"
      onClose={p.onClose}
      onSubmit={(_r, n) => p.onSubmit(n)}
    />
  );
}

/** The employer forms' by default; a paper of another type names itself (`title`, `intro`). */
export function ReprintDialog(p: { title?: string; intro?: string; onClose(): void; onSubmit(reason: string): Promise<string | null> }) {
  return (
    <ReasonDialog
      title={p.title ?? 'Reimprimir formularios'}
      intro={<Alert severity="info">{p.intro ?? 'Los formularios ya se imprimieron. Cada reimpresión queda registrada con su motivo.'}</Alert>}
      reasons={null}
      noteRequired
      noteMin={5}
      noteLabel="Motivo de la reimpresión"
      submitLabel="Reimprimir"
      onClose={p.onClose}
      onSubmit={(_r, n) => p.onSubmit(n)}
    />
  );
}
