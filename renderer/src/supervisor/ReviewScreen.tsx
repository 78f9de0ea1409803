import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { RequestDetail } from '../../../shared/contract/counter';
import { APPLICANT_KINDS, DOCUMENT_REJECTION_REASONS, DOCUMENT_STATUSES, EMAIL_UNVERIFIED_REASONS, FOREIGNER_REGISTRATIONS, PRESENTATIONS, REPRESENTATIVE_ID_TYPES, catalogLabel } from '../../../shared/domain/catalogs';
import { STATE_LABELS, isTerminal } from '../../../shared/domain/lifecycle';
import { nationalityLabel } from '../../../shared/domain/nationality';
import { deskLabel } from '../../../shared/domain/desks';
import { parseRequestNumber } from '../../../shared/domain/request-number';
import { call } from '../api/client';
import { useCall } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { AttachmentViewer } from '../counter/checklist/AttachmentViewer';
import { foreignerSummary } from '../counter/foreignerSummary';
import { RejectRequestDialog, ReturnRequestDialog } from '../counter/checklist/dialogs';
import { PdfCanvas } from '../app/PdfCanvas';
import { RequestHistory } from '../counter/RequestHistory';
import { SyncIssues } from '../counter/SyncIssues';
import { ShortcutLegend } from '../counter/ShortcutLegend';
import { focusSoon, useHotkeys } from '../counter/keyboard';
import { ScreenHeader } from '../app/ScreenHeader';
import { useWorkGate, WorkGateNotice } from '../app/agency';
import { ApproveDialog, Field, ForeignerFields, Section, shownDate } from './ReviewParts';
import { APPROVE_BUTTON_ID, ScanPanel, VirtualDocuments, nextFocus, virtualMissing } from './VirtualVerification';

type Dialogs = 'approve' | 'return' | 'reject' | 'reassign' | 'forms' | { attachment: string; title: string } | null;

