// The intake of a request (the counter's second step, after check-in): what the clerk types while the
// applicant is at the counter. Checked on every keystroke with the domain's own rules
// (shared/domain), saved as a draft while typing, and handed to the core to start the document
// checklist. The behaviour lives in useIntake.ts (state in state.ts); this file lays it out.
import { Box, Typography } from '@mui/material';
import type { KeyboardEvent } from 'react';
import { APPLICANT_KINDS, FOREIGNER_REGISTRATIONS, nationalityName, REPRESENTATIVE_ID_TYPES, VISA_CATEGORIES, type ForeignerRegistration, type IntakeField } from '../../../../shared/domain';
import { AnnulDialog } from '../checklist/dialogs';
import { focusSoon } from '../keyboard';
import { ReturnNotice } from '../ReturnNotice';
import { ActionBar, BAR_HEIGHT_VAR } from './ActionBar';
import { EmployerRegistry } from './EmployerRegistry';
import { ApplicantKindField, fieldId, IntakeCheckbox, IntakeSelect, IntakeText, Section } from './fields';
import { ForeignerRegistry } from './ForeignerRegistry';
import { blank, INDEFINITE } from './model';
import { MrzField } from './MrzField';
import { DuplicatesNotice, RecoveryNotice, RequestHeading } from './notices';
import { useIntake, type IntakeProps } from './useIntake';

/** Enter moves to the next field, as on the paper form; Ctrl+Enter continues (hotkey). */
function advanceOnEnter(e: KeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  const target = e.target as HTMLElement;
  if (!target.hasAttribute('data-advance')) return;
  e.preventDefault();
  const group = target.getAttribute('data-group');
  const all = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-advance]')).filter((el) => !(el as HTMLInputElement).disabled);
  const next = all.find((el) => target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && (!group || el.getAttribute('data-group') !== group));
  if (next) next.focus();
  else focusSoon('continue-verification');
}

/** «No registrado (consultado)» is central's answer: offered only when central gave it. */
function registrationOptions(current: ForeignerRegistration | null) {
  return FOREIGNER_REGISTRATIONS.filter((r) => r.code !== 'no_registrado' || current === 'no_registrado');
}

const passportNumber = (n: string | undefined) => (n && /^[A-Z0-9]{3,20}$/.test(n) ? n : null);

