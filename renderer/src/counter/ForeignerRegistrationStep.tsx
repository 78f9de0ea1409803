// «Registro de extranjero sin cédula» at the counter (shared/domain/foreigner-registration.ts):
// the passport read by its MRZ and the SUT contract typed (borrador / devuelta), the two papers
// scanned and verified with the request printed and signed by hand (en_verificacion /
// pendiente_firma), then the comprobante — with central's code once it arrives.
// Keyboard first: Alt+G saves, Alt+C continues to the documents, Alt+P prints, Alt+E sends to review.
import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { checkPassportMrz, comparePassport } from '../../../shared/domain/passport';
import { esToIso, isoToEs } from '../../../shared/domain/dates';
import { nationalityName } from '../../../shared/domain/nationality';
import { checkForeignerRegistration, SEXES, type ForeignerField, type ForeignerRegistrationDraft } from '../../../shared/domain/foreigner-registration';
import { STATE_LABELS } from '../../../shared/domain/lifecycle';
import { call } from '../api/client';
import { FormsDialog, type Paper as PrintedPaper } from '../forms/FormsDialog';
import { ACCEPTED_FILES, readAsBase64 } from './files';
import { SaveIndicator } from './intake/ActionBar';
import { MrzField } from './intake/MrzField';
import { useAutosave } from './intake/useAutosave';
import { focusSoon, useHotkeys } from './keyboard';
import type { RequestDetail, RequestHandle } from './useRequest';

const TEXT_FIELDS: { field: ForeignerField; label: string; date?: true; width: number; helper?: string }[] = [
  { field: 'passportNumber', label: 'Número de pasaporte', width: 220 },
  { field: 'passportExpiryDate', label: 'Caducidad del pasaporte', date: true, width: 220, helper: 'dd/mm/aaaa' },
  { field: 'nationality', label: 'Nacionalidad (código del pasaporte)', width: 280 },
  { field: 'names', label: 'Apellidos y nombres', width: 440, helper: 'Con tildes, como en la página de datos del pasaporte.' },
  { field: 'birthDate', label: 'Fecha de nacimiento', date: true, width: 220, helper: 'dd/mm/aaaa' },
  { field: 'employerRuc', label: 'RUC del empleador', width: 220 },
  { field: 'contractNumber', label: 'Número de contrato en el SUT', width: 260 },
  { field: 'contractDate', label: 'Fecha del contrato', date: true, width: 220, helper: 'dd/mm/aaaa' },
  { field: 'position', label: 'Cargo', width: 320 },
  { field: 'startDate', label: 'Fecha de inicio de labores', date: true, width: 220, helper: 'dd/mm/aaaa' },
];

const SCANNED = ['copia_pasaporte', 'contrato_sut'] as const;

/** The element of a field (the MRZ box is the intake's own, intake/MrzField.tsx). */
const idOf = (field: ForeignerField) => (field === 'mrz' ? 'intake-mrz' : `field-${field}`);

type Props = { detail: RequestDetail; request: RequestHandle; onBack(): void; onFinished(): void; onConflict(text: string): void };

export function ForeignerRegistrationStep(props: Props) {
  const s = props.detail.state;
  if (s === 'borrador' || s === 'devuelta') return <ForeignerData {...props} />;
  if (s === 'en_verificacion' || s === 'pendiente_firma') return <ForeignerDocuments {...props} />;
  return <ForeignerReceipt {...props} />;
}

function Heading({ detail, children }: { detail: RequestDetail; children?: React.ReactNode }) {
  return (
    <>
      <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
        Registro de extranjero sin cédula · <Box component="span" sx={{ fontFamily: 'monospace' }}>{detail.number}</Box>
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
        {children ??
          'El extranjero sin cédula que viene a trabajar lo hace en persona: fotocopia a color del pasaporte, ampliada, y copia del contrato de trabajo registrado en el SUT. El IESS le asigna el código de identificación para extranjeros.'}
      </Typography>
    </>
  );
}

function Message({ message, onClose }: { message: { severity: 'error' | 'info' | 'success'; text: string } | null; onClose(): void }) {
  if (!message) return null;
  return (
    <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} onClose={onClose} sx={{ mt: 1.5, py: 0 }}>
      {message.text}
    </Alert>
  );
}

