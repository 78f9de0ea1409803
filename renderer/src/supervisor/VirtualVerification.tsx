// Ventanilla Virtual requests: the supervisor verifies each scan the applicant uploaded
// against the rules of seed 004 (JPG or PDF of at most 1 MB; electronic signature on the
// Solicitud de entrega de clave and the Acuerdo) and then decides. The list of documents and the
// scan of the one in view are two pieces the review screen places side by side.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, Box, Button, Checkbox, Chip, CircularProgress, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { CallOutput, Result } from '../../../shared/contract';
import { catalogLabel, DOCUMENT_REJECTION_REASONS, PRESENTATIONS, SIGNATURE_KINDS, type DocumentRejectionReason } from '../../../shared/domain/catalogs';
import { call } from '../api/client';
import { useCall } from '../api/useCall';
import { RejectDocumentDialog } from '../counter/checklist/dialogs';
import { checksFor, checksRecord } from '../counter/checklist/documentChecks';
import { PdfCanvas } from '../app/PdfCanvas';
import { formatSize } from '../counter/files';
import { focusSoon } from '../counter/keyboard';
import { RejectionReason } from '../counter/checklist/DocumentRow';
import { SignatureVerdictLine } from './SignatureVerdict';

type Detail = CallOutput<'requests.get'>;
type Item = Detail['checklist'][number];
type DocType = Item['documentType'];
export type Scan = CallOutput<'review.scans'>['items'][number];

export const vdocId = (type: string, part: string) => `vdoc-${type}-${part}`;
export const APPROVE_BUTTON_ID = 'review-approve';

