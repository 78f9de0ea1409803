// One request at the counter: loads it, keeps its version, and shows the step its state calls
// for — intake while it is a draft, the checklist while documents are checked, a summary after.
import { Alert, Box, Button, Chip, CircularProgress, Paper, Typography } from '@mui/material';
import { useWorkGate, WorkGateNotice } from '../app/agency';
import { useCallback, useEffect, useState } from 'react';
import { useScrollTopOn } from '../app/main-scroll';
import { everyPaperBrought } from '../../../shared/domain/readiness';
import { isStateIn, STATE_GROUPS, STATE_LABELS } from '../../../shared/domain';
import { ChecklistStep } from './checklist/ChecklistStep';
import { ContactUpdateStep } from './ContactUpdateStep';
import { ForeignerRegistrationStep } from './ForeignerRegistrationStep';
import { IntakeStep } from './intake/IntakeStep';
import { decisionDetail, historyAction, historyActor, RequestHistory } from './RequestHistory';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { focusSoon, useHotkeys } from './keyboard';
import { useRequest, type RequestDetail } from './useRequest';
import { useUnsavedWork } from '../ops/useUnsavedWork';
import { useCall } from '../api/useCall';
import { SyncIssues } from './SyncIssues';
import { ReceiptPrint } from './ReceiptPrint';

export function RequestWorkspace({ id, notice, warning, onBack }: { id: string; notice?: string | null; warning?: string | null; onBack(notice?: string): void }) {
  const request = useRequest(id);
  // Whose typing a local copy of the draft is (localDraft.ts keys it by user and request).
  const session = useCall('session.current', {});
  // A request open at the counter is work in progress: the desktop app postpones updates.
  useUnsavedWork('counter-request', true);
  const { detail, loadError, loadSeq, reload } = request;
  // Open to work on: the other desks see it «en atención» here; someone else's asks first.
  const workable = detail !== null && detail !== undefined && (isStateIn(STATE_GROUPS.intakeEditable, detail.state) || isStateIn(STATE_GROUPS.verifying, detail.state));
  const gate = useWorkGate(id, 'atencion', workable);
  const [message, setMessage] = useState<{ severity: 'info' | 'warning'; text: string } | null>(notice ? { severity: 'info', text: notice } : null);
  // The agency's guardrail: it does not stop the attention, it stays in sight until dismissed.
  const [guardrail, setGuardrail] = useState<string | null>(warning ?? null);

  // Bumped by a conflict: a step keyed on it starts again from the data the core holds.
  const [restarts, setRestarts] = useState(0);
  const onConflict = useCallback(
    (text: string) => {
      setMessage({ severity: 'warning', text: `${text} Se recargó la solicitud con los datos guardados.` });
      setRestarts((n) => n + 1);
      void reload();
    },
    [reload],
  );
  const advance = useCallback(() => {
    setMessage(null);
    void reload();
  }, [reload]);
  const back = useCallback(() => onBack(), [onBack]);

  if (loadError && !detail) {
    return (
      <Box>
        <Alert severity="error" sx={{ mb: 2 }}>
          {loadError}
        </Alert>
        <Button onClick={back} autoFocus>
          Volver a Atención
        </Button>
      </Box>
    );
  }
  if (!detail || session.isPending) return <CircularProgress aria-label="Cargando la solicitud" />;
  if (gate.state.phase === 'asking') return <WorkGateNotice gate={gate} number={detail.number} onLeave={back} />;

  return (
    <Box>
      <ScrollTopOnStep state={detail.state} />
      {guardrail && (
        <Alert severity="warning" role="alert" aria-label="Demasiadas solicitudes esperando revisión" onClose={() => setGuardrail(null)} sx={{ mb: 1.5, py: 0 }}>
          {guardrail}
        </Alert>
      )}
      {message && (
        <Alert severity={message.severity} role={message.severity === 'warning' ? 'alert' : 'status'} onClose={() => setMessage(null)} sx={{ mb: 1.5, py: 0 }}>
          {message.text}
        </Alert>
      )}
      <WorkGateNotice gate={gate} number={detail.number} onLeave={back} />
      <SyncIssues issues={detail.syncIssues} />
      {detail.requestType === 'actualizacion_contacto' && !isStateIn(STATE_GROUPS.terminal, detail.state) ? (
        // Keyed by request, state and conflicts, not by load: the e-mail proof reloads the request, and
        // that must not put back the saved values over what the clerk is typing.
        <ContactUpdateStep key={`${detail.id}:${detail.state}:${restarts}`} detail={detail} request={request} onBack={back} onFinished={advance} onConflict={onConflict} />
      ) : detail.requestType === 'registro_extranjero' && detail.state !== 'rechazada' && detail.state !== 'anulada' && detail.state !== 'rechazada_central' ? (
        // Completed too: the comprobante is printed again there with central's code.
        <ForeignerRegistrationStep key={`${detail.id}:${detail.state}:${restarts}`} detail={detail} request={request} onBack={back} onFinished={advance} onConflict={onConflict} />
      ) : isStateIn(STATE_GROUPS.intakeEditable, detail.state) ? (
        <IntakeStep key={loadSeq} detail={detail} request={request} userId={session.data?.user.id ?? null} onBack={back} onVerificationStarted={advance} onConflict={onConflict} />
      ) : isStateIn(STATE_GROUPS.verifying, detail.state) ? (
        <ChecklistStep key={detail.id} detail={detail} request={request} onBack={back} onFinished={advance} onConflict={onConflict} />
      ) : (
        <ClosedSummary detail={detail} onBack={back} onChanged={() => void reload()} />
      )}
    </Box>
  );
}

