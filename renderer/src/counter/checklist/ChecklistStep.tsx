// Verification (step 3 of the counter): one row per required document, the forms printed for the
// applicant's signature, and the request sent to the supervisor — saying plainly what is
// still missing before it can go.
import PrintIcon from '@mui/icons-material/Print';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { catalogLabel, APPLICANT_KINDS, isStateIn, STATE_GROUPS, STATE_LABELS, type PaperOrigin } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useForeignerCodePattern } from '../../ops/intakeRules';
import { MAX_SENDABLE_BYTES, formatSize, readAsBase64 } from '../files';
import { focusSoon, useHotkeys } from '../keyboard';
import { ReturnNotice } from '../ReturnNotice';
import { ShortcutLegend } from '../ShortcutLegend';
import type { ChecklistItem, RequestDetail, RequestHandle } from '../useRequest';
import { AttachmentViewer } from './AttachmentViewer';
import { AnnulDialog, RejectDocumentDialog, RejectRequestDialog, ReprintDialog } from './dialogs';
import { checksFor, checksRecord } from './documentChecks';
import { DocumentRow, rowId, type DocumentChange } from './DocumentRow';
import { EmailProof } from './EmailProof';
import { missingItems, needsPrinting, nextFocus } from './progress';
import { FormsDialog, type RequestPaper } from '../../forms/FormsDialog';

type DocType = ChecklistItem['documentType'];
type Attachment = RequestDetail['attachments'][number];

interface Props {
  detail: RequestDetail;
  request: RequestHandle;
  onBack(): void;
  /** The request left the clerk's hands (sent to review, rejected, annulled). */
  onFinished(): void;
  onConflict(message: string): void;
}

type Dialog = { kind: 'reject-doc'; type: DocType } | { kind: 'reject' } | { kind: 'annul' } | { kind: 'reprint' } | { kind: 'forms'; forms: RequestPaper[]; reprint: boolean } | { kind: 'attachment'; attachment: Attachment; title: string } | null;