const MIME_LABEL: Record<Scan['mime'], string> = { 'image/jpeg': 'JPG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/** A PDF of the document whose signature passes: «válida», or valid under the agency's revocation exception. */
const signedScan = (scans: readonly Scan[], type: string) => scans.some((s) => s.documentType === type && (s.acceptance === 'si' || s.acceptance === 'con_excepcion'));

/** The verdict that speaks for a document: its passing PDF's, else its first PDF's. */
const verdictScan = (scans: readonly Scan[]) => scans.find((s) => s.acceptance === 'si' || s.acceptance === 'con_excepcion') ?? scans.find((s) => s.signature !== null);

/** What stands between a virtual request and its approval, in the supervisor's words. */
export function virtualMissing(detail: Detail, scans: readonly Scan[]): string[] {
  const missing: string[] = [];
  let rejected = false;
  for (const i of detail.checklist) {
    if (!scans.some((s) => s.documentType === i.documentType)) missing.push(`${i.label}: no tiene escaneo.`);
    if (i.status === 'pendiente') missing.push(`Falta verificar: ${i.label}.`);
    if (i.status === 'rechazado') {
      rejected = true;
      missing.push(`Documento rechazado: ${i.label} (${catalogLabel(DOCUMENT_REJECTION_REASONS, i.rejectionReason) ?? 'sin motivo'}).`);
    }
    if (i.signature === 'electronica' && i.status === 'verificado' && !i.signatureMarked) missing.push(`Falta registrar la firma electrónica en: ${i.label}.`);
  }
  if (detail.checklist.length === 0) missing.push('La solicitud no tiene lista de documentos: sus datos llegaron incompletos.');
  if (rejected) missing.push('Con un documento rechazado la solicitud no se aprueba: recházela con su motivo (Alt+R).');
  return missing;
}

/** Where the keyboard goes next: the first document still to check, else the approve button. */
export function nextFocus(detail: Detail, scans: readonly Scan[], after?: DocType): string {
  const items = detail.checklist;
  const start = after ? items.findIndex((i) => i.documentType === after) + 1 : 0;
  const pending = [...items.slice(start), ...items.slice(0, start)].find((i) => i.status === 'pendiente');
  if (!pending) return APPROVE_BUTTON_ID;
  const manual = checksFor(pending.documentType, detail.intake, detail.attentionDate).find((c) => c.ok === null && pending.checks[c.key] !== true);
  if (manual && scans.some((s) => s.documentType === pending.documentType)) return vdocId(pending.documentType, manual.key);
  return vdocId(pending.documentType, 'verify');
}

interface ListProps {
  detail: Detail;
  scans: readonly Scan[];
  /** en_verificacion: documents can be verified; otherwise the list is read-only. */
  editable: boolean;
  shown: DocType | null;
  onShow(type: DocType): void;
  /** Reloads the request; resolves with the fresh detail. */
  reload(): Promise<Detail | undefined>;
}

/** The documents of a virtual request, each with its scans, its checks and the supervisor's verdict. */
export function VirtualDocuments({ detail, scans, editable, shown, onShow, reload }: ListProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Item | null>(null);

  /** Runs the calls of one verdict in order, each with the version the previous one returned. */
  async function change(item: Item, steps: ((version: number) => Promise<Result<{ version: number }>>)[]): Promise<string | null> {
    if (busy) return null;
    setBusy(true);
    setError(null);
    let version = detail.version;
    let failure: string | null = null;
    for (const step of steps) {
      const r = await step(version);
      if (!r.ok) {
        failure = r.error.message;
        break;
      }
      version = r.value.version;
    }
    const fresh = await reload();
    setBusy(false);
    if (failure) setError(failure);
    else if (fresh) focusSoon(nextFocus(fresh, scans, item.documentType));
    return failure;
  }

  const mark = (item: Item, marked: boolean) => (version: number) => call('requests.markSignature', { id: detail.id, version, documentType: item.documentType, marked });
  const verdict = (item: Item, status: Item['status'], extra: { checks?: Record<string, boolean>; rejectionReason?: DocumentRejectionReason; note?: string } = {}) => (version: number) =>
    call('requests.verifyDocument', {
      id: detail.id,
      version,
      documentType: item.documentType,
      presented: scans.some((s) => s.documentType === item.documentType),
      presentedAs: scans.some((s) => s.documentType === item.documentType) ? 'escaneo' : null,
      checks: extra.checks ?? {},
      status,
      rejectionReason: extra.rejectionReason ?? null,
      note: extra.note ? extra.note : null,
    });

  // Verifying a document that requires an electronic signature records the signature too: the
  // core accepts the mark only when the PDF's signature verifies as «válida».
  const verify = (item: Item, checks: Record<string, boolean>) =>
    void change(item, [...(item.signature === 'electronica' && !item.signatureMarked ? [mark(item, true)] : []), verdict(item, 'verificado', { checks })]);
  const undo = (item: Item) => void change(item, [verdict(item, 'pendiente'), ...(item.signatureMarked ? [mark(item, false)] : [])]);
  const markOnly = (item: Item) => void change(item, [mark(item, true)]);

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="virtual-docs-title">
      <Typography id="virtual-docs-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 0.5 }}>
        Documentos de la Ventanilla Virtual
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
        Compare cada escaneo con los datos de la solicitud. Reglas: JPG o PDF de hasta 1 MB; la Solicitud de entrega de clave y el Acuerdo llevan firma electrónica.
      </Typography>
      {error && (
        <Alert severity="error" role="alert" onClose={() => setError(null)} sx={{ mb: 1 }}>
          {error}
        </Alert>
      )}
      <Stack component="ol" spacing={1} aria-label="Documentos de la Ventanilla Virtual" sx={{ m: 0, p: 0 }}>
        {detail.checklist.map((item) => (
          <VirtualDocumentRow
            // A new verdict starts the row from what the core holds.
            key={`${item.documentType}-${item.status}`}
            item={item}
            detail={detail}
            scans={scans.filter((s) => s.documentType === item.documentType)}
            editable={editable && !busy}
            shown={shown === item.documentType}
            onShow={onShow}
            onVerify={verify}
            onReject={setRejecting}
            onUndo={undo}
            onMarkSignature={markOnly}
          />
        ))}
      </Stack>
      {rejecting && (
        <RejectDocumentDialog
          label={rejecting.label}
          channel="virtual"
          onClose={() => {
            const type = rejecting.documentType;
            setRejecting(null);
            focusSoon(vdocId(type, 'reject'));
          }}
          onSubmit={async (reason, note) => {
            const item = rejecting;
            const error = await change(item, [verdict(item, 'rechazado', { rejectionReason: reason as DocumentRejectionReason, note }), ...(item.signatureMarked ? [mark(item, false)] : [])]);
            if (!error) setRejecting(null);
            return error;
          }}
        />
      )}
    </Paper>
  );
}

const STATUS = {
  pendiente: { label: 'Pendiente', color: 'default' },
  verificado: { label: 'Verificado', color: 'success' },
  rechazado: { label: 'Rechazado', color: 'error' },
} as const;

interface RowProps {
  item: Item;
  detail: Detail;
  scans: readonly Scan[];
  editable: boolean;
  shown: boolean;
  onShow(type: DocType): void;
  onVerify(item: Item, checks: Record<string, boolean>): void;
  onReject(item: Item): void;
  onUndo(item: Item): void;
  onMarkSignature(item: Item): void;
}