function ForeignerData({ detail, request, onBack, onFinished, onConflict }: Props) {
  const [draft, setDraft] = useState<ForeignerRegistrationDraft>(detail.foreignerRegistration?.data ?? {});
  const [errors, setErrors] = useState<Partial<Record<ForeignerField, string>>>({});
  const [message, setMessage] = useState<{ severity: 'error' | 'info' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => focusSoon(idOf('mrz')), []);
  // The request's day of attention judges the passport's expiry here; the core judges it again on its own clock.
  const attentionDate = detail.attentionDate;
  const read = draft.mrz && draft.mrz.trim() !== '' ? checkPassportMrz(draft.mrz, { attentionDate }) : null;
  const p = read?.passport ?? null;

  // Saved as the clerk types, as the employer intake and the contact update are (intake/useAutosave.ts):
  // a host that dies (or a window closed) after the passport was read costs nothing typed.
  const { run, patch } = request;
  const autosave = useAutosave<ForeignerRegistrationDraft>(
    draft,
    async (typed) => {
      const r = await run((version) => call('requests.saveForeignerRegistration', { id: detail.id, version, data: typed }));
      if (r.ok) patch((d) => ({ ...d, foreignerRegistration: { data: typed, foreignerCode: d.foreignerRegistration?.foreignerCode ?? null } }));
      return r;
    },
    (e) => onConflict(e.message),
  );
  // The draft as of the last keystroke, read synchronously by the next one (two keys in one frame).
  const draftRef = useRef(draft);
  const update = (change: (d: ForeignerRegistrationDraft) => ForeignerRegistrationDraft) => {
    const next = change(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    autosave.changed(next);
  };

  const set = (field: ForeignerField, value: string | null) => {
    update((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    // «Revise los campos marcados» spoke of what was typed before this change.
    setMessage((m) => (m?.severity === 'error' ? null : m));
  };
  /** The reader typed the zone: what it holds fills the passport's fields (names only if still empty). */
  const setMrz = (value: string) => {
    const r = checkPassportMrz(value, { attentionDate }).passport;
    update((d) => ({
      ...d,
      mrz: value,
      ...(r
        ? {
            passportNumber: r.documentNumber,
            nationality: r.nationality,
            birthDate: r.birthDate ?? d.birthDate,
            sex: r.sex,
            passportExpiryDate: r.expiryDate ?? d.passportExpiryDate,
            names: d.names && d.names.trim() !== '' ? d.names : `${r.surnames} ${r.givenNames}`.trim(),
          }
        : {}),
    }));
    setErrors({});
  };

  /** Saves what is typed and not yet saved; true when the core has it all (the indicator says why not). */
  const save = (): Promise<boolean> => autosave.flush();
  const saveAndStay = async () => {
    if (busy) return;
    setBusy(true);
    const ok = await save();
    setBusy(false);
    if (ok) setMessage({ severity: 'success', text: 'Datos guardados.' });
  };
  const proceed = async () => {
    if (busy) return;
    const check = checkForeignerRegistration(draft, { attentionDate });
    if (!check.ok) {
      setErrors(Object.fromEntries(check.errors.map((e) => [e.field, e.issue.message])));
      setMessage({ severity: 'error', text: 'Revise los campos marcados.' });
      return focusSoon(idOf(check.errors[0]!.field));
    }
    setBusy(true);
    if (!(await save())) return setBusy(false);
    const r = await request.run((version) => call('requests.startForeignerVerification', { id: detail.id, version }));
    setBusy(false);
    if (!r.ok) {
      const fields = r.error.fields ?? [];
      if (fields.length > 0) setErrors(Object.fromEntries(fields.map((f) => [f.path.replace(/^data\./, ''), f.message])));
      return setMessage({ severity: 'error', text: r.error.message });
    }
    onFinished();
  };
  useHotkeys({ escape: onBack, alt: { KeyG: () => void saveAndStay(), KeyC: () => void proceed(), KeyV: onBack } });

  const mismatches = p ? comparePassport(p, { documentNumber: draft.passportNumber ?? null, fullName: draft.names ?? null, nationality: draft.nationality ?? null }).errors.map((e) => e.message) : [];
  const feedback = read
    ? {
        errors: read.errors.map((e) => e.message),
        mismatches,
        read: p ? `${p.documentNumber} · ${p.surnames}, ${p.givenNames} · ${p.nationality} (${nationalityName(p.nationality) ?? 'código desconocido'}) · caduca ${isoToEs(p.expiryDate ?? '') || '—'}` : null,
        suggestion: read.suggestion ? { message: read.warnings.map((w) => w.message).join(' '), mrz: read.suggestion.mrz } : null,
      }
    : null;

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 1000 }}>
      <Heading detail={detail} />
      <Box component="section" aria-label="Pasaporte" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        <MrzField value={draft.mrz ?? ''} feedback={errors.mrz ? { errors: [errors.mrz], mismatches: [], read: null, suggestion: null } : feedback} onChange={setMrz} onBlur={() => undefined} />
        {TEXT_FIELDS.slice(0, 5).map((f) => (
          <ForeignerText key={f.field} spec={f} draft={draft} error={errors[f.field]} onChange={set} />
        ))}
        <TextField
          select
          id="field-sex"
          label="Sexo"
          size="small"
          value={draft.sex ?? ''}
          required
          error={!!errors.sex}
          helperText={errors.sex ?? ' '}
          onChange={(e) => set('sex', e.target.value === '' ? null : e.target.value)}
          sx={{ width: 200 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">— Seleccione —</option>
          {SEXES.map((x) => (
            <option key={x.code} value={x.code}>
              {x.label}
            </option>
          ))}
        </TextField>
      </Box>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mt: 1, mb: 1 }}>
        Contrato de trabajo registrado en el SUT
      </Typography>
      <Box component="section" aria-label="Contrato de trabajo" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        {TEXT_FIELDS.slice(5).map((f) => (
          <ForeignerText key={f.field} spec={f} draft={draft} error={errors[f.field]} onChange={set} />
        ))}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        <Button variant="outlined" disabled={busy} onClick={() => void saveAndStay()}>
          Guardar datos (Alt+G)
        </Button>
        <Button id="foreigner-continue" variant="contained" disabled={busy} onClick={() => void proceed()}>
          Continuar a documentos (Alt+C)
        </Button>
        <Button onClick={onBack}>Volver a Atención (Esc)</Button>
        <SaveIndicator status={autosave.status} />
      </Box>
      <Message message={message} onClose={() => setMessage(null)} />
    </Paper>
  );
}