/** One request, opened for review: opening it is what allows it into a bulk approval. */
export function ReviewScreen({ id, onBack }: { id: string; onBack(message?: string): void }) {
  // Always read afresh on opening: a request decided moments ago must not show its old version,
  // and the read is what records that the supervisor looked at it (bulk approval needs that).
  const detail = useCall('requests.get', { id }, { refetchOnMount: 'always' });
  // Open for review: the other desks see it «en atención» here; someone else's asks first.
  const gate = useWorkGate(id, 'revision', detail.data !== undefined && !isTerminal(detail.data.state));
  const [dialog, setDialog] = useState<Dialogs>(null);
  // An error is about the request as it was: any change to it (a document verified) clears it.
  const [failure, setFailure] = useState<{ text: string; version: number } | null>(null);
  const d = detail.data;
  const error = failure && failure.version === d?.version ? failure.text : null;
  const setError = (text: string | null) => setFailure(text && d ? { text, version: d.version } : null);
  const can = (event: string) => d?.availableEvents.includes(event as RequestDetail['availableEvents'][number]) ?? false;
  // Ventanilla Virtual: the supervisor verifies the scans here and approves (see VirtualVerification).
  const virtual = d?.channel === 'virtual';
  const verifying = virtual && d?.state === 'en_verificacion';
  const scans = useVirtualScans(d);
  const [shown, setShown] = useState<RequestDetail['checklist'][number]['documentType'] | null>(null);
  // A virtual request at en_verificacion is approved through the lifecycle's enviar_a_revision + aprobar (core).
  const canApprove = can('aprobar') || (verifying && can('enviar_a_revision'));
  const missing = d && virtual && scans ? virtualMissing(d, scans) : [];

  // Arrival on a virtual request to verify: the first document still to check, in view.
  const arrived = useRef(false);
  useEffect(() => {
    if (arrived.current || !d || !verifying || !scans) return;
    arrived.current = true;
    setShown(d.checklist.find((i) => i.status === 'pendiente')?.documentType ?? d.checklist[0]?.documentType ?? null);
    focusSoon(nextFocus(d, scans));
  }, [d, verifying, scans]);

  /** Approval cannot be undone: Alt+A or the button asks first, Enter confirms. */
  function askApproval() {
    if (!d || !canApprove) return;
    if (virtual && missing.length > 0) {
      setError(`Todavía no se puede aprobar. ${missing.join(' ')}`);
      if (scans && verifying) focusSoon(nextFocus(d, scans));
      return;
    }
    setDialog('approve');
  }

  async function approve(): Promise<string | null> {
    if (!d) return null;
    const r = await call('review.approve', { id: d.id, version: d.version });
    if (r.ok) onBack(`Solicitud ${d.number} aprobada.`);
    return r.ok ? null : r.error.message;
  }

  // A request whose procedure has ended (key issued, rejected, annulled) has no work left to hand over.
  const reassignable = d ? !isTerminal(d.state) && !(d.channel === 'virtual' && d.clerkName === null) : false;

  useHotkeys(
    {
      alt: { KeyA: askApproval, KeyD: () => can('devolver') && setDialog('return'), KeyR: () => can('rechazar') && setDialog('reject') },
      escape: () => onBack(),
    },
    d !== undefined,
  );

  if (detail.error) return <Alert severity="error">{detail.error.message}</Alert>;
  if (!d) return null;
  if (gate.state.phase === 'asking') return <WorkGateNotice gate={gate} number={d.number} onLeave={() => onBack()} />;
  const i = d.intake;
  return (
    <>
      <ScreenHeader
        title={`Revisión · ${d.number}`}
        subtitle={`${STATE_LABELS[d.state]} desde ${formatDateTimeEs(d.stateSince)} · ${d.channel === 'virtual' ? 'Ventanilla Virtual' : `Presencial · ${deskLabel(parseRequestNumber(d.number)?.station ?? null, d.channel)}`} · ventanillero: ${d.clerkName ?? '—'}`}
        actions={
          <Button startIcon={<ArrowBackIcon />} onClick={() => onBack()}>
            Volver (Esc)
          </Button>
        }
      />
      <ShortcutLegend
        items={
          verifying
            ? [['Tab', 'recorrer los documentos'], ['Espacio', 'confirmar una comprobación'], ['Enter', 'verificado / rechazar'], ['Alt+A', 'aprobar'], ['Alt+R', 'rechazar la solicitud'], ['Esc', 'volver a la cola']]
            : [['Alt+A', 'aprobar'], ['Alt+D', 'devolver'], ['Alt+R', 'rechazar'], ['Esc', 'volver a la cola']]
        }
      />
      <WorkGateNotice gate={gate} number={d.number} onLeave={() => onBack()} />
      <SyncIssues issues={d.syncIssues} />
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        <Button id={APPROVE_BUTTON_ID} variant="contained" color="success" disabled={!canApprove} onClick={askApproval}>
          Aprobar · Alt+A
        </Button>
        <Button variant="outlined" disabled={!can('devolver')} onClick={() => setDialog('return')}>
          Devolver… · Alt+D
        </Button>
        <Button variant="outlined" color="error" disabled={!can('rechazar')} onClick={() => setDialog('reject')}>
          Rechazar… · Alt+R
        </Button>
        <Button onClick={() => setDialog('reassign')} disabled={!reassignable}>
          Reasignar…
        </Button>
        <Button onClick={() => setDialog('forms')} disabled={d.channel === 'virtual'}>
          Ver formularios impresos
        </Button>
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 5 }}>
          {virtual && scans && (
            <>
              <VirtualDocuments detail={d} scans={scans} editable={verifying} shown={shown} onShow={setShown} reload={async () => (await detail.refetch()).data} />
              <ApprovalReadiness missing={missing} verifying={verifying} />
            </>
          )}
          {d.foreignerRegistration ? (
            <Section title="Registro de extranjero sin cédula">
              {foreignerSummary(d).map(([label, value]) => (
                <Field key={label} label={label} value={value} />
              ))}
              {d.walkIn && <Field label="Atención sin turno" value={`Autorizada por ${d.walkIn.authorizedBy}: ${d.walkIn.reason}`} />}
            </Section>
          ) : (
          <Section title="Datos de la solicitud">
            <Field label="Tipo de solicitante" value={catalogLabel(APPLICANT_KINDS, i.applicantKind) ?? '—'} />
            <Field label="RUC / sucursal" value={`${i.employerRuc ?? '—'} / ${i.employerBranch ?? '—'}`} mono />
            <Field label="Razón social" value={i.employerLegalName} />
            <Field label="Representante legal" value={i.representativeNames} />
            <Field label="Documento" value={`${catalogLabel(REPRESENTATIVE_ID_TYPES, i.representativeIdType) ?? ''} ${i.representativeIdNumber ?? ''} · nacionalidad ${nationalityLabel(i.representativeNationality ?? 'ECU')}`} />
            <ForeignerFields intake={i} />
            <Field label="Correo (recibe la clave)" value={i.email} />
            {!virtual && <Field label="Correo activo" value={emailProofText(d.emailProof)} />}
            {i.representativeIdType === 'pasaporte' && <Field label="Registro en el IESS" value={`${catalogLabel(FOREIGNER_REGISTRATIONS, i.foreignerRegistration) ?? '—'}${i.foreignerCode ? ` · código ${i.foreignerCode}` : ''}`} />}
            <Field label="Celular" value={i.mobile} />
            <Field label="Dirección" value={i.address} />
            {i.viaThirdParty && <Field label="Tercero autorizado" value={`${i.thirdPartyNames ?? ''} · C.I. ${i.thirdPartyCedula ?? ''}`} />}
            {i.artisan && <Field label="Calificación artesanal" value={`N.º ${i.artisanNumber ?? ''} · ${i.artisanBranch ?? ''} · vence: ${shownDate(i.artisanExpiryDate)}`} />}
            {d.walkIn && <Field label="Atención sin turno" value={`Autorizada por ${d.walkIn.authorizedBy}: ${d.walkIn.reason}`} />}
            {d.acknowledgedWarnings.length > 0 && <Field label="Advertencias confirmadas" value={d.acknowledgedWarnings.join(', ')} />}
          </Section>
          )}
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          {virtual && scans && <ScanPanel detail={d} scans={scans} shown={shown} onEnlarge={(attachment, title) => setDialog({ attachment, title })} />}
          {!virtual && (
          <Section title="Documentos verificados">
            <Table size="small" aria-label="Lista de verificación">
              <TableHead>
                <TableRow>
                  <TableCell>Documento</TableCell>
                  <TableCell>Presentado</TableCell>
                  <TableCell>Estado</TableCell>
                  <TableCell>Firma</TableCell>
                  <TableCell>Escaneos</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.checklist.map((c) => (
                  <TableRow key={c.documentType}>
                    <TableCell>{c.label}</TableCell>
                    <TableCell>{c.presented ? (catalogLabel(PRESENTATIONS, c.presentedAs ?? c.presentation) ?? 'Sí') : 'No'}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={c.status === 'verificado' ? 'success' : c.status === 'rechazado' ? 'error' : 'default'}
                        label={c.status === 'rechazado' ? `Rechazado: ${catalogLabel(DOCUMENT_REJECTION_REASONS, c.rejectionReason) ?? ''}` : catalogLabel(DOCUMENT_STATUSES, c.status)}
                      />
                    </TableCell>
                    <TableCell>{signatureText(c)}</TableCell>
                    <TableCell>
                      {d.attachments
                        .filter((a) => a.documentType === c.documentType)
                        .map((a, n) => (
                          <Button key={a.id} size="small" onClick={() => setDialog({ attachment: a.id, title: `${c.label} (${n + 1})` })}>
                            Ver {n + 1}
                          </Button>
                        ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
          )}
          <Section title="Historial">
            <RequestHistory entries={d.history} />
          </Section>
        </Grid>
      </Grid>
      {dialog === 'approve' && <ApproveDialog number={d.number} onClose={() => setDialog(null)} onConfirm={approve} />}
      {dialog === 'return' && (
        <ReturnRequestDialog
          number={d.number}
          onClose={() => setDialog(null)}
          onSubmit={async (reasonCode, note) => {
            const r = await call('review.return', { id: d.id, version: d.version, reasonCode: reasonCode as never, ...(note ? { note } : {}) });
            if (!r.ok) return r.error.message;
            onBack(`Solicitud ${d.number} devuelta al ventanillero.`);
            return null;
          }}
        />
      )}
      {dialog === 'reject' && (
        <RejectRequestDialog
          number={d.number}
          channel={d.channel}
          onClose={() => setDialog(null)}
          onSubmit={async (reasonCode, note) => {
            const r = await call('review.reject', { id: d.id, version: d.version, reasonCode: reasonCode as never, ...(note ? { note } : {}) });
            if (!r.ok) return r.error.message;
            onBack(`Solicitud ${d.number} rechazada.`);
            return null;
          }}
        />
      )}
      {dialog === 'reassign' && <ReassignDialog detail={d} onClose={() => setDialog(null)} onDone={(name) => onBack(`Solicitud ${d.number} reasignada a ${name}.`)} />}
      {dialog === 'forms' && <FormsViewer id={d.id} onClose={() => setDialog(null)} />}
      {dialog !== null && typeof dialog === 'object' && <AttachmentViewer id={dialog.attachment} title={dialog.title} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The scans of a virtual request (the core judges format, size and e-signature); null otherwise. */
function useVirtualScans(d: RequestDetail | undefined) {
  const id = d?.id ?? '';
  const scans = useCall('review.scans', { id }, { enabled: d?.channel === 'virtual' });
  return d?.channel === 'virtual' ? (scans.data?.items ?? null) : null;
}

function ApprovalReadiness({ missing, verifying }: { missing: string[]; verifying: boolean }) {
  if (missing.length === 0) {
    return (
      <Alert severity="success" sx={{ mb: 2 }}>
        Todos los documentos están verificados y las firmas electrónicas registradas: puede aprobar (Alt+A){verifying ? '; la solicitud pasa a revisión y queda aprobada en un solo paso' : ''}.
      </Alert>
    );
  }
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      <Typography variant="body2" component="h3" sx={{ fontWeight: 700 }}>
        Falta para aprobar
      </Typography>
      <Box component="ul" aria-label="Qué falta para aprobar" sx={{ m: 0, pl: 2.25 }}>
        {missing.map((m) => (
          <Typography component="li" variant="body2" key={m}>
            {m}
          </Typography>
        ))}
      </Box>
    </Alert>
  );
}

/** The active e-mail proof as the supervisor reads it (docs/seeds/004_…:43). */
function emailProofText(p: RequestDetail['emailProof']): string {
  if (p.status === 'verificado') return 'Verificado con el código enviado por el IESS';
  if (p.status === 'no_verificado') return `No verificado: ${catalogLabel(EMAIL_UNVERIFIED_REASONS, p.reason) ?? p.reason ?? ''}${p.note ? ` — ${p.note}` : ''}`;
  return 'Sin comprobar';
}

/** Who signs, whether it is marked, and how the paper came (brought signed or printed here). */
function signatureText(c: RequestDetail['checklist'][number]): string {
  if (!c.signature) return '—';
  const who = c.signer === 'tercero_autorizado' ? ' del tercero' : c.signer === 'representante_legal' ? ' del representante' : '';
  const origin = c.origin === 'traido' ? ' · traído firmado' : c.origin === 'impreso' ? ' · impreso aquí' : '';
  return `${c.signature}${who}: ${c.signatureMarked ? 'sí' : 'falta'}${origin}`;
}

function ReassignDialog({ detail, onClose, onDone }: { detail: RequestDetail; onClose(): void; onDone(name: string): void }) {
  const clerks = useCall('review.clerks', {});
  const [clerkId, setClerkId] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const r = await call('review.reassign', { id: detail.id, version: detail.version, clerkId });
    if (!r.ok) return setError(r.error.message);
    onDone(clerks.data?.items.find((c) => c.id === clerkId)?.displayName ?? '');
  }
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="reassign-title">
      <DialogTitle id="reassign-title">Reasignar {detail.number}</DialogTitle>
      <DialogContent>
        <TextField select fullWidth label="Ventanillero" value={clerkId} onChange={(e) => setClerkId(e.target.value)} sx={{ mt: 1 }} autoFocus>
          {clerks.data?.items.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.displayName}
            </MenuItem>
          ))}
        </TextField>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancelar</Button>
        <Button variant="contained" disabled={!clerkId} onClick={() => void submit()}>
          Reasignar
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function FormsViewer({ id, onClose }: { id: string; onClose(): void }) {
  const forms = useCall('forms.get', { id });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="forms-view-title">
      <DialogTitle id="forms-view-title">Formularios impresos</DialogTitle>
      <DialogContent dividers>
        {forms.error && <Alert severity="error">{forms.error.message}</Alert>}
        {forms.data && forms.data.forms.length === 0 && <Alert severity="info">Esta solicitud aún no tiene formularios impresos.</Alert>}
        {forms.data?.prints.map((p, n) => (
          <Typography key={n} variant="body2" color="textSecondary">
            {formatDateTimeEs(p.at)} · {p.actor ?? '—'} · {p.reprint ? `reimpresión: ${p.reason ?? ''}` : 'primera impresión'}
          </Typography>
        ))}
        {forms.data?.forms.map((f) => (
          <Box key={f.kind} sx={{ mt: 2 }}>
            <Typography variant="subtitle2">
              {f.title} · plantilla v{f.templateVersion} · SHA-256 {f.sha256.slice(0, 16)}…
            </Typography>
            <PdfCanvas base64={f.pdfBase64} label={f.title} maxWidth={820} />
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Cerrar (Esc)
        </Button>
      </DialogActions>
    </Dialog>
  );
}
