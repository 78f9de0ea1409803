// «Actualización presencial de datos de contacto» at the counter (shared/domain/request-types.ts):
// identify the affiliate (cédula or foreigner code), record the new e-mail / mobile / landline with
// the same checks as the employer intake, prove the e-mail, print the constancia for the
// handwritten signature, and register the update (no supervisor review: docs/domain.md).
// Keyboard first: Alt+G saves, Alt+P prints the constancia, Alt+R registers, Esc goes back.
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { AFFILIATE_ID_TYPES, AFFILIATE_KINDS, checkContactUpdate, type ContactUpdateData, type ContactUpdateDraft } from '../../../shared/domain/contact-update';
import { call } from '../api/client';
import { FormsDialog, type Paper as PrintedPaper } from '../forms/FormsDialog';
import { AnnulDialog, ReprintDialog } from './checklist/dialogs';
import { EmailProof } from './checklist/EmailProof';
import { CentralContact } from './CentralContact';
import { SaveIndicator } from './intake/ActionBar';
import { useAutosave } from './intake/useAutosave';
import { focusSoon, useHotkeys } from './keyboard';
import type { RequestDetail, RequestHandle } from './useRequest';

type Field = keyof ContactUpdateData;
const FIELDS: { field: Field; label: string; helper?: string; width?: number }[] = [
  { field: 'idNumber', label: 'Número de identificación', width: 260 },
  { field: 'names', label: 'Apellidos y nombres', width: 420 },
  { field: 'email', label: 'Correo electrónico', helper: 'Ahí llegará el enlace «ACTIVACIÓN CLAVE» del portal.', width: 420 },
  { field: 'mobile', label: 'Teléfono celular', helper: '10 dígitos, empieza con 09.', width: 260 },
  { field: 'landline', label: 'Teléfono fijo (opcional)', helper: 'Código de provincia y 7 dígitos.', width: 260 },
];
/** An e-mail proof not yet made (contract: EmailProofView). */
const NO_PROOF: RequestDetail['emailProof'] = { status: 'pendiente', reason: null, note: null, at: null, challenge: null };
const sameEmail = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

const WORDING = {
  purpose: 'El portal del IESS envía a este correo el enlace «ACTIVACIÓN CLAVE» (dura 3 minutos): el IESS manda un código y el afiliado lo lee en su teléfono.',
  unverifiedReader: 'Queda en la constancia y en el historial del trámite.',
};