function ForeignerText({ spec, draft, error, onChange }: { spec: (typeof TEXT_FIELDS)[number]; draft: ForeignerRegistrationDraft; error: string | undefined; onChange(field: ForeignerField, value: string): void }) {
  const raw = (draft[spec.field] as string | null | undefined) ?? '';
  return (
    <TextField
      id={`field-${spec.field}`}
      label={spec.label}
      size="small"
      required
      value={spec.date ? isoToEs(raw) : raw}
      error={!!error}
      helperText={error ?? spec.helper ?? ' '}
      onChange={(e) => onChange(spec.field, spec.date ? esToIso(e.target.value) : e.target.value)}
      sx={{ width: spec.width }}
    />
  );
}

function ForeignerDocuments({ detail, request, onBack, onFinished, onConflict }: Props) {
  const [message, setMessage] = useState<{ severity: 'error' | 'info' | 'success'; text: string } | null>(null);
  const [paper, setPaper] = useState<{ forms: PrintedPaper[]; reprint: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<string, HTMLInputElement | null>>>({});
  const printed = detail.state === 'pendiente_firma';
  const solicitud = detail.checklist.find((c) => c.documentType === 'solicitud_registro_extranjero');
  useEffect(() => focusSoon(printed ? 'foreigner-signed' : 'scan-copia_pasaporte'), [printed]);

  const fail = (error: { code: string; message: string }) => (error.code === 'conflict' && /cambió/.test(error.message) ? onConflict(error.message) : setMessage({ severity: 'error', text: error.message }));
  const verify = async (documentType: string) => {
    const r = await request.run((version) => call('requests.verifyDocument', { id: detail.id, version, documentType: documentType as never, presented: true, presentedAs: null, checks: {}, status: 'verificado', rejectionReason: null, note: null }));
    if (!r.ok) fail(r.error);
    return r.ok;
  };
  const attach = async (documentType: string, file: File) => {
    setBusy(true);
    const r = await call('attachments.add', { requestId: detail.id, documentType: documentType as never, fileName: file.name, dataBase64: await readAsBase64(file) });
    setBusy(false);
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    await request.reload();
    setMessage({ severity: 'success', text: `Escaneo adjuntado: ${file.name}.` });
    focusSoon(`verify-${documentType}`);
  };
  const print = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    const r = await request.run((version) => call('forms.printForeignerRequest', { id: detail.id, version, ...(printed ? { reprintReason: 'Reimpresión de la solicitud en ventanilla' } : {}) }));
    setBusy(false);
    if (!r.ok) return fail(r.error);
    setPaper({ forms: [r.value.form], reprint: r.value.reprint });
  };
  const sign = async (checked: boolean) => {
    if (!solicitud || busy) return;
    setBusy(true);
    if (checked && solicitud.status !== 'verificado' && !(await verify('solicitud_registro_extranjero'))) return setBusy(false);
    const r = await request.run((version) => call('requests.markSignature', { id: detail.id, version, documentType: 'solicitud_registro_extranjero', marked: checked }));
    setBusy(false);
    if (!r.ok) return fail(r.error);
    await request.reload();
  };
  const send = async () => {
    if (busy) return;
    setBusy(true);
    const r = await request.run((version) => call('requests.transition', { id: detail.id, version, event: 'enviar_a_revision' }));
    setBusy(false);
    if (!r.ok) return fail(r.error);
    onFinished();
  };
  useHotkeys({ escape: onBack, alt: { KeyP: () => void print(), KeyE: () => void send(), KeyV: onBack } }, paper === null);

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 1000 }}>
      <Heading detail={detail}>
        {`${detail.foreignerRegistration?.data.names ?? ''} · Pasaporte ${detail.foreignerRegistration?.data.passportNumber ?? ''} · ${nationalityName(detail.foreignerRegistration?.data.nationality ?? '') ?? ''}`}
      </Heading>
      <Box component="section" aria-label="Documentos" sx={{ display: 'grid', gap: 1.5 }}>
        {SCANNED.map((documentType) => {
          const row = detail.checklist.find((c) => c.documentType === documentType);
          const scans = detail.attachments.filter((a) => a.documentType === documentType);
          return (
            <Box key={documentType} sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5 }}>
              <Typography sx={{ minWidth: 380 }}>{row?.label ?? documentType}</Typography>
              <Chip size="small" label={scans.length > 0 ? `${scans.length} escaneo(s)` : 'Sin escaneo'} color={scans.length > 0 ? 'success' : 'default'} />
              <input
                ref={(el) => void (inputs.current[documentType] = el)}
                type="file"
                accept={ACCEPTED_FILES}
                hidden
                aria-hidden
                data-document={documentType}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void attach(documentType, f);
                }}
              />
              <Button id={`scan-${documentType}`} variant="outlined" size="small" disabled={busy || printed} aria-label={`Adjuntar escaneo: ${row?.label ?? documentType}`} onClick={() => inputs.current[documentType]?.click()}>
                Adjuntar escaneo
              </Button>
              <FormControlLabel
                control={<Checkbox id={`verify-${documentType}`} checked={row?.status === 'verificado'} disabled={busy || row?.status === 'verificado'} onChange={() => void verify(documentType).then((ok) => (ok ? request.reload() : null))} />}
                label={`Verificado: ${row?.label ?? documentType}`}
              />
            </Box>
          );
        })}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, mt: 2 }}>
        <Button id="foreigner-print" variant={printed ? 'outlined' : 'contained'} disabled={busy} onClick={() => void print()}>
          {printed ? 'Reimprimir solicitud (Alt+P)' : 'Imprimir solicitud de registro (Alt+P)'}
        </Button>
        {printed && (
          <FormControlLabel
            control={<Checkbox id="foreigner-signed" checked={solicitud?.signatureMarked ?? false} disabled={busy} onChange={(e) => void sign(e.target.checked)} />}
            label="El extranjero firmó la solicitud impresa"
          />
        )}
        <Button id="foreigner-send" variant="contained" color="success" disabled={busy || !printed} onClick={() => void send()}>
          Enviar a revisión (Alt+E)
        </Button>
        <Button onClick={onBack}>Volver a Atención (Esc)</Button>
      </Box>
      <Message message={message} onClose={() => setMessage(null)} />
      {paper && (
        <FormsDialog
          number={detail.number}
          reprint={paper.reprint}
          heading={paper.reprint ? 'Solicitud reimpresa' : 'Solicitud impresa'}
          forms={paper.forms}
          send={(_paper, printer) => call('forms.sendToPrinter', { id: detail.id, kind: 'solicitud_extranjero', printer })}
          onClose={() => {
            setPaper(null);
            void request.reload();
            focusSoon('foreigner-signed');
          }}
        />
      )}
    </Paper>
  );
}