function VirtualDocumentRow({ item, detail, scans, editable, shown, onShow, onVerify, onReject, onUndo, onMarkSignature }: RowProps) {
  const type = item.documentType;
  const checks = checksFor(type, detail.intake, detail.attentionDate);
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>(() => Object.fromEntries(checks.filter((c) => c.ok === null).map((c) => [c.key, item.checks[c.key] === true])));
  const hasScan = scans.length > 0;
  const rulesOk = scans.every((s) => s.formatOk && s.sizeOk);
  const needsSignature = item.signature === 'electronica';
  const signed = signedScan(scans, type);
  const verdict = verdictScan(scans);
  const failing = checks.filter((c) => c.ok === false);
  const unconfirmed = checks.filter((c) => c.ok === null && !confirmed[c.key]);
  const pending = item.status === 'pendiente';
  const canVerify = editable && pending && hasScan && rulesOk && failing.length === 0 && unconfirmed.length === 0 && (!needsSignature || signed);
  const hint = !hasScan
    ? 'No hay escaneo de este documento: rechácelo.'
    : !rulesOk
      ? 'Un archivo no cumple las reglas (JPG o PDF de hasta 1 MB): rechácelo.'
      : needsSignature && !signed
        ? `La firma electrónica no es válida (${verdict?.signature?.summary ?? 'no hay un PDF firmado'}): rechace el documento.`
        : failing.length > 0
          ? `No se puede verificar: ${failing.map((c) => c.label).join('; ')}.`
          : unconfirmed.length > 0
            ? 'Confirme las comprobaciones mirando el escaneo.'
            : '';
  const s = STATUS[item.status];
  return (
    <Paper
      variant="outlined"
      component="li"
      aria-label={item.label}
      data-status={item.status}
      onFocus={() => !shown && onShow(type)}
      sx={{
        listStyle: 'none',
        p: 1.25,
        borderLeft: 4,
        borderLeftColor: item.status === 'verificado' ? 'success.main' : item.status === 'rechazado' ? 'error.main' : 'grey.400',
        outline: shown ? '2px solid' : 'none',
        outlineColor: 'primary.main',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700 }}>
          {item.label}
        </Typography>
        <Chip size="small" label={s.label} color={s.color} variant={pending ? 'outlined' : 'filled'} />
        <Box sx={{ flex: 1 }} />
        <Button id={vdocId(type, 'view')} size="small" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} startIcon={<VisibilityIcon />} aria-pressed={shown} onClick={() => onShow(type)} aria-label={`Ver escaneo de ${item.label}`}>
          Ver escaneo
        </Button>
      </Box>
      <Typography variant="caption" color="textSecondary" component="p" sx={{ mb: 0.5 }}>
        Se exige: {catalogLabel(PRESENTATIONS, item.presentation)}
        {item.signature ? ` · ${catalogLabel(SIGNATURE_KINDS, item.signature)}` : ''}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: 1, rowGap: 0.5 }}>
        {!hasScan && <Chip size="small" color="error" variant="outlined" icon={<ErrorIcon />} label="Sin escaneo adjunto" />}
        {scans.map((scan) => (
          <ScanChips key={scan.id} scan={scan} />
        ))}
        {needsSignature && hasScan && !verdict && <Chip size="small" variant="outlined" color="error" icon={<ErrorIcon />} label="Sin firma electrónica: no hay un PDF" />}
        {needsSignature && signed && item.signatureMarked && <Chip size="small" color="success" icon={<CheckCircleIcon />} label="Firma electrónica registrada" />}
        {checks.map((c) =>
          c.ok === null ? (
            <FormControlLabel
              key={c.key}
              sx={{ m: 0 }}
              control={<Checkbox id={vdocId(type, c.key)} size="small" checked={confirmed[c.key] === true} disabled={!editable || !pending} onChange={(e) => setConfirmed({ ...confirmed, [c.key]: e.target.checked })} />}
              label={<Typography variant="body2">{c.label}</Typography>}
            />
          ) : (
            <Chip key={c.key} size="small" variant="outlined" color={c.ok ? 'success' : 'error'} icon={c.ok ? <CheckCircleIcon /> : <ErrorIcon />} label={c.label} />
          ),
        )}
        <Box sx={{ flex: 1 }} />
        {pending ? (
          <>
            <Button id={vdocId(type, 'verify')} size="small" variant="contained" color="success" disabled={!canVerify} aria-label={`Verificado: ${item.label}`} onClick={() => onVerify(item, checksRecord(checks, confirmed))}>
              Verificado
            </Button>
            <Button id={vdocId(type, 'reject')} size="small" color="error" disabled={!editable} aria-label={`Rechazar… ${item.label}`} onClick={() => onReject(item)}>
              Rechazar…
            </Button>
          </>
        ) : (
          <>
            {needsSignature && item.status === 'verificado' && !item.signatureMarked && (
              <Button id={vdocId(type, 'sign')} size="small" variant="outlined" disabled={!editable || !signed} onClick={() => onMarkSignature(item)}>
                Registrar firma electrónica
              </Button>
            )}
            <Button id={vdocId(type, 'undo')} size="small" disabled={!editable} aria-label={`Deshacer: ${item.label}`} onClick={() => onUndo(item)}>
              Deshacer
            </Button>
          </>
        )}
      </Box>
      {needsSignature && verdict && (
        <Box sx={{ mt: 0.5 }}>
          <SignatureVerdictLine scan={verdict} title={item.label} />
        </Box>
      )}
      {pending && editable && hint && (
        <Typography variant="caption" color={failing.length > 0 || !hasScan || !rulesOk || (needsSignature && !signed) ? 'error' : 'text.secondary'} sx={{ display: 'block', textAlign: 'right' }}>
          {hint}
        </Typography>
      )}
      <RejectionReason item={item} />
    </Paper>
  );
}

