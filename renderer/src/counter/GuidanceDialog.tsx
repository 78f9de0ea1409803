// «Hoja de orientación» (Alt+O from Atención): the clerk picks the affiliate password procedure
// the person asks about (seeds 000–003), types their identification, names and e-mail, and gets
// one printed page with the steps and those data, to hand over instead of repeating the steps
// aloud. The paper then goes through the same print dialog as the request forms.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { checkCedula } from '../../../shared/domain/cedula';
import { checkEmail, checkPersonName } from '../../../shared/domain/contact';
import { GUIDANCE_ID_LABELS, GUIDANCE_LABELS, GUIDANCE_PROCEDURES, type GuidanceIdType, type GuidanceProcedure } from '../../../shared/domain/guidance';
import { call } from '../api/client';
import { fieldErrors, firstWithError } from '../api/fieldErrors';

type Field = 'procedure' | 'idNumber' | 'names' | 'email';
const ORDER: Field[] = ['procedure', 'idNumber', 'names', 'email'];
export type PrintedGuidance = CallOutput<'forms.printGuidance'>;

const fieldId = (f: Field) => `guidance-${f}`;

/** The domain's own checks, before the core repeats them: the clerk fixes a digit without a round trip. */
function localErrors(f: { procedure: GuidanceProcedure | ''; idType: GuidanceIdType; idNumber: string; names: string; email: string }): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  if (!f.procedure) e.procedure = 'Elija el trámite de la hoja de orientación.';
  if (f.idType === 'cedula') e.idNumber = checkCedula(f.idNumber).errors[0]?.message;
  else if (!f.idNumber.trim()) e.idNumber = 'Ingrese el código de identificación para extranjeros.';
  e.names = checkPersonName(f.names).errors[0]?.message;
  const email = checkEmail(f.email).errors[0];
  e.email = email?.code === 'email.required' ? 'Ingrese el correo electrónico: allí llega el enlace del IESS.' : email?.message;
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

export function GuidanceDialog({ onClose, onPrinted }: { onClose(): void; onPrinted(printed: PrintedGuidance): void }) {
  const [procedure, setProcedure] = useState<GuidanceProcedure | ''>('');
  const [idType, setIdType] = useState<GuidanceIdType>('cedula');
  const [form, setForm] = useState({ idNumber: '', names: '', email: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: 'idNumber' | 'names' | 'email', v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  // A likely misspelt domain (gmial.com): a question for the applicant, never a refusal.
  const emailWarning = form.email.includes('@') ? checkEmail(form.email).warnings[0]?.message : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const local = localErrors({ procedure, idType, ...form });
    setErrors(local);
    setGeneral(null);
    const first = firstWithError(local, ORDER);
    if (first) return document.getElementById(fieldId(first))?.focus();
    setBusy(true);
    const r = await call('forms.printGuidance', { procedure: procedure as GuidanceProcedure, idType, ...form });
    setBusy(false);
    if (r.ok) return onPrinted(r.value);
    const fromCore = fieldErrors(r.error, ORDER);
    setErrors(fromCore);
    setGeneral(r.error.message);
    const at = firstWithError(fromCore, ORDER);
    if (at) document.getElementById(fieldId(at))?.focus();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="guidance-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="guidance-title">Hoja de orientación</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5} sx={{ pt: 0.5 }}>
            <FormControl error={!!errors.procedure}>
              <FormLabel id="guidance-procedure-label">Trámite de la clave de afiliado</FormLabel>
              <RadioGroup
                aria-labelledby="guidance-procedure-label"
                value={procedure}
                onChange={(e) => {
                  setProcedure(e.target.value as GuidanceProcedure);
                  setErrors((x) => ({ ...x, procedure: undefined }));
                }}
              >
                {GUIDANCE_PROCEDURES.map((p, i) => (
                  <FormControlLabel
                    key={p}
                    value={p}
                    label={GUIDANCE_LABELS[p]}
                    control={<Radio size="small" autoFocus={i === 0} slotProps={{ input: { id: i === 0 ? fieldId('procedure') : undefined } }} />}
                    sx={{ my: -0.5 }}
                  />
                ))}
              </RadioGroup>
              {errors.procedure && (
                <Alert severity="error" sx={{ py: 0, mt: 0.5 }}>
                  {errors.procedure}
                </Alert>
              )}
            </FormControl>
            <Stack direction="row" spacing={1.5}>
              <TextField
                select
                label="Se identifica con"
                value={idType}
                onChange={(e) => {
                  setIdType(e.target.value as GuidanceIdType);
                  setErrors((x) => ({ ...x, idNumber: undefined }));
                }}
                sx={{ width: 230, flexShrink: 0 }}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                <option value="cedula">Cédula</option>
                <option value="codigo_extranjero">Código de extranjero</option>
              </TextField>
              <TextField
                id={fieldId('idNumber')}
                label={idType === 'cedula' ? 'Número de cédula' : GUIDANCE_ID_LABELS.codigo_extranjero}
                value={form.idNumber}
                required
                fullWidth
                autoComplete="off"
                error={!!errors.idNumber}
                helperText={errors.idNumber ?? ' '}
                onChange={(e) => set('idNumber', e.target.value)}
                slotProps={{ htmlInput: { maxLength: 40, spellCheck: false, style: { fontFamily: 'monospace' } } }}
              />
            </Stack>
            <TextField
              id={fieldId('names')}
              label="Nombres y apellidos"
              value={form.names}
              required
              autoComplete="off"
              error={!!errors.names}
              helperText={errors.names ?? ' '}
              onChange={(e) => set('names', e.target.value)}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <TextField
              id={fieldId('email')}
              label="Correo electrónico (aquí llega el enlace)"
              type="email"
              value={form.email}
              required
              autoComplete="off"
              error={!!errors.email}
              helperText={errors.email ?? emailWarning ?? 'Se imprime en la hoja: confírmelo con el solicitante.'}
              onChange={(e) => set('email', e.target.value)}
              slotProps={{ htmlInput: { maxLength: 254, spellCheck: false } }}
            />
            {general && (
              <Alert severity="error" role="alert">
                {general}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancelar (Esc)</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Generar hoja de orientación
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
