// The intake of a request (issue #5, step 2): what the clerk types while the applicant is at
// the counter. Checked on every keystroke with the domain's own rules (shared/domain), saved
// as a draft while typing, and handed to the core to start the document checklist.
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CallError } from '../../../../shared/contract';
import {
  APPLICANT_KINDS,
  checkIntake,
  checkPassportMrz,
  comparePassport,
  nationalityName,
  REPRESENTATIVE_ID_TYPES,
  STATE_LABELS,
  VISA_CATEGORIES,
  type IntakeDraft,
  type IntakeField,
  type IntakeTextField,
} from '../../../../shared/domain';
import { call } from '../../api/client';
import { callOrThrow } from '../../api/useCall';
import { formatDateTime, isoToEs } from '../../app/format';
import { useForeignerCodePattern } from '../../ops/intakeRules';
import { formatTime } from '../files';
import { focusSoon, useHotkeys } from '../keyboard';
import { AnnulDialog } from '../checklist/dialogs';
import { ReturnNotice } from '../ReturnNotice';
import { ShortcutLegend } from '../ShortcutLegend';
import type { RequestDetail, RequestHandle } from '../useRequest';
import { ApplicantKindField, fieldId, IntakeCheckbox, IntakeSelect, IntakeText, Section } from './fields';
import { EmployerRegistry } from './EmployerRegistry';
import { MrzField, type MrzFeedback } from './MrzField';
import { browserStorage, clearLocalDraft, localDraftKey, pruneLocalDrafts, readLocalDraft, reconcileLocalDraft, unsavedFields, writeLocalDraft, type Reconciled } from './localDraft';
import { useAutosave, type SaveStatus } from './useAutosave';

interface Props {
  detail: RequestDetail;
  request: RequestHandle;
  /** The signed-in user: the local copy of unsaved typing is theirs only (null: no local copy). */
  userId: string | null;
  onBack(): void;
  onVerificationStarted(): void;
  onConflict(message: string): void;
}

const FIELD_LABELS: Record<IntakeField, string> = {
  applicantKind: 'Tipo de solicitante',
  employerRuc: 'RUC',
  employerBranch: 'Sucursal',
  employerLegalName: 'Razón social',
  representativeIdType: 'Documento de identidad',
  representativeIdNumber: 'Número de documento',
  representativeNames: 'Nombres del representante',
  representativeNationality: 'Nacionalidad',
  passportExpiryDate: 'Caducidad del pasaporte',
  visaCategory: 'Categoría de visa',
  visaNumber: 'Número de visa',
  visaIssueDate: 'Emisión de la visa',
  visaExpiryDate: 'Caducidad de la visa',
  email: 'Correo electrónico',
  mobile: 'Celular',
  address: 'Dirección',
  viaThirdParty: 'Retiro por tercero',
  thirdPartyNames: 'Nombres del tercero',
  thirdPartyCedula: 'Cédula del tercero',
  artisan: 'Artesano calificado',
  artisanNumber: 'Número de calificación',
  artisanBranch: 'Rama artesanal',
  artisanIssueDate: 'Expedición de la calificación',
  artisanExpiryDate: 'Caducidad de la calificación',
};

/** Screen order: where focus goes first, and which error is shown first. */
const FIELD_ORDER = Object.keys(FIELD_LABELS) as IntakeField[];
const OPTIONAL = new Set<IntakeField>(['mobile', 'viaThirdParty', 'artisan']);

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isForeign = (d: IntakeDraft) => {
  const n = (d.representativeNationality ?? '').trim().toUpperCase();
  return n !== '' && n !== 'ECU';
};

function visibleFields(d: IntakeDraft): Set<IntakeField> {
  const hidden = new Set<IntakeField>();
  if (!isForeign(d)) for (const f of ['passportExpiryDate', 'visaCategory', 'visaNumber', 'visaIssueDate', 'visaExpiryDate'] as const) hidden.add(f);
  if (!d.viaThirdParty) for (const f of ['thirdPartyNames', 'thirdPartyCedula'] as const) hidden.add(f);
  if (!d.artisan) for (const f of ['artisanNumber', 'artisanBranch', 'artisanIssueDate', 'artisanExpiryDate'] as const) hidden.add(f);
  return new Set(FIELD_ORDER.filter((f) => !hidden.has(f)));
}