export function ContactUpdateStep({ detail, request, onBack, onFinished, onConflict }: { detail: RequestDetail; request: RequestHandle; onBack(): void; onFinished(): void; onConflict(text: string): void }) {
  const editable = detail.state === 'borrador';
  const [draft, setDraft] = useState<ContactUpdateDraft>(detail.contactUpdate ?? {});
  const [errors, setErrors] = useState<Partial<Record<Field | 'affiliateKind' | 'idType', string>>>({});
  const [message, setMessage] = useState<{ severity: 'error' | 'info' | 'success'; text: string } | null>(null);
  const [paper, setPaper] = useState<{ forms: PrintedPaper[]; reprint: boolean } | null>(null);
  const [signed, setSigned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [annulling, setAnnulling] = useState(false);
  const [reprinting, setReprinting] = useState(false);
  // A printed constancia the affiliate does not sign (left, a mistake on it) leaves the trámite
  // open: it is annulled with its reason, as the employer trámite is (request-types.ts transitions).
  const canAnnul = detail.availableEvents.includes('anular');
  useEffect(() => focusSoon(editable ? 'contact-affiliateKind' : 'contact-signed'), [editable]);

  /**
   * What the core now holds, told to the loaded request without reloading it: another address
   * drops its proof there (contact-update.ts writeContactUpdate), and so here.
   */
  const saved = (typed: ContactUpdateDraft) =>
    request.patch((d) => ({
      ...d,
      contactUpdate: typed,
      intake: { ...d.intake, email: typed.email ?? '' },
      ...(sameEmail(typed.email, d.intake.email) ? {} : { emailProof: NO_PROOF }),
    }));

  // Saved as the clerk types, as the employer intake is (intake/useAutosave.ts): a crash or a
  // navigation never costs typed data; «Guardado» says when the core has it.
  const { run } = request;
  const autosave = useAutosave<ContactUpdateDraft>(
    draft,
    async (typed) => {
      const r = await run((version) => call('requests.saveContactUpdate', { id: detail.id, version, data: typed }));
      if (r.ok) saved(typed);
      return r;
    },
    (e) => onConflict(e.message),
  );
  // The draft as of the last keystroke, read synchronously by the next one (two keys in one frame).
  const draftRef = useRef(draft);

  const set = (field: keyof ContactUpdateDraft, value: string) => {
    const next = { ...draftRef.current, [field]: value === '' && (field === 'affiliateKind' || field === 'idType') ? null : value };
    draftRef.current = next;
    setDraft(next);
    autosave.changed(next);
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  /** Saves what is typed and not yet saved; true when the core has it all. */
  const save = (): Promise<boolean> => autosave.flush();

  const check = (): boolean => {
    const result = checkContactUpdate(draft);
    const found = Object.fromEntries(result.errors.map((e) => [e.field, e.issue.message]));
    setErrors(found);
    const first = result.errors[0]?.field;
    if (first) focusSoon(`contact-${first}`);
    return result.ok;
  };

  const saveAndStay = async () => {
    if (!editable || busy) return;
    setBusy(true);
    const ok = await save();
    setBusy(false);
    if (ok) setMessage({ severity: 'success', text: 'Datos guardados.' });
  };

  const print = async () => {
    if (busy) return;
    // Printed already: a reprint says why, as the employer forms' reprint does (checklist/dialogs.tsx).
    if (!editable) return setReprinting(true);
    if (!check()) return;
    setBusy(true);
    setMessage(null);
    if (!(await save())) return setBusy(false);
    const r = await request.run((version) => call('forms.printConstancia', { id: detail.id, version }));
    setBusy(false);
    if (!r.ok) {
      const fields = r.error.fields ?? [];
      if (fields.length > 0) setErrors(Object.fromEntries(fields.map((f) => [f.path.replace(/^data\./, ''), f.message])));
      return setMessage({ severity: 'error', text: r.error.message });
    }
    setPaper({ forms: [r.value.form], reprint: r.value.reprint });
  };

  const reprint = async (reason: string): Promise<string | null> => {
    const r = await request.run((version) => call('forms.printConstancia', { id: detail.id, version, reprintReason: reason }));
    if (!r.ok) return r.error.message;
    setReprinting(false);
    setPaper({ forms: [r.value.form], reprint: r.value.reprint });
    return null;
  };

  const register = async () => {
    if (busy || editable) return;
    if (!signed) {
      setMessage({ severity: 'error', text: 'Marque que el afiliado firmó la constancia impresa.' });
      return focusSoon('contact-signed');
    }
    setBusy(true);
    const r = await request.run((version) => call('requests.completeContactUpdate', { id: detail.id, version, signed: true }));
    setBusy(false);
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    onFinished();
  };

  const annul = async (note: string): Promise<string | null> => {
    // What is typed goes first: a save pending after the annulment would meet another version.
    if (editable && !(await save())) return 'No se pudo guardar lo escrito; vuelva a intentar.';
    const r = await request.run((version) => call('requests.transition', { id: detail.id, version, event: 'anular', note }));
    if (!r.ok) return r.error.message;
    setAnnulling(false);
    onFinished();
    return null;
  };

  useHotkeys(
    { escape: onBack, alt: { KeyG: () => void saveAndStay(), KeyP: () => void print(), KeyR: () => void register(), KeyV: onBack, ...(canAnnul ? { KeyA: () => setAnnulling(true) } : {}) } },
    paper === null && !annulling && !reprinting,
  );

  const proofDetail: RequestDetail = editable && !sameEmail(draft.email, detail.intake.email) ? { ...detail, intake: { ...detail.intake, email: draft.email ?? '' }, emailProof: NO_PROOF } : detail;

  const field = (f: (typeof FIELDS)[number]) => (
    <TextField
      key={f.field}
      id={`contact-${f.field}`}
      label={f.label}
      value={draft[f.field] ?? ''}
      disabled={!editable}
      required={f.field !== 'landline'}
      error={!!errors[f.field]}
      // A disabled field's helper is drawn greyed (too little contrast): the hints are for typing.
      helperText={errors[f.field] ?? (editable ? f.helper : undefined) ?? ' '}
      onChange={(e) => set(f.field, e.target.value)}
      sx={{ width: f.width }}
      size="small"
    />
  );

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 980 }}>
      <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
        Actualización presencial de datos de contacto · <Box component="span" sx={{ fontFamily: 'monospace' }}>{detail.number}</Box>
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
        Para afiliados, jubilados y derechohabientes. Verifique la cédula original (o el código de identificación para extranjeros) y registre los datos con los que el portal del IESS le enviará el enlace para generar o recuperar su clave.
      </Typography>
      <Box component="section" aria-label="Datos del solicitante" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        <TextField
          select
          id="contact-affiliateKind"
          label="Calidad del solicitante"
          size="small"
          value={draft.affiliateKind ?? ''}
          disabled={!editable}
          required
          error={!!errors.affiliateKind}
          helperText={errors.affiliateKind ?? ' '}
          onChange={(e) => set('affiliateKind', e.target.value)}
          sx={{ width: 240 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">— Seleccione —</option>
          {AFFILIATE_KINDS.map((k) => (
            <option key={k.code} value={k.code}>
              {k.label}
            </option>
          ))}
        </TextField>
        <TextField
          select
          id="contact-idType"
          label="Tipo de identificación"
          size="small"
          value={draft.idType ?? ''}
          disabled={!editable}
          required
          error={!!errors.idType}
          helperText={errors.idType ?? ' '}
          onChange={(e) => set('idType', e.target.value)}
          sx={{ width: 360 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">— Seleccione —</option>
          {AFFILIATE_ID_TYPES.map((k) => (
            <option key={k.code} value={k.code}>
              {k.label}
            </option>
          ))}
        </TextField>
        {FIELDS.map(field)}
      </Box>
      {editable && <CentralContact idType={draft.idType} idNumber={draft.idNumber} />}
      {editable && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1 }}>
          <Button variant="outlined" disabled={busy} onClick={() => void saveAndStay()}>
            Guardar datos (Alt+G)
          </Button>
          <SaveIndicator status={autosave.status} />
        </Box>
      )}
      {/* The proof is about the address on screen: typing another one shows it unproven (the core
          drops the old proof when it is saved), and sending a code saves the typed data first. */}
      <EmailProof
        key={(draft.email ?? '').trim().toLowerCase()}
        detail={proofDetail}
        request={request}
        editable={editable}
        wording={WORDING}
        beforeSend={async () => {
          if (!editable) return true;
          const ok = await save();
          if (ok) setMessage(null);
          return ok;
        }}
      />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, mt: 2 }}>
        <Button id="contact-print" variant={editable ? 'contained' : 'outlined'} disabled={busy} onClick={() => void print()}>
          {editable ? 'Imprimir constancia (Alt+P)' : 'Reimprimir constancia (Alt+P)'}
        </Button>
        {!editable && (
          <>
            <FormControlLabel
              control={<Checkbox id="contact-signed" checked={signed} onChange={(e) => setSigned(e.target.checked)} />}
              label="El afiliado firmó la constancia impresa"
            />
            <Button id="contact-register" variant="contained" color="success" disabled={busy} onClick={() => void register()}>
              Registrar la actualización (Alt+R)
            </Button>
          </>
        )}
        {canAnnul && (
          <Button color="warning" disabled={busy} onClick={() => setAnnulling(true)}>
            Anular… (Alt+A)
          </Button>
        )}
        <Button onClick={onBack}>Volver a Atención (Esc)</Button>
      </Box>
      {reprinting && (
        <ReprintDialog
          title="Reimprimir la constancia"
          intro="La constancia ya se imprimió. Cada reimpresión queda registrada con su motivo."
          onClose={() => setReprinting(false)}
          onSubmit={reprint}
        />
      )}
      {annulling && <AnnulDialog number={detail.number} onClose={() => setAnnulling(false)} onSubmit={annul} />}
      {message && (
        <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} onClose={() => setMessage(null)} sx={{ mt: 1.5, py: 0 }}>
          {message.text}
        </Alert>
      )}
      {paper && (
        <FormsDialog
          number={detail.number}
          reprint={paper.reprint}
          heading={paper.reprint ? 'Constancia reimpresa' : 'Constancia impresa'}
          forms={paper.forms}
          send={(_paper, printer) => call('forms.sendToPrinter', { id: detail.id, kind: 'constancia_contacto', printer })}
          onClose={() => {
            setPaper(null);
            void request.reload();
            focusSoon('contact-signed');
          }}
        />
      )}
    </Paper>
  );
}