function ForeignerReceipt({ detail, request, onBack }: Props) {
  const [paper, setPaper] = useState<{ forms: PrintedPaper[]; reprint: boolean } | null>(null);
  const [message, setMessage] = useState<{ severity: 'error' | 'info' | 'success'; text: string } | null>(null);
  const code = detail.foreignerRegistration?.foreignerCode ?? null;
  useEffect(() => focusSoon('foreigner-receipt'), []);
  const print = async () => {
    const reason = code ? 'Comprobante con el código asignado por el IESS' : 'Reimpresión del comprobante en ventanilla';
    let r = await call('forms.printForeignerReceipt', { id: detail.id });
    // Printed before: a reprint, with its reason (the core refuses one without it).
    if (!r.ok && r.error.fields?.some((f) => f.path === 'reprintReason')) r = await call('forms.printForeignerReceipt', { id: detail.id, reprintReason: reason });
    if (!r.ok) return setMessage({ severity: 'error', text: r.error.message });
    setPaper({ forms: [r.value.form], reprint: r.value.reprint });
  };
  useHotkeys({ escape: onBack, alt: { KeyP: () => void print(), KeyV: onBack } }, paper === null);
  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 800 }}>
      <Heading detail={detail}>{`${detail.foreignerRegistration?.data.names ?? ''} · Pasaporte ${detail.foreignerRegistration?.data.passportNumber ?? ''}`}</Heading>
      <Chip label={STATE_LABELS[detail.state]} color={detail.state === 'completada' ? 'success' : 'default'} sx={{ mb: 1.5 }} />
      <Typography variant="body1" sx={{ mb: 2 }} aria-live="polite">
        {code ? (
          <>
            Código de identificación para extranjeros: <Box component="strong" id="foreigner-code" sx={{ fontFamily: 'monospace' }}>{code}</Box>. Con él genera su clave de afiliado en el portal del IESS.
          </>
        ) : (
          'El IESS asigna el código de identificación para extranjeros una vez aprobado el registro por el supervisor. Entregue el comprobante: lo mostrará al reimprimirlo cuando llegue.'
        )}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button id="foreigner-receipt" variant="contained" onClick={() => void print()}>
          Imprimir comprobante (Alt+P)
        </Button>
        <Button onClick={onBack}>Volver a Atención (Esc)</Button>
      </Box>
      <Message message={message} onClose={() => setMessage(null)} />
      {paper && (
        <FormsDialog
          number={detail.number}
          reprint={paper.reprint}
          heading={paper.reprint ? 'Comprobante reimpreso' : 'Comprobante impreso'}
          forms={paper.forms}
          send={(_paper, printer) => call('forms.sendToPrinter', { id: detail.id, kind: 'comprobante_extranjero', printer })}
          onClose={() => {
            setPaper(null);
            void request.reload();
            focusSoon('foreigner-receipt');
          }}
        />
      )}
    </Paper>
  );
}