function focusField(field: IntakeField | 'mrz', draft: IntakeDraft): void {
  if (field === 'applicantKind') {
    focusSoon(`${fieldId('applicantKind')}-${draft.applicantKind || APPLICANT_KINDS[0].code}`);
  } else if (field === 'representativeIdNumber' && draft.representativeIdType === 'pasaporte' && blank(draft.representativeIdNumber)) {
    focusSoon(fieldId('mrz'));
  } else if (field === 'artisanExpiryDate' && draft.artisanExpiryDate === 'Indefinida') {
    focusSoon(fieldId('artisanIndefinite'));
  } else {
    focusSoon(fieldId(field));
  }
}

/** "GARCIA LOPEZ" → "Garcia Lopez": the MRZ has no case nor accents; the clerk adds accents. */
const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

const DEV = import.meta.env.DEV;

export function IntakeStep({ detail, request, userId, onBack, onVerificationStarted, onConflict }: Props) {
  // The core keeps '' in NOT NULL columns of a fresh draft; the contract wants null for "no choice".
  const initial = useMemo<IntakeDraft>(
    () => ({
      viaThirdParty: false,
      artisan: false,
      ...detail.intake,
      applicantKind: APPLICANT_KINDS.find((k) => k.code === detail.intake.applicantKind)?.code ?? null,
      representativeIdType: REPRESENTATIVE_ID_TYPES.find((t) => t.code === detail.intake.representativeIdType)?.code ?? null,
    }),
    [detail.intake],
  );
  // What this computer kept of typing the core never acknowledged (a crash, a closed window):
  // put back when it was typed over the data the core still has, offered otherwise.
  const storage = useMemo(() => browserStorage(), []);
  const localKey = userId ? localDraftKey(userId, detail.id) : null;
  const [recovery, setRecovery] = useState<Reconciled>(() => {
    if (!localKey) return { kind: 'none' };
    pruneLocalDrafts(storage, Date.now());
    return reconcileLocalDraft(readLocalDraft(storage, localKey), { version: detail.version, intake: initial });
  });
  const [draft, setDraft] = useState<IntakeDraft>(() => (recovery.kind === 'restore' ? { ...initial, ...recovery.fields } : initial));
  const draftRef = useRef(draft);
  const [touched, setTouched] = useState<ReadonlySet<IntakeField>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<IntakeField, string>>>({});
  const [acked, setAcked] = useState<ReadonlySet<string>>(() => new Set(detail.acknowledgedWarnings));
  const [dupAckKey, setDupAckKey] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mrz, setMrz] = useState('');
  const keyAt = useRef(0);

  const foreignerCodePattern = useForeignerCodePattern();
  const options = useMemo(() => ({ attentionDate: detail.attentionDate, channel: detail.channel, foreignerCodePattern }), [detail.attentionDate, detail.channel, foreignerCodePattern]);
  const check = useMemo(() => checkIntake(draft, options), [draft, options]);

  const { run } = request;
  const save = useCallback((d: IntakeDraft) => run((version) => call('requests.saveDraft', { id: detail.id, version, intake: d })), [run, detail.id]);
  const conflict = useCallback((e: CallError) => onConflict(e.message), [onConflict]);
  const journal = useMemo(
    () =>
      localKey
        ? { version: detail.version, record: (latest: IntakeDraft, saved: IntakeDraft, version: number) => writeLocalDraft(storage, localKey, version, unsavedFields(latest, saved), Date.now()) }
        : undefined,
    [localKey, storage, detail.version],
  );
  const autosave = useAutosave<IntakeDraft>(initial, save, conflict, journal);
  const { changed, flush } = autosave;

  useEffect(() => {
    if (!localKey) return;
    if (recovery.kind === 'none') clearLocalDraft(storage, localKey);
    // Restored typing goes to the core at once (the journal keeps it until the core says saved).
    if (recovery.kind === 'restore') {
      changed(draftRef.current);
      void flush();
    }
    // Once, on arrival: later changes go through the journal.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const apply = useCallback(
    (patch: IntakeDraft) => {
      if (DEV) keyAt.current = performance.now();
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraft(next);
      const fields = Object.keys(patch) as IntakeField[];
      setTouched((t) => (fields.every((f) => t.has(f)) ? t : new Set([...t, ...fields])));
      setServerErrors((s) => (fields.some((f) => f in s) ? Object.fromEntries(Object.entries(s).filter(([k]) => !fields.includes(k as IntakeField))) : s));
      changed(next);
    },
    [changed],
  );

  // Dev only: time from the keystroke to the committed screen (goal: under 100 ms).
  useEffect(() => {
    if (!DEV || keyAt.current === 0) return;
    const ms = performance.now() - keyAt.current;
    keyAt.current = 0;
    const w = window as unknown as { __intakeKeystrokeMs?: number[] };
    (w.__intakeKeystrokeMs ??= []).push(ms);
    if (ms > 50) console.warn(`Intake: ${ms.toFixed(1)} ms para una pulsación`);
  });

  const setText = useCallback(
    (field: IntakeTextField, value: string) => {
      let v = value;
      if (field === 'representativeNationality') v = v.toUpperCase().replace(/[^A-Z]/g, '');
      if (field === 'employerBranch') v = v.replace(/\D/g, '');
      const patch: IntakeDraft = { [field]: v };
      if (field === 'visaCategory' && v === 'permanente') patch.visaExpiryDate = '';
      apply(patch);
    },
    [apply],
  );
  const setKind = useCallback(
    (value: string) => {
      const kind = APPLICANT_KINDS.find((k) => k.code === value)?.code ?? null;
      const patch: IntakeDraft = { applicantKind: kind };
      // A natural Ecuadorian is their own representative, with cédula and nationality ECU.
      if (kind === 'natural_ecuatoriana') Object.assign(patch, { representativeNationality: 'ECU', representativeIdType: 'cedula' });
      if (kind === 'juridica_publica' && draftRef.current.artisan) patch.artisan = false;
      apply(patch);
    },
    [apply],
  );
  const setIdType = useCallback((_f: 'representativeIdType', value: string) => {
    const idType = REPRESENTATIVE_ID_TYPES.find((t) => t.code === value)?.code ?? null;
    // A number typed for another kind of document (often the turno's cédula) does not carry over.
    const patch: IntakeDraft = { representativeIdType: idType };
    if (idType !== draftRef.current.representativeIdType) patch.representativeIdNumber = '';
    apply(patch);
  }, [apply]);
  const takeRegistryName = useCallback((name: string) => apply({ employerLegalName: name }), [apply]);
  const setThirdParty = useCallback((checked: boolean) => apply({ viaThirdParty: checked }), [apply]);
  const setArtisan = useCallback((checked: boolean) => apply({ artisan: checked }), [apply]);
  const setIndefinite = useCallback((checked: boolean) => apply({ artisanExpiryDate: checked ? 'Indefinida' : '' }), [apply]);
  const onBlur = useCallback(() => void flush(), [flush]);

  // The passport reader: parse on every change, fill the fields from a clean read.
  const mrzCheck = useMemo(() => (mrz.trim() ? checkPassportMrz(mrz, { attentionDate: detail.attentionDate }) : null), [mrz, detail.attentionDate]);
  const onMrz = useCallback(
    (value: string) => {
      setMrz(value);
      const result = checkPassportMrz(value, { attentionDate: detail.attentionDate });
      const p = result.passport;
      const onlyExpired = result.errors.every((e) => e.code === 'passport.expired');
      if (p && onlyExpired) {
        apply({
          representativeIdType: 'pasaporte',
          representativeIdNumber: p.documentNumber,
          representativeNames: titleCase(`${p.surnames} ${p.givenNames}`.trim()),
          representativeNationality: p.nationality,
          passportExpiryDate: p.expiryDate ?? '',
        });
      }
    },
    [apply, detail.attentionDate],
  );
  const mrzFeedback = useMemo<MrzFeedback | null>(() => {
    if (!mrzCheck) return null;
    const p = mrzCheck.passport;
    const mismatches = p
      ? comparePassport(p, { documentNumber: draft.representativeIdNumber, fullName: draft.representativeNames, nationality: draft.representativeNationality, expiryDate: draft.passportExpiryDate }).errors.map((e) => e.message)
      : [];
    const read = p ? `${p.documentNumber} · ${p.surnames}, ${p.givenNames} · ${p.nationality} (${nationalityName(p.nationality) ?? 'código desconocido'}) · caduca ${isoToEs(p.expiryDate ?? '') || '—'}` : null;
    const suggestion = mrzCheck.suggestion ? { message: mrzCheck.warnings.map((w) => w.message).join(' '), mrz: mrzCheck.suggestion.mrz } : null;
    return { errors: mrzCheck.errors.map((e) => e.message), mismatches, read, suggestion };
  }, [mrzCheck, draft.representativeIdNumber, draft.representativeNames, draft.representativeNationality, draft.passportExpiryDate]);

  // One string per field, so memoized inputs re-render only when their own message changes.
  const visible = useMemo(() => visibleFields(draft), [draft]);
  const messages = useMemo(() => {
    const errors: Partial<Record<IntakeField, string>> = {};
    const warnings: Partial<Record<IntakeField, string>> = {};
    for (const e of check.errors) errors[e.field] = errors[e.field] ? `${errors[e.field]} ${e.issue.message}` : e.issue.message;
    for (const w of check.warnings) warnings[w.field] = warnings[w.field] ? `${warnings[w.field]} ${w.issue.message}` : w.issue.message;
    for (const [f, m] of Object.entries(serverErrors) as [IntakeField, string][]) errors[f] ??= m;
    return { errors, warnings };
  }, [check, serverErrors]);
  const show = (f: IntakeField) => attempted || touched.has(f) || !blank(draft[f]) || f in serverErrors;
  const err = (f: IntakeField) => (show(f) ? messages.errors[f] : undefined);
  const warn = (f: IntakeField) => messages.warnings[f];

  // Duplicates: other open requests of the agency for the same employer and branch.
  const ruc = check.normalized.employerRuc;
  const branch = check.normalized.employerBranch;
  const dupKey = ruc && branch ? `${ruc}-${branch}` : null;
  const duplicates = useQuery({
    queryKey: ['requests.findOpenByEmployer', ruc, branch, detail.id],
    queryFn: () => callOrThrow('requests.findOpenByEmployer', { ruc: ruc!, branch: branch!, excludeId: detail.id }),
    enabled: dupKey !== null,
    staleTime: 30_000,
  });
  const dupItems = dupKey ? (duplicates.data?.items ?? []) : [];
  const dupAcked = dupItems.length === 0 || dupAckKey === dupKey;

  const warningList = useMemo(() => {
    const seen = new Map<string, { code: string; message: string; field: IntakeField }>();
    for (const w of check.warnings) if (!seen.has(w.issue.code)) seen.set(w.issue.code, { code: w.issue.code, message: w.issue.message, field: w.field });
    return [...seen.values()];
  }, [check.warnings]);
  const pendingWarnings = warningList.filter((w) => !acked.has(w.code));

  const visibleErrors = check.errors.filter((e) => visible.has(e.field) || e.field === 'applicantKind' || e.field === 'artisan');
  const serverOnly = (Object.keys(serverErrors) as IntakeField[]).filter((f) => !check.errors.some((e) => e.field === f));

  const proceed = useCallback(async () => {
    if (busy) return;
    setAttempted(true);
    const current = draftRef.current;
    const fresh = checkIntake(current, options);
    if (!fresh.ok) {
      const first = FIELD_ORDER.find((f) => fresh.errors.some((e) => e.field === f));
      setBanner(`No se puede continuar: corrija ${fresh.errors.length === 1 ? 'el dato marcado' : `los ${fresh.errors.length} datos marcados`} en rojo.`);
      if (first) focusField(first, current);
      return;
    }
    const waiting = warningList.filter((w) => !acked.has(w.code));
    if (waiting.length > 0) {
      setBanner('Confirme cada advertencia marcando su casilla antes de continuar.');
      focusSoon(`ack-${waiting[0]!.code}`);
      return;
    }
    if (!dupAcked) {
      setBanner('Hay otra solicitud abierta para este empleador: revísela y confirme antes de continuar.');
      focusSoon('ack-duplicates');
      return;
    }
    setBusy(true);
    setBanner(null);
    const saved = await flush();
    if (!saved) {
      setBusy(false);
      setBanner('No se pudo guardar el borrador; se reintentará. Vuelva a intentar en unos segundos.');
      return;
    }
    const r = await run((version) => call('requests.startVerification', { id: detail.id, version, acknowledgedWarnings: [...acked] }));
    setBusy(false);
    if (r.ok) return onVerificationStarted();
    if (r.error.code === 'conflict') return onConflict(r.error.message);
    const fields: Partial<Record<IntakeField, string>> = {};
    for (const f of r.error.fields ?? []) {
      const name = f.path.replace(/^intake\./, '') as IntakeField;
      if (name in FIELD_LABELS) fields[name] ??= f.message;
    }
    setServerErrors(fields);
    setBanner(r.error.message);
    const first = FIELD_ORDER.find((f) => f in fields);
    if (first) focusField(first, current);
  }, [busy, options, warningList, acked, dupAcked, flush, run, detail.id, onVerificationStarted, onConflict]);

  const back = useCallback(() => {
    void flush();
    onBack();
  }, [flush, onBack]);

  // A draft that will not go on (the applicant left, a walk-in recorded by mistake) is annulled
  // with a note, so it leaves "Mis solicitudes abiertas" and the history says why.
  const [annulling, setAnnulling] = useState(false);
  const canAnnul = detail.availableEvents.includes('anular');
  const annul = async (note: string): Promise<string | null> => {
    await flush();
    const r = await run((version) => call('requests.transition', { id: detail.id, version, event: 'anular', note }));
    if (!r.ok) return r.error.message;
    setAnnulling(false);
    onBack();
    return null;
  };

  useHotkeys({ ctrlEnter: () => void proceed(), escape: back, alt: { KeyG: () => void flush(), KeyA: () => canAnnul && setAnnulling(true) } });

  // Arrival: focus the first required field still empty (after check-in, usually the kind).
  useEffect(() => {
    const d = draftRef.current;
    const vis = visibleFields(d);
    const first = FIELD_ORDER.find((f) => vis.has(f) && !OPTIONAL.has(f) && blank(d[f]));
    focusField(first ?? 'applicantKind', d);
  }, []);

  /** Enter moves to the next field, as on the paper form; Ctrl+Enter continues (hotkey). */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const target = e.target as HTMLElement;
    if (!target.hasAttribute('data-advance')) return;
    e.preventDefault();
    const group = target.getAttribute('data-group');
    const all = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-advance]')).filter((el) => !(el as HTMLInputElement).disabled);
    const next = all.find((el) => target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && (!group || el.getAttribute('data-group') !== group));
    if (next) next.focus();
    else focusSoon('continue-verification');
  };

  const foreign = isForeign(draft);
  const passport = draft.representativeIdType === 'pasaporte';
  // A foreign natural person may hold a cédula: the nationality is asked all the same.
  const askNationality = passport || foreign || draft.applicantKind === 'natural_extranjera';
  const natural = draft.applicantKind === 'natural_ecuatoriana' || draft.applicantKind === 'natural_extranjera';

  return (
    <Box
      onKeyDown={onKeyDown}
      // A field reached with Enter/Tab is scrolled clear of the sticky action bar.
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, pb: 1, '& input, & textarea, & select': { scrollMarginBottom: '150px', scrollMarginTop: '12px' } }}
    >
      <RequestHeading detail={detail} />
      {recovery.kind !== 'none' && (
        <RecoveryNotice
          recovery={recovery}
          onRecover={() => {
            setRecovery({ kind: 'none' });
            apply(recovery.fields);
          }}
          onDiscard={() => {
            setRecovery({ kind: 'none' });
            if (localKey) clearLocalDraft(storage, localKey);
          }}
          onDismiss={() => setRecovery({ kind: 'none' })}
        />
      )}
      {detail.state === 'devuelta' && <ReturnNotice detail={detail} action="corrija lo indicado y continúe a verificación" />}

      <Section title="Empleador">
        <ApplicantKindField value={draft.applicantKind ?? ''} options={APPLICANT_KINDS} error={err('applicantKind')} onChange={setKind} />
        <IntakeText field="employerRuc" label="RUC" value={draft.employerRuc ?? ''} error={err('employerRuc')} warning={warn('employerRuc')} required mono maxLength={20} inputMode="numeric" hint={natural ? 'Persona natural: su cédula seguida de 001.' : '13 dígitos.'} onChange={setText} onBlur={onBlur} />
        <IntakeText field="employerBranch" label="Sucursal" value={draft.employerBranch ?? ''} error={err('employerBranch')} required mono maxLength={4} inputMode="numeric" hint="4 dígitos, p. ej. 0001." onChange={setText} onBlur={onBlur} />
        <IntakeText field="employerLegalName" label="Razón social" value={draft.employerLegalName ?? ''} error={err('employerLegalName')} required span={2} maxLength={200} hint={natural ? 'Persona natural: sus nombres completos.' : undefined} onChange={setText} onBlur={onBlur} />
        <EmployerRegistry ruc={check.normalized.employerRuc ?? null} branch={check.normalized.employerBranch ?? null} legalName={draft.employerLegalName ?? ''} onUseName={takeRegistryName} />
      </Section>

      {dupItems.length > 0 && (
        <Alert severity="warning" role="alert" aria-label="Solicitudes abiertas del mismo empleador">
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            Este empleador (RUC {ruc}, sucursal {branch}) ya tiene {dupItems.length === 1 ? 'una solicitud abierta' : `${dupItems.length} solicitudes abiertas`} en la agencia:
          </Typography>
          <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
            {dupItems.map((d) => (
              <li key={d.id}>
                <Typography variant="body2">
                  <Box component="span" sx={{ fontFamily: 'monospace' }}>{d.number}</Box> · {STATE_LABELS[d.state]} · {d.clerkName ?? 'sin ventanillero'} · creada {formatDateTime(d.createdAt)}
                </Typography>
              </li>
            ))}
          </Box>
          <FormControlLabel
            control={<Checkbox id="ack-duplicates" size="small" checked={dupAckKey === dupKey} onChange={(e) => setDupAckKey(e.target.checked ? dupKey : null)} />}
            label="Revisé las solicitudes abiertas: esta no es un duplicado"
          />
        </Alert>
      )}

      <Section title="Representante legal" aside={natural ? <Typography variant="caption" color="text.secondary">La persona natural es su propio representante.</Typography> : undefined}>
        <IntakeSelect field="representativeIdType" label="Documento de identidad" value={draft.representativeIdType ?? ''} options={REPRESENTATIVE_ID_TYPES} error={err('representativeIdType')} required onChange={setIdType} onBlur={onBlur} />
        <IntakeText field="representativeIdNumber" label={passport ? 'Número de pasaporte' : draft.representativeIdType === 'codigo_extranjero' ? 'Código de extranjero' : 'Número de cédula'} value={draft.representativeIdNumber ?? ''} error={err('representativeIdNumber')} warning={warn('representativeIdNumber')} required mono maxLength={30} onChange={setText} onBlur={onBlur} />
        <IntakeText field="representativeNames" label="Apellidos y nombres" value={draft.representativeNames ?? ''} error={err('representativeNames')} required span={askNationality ? 1 : 2} maxLength={160} onChange={setText} onBlur={onBlur} />
        {askNationality && <IntakeText field="representativeNationality" label="Nacionalidad" value={draft.representativeNationality ?? ''} error={err('representativeNationality')} required mono maxLength={3} hint={nationalityName(draft.representativeNationality) ?? 'Código del pasaporte: ECU, COL, VEN, D (Alemania)…'} onChange={setText} onBlur={onBlur} />}
        {passport && <MrzField value={mrz} feedback={mrzFeedback} onChange={onMrz} onBlur={onBlur} />}
        {foreign && (
          <>
            <IntakeText field="passportExpiryDate" label="Caducidad del pasaporte" type="date" value={draft.passportExpiryDate ?? ''} error={err('passportExpiryDate')} required onChange={setText} onBlur={onBlur} />
            <IntakeSelect field="visaCategory" label="Categoría de visa" value={draft.visaCategory ?? ''} options={VISA_CATEGORIES} error={err('visaCategory')} warning={warn('visaCategory')} required span={3} onChange={setText} onBlur={onBlur} />
            <IntakeText field="visaNumber" label="Número de visa" value={draft.visaNumber ?? ''} error={err('visaNumber')} required mono maxLength={40} onChange={setText} onBlur={onBlur} />
            <IntakeText field="visaIssueDate" label="Emisión de la visa" type="date" value={draft.visaIssueDate ?? ''} error={err('visaIssueDate')} required onChange={setText} onBlur={onBlur} />
            <IntakeText field="visaExpiryDate" label="Caducidad de la visa" type="date" value={draft.visaExpiryDate ?? ''} error={err('visaExpiryDate')} warning={warn('visaExpiryDate')} disabled={draft.visaCategory === 'permanente'} hint={draft.visaCategory === 'permanente' ? 'La residencia permanente no caduca.' : undefined} onChange={setText} onBlur={onBlur} />
          </>
        )}
        {!passport && !foreign && (
          <Typography variant="caption" color="text.secondary" sx={{ gridColumn: '1 / -1', mt: -0.5, mb: 0.5 }}>
            Para un representante extranjero, elija «Pasaporte» o «Código de identificación para extranjeros»: aparecen la zona MRZ, la nacionalidad y la visa.
          </Typography>
        )}
      </Section>

      <Section title="Contacto">
        <IntakeText field="email" label="Correo electrónico" type="email" value={draft.email ?? ''} error={err('email')} warning={warn('email')} required span={2} maxLength={254} inputMode="email" hint="Obligatorio: la clave patronal se envía a este correo." onChange={setText} onBlur={onBlur} />
        <IntakeText field="mobile" label="Celular" type="tel" value={draft.mobile ?? ''} error={err('mobile')} mono maxLength={20} inputMode="tel" hint="09 y 8 dígitos." onChange={setText} onBlur={onBlur} />
        <Box />
        <IntakeText field="address" label="Dirección del empleador" value={draft.address ?? ''} error={err('address')} required span={4} maxLength={300} onChange={setText} onBlur={onBlur} />
      </Section>

      <Section title="Retiro por tercero">
        <IntakeCheckbox id={fieldId('viaThirdParty')} label="Un tercero autorizado presenta y retira" checked={draft.viaThirdParty === true} onChange={setThirdParty} span={2} />
        {draft.viaThirdParty ? (
          <>
            <IntakeText field="thirdPartyNames" label="Apellidos y nombres del tercero" value={draft.thirdPartyNames ?? ''} error={err('thirdPartyNames')} required maxLength={160} onChange={setText} onBlur={onBlur} />
            <IntakeText field="thirdPartyCedula" label="Cédula del tercero" value={draft.thirdPartyCedula ?? ''} error={err('thirdPartyCedula')} warning={warn('thirdPartyCedula')} required mono maxLength={20} inputMode="numeric" onChange={setText} onBlur={onBlur} />
          </>
        ) : (
          <Typography variant="caption" color="text.secondary" sx={{ gridColumn: 'span 2', alignSelf: 'center' }}>
            Al marcarlo se imprime la «Autorización de Retiro de Contraseña» y se pide la cédula original del tercero.
          </Typography>
        )}
      </Section>

      <Section title="Artesano calificado">
        <IntakeCheckbox id={fieldId('artisan')} label="Presenta calificación artesanal (JNDA)" checked={draft.artisan === true} disabled={draft.applicantKind === 'juridica_publica'} onChange={setArtisan} span={draft.artisan ? 4 : 2} />
        {err('artisan') && (
          <Typography variant="caption" color="error" sx={{ gridColumn: '1 / -1' }}>
            {err('artisan')}
          </Typography>
        )}
        {draft.artisan && (
          <>
            <IntakeText field="artisanNumber" label="Número de calificación" value={draft.artisanNumber ?? ''} error={err('artisanNumber')} required mono maxLength={40} onChange={setText} onBlur={onBlur} />
            <IntakeText field="artisanBranch" label="Rama artesanal" value={draft.artisanBranch ?? ''} error={err('artisanBranch')} required maxLength={80} onChange={setText} onBlur={onBlur} />
            <IntakeText field="artisanIssueDate" label="Fecha de expedición" type="date" value={draft.artisanIssueDate ?? ''} error={err('artisanIssueDate')} required onChange={setText} onBlur={onBlur} />
            <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
              <IntakeText
                field="artisanExpiryDate"
                label="Fecha de caducidad"
                type="date"
                value={draft.artisanExpiryDate === 'Indefinida' ? '' : (draft.artisanExpiryDate ?? '')}
                error={err('artisanExpiryDate')}
                disabled={draft.artisanExpiryDate === 'Indefinida'}
                onChange={setText}
                onBlur={onBlur}
              />
              <IntakeCheckbox id={fieldId('artisanIndefinite')} label="Indefinida" checked={draft.artisanExpiryDate === 'Indefinida'} onChange={setIndefinite} />
            </Box>
          </>
        )}
      </Section>

      <Paper
        variant="outlined"
        // Stuck to the very bottom of the scrolling area (over its padding), so nothing shows below it.
        sx={{ position: 'sticky', bottom: -24, mb: -3, p: 1.5, pb: 2, zIndex: 2, borderColor: banner ? 'error.main' : 'divider', boxShadow: '0 -2px 6px rgba(0,0,0,.06)' }}
      >
        {pendingWarnings.length > 0 || warningList.length > 0 ? (
          <Stack spacing={0.5} sx={{ mb: 1 }} aria-label="Advertencias por confirmar">
            {warningList.map((w) => (
              <Alert key={w.code} severity="warning" sx={{ py: 0 }}>
                <FormControlLabel
                  control={<Checkbox id={`ack-${w.code}`} size="small" checked={acked.has(w.code)} onChange={(e) => setAcked((s) => (e.target.checked ? new Set([...s, w.code]) : new Set([...s].filter((c) => c !== w.code))))} />}
                  label={<Typography variant="body2">{ackLabel(w.code, FIELD_LABELS[w.field])}</Typography>}
                />
              </Alert>
            ))}
          </Stack>
        ) : null}
        {banner && (
          <Alert severity="error" role="alert" sx={{ mb: 1, py: 0 }}>
            {banner}
            {attempted && (visibleErrors.length > 0 || serverOnly.length > 0) && (
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {visibleErrors.slice(0, 4).map((e, i) => (
                  <li key={`${e.field}-${i}`}>
                    <Typography variant="caption">
                      {FIELD_LABELS[e.field]}: {e.issue.message}
                    </Typography>
                  </li>
                ))}
                {visibleErrors.length > 4 && <li><Typography variant="caption">… y {visibleErrors.length - 4} más.</Typography></li>}
              </Box>
            )}
          </Alert>
        )}
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
          {/* In the sticky bar so "not saved" is always in sight, wherever the form is scrolled. */}
          <Box sx={{ minWidth: 150 }}>
            <SaveIndicator status={autosave.status} />
          </Box>
          <ShortcutLegend items={[['Enter', 'siguiente campo'], ['Ctrl+Enter', 'continuar'], ['Esc', 'volver a Atención'], ['Alt+G', 'guardar ahora'], ['Alt+A', 'anular']]} />
          <Box sx={{ flex: 1 }} />
          {canAnnul && (
            <Button color="warning" onClick={() => setAnnulling(true)}>
              Anular…
            </Button>
          )}
          <Button onClick={back}>Volver</Button>
          <Button id="continue-verification" variant="contained" disabled={busy} onClick={() => void proceed()}>
            Continuar a verificación
          </Button>
        </Box>
      </Paper>
      {annulling && <AnnulDialog number={detail.number} onClose={() => setAnnulling(false)} onSubmit={annul} />}
    </Box>
  );
}

const shownValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 'sí' : 'no') : v === null || v === undefined || v === '' ? '(vacío)' : `«${isoToEs(String(v))}»`);

/** Typing recovered from this computer: said plainly, and never put over newer data unasked. */
function RecoveryNotice({ recovery, onRecover, onDiscard, onDismiss }: { recovery: Exclude<Reconciled, { kind: 'none' }>; onRecover(): void; onDiscard(): void; onDismiss(): void }) {
  const fields = (Object.keys(recovery.fields) as IntakeField[]).filter((f) => f in FIELD_LABELS);
  if (recovery.kind === 'restore') {
    return (
      <Alert severity="info" role="status" aria-label="Datos recuperados" onClose={onDismiss} sx={{ py: 0 }}>
        Se recuperó lo que escribió en este equipo el {formatDateTime(recovery.at)} y no se había guardado ({fields.map((f) => FIELD_LABELS[f]).join(', ')}). Se guarda ahora en la solicitud.
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
      En este equipo quedó lo que escribió el {formatDateTime(recovery.at)} sin llegar a guardarse, pero la solicitud se modificó después (en otra ventana o estación). No se reemplazó nada:
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

function ackLabel(code: string, field: string): string {
  if (code === 'ruc.sri_confirm') return 'Confirmé con el SRI que el RUC existe y está activo';
  if (code === 'ruc.kind') return 'Confirmé el tipo de solicitante con el certificado del RUC';
  if (code === 'email.domain_typo') return 'Confirmé el correo con el solicitante';
  return `Revisé con el documento: ${field}`;
}

function RequestHeading({ detail }: { detail: RequestDetail }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
          Solicitud <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.9em' }}>{detail.number}</Box>
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {STATE_LABELS[detail.state]} ·{' '}
          {detail.appointment ? `Turno ${detail.appointment.time} · ${detail.appointment.confirmationCode}` : detail.walkIn ? `Sin turno, autorizó ${detail.walkIn.authorizedBy}` : 'Sin turno'}
        </Typography>
      </Box>
    </Box>
  );
}

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const text =
    status.kind === 'saved'
      ? `Guardado ${formatTime(status.at)}`
      : status.kind === 'saving'
        ? 'Guardando…'
        : status.kind === 'pending'
          ? 'Cambios por guardar…'
          : status.kind === 'offline'
            ? 'Sin conexión: no se pudo guardar — reintentando'
            : status.kind === 'error'
              ? `No se pudo guardar: ${status.message}`
              : 'Borrador guardado automáticamente';
  const color = status.kind === 'offline' || status.kind === 'error' ? 'error.main' : status.kind === 'saved' ? 'success.dark' : 'text.secondary';
  return (
    <Typography role="status" aria-label="Estado del borrador" variant="body2" sx={{ color, fontWeight: status.kind === 'offline' ? 700 : 400 }}>
      {text}
    </Typography>
  );
}
