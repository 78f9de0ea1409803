// The intake's behaviour behind the screen: the state (state.ts) wired to the autosave and its
// local journal, the domain's check on every keystroke, the employer's other open requests, and
// "Continuar a verificación" with everything that can stop it. IntakeStep only lays it out.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { CallError } from '../../../../shared/contract';
import { checkIntake, type IntakeDraft, type IntakeField, type IntakeTextField } from '../../../../shared/domain';
import { call } from '../../api/client';
import { fieldErrors, firstWithError } from '../../api/fieldErrors';
import { useCall } from '../../api/useCall';
import { useForeignerCodePattern } from '../../ops/intakeRules';
import { focusSoon, useHotkeys } from '../keyboard';
import type { RequestDetail, RequestHandle } from '../useRequest';
import { fieldId } from './fields';
import { browserStorage, clearLocalDraft, localDraftKey, pruneLocalDrafts, readLocalDraft, reconcileLocalDraft, unsavedFields, writeLocalDraft } from './localDraft';
import {
  APPLICANT_KIND_DEFAULT,
  blank,
  FIELD_ORDER,
  fieldMessages,
  firstEmptyRequired,
  idTypeEdit,
  INDEFINITE,
  initialDraft,
  kindEdit,
  mrzEdit,
  mrzFeedback,
  readMrz,
  textEdit,
  visibleFields,
  warningsToAck,
  withLegalNameFromNames,
} from './model';
import { initialIntakeState, intakeReducer, showsError } from './state';
import { useAutosave } from './useAutosave';

export interface IntakeProps {
  detail: RequestDetail;
  request: RequestHandle;
  /** The signed-in user: the local copy of unsaved typing is theirs only (null: no local copy). */
  userId: string | null;
  onBack(): void;
  onVerificationStarted(): void;
  onConflict(message: string): void;
}

export function focusField(field: IntakeField | 'mrz', draft: IntakeDraft): void {
  if (field === 'applicantKind') {
    focusSoon(`${fieldId('applicantKind')}-${draft.applicantKind || APPLICANT_KIND_DEFAULT}`);
  } else if (field === 'representativeIdNumber' && draft.representativeIdType === 'pasaporte' && blank(draft.representativeIdNumber)) {
    focusSoon(fieldId('mrz'));
  } else if (field === 'artisanExpiryDate' && draft.artisanExpiryDate === INDEFINITE) {
    focusSoon(fieldId('artisanIndefinite'));
  } else {
    focusSoon(fieldId(field));
  }
}

const DEV = import.meta.env.DEV;

