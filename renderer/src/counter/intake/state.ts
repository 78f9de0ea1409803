// The intake screen's state in one reducer: the draft as typed, what the clerk has touched, the
// attempt to continue and what blocked it, the confirmations of warnings and duplicates, the
// MRZ line and the local copy offered back. One place says how each event changes it, and the
// unit tests drive it without a browser.
//
// Why a reducer and not react-hook-form: every keystroke is judged by the domain's own
// checkIntake (shared/domain/intake.ts) over the whole draft, and every change must reach the
// autosave journal synchronously (useAutosave.ts); a form library would bring its own validation
// and field registry to route around, for none of the state that is not the draft.
import type { IntakeDraft, IntakeField } from '../../../../shared/domain';
import type { FieldErrors } from '../../api/fieldErrors';
import type { Reconciled } from './localDraft';
import { blank } from './model';

export interface IntakeState {
  draft: IntakeDraft;
  /** Fields the clerk has changed: their errors show before any attempt to continue. */
  touched: ReadonlySet<IntakeField>;
  /** The clerk tried to continue: every error shows. */
  attempted: boolean;
  /** What the core refused on starting verification, until the field is edited. */
  serverErrors: FieldErrors<IntakeField>;
  /** Warning codes the clerk confirmed. */
  acked: ReadonlySet<string>;
  /** The employer (RUC-branch) whose open requests the clerk confirmed are not duplicates. */
  dupAckKey: string | null;
  /** Why the clerk could not continue, in the action bar. */
  banner: string | null;
  busy: boolean;
  mrz: string;
  recovery: Reconciled;
  annulling: boolean;
}

export type IntakeAction =
  /** `draft` is the new whole draft; `fields` the ones the edit changed. */
  | { type: 'edited'; draft: IntakeDraft; fields: readonly IntakeField[] }
  | { type: 'mrzTyped'; value: string }
  | { type: 'acked'; code: string; checked: boolean }
  | { type: 'duplicatesAcked'; key: string | null }
  /** Continue was pressed: from now on every error shows. */
  | { type: 'attempted' }
  | { type: 'blocked'; banner: string }
  | { type: 'submitting' }
  | { type: 'refused'; banner: string; serverErrors?: FieldErrors<IntakeField> }
  | { type: 'submitted' }
  | { type: 'recoveryClosed' }
  | { type: 'annulling'; open: boolean };

export function initialIntakeState(draft: IntakeDraft, acknowledged: readonly string[], recovery: Reconciled): IntakeState {
  return {
    draft: recovery.kind === 'restore' ? { ...draft, ...recovery.fields } : draft,
    touched: new Set(),
    attempted: false,
    serverErrors: {},
    acked: new Set(acknowledged),
    dupAckKey: null,
    banner: null,
    busy: false,
    mrz: '',
    recovery,
    annulling: false,
  };
}

export function intakeReducer(s: IntakeState, a: IntakeAction): IntakeState {
  switch (a.type) {
    case 'edited': {
      const touched = a.fields.every((f) => s.touched.has(f)) ? s.touched : new Set([...s.touched, ...a.fields]);
      // An edited field's refusal by the core no longer applies to what is typed now.
      const serverErrors = a.fields.some((f) => f in s.serverErrors) ? Object.fromEntries(Object.entries(s.serverErrors).filter(([k]) => !a.fields.includes(k as IntakeField))) : s.serverErrors;
      return { ...s, draft: a.draft, touched, serverErrors };
    }
    case 'mrzTyped':
      return { ...s, mrz: a.value };
    case 'acked':
      return { ...s, acked: a.checked ? new Set([...s.acked, a.code]) : new Set([...s.acked].filter((c) => c !== a.code)) };
    case 'duplicatesAcked':
      return { ...s, dupAckKey: a.key };
    case 'attempted':
      return { ...s, attempted: true };
    case 'blocked':
      return { ...s, banner: a.banner };
    case 'submitting':
      return { ...s, busy: true, banner: null };
    case 'refused':
      return { ...s, busy: false, banner: a.banner, ...(a.serverErrors ? { serverErrors: a.serverErrors } : {}) };
    case 'submitted':
      return { ...s, busy: false };
    case 'recoveryClosed':
      return { ...s, recovery: { kind: 'none' } };
    case 'annulling':
      return { ...s, annulling: a.open };
  }
}

/** Whether a field's error is shown: once touched, filled, refused by the core, or after an attempt. */
export const showsError = (s: IntakeState, f: IntakeField) => s.attempted || s.touched.has(f) || !blank(s.draft[f]) || f in s.serverErrors;