export function ChecklistStep({ detail, request, onBack, onFinished, onConflict }: Props) {
  const { run, patch, reload } = request;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [banner, setBanner] = useState<{ severity: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const detailRef = useRef(detail);
  useEffect(() => {
    detailRef.current = detail;
  });

  const editable = isStateIn(STATE_GROUPS.verifying, detail.state);
  const printed = detail.state === 'pendiente_firma';
  const foreignerCodePattern = useForeignerCodePattern();
  const checks = useMemo(
    () => Object.fromEntries(detail.checklist.map((i) => [i.documentType, checksFor(i.documentType, detail.intake, detail.attentionDate, foreignerCodePattern, i.origin)])),
    [detail.checklist, detail.intake, detail.attentionDate, foreignerCodePattern],
  );
  const missing = missingItems(detail);
  // Papers all brought signed: straight to review, no printing (seed 004, lines 35–41).
  const canSubmit = editable && (printed || !needsPrinting(detail)) && missing.length === 0 && detail.availableEvents.includes('enviar_a_revision');

  const failed = useCallback(
    async (message: string, code: string) => {
      setBanner({ severity: 'error', text: message });
      if (code === 'conflict') onConflict(message);
      else await reload();
    },
    [onConflict, reload],
  );

  const saveDocument = useCallback(
    async (type: DocType, c: DocumentChange, extra: { rejectionReason?: string; note?: string } = {}): Promise<string | null> => {
      const item = detailRef.current.checklist.find((i) => i.documentType === type);
      if (!item) return null;
      const checkRecord = checksRecord(checks[type] ?? [], c.confirmed ?? {});
      const presented = c.status === 'verificado' ? true : (c.presented ?? item.presented);
      const presentedAs = c.presentedAs ?? item.presentedAs ?? item.presentation;
      // Shown at once; the core's answer confirms or the request is reloaded.
      patch((d) => ({
        ...d,
        checklist: d.checklist.map((i) =>
          i.documentType === type ? { ...i, presented, presentedAs, checks: checkRecord, status: c.status, rejectionReason: extra.rejectionReason ?? null, note: extra.note ?? null } : i,
        ),
      }));
      const r = await run((version) =>
        call('requests.verifyDocument', {
          id: detail.id,
          version,
          documentType: type,
          presented,
          presentedAs: presentedAs as 'original',
          checks: checkRecord,
          status: c.status,
          rejectionReason: (extra.rejectionReason ?? null) as 'ilegible' | null,
          note: extra.note || null,
        }),
      );
      if (!r.ok) {
        await failed(r.error.message, r.error.code);
        return r.error.message;
      }
      return null;
    },
    [checks, patch, run, detail.id, failed],
  );

  const onChange = useCallback(
    (type: DocType, c: DocumentChange) => {
      void saveDocument(type, c).then((error) => {
        if (!error && c.status === 'verificado') {
          setBanner(null);
          // The next thing to look at: the next pending document, else printing or signatures.
          const d = detailRef.current;
          focusSoon(nextFocus({ ...d, checklist: d.checklist.map((i) => (i.documentType === type ? { ...i, status: 'verificado' } : i)) }, type));
        }
      });
    },
    [saveDocument],
  );

  const onSignature = useCallback(
    (type: DocType, marked: boolean) => {
      patch((d) => ({ ...d, checklist: d.checklist.map((i) => (i.documentType === type ? { ...i, signatureMarked: marked } : i)) }));
      void run((version) => call('requests.markSignature', { id: detail.id, version, documentType: type, marked })).then((r) => {
        if (!r.ok) void failed(r.error.message, r.error.code);
      });
    },
    [patch, run, detail.id, failed],
  );

  const onOrigin = useCallback(
    (type: DocType, origin: PaperOrigin) => {
      patch((d) => ({ ...d, checklist: d.checklist.map((i) => (i.documentType === type ? { ...i, origin, signatureMarked: i.origin === origin && i.signatureMarked } : i)) }));
      void run((version) => call('requests.setPaperOrigin', { id: detail.id, version, documentType: type, origin })).then((r) => {
        if (!r.ok) void failed(r.error.message, r.error.code);
        else void reload();
      });
    },
    [patch, run, detail.id, failed, reload],
  );

  const onAttach = useCallback(
    async (type: DocType, files: File[]): Promise<string | null> => {
      for (const file of files) {
        if (file.size > MAX_SENDABLE_BYTES) return `«${file.name}» pesa ${formatSize(file.size)}: es demasiado grande para adjuntarlo. Escanee de nuevo con menor resolución.`;
        let dataBase64: string;
        try {
          dataBase64 = await readAsBase64(file);
        } catch {
          return `No se pudo leer «${file.name}».`;
        }
        const r = await call('attachments.add', { requestId: detail.id, documentType: type, fileName: file.name, dataBase64 });
        if (!r.ok) return `«${file.name}»: ${r.error.message}`;
        patch((d) => ({ ...d, attachments: [...d.attachments, r.value] }));
      }
      return null;
    },
    [detail.id, patch],
  );

  const onView = useCallback((attachment: Attachment, title: string) => setDialog({ kind: 'attachment', attachment, title }), []);
  const onReject = useCallback((type: DocType) => setDialog({ kind: 'reject-doc', type }), []);

  const print = async (reprintReason?: string): Promise<string | null> => {
    setBusy(true);
    const r = await run((version) => call('forms.print', { id: detail.id, version, ...(reprintReason ? { reprintReason } : {}) }));
    setBusy(false);
    if (!r.ok) {
      // The core's guards answer 'conflict' too (documents to verify first): show, then resync.
      void reload();
      return r.error.code === 'internal' || r.error.code === 'unknown_call' ? `No se pudieron generar los formularios: ${r.error.message}` : r.error.message;
    }
    await reload();
    setBanner({ severity: 'info', text: 'Formularios generados: entréguelos para la firma del representante y marque cada firma.' });
    setDialog({ kind: 'forms', forms: r.value.forms, reprint: r.value.reprint });
    return null;
  };
  const startPrint = () => {
    if (!editable || busy) return;
    if (printed) return setDialog({ kind: 'reprint' });
    // The comprobante lists what was verified: the documents not signed here come first.
    const before = detail.checklist.filter((i) => i.signature !== 'manuscrita' && i.status !== 'verificado');
    if (before.length > 0) {
      setBanner({ severity: 'error', text: `Antes de imprimir, verifique: ${before.map((i) => i.label).join('; ')}.` });
      return focusSoon(nextFocus(detail));
    }
    void print().then((error) => error && setBanner({ severity: 'error', text: error }));
  };
  const showPrinted = async () => {
    const r = await call('forms.get', { id: detail.id });
    if (!r.ok) return setBanner({ severity: 'error', text: r.error.message });
    setDialog({ kind: 'forms', forms: r.value.forms, reprint: false });
  };

  const transition = async (event: 'enviar_a_revision' | 'rechazar' | 'anular', reasonCode?: string, note?: string): Promise<string | null> => {
    setBusy(true);
    const r = await run((version) =>
      call('requests.transition', { id: detail.id, version, event, ...(reasonCode ? { reasonCode: reasonCode as 'otro' } : {}), ...(note ? { note } : {}) }),
    );
    setBusy(false);
    if (!r.ok) {
      void reload();
      return r.error.message;
    }
    setDialog(null);
    onFinished();
    return null;
  };
  const submit = () => {
    if (busy) return;
    if (!canSubmit) {
      setBanner({ severity: 'error', text: `Todavía no se puede enviar a revisión. ${missing.join(' ')}` });
      focusSoon(nextFocus(detail));
      return;
    }
    void transition('enviar_a_revision').then((error) => error && setBanner({ severity: 'error', text: error }));
  };

  const canReject = detail.availableEvents.includes('rechazar');
  const canAnnul = detail.availableEvents.includes('anular');
  useHotkeys({
    escape: onBack,
    alt: {
      KeyI: startPrint,
      KeyR: submit,
      ...(canReject ? { KeyX: () => setDialog({ kind: 'reject' }) } : {}),
      ...(canAnnul ? { KeyA: () => setDialog({ kind: 'annul' }) } : {}),
    },
  });

  // Arrival: the first document still to check.
  useEffect(() => {
    focusSoon(nextFocus(detailRef.current));
  }, []);

  const closeDialog = (focus?: string) => {
    setDialog(null);
    focusSoon(focus ?? nextFocus(detailRef.current));
  };

  const kind = catalogLabel(APPLICANT_KINDS, detail.intake.applicantKind);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h5" component="h1" tabIndex={-1} sx={{ fontWeight: 700, outline: 'none' }}>
            Verificación <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.9em' }}>{detail.number}</Box>
          </Typography>
          <Typography variant="body2" color="textSecondary" noWrap title={detail.intake.employerLegalName}>
            {detail.intake.employerLegalName} · RUC {detail.intake.employerRuc} · suc. {detail.intake.employerBranch} · {kind} · Rep.: {detail.intake.representativeNames} · {detail.intake.email}
          </Typography>
        </Box>
        <Chip label={STATE_LABELS[detail.state]} color={printed ? 'warning' : 'primary'} variant="outlined" />
      </Box>
      <ReturnNotice detail={detail} action="corrija lo indicado antes de enviarla de nuevo a revisión" sx={{ mb: 1 }} />

      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: 1.5, alignItems: 'start' }}>
        <Box>
          <Stack component="ol" spacing={1} aria-label="Documentos requeridos" sx={{ m: 0, p: 0 }}>
            {detail.checklist.map((item) => (
              <DocumentRow
                key={item.documentType}
                item={item}
                checks={checks[item.documentType] ?? []}
                attachments={detail.attachments.filter((a) => a.documentType === item.documentType)}
                editable={editable}
                printed={printed}
                onChange={onChange}
                onReject={onReject}
                onSignature={onSignature}
                onOrigin={onOrigin}
                onAttach={onAttach}
                onView={onView}
              />
            ))}
          </Stack>
          {detail.channel === 'presencial' && <EmailProof detail={detail} request={request} editable={editable} />}
          {/* A hint, not a document: outside the list, so the list holds exactly the documents. */}
          <Typography variant="caption" color="textSecondary" component="p" sx={{ mt: 1 }}>
            Adjunte escaneos con «Adjuntar» o arrastrando el archivo sobre el documento (JPG, PNG o PDF).
          </Typography>
        </Box>

        <Paper variant="outlined" sx={{ p: 1.5, position: 'sticky', top: 0 }} component="aside" aria-label="Envío a revisión">
          <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, mb: 0.5 }}>
            {missing.length === 0 ? 'Lista para enviar a revisión' : 'Falta para enviar a revisión'}
          </Typography>
          {missing.length > 0 ? (
            <Box component="ul" aria-label="Qué falta" sx={{ m: 0, pl: 2.25, mb: 1 }}>
              {missing.map((m) => (
                <Typography component="li" variant="body2" key={m}>
                  {m}
                </Typography>
              ))}
            </Box>
          ) : (
            <Typography variant="body2" color="success.dark" sx={{ mb: 1 }}>
              Todos los documentos están verificados y las firmas registradas.
            </Typography>
          )}
          {banner && (
            <Alert severity={banner.severity} role={banner.severity === 'error' ? 'alert' : 'status'} onClose={() => setBanner(null)} sx={{ mb: 1, py: 0 }}>
              {banner.text}
            </Alert>
          )}
          <Stack spacing={1}>
            <Button id="action-print" variant={printed || !needsPrinting(detail) ? 'outlined' : 'contained'} startIcon={<PrintIcon />} disabled={!editable || busy} onClick={startPrint}>
              {printed ? 'Reimprimir formularios…' : 'Imprimir formularios'}
            </Button>
            {printed && (
              <Button size="small" onClick={() => void showPrinted()}>
                Ver formularios impresos
              </Button>
            )}
            {/* Not disabled while something is missing: pressing it says what (and Tab still reaches it). */}
            <Button id="action-submit" variant={canSubmit ? 'contained' : 'outlined'} color="success" startIcon={<SendIcon />} disabled={busy || !editable} onClick={submit}>
              Enviar a revisión
            </Button>
            <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
              <Button size="small" color="error" disabled={!canReject || busy} onClick={() => setDialog({ kind: 'reject' })} sx={{ px: 0.5 }}>
                Rechazar solicitud…
              </Button>
              <Button size="small" color="warning" disabled={!canAnnul || busy} onClick={() => setDialog({ kind: 'annul' })} sx={{ px: 0.5 }}>
                Anular…
              </Button>
            </Box>
            <Button size="small" onClick={onBack}>
              Volver a Atención
            </Button>
          </Stack>
          <Box sx={{ mt: 1.5 }}>
            <ShortcutLegend items={[['Tab', 'siguiente control'], ['Espacio', 'marcar'], ['Alt+I', 'imprimir'], ['Alt+R', 'enviar a revisión'], ['Alt+X', 'rechazar'], ['Alt+A', 'anular'], ['Esc', 'volver']]} />
          </Box>
        </Paper>
      </Box>

      {dialog?.kind === 'reject-doc' && (
        <RejectDocumentDialog
          label={detail.checklist.find((i) => i.documentType === dialog.type)?.label ?? ''}
          channel={detail.channel}
          onClose={() => closeDialog(rowId(dialog.type, 'reject'))}
          onSubmit={async (reason, note) => {
            const item = detail.checklist.find((i) => i.documentType === dialog.type);
            const error = await saveDocument(dialog.type, { presented: item?.presented ?? false, confirmed: item?.checks ?? {}, status: 'rechazado' }, { rejectionReason: reason, note });
            if (!error) closeDialog();
            return error;
          }}
        />
      )}
      {dialog?.kind === 'reject' && <RejectRequestDialog number={detail.number} channel={detail.channel} onClose={() => closeDialog()} onSubmit={(reason, note) => transition('rechazar', reason, note)} />}
      {dialog?.kind === 'annul' && <AnnulDialog number={detail.number} onClose={() => closeDialog()} onSubmit={(note) => transition('anular', undefined, note)} />}
      {dialog?.kind === 'reprint' && (
        <ReprintDialog
          onClose={() => closeDialog('action-print')}
          onSubmit={async (reason) => {
            const error = await print(reason);
            return error;
          }}
        />
      )}
      {dialog?.kind === 'forms' && <FormsDialog requestId={detail.id} number={detail.number} forms={dialog.forms} reprint={dialog.reprint} onClose={() => closeDialog()} />}
      {dialog?.kind === 'attachment' && <AttachmentViewer id={dialog.attachment.id} title={dialog.title} onClose={() => closeDialog()} />}
    </Box>
  );
}