function ScanChips({ scan }: { scan: Scan }) {
  const ok = scan.formatOk && scan.sizeOk;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={ok ? 'success' : 'error'}
      icon={ok ? <CheckCircleIcon /> : <ErrorIcon />}
      label={`${scan.fileName ?? 'escaneo'} · ${MIME_LABEL[scan.mime]} · ${formatSize(scan.size)}${ok ? '' : !scan.formatOk ? ' · no es JPG ni PDF' : ' · supera 1 MB'}`}
    />
  );
}

/** The scans of the document in view, shown in the app (images inline, PDFs with pdf.js). */
export function ScanPanel({ detail, scans, shown, onEnlarge }: { detail: Detail; scans: readonly Scan[]; shown: DocType | null; onEnlarge(id: string, title: string): void }) {
  const item = detail.checklist.find((i) => i.documentType === shown) ?? detail.checklist[0];
  const own = item ? scans.filter((s) => s.documentType === item.documentType) : [];
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2, maxHeight: '85vh', overflow: 'auto' }} component="section" aria-labelledby="scan-panel-title">
      <Typography id="scan-panel-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
        Escaneo{item ? `: ${item.label}` : ''}
      </Typography>
      {item && own.length === 0 && <Alert severity="warning">El solicitante no cargó este documento en la Ventanilla Virtual.</Alert>}
      {own.map((scan, n) => {
        const title = `${item!.label} (${n + 1} de ${own.length})`;
        return (
          <Box key={scan.id} sx={{ mb: 2 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
              <ScanChips scan={scan} />
              <Box sx={{ flex: 1 }} />
              <Button size="small" onClick={() => onEnlarge(scan.id, title)}>
                Ampliar
              </Button>
            </Box>
            {scan.signature && (item!.signature === 'electronica' || scan.signature.signatures.length > 0) && (
              <Box sx={{ mb: 0.5 }}>
                <SignatureVerdictLine scan={scan} title={title} />
              </Box>
            )}
            <ScanView id={scan.id} label={title} />
          </Box>
        );
      })}
      {own.some((s) => s.signature && s.signature.signatures.length > 0) && (
        <Typography variant="caption" color="textSecondary">
          Las firmas se verifican en esta estación: integridad del PDF, cambios después de firmar, vigencia del certificado, su autoridad de certificación (instalada en la agencia), revocación y firmante.
        </Typography>
      )}
    </Paper>
  );
}

function ScanView({ id, label }: { id: string; label: string }) {
  const file = useCall('attachments.get', { id });
  if (file.isLoading) return <CircularProgress size={24} aria-label="Cargando escaneo" sx={{ display: 'block', mx: 'auto', my: 4 }} />;
  if (file.error) return <Alert severity="error">{file.error.message}</Alert>;
  if (!file.data) return null;
  if (file.data.mime === 'application/pdf') return <PdfCanvas base64={file.data.dataBase64} label={label} maxWidth={540} />;
  return <Box component="img" src={`data:${file.data.mime};base64,${file.data.dataBase64}`} alt={label} sx={{ display: 'block', maxWidth: '100%', mx: 'auto', border: 1, borderColor: 'divider' }} />;
}