export function useIntake({ detail, request, userId, onBack, onVerificationStarted, onConflict }: IntakeProps) {
  const initial = useMemo(() => initialDraft(detail.intake), [detail.intake]);
  // What this computer kept of typing the core never acknowledged (a crash, a closed window):
  // put back when it was typed over the data the core still has, offered otherwise.
  const storage = useMemo(() => browserStorage(), []);
  const localKey = userId ? localDraftKey(userId, detail.id) : null;
  const [state, dispatch] = useReducer(intakeReducer, null, () => {
    if (!localKey) return initialIntakeState(initial, detail.acknowledgedWarnings, { kind: 'none' });
    pruneLocalDrafts(storage, Date.now());
    return initialIntakeState(initial, detail.acknowledgedWarnings, reconcileLocalDraft(readLocalDraft(storage, localKey), { version: detail.version, intake: initial }));
  });
  const { draft, recovery } = state;
  // The draft as of the last edit, read synchronously by the next one (two keys in one frame).
  const draftRef = useRef(draft);
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
      const full = withLegalNameFromNames(draftRef.current, patch);
      const next = { ...draftRef.current, ...full };
      draftRef.current = next;
      dispatch({ type: 'edited', draft: next, fields: Object.keys(full) as IntakeField[] });
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

  // Stable callbacks: the memoized inputs (fields.tsx) re-render only when their own props change.
  const attentionDate = detail.attentionDate;
  const edit = useMemo(
    () => ({
      text: (field: IntakeTextField, value: string) => apply(textEdit(field, value)),
      kind: (value: string) => apply(kindEdit(draftRef.current, value)),
      idType: (_f: 'representativeIdType', value: string) => apply(idTypeEdit(draftRef.current, value)),
      legalName: (name: string) => apply({ employerLegalName: name }),
      thirdParty: (checked: boolean) => apply({ viaThirdParty: checked }),
      artisan: (checked: boolean) => apply({ artisan: checked }),
      indefinite: (checked: boolean) => apply({ artisanExpiryDate: checked ? INDEFINITE : '' }),
      mrz: (value: string) => {
        dispatch({ type: 'mrzTyped', value });
        const patch = mrzEdit(readMrz(value, attentionDate));
        if (patch) apply(patch);
      },
      blur: () => void flush(),
    }),
    [apply, flush, attentionDate],
  );

  const mrzRead = useMemo(() => (state.mrz.trim() ? readMrz(state.mrz, attentionDate) : null), [state.mrz, attentionDate]);
  const mrz = useMemo(() => mrzFeedback(mrzRead, draft), [mrzRead, draft]);

  // One string per field, so memoized inputs re-render only when their own message changes.
  const visible = useMemo(() => visibleFields(draft), [draft]);
  const messages = useMemo(() => fieldMessages(check, state.serverErrors), [check, state.serverErrors]);
  const err = (f: IntakeField) => (showsError(state, f) ? messages.errors[f] : undefined);
  const warn = (f: IntakeField) => messages.warnings[f];

  // Duplicates: other open requests of the agency for the same employer and branch.
  const ruc = check.normalized.employerRuc;
  const branch = check.normalized.employerBranch;
  const dupKey = ruc && branch ? `${ruc}-${branch}` : null;
  const duplicates = useCall('requests.findOpenByEmployer', { ruc: ruc ?? '', branch: branch ?? '', excludeId: detail.id }, { enabled: dupKey !== null, staleTime: 30_000 });
  const dupItems = dupKey ? (duplicates.data?.items ?? []) : [];
  const dupAcked = dupItems.length === 0 || state.dupAckKey === dupKey;

  const warnings = useMemo(() => warningsToAck(check), [check]);
  const pendingWarnings = warnings.filter((w) => !state.acked.has(w.code));

  const visibleErrors = check.errors.filter((e) => visible.has(e.field) || e.field === 'applicantKind' || e.field === 'artisan');
  const serverOnly = (Object.keys(state.serverErrors) as IntakeField[]).filter((f) => !check.errors.some((e) => e.field === f));

  const proceed = useCallback(async () => {
    if (state.busy) return;
    dispatch({ type: 'attempted' });
    const current = draftRef.current;
    const fresh = checkIntake(current, options);
    if (!fresh.ok) {
      const first = FIELD_ORDER.find((f) => fresh.errors.some((e) => e.field === f));
      dispatch({ type: 'blocked', banner: `No se puede continuar: corrija ${fresh.errors.length === 1 ? 'el dato marcado' : `los ${fresh.errors.length} datos marcados`} en rojo.` });
      if (first) focusField(first, current);
      return;
    }
    const waiting = warnings.filter((w) => !state.acked.has(w.code));
    if (waiting.length > 0) {
      dispatch({ type: 'blocked', banner: 'Confirme cada advertencia marcando su casilla antes de continuar.' });
      focusSoon(`ack-${waiting[0]!.code}`);
      return;
    }
    if (!dupAcked) {
      dispatch({ type: 'blocked', banner: 'Hay otra solicitud abierta para este empleador: revísela y confirme antes de continuar.' });
      focusSoon('ack-duplicates');
      return;
    }
    dispatch({ type: 'submitting' });
    const saved = await flush();
    if (!saved) return dispatch({ type: 'refused', banner: 'No se pudo guardar el borrador; se reintentará. Vuelva a intentar en unos segundos.' });
    const r = await run((version) => call('requests.startVerification', { id: detail.id, version, acknowledgedWarnings: [...state.acked] }));
    dispatch({ type: 'submitted' });
    if (r.ok) return onVerificationStarted();
    if (r.error.code === 'conflict') return onConflict(r.error.message);
    const fromCore = fieldErrors(r.error, FIELD_ORDER, 'intake.');
    dispatch({ type: 'refused', banner: r.error.message, serverErrors: fromCore });
    const first = firstWithError(fromCore, FIELD_ORDER);
    if (first) focusField(first, current);
  }, [state.busy, state.acked, options, warnings, dupAcked, flush, run, detail.id, onVerificationStarted, onConflict]);

  const back = useCallback(() => {
    void flush();
    onBack();
  }, [flush, onBack]);

  // A draft that will not go on (the applicant left, a walk-in recorded by mistake) is annulled
  // with a note, so it leaves "Mis solicitudes abiertas" and the history says why.
  const canAnnul = detail.availableEvents.includes('anular');
  const annul = async (note: string): Promise<string | null> => {
    await flush();
    const r = await run((version) => call('requests.transition', { id: detail.id, version, event: 'anular', note }));
    if (!r.ok) return r.error.message;
    dispatch({ type: 'annulling', open: false });
    onBack();
    return null;
  };

  useHotkeys({ ctrlEnter: () => void proceed(), escape: back, alt: { KeyG: () => void flush(), KeyA: () => canAnnul && dispatch({ type: 'annulling', open: true }) } });

  // Arrival: focus the first required field still empty (after check-in, usually the kind).
  useEffect(() => {
    focusField(firstEmptyRequired(draftRef.current), draftRef.current);
  }, []);

  const recoveryActions = {
    recover: () => {
      dispatch({ type: 'recoveryClosed' });
      if (recovery.kind !== 'none') apply(recovery.fields);
    },
    discard: () => {
      dispatch({ type: 'recoveryClosed' });
      if (localKey) clearLocalDraft(storage, localKey);
    },
    dismiss: () => dispatch({ type: 'recoveryClosed' }),
  };

  return {
    state,
    dispatch,
    check,
    err,
    warn,
    edit,
    mrz,
    saveStatus: autosave.status,
    flush,
    duplicates: { items: dupItems, key: dupKey, ruc, branch },
    warnings,
    pendingWarnings,
    visibleErrors,
    serverOnly,
    proceed,
    back,
    canAnnul,
    annul,
    recoveryActions,
  };
}

export type Intake = ReturnType<typeof useIntake>;