/** Each step (intake, checklist, what comes next) opens at its top: the last one was often scrolled to its end. */
function ScrollTopOnStep({ state }: { state: RequestDetail['state'] }) {
  useScrollTopOn(isStateIn(STATE_GROUPS.intakeEditable, state) ? 'intake' : isStateIn(STATE_GROUPS.verifying, state) ? 'checklist' : 'closed');
  return null;
}

/** After the clerk's part: what happened and what comes next, with the way back in focus. */
function ClosedSummary({ detail, onBack, onChanged }: { detail: RequestDetail; onBack(): void; onChanged(): void }) {
  useHotkeys({ escape: onBack, alt: { KeyV: onBack } });
  // Every signed paper brought signed: nothing was printed before review (shared/domain/readiness.ts,
  // printedFirstWhenPresencial), so the comprobante is printed alone here (forms.printReceipt).
  const nothingPrinted = detail.requestType === 'clave_patronal' && detail.channel === 'presencial' && everyPaperBrought(detail.checklist);
  const receipt = nothingPrinted && isStateIn(STATE_GROUPS.received, detail.state);
  // The comprobante is what the clerk does next when there is one to print.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- where focus starts, once
  useEffect(() => focusSoon(receipt ? 'receipt-print' : 'closed-back'), []);
  const next: Record<string, string> = {
    pendiente_revision: nothingPrinted
      ? `Enviada al supervisor para su revisión. Los formularios llegaron firmados: imprima el comprobante de recepción y entréguelo al solicitante; con el número ${detail.number} consulta el estado. La clave llegará al correo registrado.`
      : 'Enviada al supervisor para su revisión. Entregue al solicitante el comprobante de recepción: la clave llegará al correo registrado.',
    rechazada: detail.channel === 'virtual' ? 'La solicitud fue rechazada. El solicitante debe ingresar un nuevo trámite por la Ventanilla Virtual.' : 'La solicitud fue rechazada en ventanilla. El solicitante debe agendar un nuevo turno.',
    anulada: 'La solicitud fue anulada.',
    completada: 'Datos de contacto actualizados. Entregue al afiliado su copia de la constancia: el portal del IESS enviará a ese correo el enlace «ACTIVACIÓN CLAVE» cuando genere o recupere su clave.',
  };
  // The decision that put it where it is (the last one that moved it), with its reason and note.
  const decision = [...detail.history].reverse().find((h) => h.event !== null && h.outcome === 'ok');
  const why = decision ? decisionDetail(decision) : null;
  return (
    <Paper variant="outlined" sx={{ p: 3, maxWidth: 760 }}>
      <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none', mb: 1 }}>
        Solicitud <Box component="span" sx={{ fontFamily: 'monospace' }}>{detail.number}</Box>
      </Typography>
      <Chip label={STATE_LABELS[detail.state]} color={detail.state === 'pendiente_revision' || detail.state === 'completada' ? 'success' : detail.state === 'rechazada' ? 'error' : 'default'} sx={{ mb: 1.5 }} />
      <Typography variant="body1" sx={{ mb: 1 }}>
        {next[detail.state] ?? `Estado actual: ${STATE_LABELS[detail.state]}. El ventanillero ya no la modifica.`}
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
        {detail.contactUpdate
          ? `${detail.contactUpdate.names ?? ''} · ${detail.contactUpdate.idNumber ?? ''} · ${detail.contactUpdate.email ?? ''}`
          : `${detail.intake.employerLegalName} · RUC ${detail.intake.employerRuc} · ${detail.intake.email}`}
      </Typography>
      {decision && (
        <Typography variant="body2" sx={{ mb: 2 }}>
          {historyAction(decision)} por {historyActor(decision)}, {formatDateTimeEs(decision.at)}
          {why ? `. ${why}` : ''}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {receipt && <ReceiptPrint detail={detail} onPrinted={onChanged} />}
        <Button id="closed-back" variant={receipt ? 'outlined' : 'contained'} onClick={onBack}>
          Volver a Atención (Esc)
        </Button>
      </Box>
      <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, mt: 3, mb: 0.5 }}>
        Historial
      </Typography>
      <RequestHistory entries={detail.history} />
    </Paper>
  );
}