export function IntakeStep(props: IntakeProps) {
  const { detail } = props;
  const intake = useIntake(props);
  const { state, dispatch, check, err, warn, edit, duplicates } = intake;
  const { draft, recovery } = state;
  // What is shown and what is disabled come from the model (model.ts), the same functions the
  // test of every intake finding walks: no finding lands on a field the clerk cannot see or change.
  const show = (f: IntakeField) => intake.visible.has(f);
  const locked = (f: IntakeField) => intake.locked.has(f);
  const passport = draft.representativeIdType === 'pasaporte';
  const natural = draft.applicantKind === 'natural_ecuatoriana' || draft.applicantKind === 'natural_extranjera';

  return (
    <Box
      onKeyDown={advanceOnEnter}
      // A field reached with Enter/Tab or a link of the error summary is scrolled clear of the
      // sticky action bar, whose height the bar keeps in BAR_HEIGHT_VAR (ActionBar.tsx).
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, pb: 1, '& input, & textarea, & select': { scrollMarginBottom: `calc(var(${BAR_HEIGHT_VAR}, 150px) + 48px)`, scrollMarginTop: '12px' } }}
    >
      <RequestHeading detail={detail} />
      {recovery.kind !== 'none' && <RecoveryNotice recovery={recovery} onRecover={intake.recoveryActions.recover} onDiscard={intake.recoveryActions.discard} onDismiss={intake.recoveryActions.dismiss} />}
      {detail.state === 'devuelta' && <ReturnNotice detail={detail} action="corrija lo indicado y continúe a verificación" />}

      <Section title="Empleador">
        <ApplicantKindField value={draft.applicantKind ?? ''} options={APPLICANT_KINDS} error={err('applicantKind')} onChange={edit.kind} />
        <IntakeText field="employerRuc" label="RUC" value={draft.employerRuc ?? ''} error={err('employerRuc')} warning={warn('employerRuc')} required mono maxLength={20} inputMode="numeric" hint={natural ? 'Persona natural: su cédula seguida de 001.' : '13 dígitos.'} onChange={edit.text} onBlur={edit.blur} />
        <IntakeText field="employerBranch" label="Sucursal" value={draft.employerBranch ?? ''} error={err('employerBranch')} required mono maxLength={4} inputMode="numeric" hint="4 dígitos, p. ej. 0001." onChange={edit.text} onBlur={edit.blur} />
        <IntakeText field="employerLegalName" label="Razón social" value={draft.employerLegalName ?? ''} error={err('employerLegalName')} required span={2} maxLength={200} hint={natural ? 'Persona natural: sus nombres completos.' : undefined} onChange={edit.text} onBlur={edit.blur} />
        <EmployerRegistry ruc={check.normalized.employerRuc ?? null} branch={check.normalized.employerBranch ?? null} legalName={draft.employerLegalName ?? ''} onUseName={edit.legalName} />
      </Section>

      {duplicates.items.length > 0 && (
        <DuplicatesNotice
          items={duplicates.items}
          ruc={duplicates.ruc}
          branch={duplicates.branch}
          acked={state.dupAckKey === duplicates.key}
          onAck={(checked) => dispatch({ type: 'duplicatesAcked', key: checked ? duplicates.key : null })}
        />
      )}

      <Section title="Representante legal" aside={natural ? <Typography variant="caption" color="textSecondary">La persona natural es su propio representante.</Typography> : undefined}>
        <IntakeSelect field="representativeIdType" label="Documento de identidad" value={draft.representativeIdType ?? ''} options={REPRESENTATIVE_ID_TYPES} error={err('representativeIdType')} required onChange={edit.idType} onBlur={edit.blur} />
        <IntakeText field="representativeIdNumber" label={passport ? 'Número de pasaporte' : draft.representativeIdType === 'codigo_extranjero' ? 'Código de extranjero' : 'Número de cédula'} value={draft.representativeIdNumber ?? ''} error={err('representativeIdNumber')} warning={warn('representativeIdNumber')} required mono maxLength={30} onChange={edit.text} onBlur={edit.blur} />
        <IntakeText field="representativeNames" label="Apellidos y nombres" value={draft.representativeNames ?? ''} error={err('representativeNames')} required span={1} maxLength={160} onChange={edit.text} onBlur={edit.blur} />
        <IntakeText field="representativeNationality" label="Nacionalidad" value={draft.representativeNationality ?? ''} error={err('representativeNationality')} disabled={locked('representativeNationality')} mono maxLength={3} hint={nationalityName(draft.representativeNationality) ?? (blank(draft.representativeNationality) ? 'Vacío: ecuatoriana (ECU). Extranjero: COL, VEN, D…' : 'Código del pasaporte: COL, VEN, D (Alemania)…')} onChange={edit.text} onBlur={edit.blur} />
        {passport && <MrzField value={state.mrz} feedback={intake.mrz} onChange={edit.mrz} onBlur={edit.blur} />}
        {show('foreignerRegistration') && (
          <>
            <IntakeSelect field="foreignerRegistration" label="Registro en el IESS" value={draft.foreignerRegistration ?? ''} options={registrationOptions(draft.foreignerRegistration ?? null)} error={err('foreignerRegistration')} required span={2} onChange={edit.registration} onBlur={edit.blur} />
            {show('foreignerCode') ? (
              <IntakeText field="foreignerCode" label="Código de extranjero del IESS" value={draft.foreignerCode ?? ''} error={err('foreignerCode')} required mono maxLength={40} onChange={edit.text} onBlur={edit.blur} />
            ) : (
              <Box />
            )}
            <ForeignerRegistry passport={passportNumber(check.normalized.representativeIdNumber)} nationality={check.normalized.representativeNationality ?? null} current={draft.foreignerRegistration ?? null} onAnswer={edit.registryAnswer} />
          </>
        )}
        {show('passportExpiryDate') && (
          <>
            <IntakeText field="passportExpiryDate" label="Caducidad del pasaporte" type="date" value={draft.passportExpiryDate ?? ''} error={err('passportExpiryDate')} required onChange={edit.text} onBlur={edit.blur} />
            <IntakeSelect field="visaCategory" label="Categoría de visa" value={draft.visaCategory ?? ''} options={VISA_CATEGORIES} error={err('visaCategory')} warning={warn('visaCategory')} required span={3} onChange={edit.text} onBlur={edit.blur} />
            <IntakeText field="visaNumber" label="Número de visa" value={draft.visaNumber ?? ''} error={err('visaNumber')} required mono maxLength={40} onChange={edit.text} onBlur={edit.blur} />
            <IntakeText field="visaIssueDate" label="Emisión de la visa" type="date" value={draft.visaIssueDate ?? ''} error={err('visaIssueDate')} required onChange={edit.text} onBlur={edit.blur} />
            <IntakeText field="visaExpiryDate" label="Caducidad de la visa" type="date" value={draft.visaExpiryDate ?? ''} error={err('visaExpiryDate')} warning={warn('visaExpiryDate')} disabled={locked('visaExpiryDate')} hint={draft.visaCategory === 'permanente' ? 'La residencia permanente no caduca.' : undefined} onChange={edit.text} onBlur={edit.blur} />
          </>
        )}
        {/* Only where the nationality can be typed: a natural Ecuadorian person's is fixed at ECU. */}
        {!show('passportExpiryDate') && !locked('representativeNationality') && (
          <Typography variant="caption" color="textSecondary" sx={{ gridColumn: '1 / -1', mt: -0.5, mb: 0.5 }}>
            Un extranjero con cédula ecuatoriana se identifica con ella: escriba su nacionalidad (no se piden pasaporte ni visa). Sin cédula, elija «Pasaporte» o «Código de identificación para extranjeros».
          </Typography>
        )}
      </Section>

      <Section title="Contacto">
        <IntakeText field="email" label="Correo electrónico" type="email" value={draft.email ?? ''} error={err('email')} warning={warn('email')} required span={2} maxLength={254} inputMode="email" hint="Obligatorio: la clave patronal se envía a este correo." onChange={edit.text} onBlur={edit.blur} />
        <IntakeText field="mobile" label="Celular" type="tel" value={draft.mobile ?? ''} error={err('mobile')} mono maxLength={20} inputMode="tel" hint="09 y 8 dígitos." onChange={edit.text} onBlur={edit.blur} />
        <Box />
        <IntakeText field="address" label="Dirección del empleador" value={draft.address ?? ''} error={err('address')} required span={4} maxLength={300} onChange={edit.text} onBlur={edit.blur} />
      </Section>

      <Section title="Retiro por tercero">
        <IntakeCheckbox id={fieldId('viaThirdParty')} label="Un tercero autorizado presenta y retira" checked={draft.viaThirdParty === true} onChange={edit.thirdParty} span={2} />
        {draft.viaThirdParty ? (
          <>
            <IntakeText field="thirdPartyNames" label="Apellidos y nombres del tercero" value={draft.thirdPartyNames ?? ''} error={err('thirdPartyNames')} required maxLength={160} onChange={edit.text} onBlur={edit.blur} />
            <IntakeText field="thirdPartyCedula" label="Cédula del tercero" value={draft.thirdPartyCedula ?? ''} error={err('thirdPartyCedula')} warning={warn('thirdPartyCedula')} required mono maxLength={20} inputMode="numeric" onChange={edit.text} onBlur={edit.blur} />
          </>
        ) : (
          <Typography variant="caption" color="textSecondary" sx={{ gridColumn: 'span 2', alignSelf: 'center' }}>
            Al marcarlo se imprime la «Autorización de Retiro de Contraseña» y se pide la cédula original del tercero.
          </Typography>
        )}
      </Section>

      <Section title="Artesano calificado">
        <IntakeCheckbox id={fieldId('artisan')} label="Presenta calificación artesanal (JNDA)" checked={draft.artisan === true} disabled={locked('artisan')} onChange={edit.artisan} span={draft.artisan ? 4 : 2} />
        {err('artisan') && (
          <Typography variant="caption" color="error" sx={{ gridColumn: '1 / -1' }}>
            {err('artisan')}
          </Typography>
        )}
        {draft.artisan && (
          <>
            <IntakeText field="artisanNumber" label="Número de calificación" value={draft.artisanNumber ?? ''} error={err('artisanNumber')} required mono maxLength={40} onChange={edit.text} onBlur={edit.blur} />
            <IntakeText field="artisanBranch" label="Rama artesanal" value={draft.artisanBranch ?? ''} error={err('artisanBranch')} required maxLength={80} onChange={edit.text} onBlur={edit.blur} />
            <IntakeText field="artisanIssueDate" label="Fecha de expedición" type="date" value={draft.artisanIssueDate ?? ''} error={err('artisanIssueDate')} required onChange={edit.text} onBlur={edit.blur} />
            <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
              <IntakeText
                field="artisanExpiryDate"
                label="Fecha de caducidad"
                type="date"
                value={draft.artisanExpiryDate === INDEFINITE ? '' : (draft.artisanExpiryDate ?? '')}
                error={err('artisanExpiryDate')}
                disabled={draft.artisanExpiryDate === INDEFINITE}
                onChange={edit.text}
                onBlur={edit.blur}
              />
              <IntakeCheckbox id={fieldId('artisanIndefinite')} label="Indefinida" checked={draft.artisanExpiryDate === INDEFINITE} onChange={edit.indefinite} />
            </Box>
          </>
        )}
      </Section>

      <ActionBar intake={intake} onAnnul={() => dispatch({ type: 'annulling', open: true })} />
      {state.annulling && <AnnulDialog number={detail.number} onClose={() => dispatch({ type: 'annulling', open: false })} onSubmit={intake.annul} />}
    </Box>
  );
}
